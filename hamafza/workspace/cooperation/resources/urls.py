from django.urls import path

from . import views

urlpatterns = [
    path("", views.directory, name="resource_list"),
    path("new/", views.resource_form, name="resource_add"),
    path("bookings/", views.my_bookings, name="resource_bookings"),
    path("bookings/<int:booking_id>/cancel/", views.cancel, name="resource_booking_cancel"),
    path("<int:resource_id>/", views.detail, name="resource_detail"),
    path("<int:resource_id>/edit/", views.resource_form, name="resource_edit"),
    path("<int:resource_id>/book/", views.book, name="resource_book"),
    path("<int:resource_id>/retire/", views.retire, name="resource_retire"),
]
