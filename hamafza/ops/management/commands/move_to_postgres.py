"""`hamafza move-to-postgres DATABASE_URL`: copy this embedded installation into PostgreSQL."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from hamafza.ops.move import move_to_postgres
from hamafza.ops.progress import Progress
from hamafza.ops.restore import RestoreRefused


class Command(BaseCommand):
    help = "Copy the embedded SQLite database into an empty PostgreSQL database and verify every table."

    def add_arguments(self, parser):
        parser.add_argument("database_url")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, database_url: str, no_progress: bool, **options):
        try:
            result = move_to_postgres(database_url, progress=Progress(self.stderr._out, enabled=not no_progress))
        except RestoreRefused as refusal:
            raise CommandError(_("انتقال انجام نشد: %(why)s") % {"why": refusal}) from None
        for check in result.checks:
            mark = _("درست") if check.matches else _("ناهمخوان")
            self.stdout.write(f"{check.label}: {check.rows} — {mark}")
        if not result.ok:
            raise CommandError(_("شمار سطرها یا چکیدهٔ SHA-256 برخی جدول‌ها در مقصد با مبدأ نمی‌خواند؛ به پایگاه دادهٔ تازه نروید."))
        self.stdout.write(
            _("همهٔ %(count)s جدول با شمار سطر و چکیدهٔ SHA-256 یکسان منتقل شد.\n"
              "اکنون در محیط هم‌افزا (مثلاً /etc/hamafza.env) بگذارید:\n"
              "  DATABASE_URL=%(url)s\n"
              "و HAMAFZA_SQLITE_PATH را بردارید؛ سپس هم‌افزا را دوباره راه بیندازید. "
              "پروندهٔ SQLite دست‌نخورده می‌ماند (نگهش دارید تا از کار تازه مطمئن شوید). "
              "پرونده‌های رسانه همان‌جا که هستند می‌مانند.")
            % {"count": len(result.checks), "url": database_url}
        )
