"""The one error the council's actions raise for bad input: its message is Persian and is shown
to the person as it is."""


class CouncilError(ValueError):
    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.message = message
        self.field = field
