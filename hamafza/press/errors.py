"""The press office's error for bad input: a Persian message and the field it concerns (the
council's CouncilError, so that the shared readers of council/inputs.py raise it too)."""

from hamafza.council.errors import CouncilError


class PressError(CouncilError):
    pass


__all__ = ["CouncilError", "PressError"]
