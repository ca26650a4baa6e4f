"""/katalog/: the partner directory."""

from django.urls import path, re_path

from . import views

app_name = "directory"

urlpatterns = [
    path("", views.directory_list, name="list"),
    path("mapa/", views.directory_map, name="map"),
    re_path(r"^eksport\.(?P<fmt>csv|xlsx)$", views.export, name="export"),
    path("nowa/", views.create, name="create"),
    path("import/", views.import_view, name="import"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/edytuj/", views.edit, name="edit"),
    path("<slug:slug>/kontakt/", views.contact, name="contact"),
    path("<slug:slug>/polacz/", views.merge, name="merge"),
    path("<slug:slug>/weryfikacja/", views.verify, name="verify"),
    path("<slug:slug>/polozenie/", views.position, name="position"),
    path("<slug:slug>/historia/", views.history, name="history"),
    path("<slug:slug>/<str:kind>/dodaj/", views.child_edit, name="child_add"),
    path("<slug:slug>/<str:kind>/<int:pk>/edytuj/", views.child_edit, name="child_edit"),
    path("<slug:slug>/<str:kind>/<int:pk>/usun/", views.child_delete, name="child_delete"),
]
