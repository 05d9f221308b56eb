from django.urls import path

from . import views

urlpatterns = [
    path("", views.overview, name="coverage"),
    path("items/<int:item_id>/", views.item, name="coverage_item"),
    path("review/", views.review, name="coverage_review"),
    path("review/<int:coverage_id>/<str:verdict>/", views.decide, name="coverage_decide"),
    path("bulletin/", views.bulletin_page, name="coverage_bulletin"),
    path("bulletin.pdf", views.bulletin_pdf, name="coverage_bulletin_pdf"),
    path("feeds/", views.feeds, name="coverage_feeds"),
    path("feeds/<int:outlet_id>/", views.set_feed, name="coverage_feed_set"),
    path("alerts/", views.alerts, name="coverage_alerts"),
    path("alerts/<int:alert_id>/delete/", views.delete_alert, name="coverage_alert_delete"),
]
