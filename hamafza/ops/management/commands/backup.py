"""`hamafza backup [--to DIR] [--keep-daily N --keep-weekly M]`: one consistent archive."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from hamafza.ops.backup import make_backup, prune
from hamafza.ops.progress import Progress


class Command(BaseCommand):
    help = "Back up the database and the media into one archive (with a .sha256 beside it)."

    def add_arguments(self, parser):
        parser.add_argument("--to", dest="directory", default=str(settings.BACKUP_DIR))
        parser.add_argument("--keep-daily", type=int, default=None, help="Keep the last N days' archives.")
        parser.add_argument("--keep-weekly", type=int, default=None, help="Keep the last M weeks' archives.")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, directory: str, keep_daily, keep_weekly, no_progress: bool, **options):
        directory = Path(directory)
        result = make_backup(directory, progress=Progress(self.stderr._out, enabled=not no_progress))
        self.stdout.write(
            _("پشتیبان ساخته شد: %(path)s\n%(tables)s جدول، %(rows)s سطر، %(media)s پرونده؛ چکیدهٔ SHA-256: %(sha)s")
            % {"path": result.path, "tables": result.tables, "rows": result.rows, "media": result.media,
               "sha": result.sha256}
        )
        if keep_daily is not None or keep_weekly is not None:
            for path in prune(directory, keep_daily=keep_daily or 0, keep_weekly=keep_weekly or 0):
                self.stdout.write(_("پشتیبان قدیمی پاک شد: %(path)s") % {"path": path})
        if result.missing:
            for name in result.missing:
                self.stderr.write(_("خطا: پروندهٔ «%(name)s» در پایگاه داده هست ولی در انبار پرونده‌ها نیست.") % {"name": name})
            raise CommandError(
                _("%(count)s پرونده‌ای که سطرهایشان در پشتیبان هست پیدا نشد؛ پشتیبان بی آن‌ها ساخته شد.")
                % {"count": len(result.missing)}
            )
