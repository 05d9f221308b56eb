# Task reminders move to the one notifications inbox: the unread council notices become
# notifications (read ones were seen already and are dropped), then the Notice model goes.

from django.db import migrations

OVERDUE_WORDS = "گذشته است"


def unread_notices_to_inbox(apps, schema_editor):
    db = schema_editor.connection.alias  # the database being migrated, not always «default»
    Notice = apps.get_model("council", "Notice")
    Notification = apps.get_model("notifications", "Notification")
    rows = []
    for notice in Notice.objects.using(db).filter(read_at__isnull=True, task__isnull=False).select_related("task").iterator():
        rows.append(Notification(
            user_id=notice.user_id, kind="task_overdue" if OVERDUE_WORDS in notice.text else "task_due",
            subject=notice.task.title[:250], url=f"/workspace/council/tasks/{notice.task_id}/",
        ))
    Notification.objects.using(db).bulk_create(rows, batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ("council", "0001_initial"),
        ("notifications", "0004_council_task_kinds"),
    ]

    operations = [
        migrations.RunPython(unread_notices_to_inbox, migrations.RunPython.noop),
        migrations.DeleteModel(name="Notice"),
    ]
