"""`hamafza totp USER`: the current code of a user's authenticator (for the demo and for support)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "کد شش‌رقمی فعلی ورود دومرحله‌ای (TOTP) یک کاربر را چاپ می‌کند."

    def add_arguments(self, parser):
        parser.add_argument("username", help="نام کاربری")

    def handle(self, *args, username: str, **options):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"کاربری با نام کاربری «{username}» پیدا نشد.")
        device = TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("id").first()
        if device is None:
            raise CommandError(f"کاربر «{username}» دستگاه تأییدشده ورود دومرحله‌ای (TOTP) ندارد.")
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)
        self.stdout.write(str(code).zfill(device.digits))
