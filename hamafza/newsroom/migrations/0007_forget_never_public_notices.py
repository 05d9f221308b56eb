"""Items unpublished while still scheduled were given a withdrawal notice at their URL although
nobody could ever read them (issue 12). The audit log says which: an `item.unpublished` entry
whose item was `scheduled` before it, not published since. Their notice goes (a plain 404)."""

from django.db import migrations

PUBLISHED = ("item.published", "item.approved_published", "item.published_scheduled")


def forget_never_public(apps, schema_editor):
    db = schema_editor.connection.alias  # the database being migrated, not always «default»
    AuditEvent = apps.get_model("audit", "AuditEvent")
    NewsItem = apps.get_model("newsroom", "NewsItem")
    taken_back = AuditEvent.objects.using(db).filter(
        action="item.unpublished", object_type="newsroom.newsitem", before__status="scheduled"
    )
    for event in taken_back.iterator():
        published_since = AuditEvent.objects.using(db).filter(
            object_type="newsroom.newsitem", object_id=event.object_id, action__in=PUBLISHED, at__gte=event.at,
        ).exclude(pk=event.pk).exists()
        if not published_since:
            NewsItem.objects.using(db).filter(pk=event.object_id, status="unpublished").update(unpublish_mode="", published_at=None)


class Migration(migrations.Migration):

    dependencies = [
        ("newsroom", "0006_alter_itemagency_role"),
        ("audit", "0001_initial"),
    ]

    operations = [migrations.RunPython(forget_never_public, migrations.RunPython.noop)]
