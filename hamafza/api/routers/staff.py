"""The staff API: integrations create and submit drafts with a personal token.

`Authorization: Bearer hz_…` (a token made in the workspace, hamafza.apitokens). The token acts
with its owner's roles, through the same policy and actions as the workspace. Errors are
`{"detail": "<Persian message>"}`: 401 without a valid token, 403 when the person may not do it,
404 for an item they may not see, 400 for bad input (with `errors` per field), 409 for an edit
conflict (with the revision number saved in between).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.security import HttpBearer

from hamafza import policy
from hamafza.agencies.models import Agency
from hamafza.apitokens.actions import user_for_key
from hamafza.newsroom import actions, workflow
from hamafza.newsroom.models import NewsItem

from ..schemas.common import Count, Id


class StaffToken(HttpBearer):
    openapi_description = "A staff token (hz_…) from the workspace; acts with its owner's roles."

    def __call__(self, request):
        user = super().__call__(request)
        if not user:
            raise HttpError(401, _("کلید API معتبر لازم است: سرآیند Authorization: Bearer hz_…"))
        return user

    def authenticate(self, request, token):
        user = user_for_key(token)
        if user is None:
            raise HttpError(401, _("کلید API نامعتبر است یا باطل شده است."))
        request.user = user
        return user


router = Router(tags=["staff"], auth=StaffToken())


class Problem(Schema):
    detail: str
    errors: dict[str, list[str]] | None = None
    current_revision: int | None = None


STAFF_ERRORS = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem}


class DraftIn(Schema):
    title: str | None = Field(None, max_length=2000)
    kicker: str | None = Field(None, max_length=2000)
    lead: str | None = Field(None, max_length=20000)
    body: str | None = Field(None, max_length=400000)
    city: str | None = Field(None, max_length=2000)
    tags: list[str] | None = Field(None, max_length=100)
    sectors: list[Id] | None = Field(None, max_length=100)
    supporting: list[Id] | None = Field(None, max_length=100)


class CreateIn(DraftIn):
    agency: Id = Field(..., description="the lead agency's id (one of your agencies)")


class SaveIn(DraftIn):
    base_revision: Count = Field(..., description="the `revision` you read; a newer one on the server → 409")


class ItemOut(Schema):
    id: int
    status: str
    revision: int
    title: str
    kicker: str
    lead: str
    body: str
    city: str
    agency: int
    tags: list[str]
    sectors: list[int]
    supporting: list[int]


class MeOut(Schema):
    username: str
    name: str
    agencies: dict[int, str]


def _out(item: NewsItem) -> dict:
    data = workflow.snapshot(item)
    return {
        "id": item.pk, "status": item.status, "revision": item.revision, "agency": item.lead_agency_id,
        **{k: data[k] for k in ("title", "kicker", "lead", "body", "city", "tags", "sectors", "supporting")},
    }


def _data(payload: DraftIn) -> dict:
    return {k: v for k, v in payload.dict(exclude={"agency", "base_revision"}).items() if v is not None}


def _problem(exc: Exception):
    if isinstance(exc, workflow.EditConflict):
        return Status(409, {"detail": exc.messages[0], "current_revision": exc.theirs.number if exc.theirs else None})
    if isinstance(exc, ValidationError):
        errors = exc.message_dict if hasattr(exc, "error_dict") else None
        detail = _("ورودی نامعتبر است.") if errors else exc.messages[0]
        return Status(400, {"detail": detail, "errors": errors})
    if isinstance(exc, Http404):
        return Status(404, {"detail": _("پیدا نشد.")})
    return Status(403, {"detail": str(exc) or _("شما اجازهٔ این کار را ندارید.")})


def _item(request, item_id: int) -> NewsItem:
    return policy.access_item(request.auth, item_id)


@router.get("staff/me", response={200: MeOut, **STAFF_ERRORS}, summary="The token's owner and their agencies")
def me(request: HttpRequest):
    roles = policy.roles_of(request.auth)
    return {"username": request.auth.username, "name": request.auth.display_name, "agencies": roles.agencies}


@router.get("staff/items/{item_id}", response={200: ItemOut, **STAFF_ERRORS}, summary="An item you may see")
def get_item(request: HttpRequest, item_id: int):
    try:
        return _out(_item(request, item_id))
    except (Http404, PermissionDenied) as exc:
        return _problem(exc)


@router.post("staff/items", response={201: ItemOut, **STAFF_ERRORS}, summary="Create a draft")
def create_draft(request: HttpRequest, payload: CreateIn):
    agency = Agency.objects.filter(pk=payload.agency).first()
    if agency is None or not policy.can_create_item(request.auth, agency.pk):
        return Status(403, {"detail": _("شما عضو این دستگاه نیستید و نمی‌توانید برای آن خبر بنویسید.")})
    try:
        item = actions.do_create_draft(request.auth, agency, _data(payload))
    except (PermissionDenied, ValidationError) as exc:
        return _problem(exc)
    return Status(201, _out(item))


@router.put("staff/items/{item_id}", response={200: ItemOut, **STAFF_ERRORS}, summary="Save a draft")
def save_draft(request: HttpRequest, item_id: int, payload: SaveIn):
    try:
        item = _item(request, item_id)
        actions.do_save_draft(request.auth, item, _data(payload), payload.base_revision)
    except (Http404, PermissionDenied, ValidationError) as exc:
        return _problem(exc)
    item.refresh_from_db()
    return _out(item)


@router.post("staff/items/{item_id}/submit", response={200: ItemOut, **STAFF_ERRORS}, summary="Submit for approval")
def submit(request: HttpRequest, item_id: int):
    try:
        item = actions.do_submit(request.auth, _item(request, item_id))
    except (Http404, PermissionDenied, ValidationError) as exc:
        return _problem(exc)
    return _out(item)
