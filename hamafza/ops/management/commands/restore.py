"""`hamafza restore ARCHIVE [--replace]`: an archive into this installation."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from hamafza.ops.progress import Progress
from hamafza.ops.restore import RestoreRefused, restore


class Command(BaseCommand):
    help = "Restore a backup archive into an empty installation (--replace: over the existing data)."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--replace", action="store_true", help="Replace the data this installation holds.")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, archive: str, replace: bool, no_progress: bool, **options):
        try:
            result = restore(Path(archive), replace=replace, progress=Progress(self.stderr._out, enabled=not no_progress))
        except RestoreRefused as refusal:
            raise CommandError(_("بازگردانی انجام نشد و چیزی تغییر نکرد: %(why)s") % {"why": refusal}) from None
        for warning in result.warnings:
            self.stderr.write(_("هشدار: %(warning)s") % {"warning": warning})
        self.stdout.write(
            _("بازگردانی انجام شد: %(tables)s جدول، %(rows)s سطر، %(media)s پرونده.")
            % {"tables": result.tables, "rows": result.rows, "media": result.media}
        )
