from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One recorded change. Never edited; kept when the actor or object is deleted."""

    at = models.DateTimeField(_("زمان"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    actor_name = models.CharField(_("کاربر"), max_length=150, blank=True)
    action = models.CharField(_("رویداد"), max_length=60)
    object_type = models.CharField(_("نوع"), max_length=60, blank=True)
    object_id = models.BigIntegerField(null=True, blank=True)
    object_repr = models.CharField(_("موضوع"), max_length=250, blank=True)
    # Plain ids, not foreign keys: the log outlives the agencies and councils it mentions (and is
    # written while they are being deleted). Names come from agencies.registry.
    agency_id = models.BigIntegerField(_("دستگاه"), null=True, blank=True)
    council_id = models.BigIntegerField(_("شورا"), null=True, blank=True)
    # Written while its subject was private to its agencies (a draft): the council's secretariat
    # and observers never read it (hamafza.policy.visible_audit_events).
    agency_only = models.BooleanField(_("فقط برای دستگاه"), default=False)
    before = models.JSONField(_("پیش از تغییر"), default=dict, blank=True)
    after = models.JSONField(_("پس از تغییر"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["agency_id", "at"], name="audit_agency_at"),
            models.Index(fields=["council_id", "at"], name="audit_council_at"),
            models.Index(fields=["action", "at"], name="audit_action_at"),
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
        ]
        verbose_name = _("رویداد")
        verbose_name_plural = _("رویدادها")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"
