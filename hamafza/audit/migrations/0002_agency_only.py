from django.db import migrations, models

# Entries written before `agency_only` existed: the event kinds that happen to drafts (the old
# hard-coded list, plus the supporting-agency answers and grants) are kept from the council.
DRAFT_STAGE = (
    "item.created", "item.saved", "item.restored", "item.commented", "item.lock_taken_over",
    "item.support_accepted", "item.support_declined", "item.edit_granted", "item.edit_revoked",
)


def mark_draft_stage(apps, schema_editor):
    db = schema_editor.connection.alias  # the database being migrated, not always «default»
    AuditEvent = apps.get_model("audit", "AuditEvent")
    AuditEvent.objects.using(db).filter(action__in=DRAFT_STAGE).update(agency_only=True)


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="agency_only",
            field=models.BooleanField(default=False, verbose_name="فقط برای دستگاه"),
        ),
        migrations.RunPython(mark_draft_stage, migrations.RunPython.noop),
    ]
