"""How a notice's text is shown under its sentence, on the desk and in e-mails.

A person's own words (a return reason, a comment, a request's message) are quoted with
guillemets; the system's own sentences («"راه‌آهن جنوب" … را رزرو کرد») are not, since they
carry their own guillemets around names and quoting them again gave «««راه‌آهن جنوب»…»."""

from __future__ import annotations

# Kinds whose text is what a person wrote.
QUOTED_KINDS = frozenset({"returned", "commented", "coop_request"})
LIMIT = 140


def excerpt(kind: str, text: str, limit: int | None = LIMIT) -> str:
    text = " ".join((text or "").split())
    if not text:
        return ""
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    if kind in QUOTED_KINDS:
        return f"«{text}»"
    return text
