from django.urls import path

from . import preferences, views

app_name = "notifications"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("read-all/", views.read_all, name="read_all"),
    path("<int:notification_id>/open/", views.open_notification, name="open"),
    path("settings/", preferences.page, name="settings"),
    path("settings/bale/link/", preferences.bale_link, name="bale_link"),
    path("settings/bale/unlink/", preferences.bale_unlink, name="bale_unlink"),
    path("settings/sms/", preferences.sms_add, name="sms_add"),
    path("settings/sms/verify/", preferences.sms_verify, name="sms_verify"),
    path("settings/sms/remove/", preferences.sms_remove, name="sms_remove"),
    path("settings/choices/", preferences.choices, name="choices"),
]
