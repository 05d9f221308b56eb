from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from hamafza.portal.views.media import serve_media

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

handler404 = "hamafza.portal.views.errors.page_not_found"
handler500 = "hamafza.portal.views.errors.server_error"
handler400 = "hamafza.portal.views.errors.bad_request"
handler403 = "hamafza.portal.views.errors.permission_denied"
