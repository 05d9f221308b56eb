from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ScorecardSettings(models.Model):
    """A council's choice of scored criteria and their weights (hamafza.scorecard.criteria).

    `weights` maps a criterion key to a whole weight 0–100; 0 shows the criterion's figures without
    scoring it, and a key that is not there takes the criterion's default weight (so a criterion
    registered later by another app is scored at its default until the secretariat decides)."""

    council = models.OneToOneField("agencies.Council", on_delete=models.CASCADE, related_name="scorecard_settings")
    weights = models.JSONField(_("وزن معیارها"), default=dict, blank=True)
    # Scores and ranks in the public API (hamafza.api); the counts there are public regardless.
    public_scores = models.BooleanField(_("امتیازها در API عمومی"), default=False)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("تنظیمات کارنامه")
        verbose_name_plural = _("تنظیمات کارنامه")

    def __str__(self) -> str:
        return str(self.council_id)
