"""URLs of the personal privacy page."""

from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("", views.privacy_centre, name="centre"),
    path("eksport/", views.export, name="export"),
    path("usun-konto/", views.erase, name="erase"),
]
