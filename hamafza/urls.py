from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    # The admin signs in through accounts (password, then the second factor), never on its own form.
    path("admin/login/", RedirectView.as_view(pattern_name="accounts:sign_in", query_string=True)),
    path("admin/", admin.site.urls),
    path("accounts/", include("hamafza.accounts.urls")),
    path("api/", include("hamafza.api.urls")),
    path("workspace/", include("hamafza.workspace.urls")),
    path("", include("hamafza.portal.urls")),
]
# Uploaded media in development (static() adds nothing unless DEBUG is on).
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler404 = "hamafza.portal.views.errors.page_not_found"
handler500 = "hamafza.portal.views.errors.server_error"
handler400 = "hamafza.portal.views.errors.bad_request"
handler403 = "hamafza.portal.views.errors.permission_denied"
