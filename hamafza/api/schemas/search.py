from ninja import Field, Schema

from .news import NewsSummaryOut


class SearchResultOut(NewsSummaryOut):
    title_html: str = Field(description="the title, HTML-escaped, matched words in <mark>")
    snippet: str = Field(description="HTML-escaped text around the first match, matched words in <mark>")


class SearchPageOut(Schema):
    page: int
    page_size: int
    next: str | None = Field(description="URL of the next page, null on the last")
    previous: str | None
    total_estimate: int = Field(description="matches among the ranked candidates")
    total_is_lower_bound: bool = Field(description="true when there may be more matches than total_estimate")
    results: list[SearchResultOut]
