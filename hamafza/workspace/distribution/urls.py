from django.urls import path

from . import views

app_name = "distribution"

urlpatterns = [
    path("channels/", views.channel_list, name="channels"),
    path("channels/new/", views.channel_edit, name="channel_new"),
    path("channels/<int:channel_id>/", views.channel_edit, name="channel"),
    path("channels/<int:channel_id>/sandbox/", views.sandbox_view, name="sandbox"),
    path("channels/<int:channel_id>/test/", views.channel_test, name="channel_test"),
    path("channels/<int:channel_id>/resume/", views.channel_resume, name="channel_resume"),
    path("platforms/<int:council_id>/", views.council_platforms, name="platforms"),
    path("troubles/", views.troubles, name="troubles"),
    path("items/<int:item_id>/", views.item_deliveries, name="item"),
    path("items/<int:item_id>/channels/", views.item_channels, name="item_channels"),
    path("deliveries/<int:delivery_id>/retry/", views.delivery_retry, name="retry"),
    path("deliveries/<int:delivery_id>/mark/", views.delivery_mark, name="mark"),
]
