import django.db.models.deletion
from django.db import migrations, models

SQLITE_CREATE = [
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "exact, extra, content='search_document', content_rowid='item_id', tokenize='unicode61')",
]
SQLITE_DROP = ["DROP TABLE IF EXISTS search_fts"]
POSTGRES_CREATE = [
    "ALTER TABLE search_document ADD COLUMN vector tsvector",
    "CREATE INDEX searchdoc_vector_gin ON search_document USING gin (vector)",
]
POSTGRES_DROP = ["DROP INDEX IF EXISTS searchdoc_vector_gin", "ALTER TABLE search_document DROP COLUMN IF EXISTS vector"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    initial = True

    dependencies = [("newsroom", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "item",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name="search_document",
                        serialize=False, to="newsroom.newsitem",
                    ),
                ),
                ("status", models.CharField(max_length=12)),
                ("lead_agency_id", models.BigIntegerField()),
                ("published_at", models.DateTimeField(blank=True, null=True)),
                ("exact", models.TextField(blank=True)),
                ("extra", models.TextField(blank=True)),
                ("indexed_at", models.DateTimeField(auto_now=True)),
            ],
            options={
                "db_table": "search_document",
                "indexes": [models.Index(fields=["lead_agency_id", "status"], name="searchdoc_agency_status")],
            },
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}),
            _run({"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}),
        ),
    ]
