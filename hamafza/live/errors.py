"""The one error the live actions raise for bad input. It is a CouncilError, so the Jalali date
and time readers of `hamafza.council.inputs` and the views that show those messages work here
too; the message is Persian and is shown to the person as it is."""

from hamafza.council.errors import CouncilError


class LiveError(CouncilError):
    pass
