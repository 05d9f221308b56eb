"""Every check, registered in the order the page and `hamafza doctor` show them."""

from . import database, runtime, senders, storage, deploy  # noqa: F401
