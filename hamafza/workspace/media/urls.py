from django.urls import path

from . import views

app_name = "media"

urlpatterns = [
    path("", views.library, name="library"),
    path("upload/", views.upload, name="upload"),
    path("picker/", views.picker, name="picker"),
    path("<int:image_id>/", views.image_edit, name="image"),
]
