from django.urls import path

from . import views

app_name = "textcheck"

urlpatterns = [
    path("<int:item_id>/check/", views.check, name="check"),
    path("<int:item_id>/accept/", views.accept, name="accept"),
    path("<int:item_id>/submit/", views.submit, name="submit"),
]
