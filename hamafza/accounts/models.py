from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person. Roles come from memberships (per agency) and council roles (per council)."""

    title = models.CharField(_("سمت"), max_length=200, blank=True)
    phone = models.CharField(_("تلفن همراه"), max_length=20, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("کاربر")
        verbose_name_plural = _("کاربران")

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class Membership(models.Model):
    """A person's role in an agency's PR office."""

    class Role(models.TextChoices):
        STAFF = "staff", _("کارشناس روابط عمومی")
        HEAD = "head", _("مدیر روابط عمومی")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("نقش"), max_length=10, choices=Role.choices, default=Role.STAFF)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "agency"], name="unique_user_agency")]
        verbose_name = _("عضویت در دستگاه")
        verbose_name_plural = _("عضویت‌ها در دستگاه")

    def __str__(self) -> str:
        return f"{self.user} · {self.agency} · {self.get_role_display()}"


class CouncilRole(models.Model):
    """A person's role on a council: its secretariat, or an observer (who changes nothing)."""

    class Role(models.TextChoices):
        SECRETARIAT = "secretariat", _("دبیرخانه شورا")
        OBSERVER = "observer", _("ناظر")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="council_roles")
    council = models.ForeignKey("agencies.Council", on_delete=models.CASCADE, related_name="person_roles")
    role = models.CharField(_("نقش"), max_length=12, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "council", "role"], name="unique_user_council_role")]
        verbose_name = _("نقش در شورا")
        verbose_name_plural = _("نقش‌ها در شورا")

    def __str__(self) -> str:
        return f"{self.user} · {self.council} · {self.get_role_display()}"


class Invitation(models.Model):
    """An e-mailed link that lets a person join an agency with a role. The link carries a random
    token; only its SHA-256 is stored. It expires, and it works once."""

    email = models.EmailField(_("رایانامه"))
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(_("نقش"), max_length=10, choices=Membership.Role.choices, default=Membership.Role.STAFF)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("انقضا"))
    accepted_at = models.DateTimeField(_("پذیرفته‌شده در"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("دعوت‌نامه")
        verbose_name_plural = _("دعوت‌نامه‌ها")

    def __str__(self) -> str:
        return f"{self.email} · {self.agency} · {self.get_role_display()}"
