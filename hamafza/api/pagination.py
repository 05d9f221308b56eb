"""Page-number pagination without COUNT(*): a page reads one row more than it shows, which
tells whether a next page exists. Pages are bounded so that an offset stays an index walk."""

from django.http import HttpRequest
from ninja import Field, Schema

MAX_PAGE = 1000
MAX_PAGE_SIZE = 100


class PageParams(Schema):
    page: int = Field(1, ge=1, le=MAX_PAGE, description=f"1 to {MAX_PAGE}")
    page_size: int = Field(20, ge=1, le=MAX_PAGE_SIZE, description=f"1 to {MAX_PAGE_SIZE}")

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


def _page_link(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def page_links(request: HttpRequest, params: PageParams, has_next: bool) -> dict[str, str | None]:
    return {
        "next": _page_link(request, params.page + 1) if has_next and params.page < MAX_PAGE else None,
        "previous": _page_link(request, params.page - 1) if params.page > 1 else None,
    }
