from django.urls import path

from . import views

app_name = "live"

urlpatterns = [
    path("", views.events, name="events"),
    path("new/", views.new_event, name="new"),
    path("<int:event_id>/", views.event, name="event"),
    path("<int:event_id>/edit/", views.edit_event, name="edit"),
    path("<int:event_id>/post/", views.post_update, name="post"),
    path("<int:event_id>/summary/", views.summary, name="summary"),
    path("<int:event_id>/direct/", views.direct, name="direct"),
    path("updates/<int:update_id>/", views.update, name="update"),
    path("board/", views.board, name="board"),
    path("board/<int:entity_id>/", views.entity_status, name="status"),
]
