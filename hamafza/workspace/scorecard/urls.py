from django.urls import path

from . import views

app_name = "scorecard"

urlpatterns = [
    path("", views.page, name="page"),
    path("export.xlsx", views.export_xlsx, name="export"),
    path("weights/", views.weights, name="weights"),
    path("items/<str:key>/", views.items, name="items"),
]
