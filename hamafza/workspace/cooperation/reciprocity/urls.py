from django.urls import path

from . import views

urlpatterns = [
    path("", views.record, name="reciprocity"),
    path("export.csv", views.export_csv, name="reciprocity_csv"),
]
