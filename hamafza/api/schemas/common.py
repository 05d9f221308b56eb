from typing import Annotated

from ninja import Field, Schema

from hamafza.persian.digits import MAX_ID

# MAX_ID is the largest id a BigAutoField holds; a larger one cannot even be bound in SQL (SQLite
# raises OverflowError, PostgreSQL a DataError), so every id the API reads is bounded by it.

# An id in a request body or query: 1 … MAX_ID; anything else is a 400 with a Persian message.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
# A non-negative counter (a revision number) with the same bound.
Count = Annotated[int, Field(ge=0, le=MAX_ID)]


class ErrorOut(Schema):
    detail: str


ERRORS = {400: ErrorOut, 404: ErrorOut}
