from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from hamafza.portal.views import errors as portal_errors
from hamafza.portal.views.media import serve_media
from hamafza.workspace import errors as workspace_errors

urlpatterns = [
    # The admin signs in through accounts (password, then the second factor), never on its own form.
    path("admin/login/", RedirectView.as_view(pattern_name="accounts:sign_in", query_string=True)),
    path("admin/", admin.site.urls),
    path("accounts/", include("hamafza.accounts.urls")),
    path("api/", include("hamafza.api.urls")),
    path("workspace/", include("hamafza.workspace.urls")),
    path("", include("hamafza.portal.urls")),
]
# Every uploaded file, on the local disk or in S3, checked by the policy (portal/views/media.py).
urlpatterns.insert(0, path(f"{settings.MEDIA_URL.strip('/')}/<path:name>", serve_media, name="media"))



# Errors: inside the workspace shell for signed-in people under /workspace/, else the portal's page
# (which never queries: it is also the fallback when the shell cannot render).
def _in_workspace(status: int, portal_handler):
    def handler(request, exception=None):
        if workspace_errors.applies(request):
            try:
                return workspace_errors.render(request, status, exception)
            except Exception:  # the database is down, a template broke: the plain page
                pass
        return portal_handler(request) if status == 500 else portal_handler(request, exception)
    return handler


handler400 = _in_workspace(400, portal_errors.bad_request)
handler403 = _in_workspace(403, portal_errors.permission_denied)
handler404 = _in_workspace(404, portal_errors.page_not_found)


def handler500(request):
    return _in_workspace(500, portal_errors.server_error)(request)
