import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    """The media library: photo metadata, sharing with the council, renditions; attachment kind."""

    dependencies = [
        ("agencies", "0001_initial"),
        ("newsroom", "0002_itemagency_acceptance"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="image",
            options={"ordering": ["-created_at", "-id"], "verbose_name": "تصویر", "verbose_name_plural": "تصاویر"},
        ),
        migrations.AddField(model_name="image", name="taken_on", field=models.DateField(blank=True, null=True, verbose_name="تاریخ عکس")),
        migrations.AddField(model_name="image", name="place", field=models.CharField(blank=True, max_length=150, verbose_name="مکان")),
        migrations.AddField(
            model_name="image", name="keywords",
            field=models.CharField(blank=True, help_text="با ویرگول جدا کنید", max_length=300, verbose_name="برچسب‌ها"),
        ),
        migrations.AddField(model_name="image", name="shared", field=models.BooleanField(default=False, verbose_name="اشتراک با شورا")),
        migrations.AddField(model_name="image", name="renditions", field=models.JSONField(blank=True, default=list)),
        migrations.AddField(
            model_name="image", name="uploaded_by",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(model_name="attachment", name="kind", field=models.CharField(blank=True, max_length=8, verbose_name="نوع")),
        migrations.AddIndex(model_name="image", index=models.Index(fields=["agency", "created_at"], name="image_agency_created")),
        migrations.AddIndex(model_name="image", index=models.Index(fields=["shared", "created_at"], name="image_shared_created")),
    ]
