from django.urls import path

from .views import errors

app_name = "portal"
urlpatterns: list = []
