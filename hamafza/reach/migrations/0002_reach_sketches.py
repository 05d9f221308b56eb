# The readers of today and yesterday move from one ReaderMark row each into a sketch on their
# count's row (hamafza.reach.sketch), so that a flush writes per item, not per reader.

import datetime as dt

from django.db import migrations, models
from django.utils import timezone


def marks_to_sketches(apps, schema_editor):
    from hamafza.reach.sketch import Sketch

    ReaderMark = apps.get_model("reach", "ReaderMark")
    ItemDailyViews = apps.get_model("reach", "ItemDailyViews")
    db = schema_editor.connection.alias  # restore and move migrate another database than default
    since = timezone.localdate() - dt.timedelta(days=1)
    groups: dict[tuple, list[int]] = {}
    for day, council, item, digest in ReaderMark.objects.using(db).filter(day__gte=since).values_list(
            "day", "council_id", "item_id", "digest").iterator():
        groups.setdefault((day, council, item), []).append(digest)
    for (day, council, item), marks in groups.items():
        readers = Sketch.empty()
        readers.add(marks)
        ItemDailyViews.objects.using(db).filter(day=day, council_id=council, item_id=item).update(readers=readers.dump())


class Migration(migrations.Migration):

    dependencies = [
        ('reach', '0001_reach_views'),
    ]

    operations = [
        migrations.AddField(
            model_name='itemdailyviews',
            name='readers',
            field=models.BinaryField(editable=False, null=True),
        ),
        migrations.RunPython(marks_to_sketches, migrations.RunPython.noop),
        migrations.DeleteModel(
            name='ReaderMark',
        ),
    ]
