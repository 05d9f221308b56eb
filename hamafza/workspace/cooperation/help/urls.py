from django.urls import path

from . import views

urlpatterns = [
    path("", views.help_list, name="help_list"),
    path("new/", views.help_new, name="help_new"),
    path("<int:request_id>/", views.help_detail, name="help_detail"),
]
