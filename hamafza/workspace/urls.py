from django.urls import path

from . import views

app_name = "workspace"

urlpatterns = [
    path("", views.desk, name="desk"),
    path("items/<int:item_id>/", views.item_detail, name="item"),
]
