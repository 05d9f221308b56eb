from django.urls import path

from . import views

app_name = "press"

urlpatterns = [
    path("", views.home, name="home"),
    path("journalists/new/", views.journalist_edit, name="journalist_new"),
    path("journalists/<int:journalist_id>/", views.journalist_edit, name="journalist"),
    path("journalists/<int:journalist_id>/erase/", views.journalist_erase, name="journalist_erase"),
    path("outlets/new/", views.outlet_edit, name="outlet_new"),
    path("outlets/<int:outlet_id>/", views.outlet_edit, name="outlet"),
    path("lists/new/", views.list_edit, name="list_new"),
    path("lists/<int:list_id>/", views.list_edit, name="list"),
    path("import/", views.import_journalists, name="import"),
    path("export/<str:fmt>/", views.export_journalists, name="export"),
    path("items/<int:item_id>/card/", views.item_card, name="item_card"),
    path("items/<int:item_id>/release/", views.release_new, name="release_new"),
    path("invite/", views.invite_new, name="invite"),
    path("releases/", views.releases, name="releases"),
    path("releases/<int:release_id>/", views.release_detail, name="release"),
    path("releases/<int:release_id>/revoke/<int:recipient_id>/", views.preview_revoke, name="revoke"),
]
