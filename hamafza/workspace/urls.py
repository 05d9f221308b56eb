from django.urls import include, path

from . import views

app_name = "workspace"

urlpatterns = [
    path("", views.desk, name="desk"),
    path("items/<int:item_id>/", views.item_detail, name="item"),
    path("_styleguide/", views.styleguide, name="styleguide"),
    path("reporting/", include("hamafza.workspace.reporting.urls")),
    path("reach/", include("hamafza.workspace.reach.urls")),
    path("council/", include("hamafza.workspace.council.urls")),
    path("live/", include("hamafza.workspace.live.urls")),
    path("news/", include("hamafza.workspace.news.urls")),
    path("textcheck/", include("hamafza.workspace.textcheck.urls")),
    path("search/", include("hamafza.workspace.search.urls")),
    path("media/", include("hamafza.workspace.media.urls")),
    path("audit/", include("hamafza.workspace.audit.urls")),
    path("health/", include("hamafza.workspace.health.urls")),
    path("notifications/", include("hamafza.workspace.notifications.urls")),
    path("tokens/", include("hamafza.workspace.tokens.urls")),
    path("distribution/", include("hamafza.workspace.distribution.urls")),
    path("cooperation/", include("hamafza.workspace.cooperation.urls")),
    path("scorecard/", include("hamafza.workspace.scorecard.urls")),
    path("press/", include("hamafza.workspace.press.urls")),
    path("coverage/", include("hamafza.workspace.coverage.urls")),
]
