class ScorecardError(ValueError):
    """Bad input to a scorecard action: its message is Persian and is shown as it is."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.message = message
        self.field = field
