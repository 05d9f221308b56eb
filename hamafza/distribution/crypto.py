"""Bot tokens at rest: encrypted with a key derived from SECRET_KEY (Fernet, hamafza.core.secrets),
and identified by a hash (for pauses and rate limits) so that the clear token is read only to send."""

import hashlib

from hamafza.core import secrets
from hamafza.core.secrets import mask

PURPOSE = "hamafza.distribution.token"

__all__ = ["encrypt", "decrypt", "token_key", "mask"]


def encrypt(token: str) -> str:
    return secrets.encrypt(PURPOSE, token)


def decrypt(stored: str) -> str:
    return secrets.decrypt(PURPOSE, stored)


def token_key(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()[:32] if token else ""
