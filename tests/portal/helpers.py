"""Helpers for portal tests: the visible text of a page, and what must never appear in it."""

import re

from django.http import HttpResponse

HOST = "khz.example.ir"
_INVISIBLE = re.compile(r"<(script|style|head)\b.*?</\1>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")
LATIN_DIGIT = re.compile(r"[0-9]")
PERSIAN = re.compile(r"[\u0600-\u06ff]")


def visible_text(response: HttpResponse) -> str:
    html = response.content.decode()
    html = _INVISIBLE.sub(" ", html)
    return " ".join(_TAG.sub(" ", html).split())


def assert_persian_message(response: HttpResponse, status: int, message: str | None = None) -> None:
    assert response.status_code == status, response.status_code
    text = visible_text(response)
    assert PERSIAN.search(text), text
    if message:
        assert message in text, text


def assert_no_latin_digits(response: HttpResponse, allowed: tuple[str, ...] = ()) -> None:
    # Addresses stay Latin (a short link in a copy box is an address, not prose).
    text = re.sub(r"https?://\S+", " ", visible_text(response))
    for quoted in allowed:
        text = text.replace(quoted, "")
    assert not LATIN_DIGIT.search(text), LATIN_DIGIT.search(text) and text[max(0, LATIN_DIGIT.search(text).start() - 80):][:160]
