from django.urls import path

from . import views

urlpatterns = [
    path("", views.reach_page, name="reach"),
]
