"""The person's staff API tokens: make one (its key is shown once), revoke one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from hamafza import policy
from hamafza.accounts.decorators import staff_required
from hamafza.apitokens.actions import do_create_token, do_revoke_token
from hamafza.apitokens.models import ApiToken


@staff_required
@require_http_methods(["GET", "POST"])
def token_list(request):
    new_key, errors = None, []
    if request.method == "POST":
        try:
            _token, new_key = do_create_token(request.user, request.POST.get("name", ""))
        except ValidationError as exc:
            errors = [m for ms in exc.message_dict.values() for m in ms]
    tokens = ApiToken.objects.filter(user=request.user)
    response = render(request, "workspace/tokens/list.html", {
        "tokens": tokens, "new_key": new_key, "errors": errors, "nav": "tokens",
        "name": request.POST.get("name", "") if errors else "",
    }, status=400 if errors else 200)
    response["Cache-Control"] = "no-store"  # the new key is on this page once
    return response


@staff_required
@require_POST
def token_revoke(request, token_id: int):
    token = policy.access_api_token(request.user, token_id)
    do_revoke_token(request.user, token)
    messages.success(request, _("کلید «%(name)s» باطل شد.") % {"name": token.name})
    return redirect("workspace:tokens:list")
