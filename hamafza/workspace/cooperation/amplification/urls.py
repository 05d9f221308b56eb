from django.urls import path

from . import views

urlpatterns = [
    path("", views.amp_inbox, name="amp_inbox"),
    path("sent/", views.amp_sent, name="amp_sent"),
    path("desk/", views.amp_desk, name="amp_desk"),
    path("item/<int:item_id>/", views.amp_item, name="amp_item"),
    path("item/<int:item_id>/ask/", views.amp_ask, name="amp_ask"),
    path("<int:request_id>/", views.amp_detail, name="amp_detail"),
    path("<int:request_id>/withdraw/", views.amp_withdraw, name="amp_withdraw"),
    path("<int:request_id>/targets/<int:target_id>/accept/", views.amp_accept, name="amp_accept"),
    path("<int:request_id>/targets/<int:target_id>/decline/", views.amp_decline, name="amp_decline"),
]
