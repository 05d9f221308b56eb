"""An agency on no council had no council for 0005 to keep its Telegram (or manual Instagram, …)
channel allowed on, so the channel silently stopped receiving items. Such a channel that exists
now is kept sending, like every other agency's, while the agency sits on no council (nobody has
decided against it); the agency can add no new foreign channel, and once it sits on a council,
that council's list decides (hamafza/policy/distribution.py, platform_allowed)."""

from django.db import migrations, models

FOREIGN = ("telegram", "whatsapp", "x", "instagram")
MANUAL_FOREIGN = {"اینستاگرام": "instagram", "تلگرام": "telegram", "واتس‌اپ": "whatsapp", "واتساپ": "whatsapp",
                  "ایکس": "x", "توییتر": "x"}


def keep_without_council(apps, schema_editor):
    CouncilMembership = apps.get_model("agencies", "CouncilMembership")
    Channel = apps.get_model("distribution", "Channel")
    db = schema_editor.connection.alias
    seated = CouncilMembership.objects.using(db).values("agency_id")
    lone = Channel.objects.using(db).filter(agency_id__isnull=False).exclude(agency_id__in=seated)
    ids = [pk for pk, kind, manual in lone.values_list("pk", "kind", "manual_platform")
           if kind in FOREIGN or (kind == "manual" and " ".join((manual or "").split()) in MANUAL_FOREIGN)]
    Channel.objects.using(db).filter(pk__in=ids).update(kept_without_council=True)


class Migration(migrations.Migration):
    dependencies = [
        ("distribution", "0005_channels_platforms_existing"),
    ]

    operations = [
        migrations.AddField(
            model_name="channel",
            name="kept_without_council",
            field=models.BooleanField(default=False, editable=False, verbose_name="مانده از پیش از سیاست سکوها"),
        ),
        migrations.RunPython(keep_without_council, migrations.RunPython.noop),
    ]
