"""`hamafza setup`: the first council, its head agency and the first site administrator of a real
installation. The administrator's password is never a known value: typed twice, or (with
--no-input) generated with `secrets` and printed once."""

import getpass
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from hamafza.agencies.models import Agency, Council, CouncilMembership
from hamafza.demo.loader import ensure_sectors
from hamafza.persian.digits import to_persian_digits
from hamafza.persian.slugs import slugify_fa

MIN_PASSWORD_LENGTH = 12


def generate_password() -> str:
    """About 144 bits of randomness, URL-safe, easy to copy."""
    return secrets.token_urlsafe(18)


class Command(BaseCommand):
    help = "نخستین شورا، دستگاه رئیس آن و نخستین مدیر سامانه را برای یک نصب واقعی می‌سازد."

    def add_arguments(self, parser):
        parser.add_argument("--council-name", help="نام کامل شورا")
        parser.add_argument("--short-name", help="نام کوتاه شورا")
        parser.add_argument("--region", help="حوزه شورا (استان، وزارتخانه یا کل کشور)")
        parser.add_argument("--head-agency", help="نام دستگاه رئیس شورا")
        parser.add_argument("--hostname", help="نام میزبان درگاه شورا (اختیاری)")
        parser.add_argument("--admin-username", help="نام کاربری مدیر سامانه")
        parser.add_argument("--admin-email", help="رایانامه مدیر سامانه (اختیاری)")
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive",
            help="چیزی نپرس؛ گذرواژه مدیر تصادفی ساخته و یک بار چاپ می‌شود.",
        )
        parser.add_argument("--allow-existing", action="store_true", help="حتی اگر شورایی از پیش هست، شورای تازه بساز.")

    def handle(self, *args, interactive: bool, allow_existing: bool, **options):
        if Council.objects.exists() and not allow_existing:
            raise CommandError(
                "این نصب از پیش شورا دارد و راه‌اندازی نخستین‌بار لازم نیست. برای افزودن شورای دیگر "
                "--allow-existing را بیفزایید."
            )
        values = {
            "council_name": self._value(options, "council_name", "نام کامل شورا", interactive),
            "short_name": options["short_name"],
            "region": self._value(options, "region", "حوزه شورا (مثلاً استان خوزستان)", interactive),
            "head_agency": self._value(options, "head_agency", "نام دستگاه رئیس شورا", interactive),
            "hostname": options["hostname"],
            "admin_username": options["admin_username"],
            "admin_email": options["admin_email"] or "",
        }
        if interactive:
            values["short_name"] = values["short_name"] or self._ask("نام کوتاه شورا", values["council_name"][:80])
            values["hostname"] = values["hostname"] or self._ask("نام میزبان درگاه (خالی: نشانی HAMAFZA_SITE_URL و نام‌های HAMAFZA_ALLOWED_HOSTS)", "")
            values["admin_username"] = values["admin_username"] or self._ask("نام کاربری مدیر سامانه", "admin")
            values["admin_email"] = values["admin_email"] or self._ask("رایانامه مدیر سامانه", "")
        values["short_name"] = values["short_name"] or values["council_name"][:80]
        values["admin_username"] = values["admin_username"] or "admin"
        values["hostname"] = (values["hostname"] or "").strip().lower() or None

        User = get_user_model()
        if User.objects.filter(username=values["admin_username"]).exists():
            raise CommandError(f"کاربری با نام «{values['admin_username']}» از پیش وجود دارد؛ نام دیگری برگزینید.")
        if values["hostname"] and Council.objects.filter(hostname=values["hostname"]).exists():
            raise CommandError(f"شورای دیگری به میزبان «{values['hostname']}» پاسخ می‌دهد.")
        generated = not interactive
        password = generate_password() if generated else self._ask_password(values["admin_username"])

        with transaction.atomic():
            council, admin = self._create(values, password)

        self.stdout.write(self.style.SUCCESS(f"شورای «{council.name}» و مدیر سامانه «{admin.username}» ساخته شدند."))
        if generated:
            self.stdout.write("گذرواژه مدیر سامانه (فقط همین یک بار نمایش داده می‌شود؛ آن را نگه دارید):")
            self.stdout.write(password)

    # --- creation ---------------------------------------------------------------------------------

    def _create(self, values: dict, password: str):
        ensure_sectors()
        head_slug = slugify_fa(values["head_agency"]) or "agency"
        head, _ = Agency.objects.get_or_create(
            slug=head_slug, defaults={"name": values["head_agency"], "short_name": values["head_agency"][:80]},
        )
        slug = slugify_fa(values["short_name"]) or "council"
        if Council.objects.filter(slug=slug).exists():
            slug = f"{slug}-{Council.objects.count() + 1}"
        council = Council.objects.create(
            name=values["council_name"], short_name=values["short_name"][:80], slug=slug, region=values["region"],
            head_agency=head, hostname=values["hostname"], portal_title=values["council_name"],
        )
        CouncilMembership.objects.create(council=council, agency=head)
        admin = get_user_model().objects.create_superuser(
            username=values["admin_username"], email=values["admin_email"], password=password,
        )
        return council, admin

    # --- input ------------------------------------------------------------------------------------

    def _value(self, options: dict, key: str, prompt: str, interactive: bool) -> str:
        value = (options.get(key) or "").strip()
        if value:
            return value
        if not interactive:
            raise CommandError(f"با --no-input باید --{key.replace('_', '-')} ({prompt}) را بدهید.")
        while not value:
            value = input(f"{prompt}: ").strip()
        return value

    def _ask(self, prompt: str, default: str) -> str:
        suffix = f" [{default}]" if default else ""
        return input(f"{prompt}{suffix}: ").strip() or default

    def _ask_password(self, username: str) -> str:
        User = get_user_model()
        for _ in range(3):
            first = getpass.getpass("گذرواژه مدیر سامانه: ")
            second = getpass.getpass("تکرار گذرواژه: ")
            if first != second:
                self.stderr.write("دو گذرواژه یکسان نیستند؛ دوباره وارد کنید.")
                continue
            if len(first) < MIN_PASSWORD_LENGTH:
                self.stderr.write(f"گذرواژه باید دست‌کم {to_persian_digits(MIN_PASSWORD_LENGTH)} نویسه باشد.")
                continue
            try:
                validate_password(first, User(username=username))
            except ValidationError as exc:
                self.stderr.write(" ".join(exc.messages))
                continue
            return first
        raise CommandError("گذرواژه پذیرفته نشد؛ راه‌اندازی انجام نشد.")
