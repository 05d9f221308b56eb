"""The search index: one document per news item, in every status.

The processed text (hamafza.persian.searchtext) is kept here; the engine's own index lives
beside it and is created by the migration for the database in use: an FTS5 table
`search_fts` (external content, rowid = item id) on SQLite, a `vector` tsvector column with a
GIN index on PostgreSQL. Public search filters on the council's placements (published items
only); staff search will filter on `status` and the user's agencies.
"""

from django.db import models


class SearchDocument(models.Model):
    item = models.OneToOneField(
        "newsroom.NewsItem", on_delete=models.CASCADE, primary_key=True, related_name="search_document"
    )
    status = models.CharField(max_length=12)
    lead_agency_id = models.BigIntegerField()
    published_at = models.DateTimeField(null=True, blank=True)
    exact = models.TextField(blank=True)
    extra = models.TextField(blank=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "search_document"
        indexes = [models.Index(fields=["lead_agency_id", "status"], name="searchdoc_agency_status")]

    def __str__(self) -> str:
        return f"search document {self.item_id}"
