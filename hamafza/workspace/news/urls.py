from django.urls import path

from . import views

app_name = "news"

urlpatterns = [
    path("", views.news_list, name="list"),
    path("new/", views.news_new, name="new"),
    path("<int:item_id>/", views.news_edit, name="edit"),
    path("<int:item_id>/save/", views.news_save, name="save"),
    path("<int:item_id>/lock/", views.news_lock, name="lock"),
    path("<int:item_id>/release/", views.news_release, name="release"),
    path("<int:item_id>/do/<str:action>/", views.news_transition, name="transition"),
    path("<int:item_id>/revisions/", views.news_revisions, name="revisions"),
    path("<int:item_id>/revisions/<int:number>/restore/", views.news_restore, name="restore"),
    path("<int:item_id>/comments/", views.news_comments, name="comments"),
    path("<int:item_id>/preview/", views.news_preview, name="preview"),
    path("<int:item_id>/attachments/", views.news_attach, name="attach"),
    path("<int:item_id>/attachments/<int:attachment_id>/delete/", views.news_detach, name="detach"),
    path("<int:item_id>/video/", views.news_video, name="video"),
    path("<int:item_id>/video/delete/", views.news_video_remove, name="video_remove"),
]
