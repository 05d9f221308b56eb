"""Existing councils keep what they use today: a council whose agencies (or itself) already
publish to Telegram, or post by hand to Instagram, keeps that platform allowed, with a note
saying so (the secretariat sees it on the platforms page and can turn it off). Every other
foreign platform — and the WhatsApp and X share buttons — is off, as for a new council."""

from django.db import migrations

NOTE = ("پیش از سیاست سکوهای مجاز، این شورا کانال %s داشت؛ برای آنکه ارسال‌ها بی‌خبر نایستند، "
        "به‌طور خودکار مجاز ماند. دبیرخانه می‌تواند آن را خاموش کند.")
MANUAL_FOREIGN = {"اینستاگرام": "instagram", "تلگرام": "telegram", "واتس‌اپ": "whatsapp", "واتساپ": "whatsapp",
                  "ایکس": "x", "توییتر": "x"}
LABELS = {"telegram": "تلگرام", "instagram": "اینستاگرام", "whatsapp": "واتس‌اپ", "x": "ایکس"}


def keep_used(apps, schema_editor):
    Council = apps.get_model("agencies", "Council")
    CouncilMembership = apps.get_model("agencies", "CouncilMembership")
    Channel = apps.get_model("distribution", "Channel")
    db = schema_editor.connection.alias
    for council in Council.objects.using(db).all():
        agencies = list(CouncilMembership.objects.using(db).filter(council_id=council.pk).values_list("agency_id", flat=True))
        used = set()
        rows = Channel.objects.using(db).filter(council_id=council.pk) | Channel.objects.using(db).filter(agency_id__in=agencies)
        for kind, manual in rows.values_list("kind", "manual_platform"):
            if kind == "telegram":
                used.add("telegram")
            elif kind == "manual" and MANUAL_FOREIGN.get((manual or "").strip()):
                used.add(MANUAL_FOREIGN[(manual or "").strip()])
        if not used:
            continue
        platforms = list(council.platforms or [])
        platforms += [p for p in sorted(used) if p not in platforms]
        note = NOTE % "، ".join(LABELS[p] for p in sorted(used))
        Council.objects.using(db).filter(pk=council.pk).update(platforms=platforms, platforms_note=note)


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0002_channels_platforms"),
        ("distribution", "0004_distribution_live_bulletins"),
    ]

    operations = [migrations.RunPython(keep_used, migrations.RunPython.noop)]
