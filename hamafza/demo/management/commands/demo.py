"""`hamafza demo`: (re)load the Khuzestan demo council, its people and its news."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from hamafza.agencies.models import Council
from hamafza.demo import loader
from hamafza.persian.digits import to_persian_digits


class Command(BaseCommand):
    help = "شورای نمایشی خوزستان را (دوباره) بارگذاری می‌کند؛ فقط در حالت نمایشی (HAMAFZA_DEMO=1)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true",
            help="فقط وقتی بارگذاری کن که هنوز هیچ شورایی در پایگاه داده نیست (برای make run).",
        )
        parser.add_argument(
            "--force", action="store_true",
            help="بیرون از حالت نمایشی هم بارگذاری کن (کاربران نمایشی با گذرواژه معلوم ساخته می‌شوند).",
        )

    def handle(self, *args, if_empty: bool, force: bool, **options):
        if not settings.DEMO_MODE and not force:
            raise CommandError(
                "این فرمان فقط در حالت نمایشی اجرا می‌شود، چون کاربرانی با گذرواژه‌های معلوم می‌سازد و "
                "داده‌های نمایشی قبلی را پاک می‌کند. حالت نمایشی را با HAMAFZA_DEMO=1 روشن کنید یا اگر "
                "مطمئنید --force را بیفزایید. برای راه‌اندازی یک شورای واقعی از «hamafza setup» استفاده کنید."
            )
        if if_empty and Council.objects.exists():
            self.stdout.write("پایگاه داده شورا دارد؛ داده نمایشی دوباره بارگذاری نشد.")
            self._print_credentials(loader.existing_credentials())
            return
        started = time.monotonic()
        creds = loader.load()
        elapsed = time.monotonic() - started
        fa = to_persian_digits
        self.stdout.write(self.style.SUCCESS(
            f"شورای نمایشی خوزستان در {fa(f'{elapsed:.1f}').replace('.', '٫')} ثانیه بارگذاری شد: "
            f"{fa(len(loader.agency_data.AGENCIES))} دستگاه، {fa(len(loader.agency_data.COUNCILS))} شورا، "
            f"{fa(len(loader.news_data.NEWS))} خبر."
        ))
        if not settings.DEMO_MODE:
            self.stdout.write(self.style.WARNING(
                "هشدار: حالت نمایشی خاموش است ولی کاربران نمایشی با گذرواژه معلوم ساخته شدند؛ "
                "پیش از استفاده واقعی آن‌ها را حذف کنید."
            ))
        self._print_credentials(creds)

    def _print_credentials(self, creds) -> None:
        headers = ("username", "password", "نقش", "دستگاه / شورا", "2FA")
        rows = [(c.username, c.password, c.role, c.where, "بله" if c.totp else "خیر") for c in creds]
        widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]
        self.stdout.write("")
        self.stdout.write("کاربران نمایشی (کد ورود دومرحله‌ای: hamafza totp USERNAME):")
        for r in [headers, tuple("-" * w for w in widths), *rows]:
            self.stdout.write("  ".join(str(v).ljust(w) for v, w in zip(r, widths)).rstrip())
