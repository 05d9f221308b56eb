"""Secrets at rest (bot tokens, gateway API keys): encrypted with a key derived from SECRET_KEY and
a purpose (Fernet), so that the clear value is read only to call the service. Each app names its
own purpose (distribution.crypto: channel tokens; notifications: the council's notice bot and SMS
key)."""

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _fernet(purpose: str) -> Fernet:
    digest = hashlib.sha256((purpose + ":" + settings.SECRET_KEY).encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def encrypt(purpose: str, value: str) -> str:
    return _fernet(purpose).encrypt(value.encode()).decode() if value else ""


def decrypt(purpose: str, stored: str) -> str:
    if not stored:
        return ""
    try:
        return _fernet(purpose).decrypt(stored.encode()).decode()
    except InvalidToken:  # SECRET_KEY changed: the secret must be entered again
        return ""


def keyed_hash(purpose: str, value: str) -> str:
    """An HMAC-SHA256 of a one-time code: what is stored of it (a short code is not guessable from
    it without SECRET_KEY)."""
    return hmac.new((purpose + ":" + settings.SECRET_KEY).encode(), value.encode(), hashlib.sha256).hexdigest()


def mask(token: str) -> str:
    """What a person sees of a token: its bot id (the part before the colon) and last 4 chars."""
    if not token:
        return ""
    head, _, secret = token.partition(":") if ":" in token else ("", "", token)
    tail = secret[-4:] if len(secret) >= 16 else ""  # a short secret shows nothing of itself
    return f"{head[:12]}:…{tail}" if head else f"…{tail}"
