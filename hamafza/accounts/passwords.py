"""Django's password validators with Persian messages (settings.AUTH_PASSWORD_VALIDATORS).

The rules are Django's own; only the words change. The project keeps Persian msgids in source
(no .po files), so the messages are written here rather than translated from Django's English.
"""

from django.contrib.auth import password_validation as django_validators
from django.utils.translation import gettext as _

from hamafza.persian.digits import to_persian_digits


class MinimumLengthValidator(django_validators.MinimumLengthValidator):
    def get_error_message(self):
        return _("این گذرواژه کوتاه است؛ دست‌کم %(n)s نویسه لازم است.") % {"n": to_persian_digits(self.min_length)}

    def get_help_text(self):
        return _("گذرواژه دست‌کم %(n)s نویسه باشد.") % {"n": to_persian_digits(self.min_length)}


class UserAttributeSimilarityValidator(django_validators.UserAttributeSimilarityValidator):
    def get_error_message(self):
        # Django fills in the field's verbose name (Django's own Persian for the user's fields).
        return _("این گذرواژه به %(verbose_name)s شما بسیار شبیه است.")

    def get_help_text(self):
        return _("گذرواژه به نام، نام کاربری یا رایانامهٔ شما شبیه نباشد.")


class CommonPasswordValidator(django_validators.CommonPasswordValidator):
    def get_error_message(self):
        return _("این گذرواژه بسیار رایج است و به‌آسانی حدس زده می‌شود.")

    def get_help_text(self):
        return _("گذرواژه از گذرواژه‌های رایج نباشد.")


class NumericPasswordValidator(django_validators.NumericPasswordValidator):
    def get_error_message(self):
        return _("گذرواژه نباید فقط از رقم ساخته شود.")

    def get_help_text(self):
        return _("گذرواژه فقط رقم نباشد.")
