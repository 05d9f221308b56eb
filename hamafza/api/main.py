"""The public read API, version 1: one NinjaAPI, one router per domain app."""

from ninja import NinjaAPI

from . import errors
from .routers import agencies, news, search, staff

api = NinjaAPI(
    title="هم‌افزا — Hamafza public API",
    version="1",
    description=(
        "خواندن عمومی دستگاه‌ها، بخش‌ها و خبرهای منتشرشدهٔ شورایی که نام میزبانش در درخواست آمده است. "
        "Read-only; every response carries an ETag (If-None-Match → 304). Errors are "
        '`{"detail": "<Persian message>"}`: 400 for bad input, 404 for what this council does not show.'
    ),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)
api.add_router("/v1/", agencies.router)
api.add_router("/v1/", news.router)
api.add_router("/v1/", search.router)
api.add_router("/v1/", staff.router)
api.add_router("/v1/", "hamafza.api.routers.reporting.router")
api.add_router("/v1/", "hamafza.api.routers.health.router")
api.add_router("/v1/", "hamafza.api.routers.scorecard.router")
api.add_router("/v1/", "hamafza.api.routers.reach.router")
