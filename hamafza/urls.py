from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("hamafza.api.urls")),
    path("", include("hamafza.portal.urls")),
]

handler404 = "hamafza.portal.views.errors.page_not_found"
handler500 = "hamafza.portal.views.errors.server_error"
handler400 = "hamafza.portal.views.errors.bad_request"
handler403 = "hamafza.portal.views.errors.permission_denied"
