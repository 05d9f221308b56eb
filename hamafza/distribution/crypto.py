"""Bot tokens at rest: encrypted with a key derived from SECRET_KEY (Fernet), and identified by
a hash (for pauses and rate limits) so that the clear token is read only to send."""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _fernet() -> Fernet:
    digest = hashlib.sha256(("hamafza.distribution.token:" + settings.SECRET_KEY).encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def encrypt(token: str) -> str:
    return _fernet().encrypt(token.encode()).decode() if token else ""


def decrypt(stored: str) -> str:
    if not stored:
        return ""
    try:
        return _fernet().decrypt(stored.encode()).decode()
    except InvalidToken:  # SECRET_KEY changed: the token must be entered again
        return ""


def token_key(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()[:32] if token else ""


def mask(token: str) -> str:
    """What a person sees of a token: its bot id (the part before the colon) and last 4 chars."""
    if not token:
        return ""
    head, _, secret = token.partition(":") if ":" in token else ("", "", token)
    tail = secret[-4:] if len(secret) >= 16 else ""  # a short secret shows nothing of itself
    return f"{head[:12]}:…{tail}" if head else f"…{tail}"
