from ninja import Schema


class ErrorOut(Schema):
    detail: str


ERRORS = {400: ErrorOut, 404: ErrorOut}
