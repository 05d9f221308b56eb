"""The platforms a council may allow its agencies to publish and share on.

A 1397 circular (under a resolution of the Supreme Council of Cyberspace) directs public bodies
to domestic messengers for official work. A new council allows the domestic ones and e-mail/RSS;
a foreign platform is allowed only when the council turns it on, with a note of why (audited:
distribution/council_platforms.py). Soroush, iGap and Gap have no usable bot API for channels:
they are served by manual kits. Aparat (video) and other websites are always allowed."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

DOMESTIC = ("bale", "eitaa", "rubika", "soroush", "igap", "gap", "email")
FOREIGN = ("telegram", "whatsapp", "x", "instagram")
ALL = DOMESTIC + FOREIGN

LABELS = {
    "bale": _("بله"), "eitaa": _("ایتا"), "rubika": _("روبیکا"), "soroush": _("سروش پلاس"), "igap": _("آی‌گپ"),
    "gap": _("گپ"), "email": _("خبرنامهٔ رایانامه‌ای و RSS"), "telegram": _("تلگرام"), "whatsapp": _("واتس‌اپ"),
    "x": _("ایکس (توییتر)"), "instagram": _("اینستاگرام"),
}

# What a manual channel's «platform» (typed or chosen in Persian) is, for the policy.
MANUAL_NAMES = {
    "سروش": "soroush", "سروش پلاس": "soroush", "آی‌گپ": "igap", "آیگپ": "igap", "ای گپ": "igap", "گپ": "gap",
    "اینستاگرام": "instagram", "تلگرام": "telegram", "واتس‌اپ": "whatsapp", "واتساپ": "whatsapp", "ایکس": "x",
    "توییتر": "x", "روبیکا": "rubika", "بله": "bale", "ایتا": "eitaa",
}


def default_platforms() -> list[str]:
    return list(DOMESTIC)


def manual_code(name: str) -> str:
    """The policy code of a manual channel's platform name ('' for one the policy does not cover)."""
    return MANUAL_NAMES.get(" ".join((name or "").split()), "")


__all__ = ["ALL", "DOMESTIC", "FOREIGN", "LABELS", "MANUAL_NAMES", "default_platforms", "manual_code"]
