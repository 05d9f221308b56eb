"""Running the installation: its health page and monitoring endpoint."""

from __future__ import annotations

from .base import roles_of

__all__ = ["can_view_health"]


def can_view_health(user) -> bool:
    """The health of the installation (disk paths, queue depths, deployment settings) is for site
    admins only: it says nothing about one council, and a lot about the server."""
    return roles_of(user).superuser
