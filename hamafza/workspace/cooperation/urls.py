"""The cooperation area of the workspace: co-publication requests, help requests, the resource
directory with bookings, and the reciprocity record. Each part keeps its own URLs and views."""

from django.urls import include, path

app_name = "cooperation"

urlpatterns = [
    path("", include("hamafza.workspace.cooperation.hub.urls")),
    path("requests/", include("hamafza.workspace.cooperation.amplification.urls")),
    path("help/", include("hamafza.workspace.cooperation.help.urls")),
    path("resources/", include("hamafza.workspace.cooperation.resources.urls")),
    path("reciprocity/", include("hamafza.workspace.cooperation.reciprocity.urls")),
]
