"""Conditional GET for API responses.

The ETag is a hash of the response body (Django's ConditionalGetMiddleware, applied per
operation): it changes exactly when what the client would receive changes, including edits
that do not touch an item's `updated_at` (its tags, sectors, agencies, the registry's names).
An If-None-Match that matches gets 304 with no body. The queries still run; what the client
saves is the transfer and the parsing, which is what a poll over a slow mobile link costs.
"""

from django.utils.decorators import decorator_from_middleware
from django.middleware.http import ConditionalGetMiddleware
from ninja.decorators import decorate_view

conditional = decorate_view(decorator_from_middleware(ConditionalGetMiddleware))
