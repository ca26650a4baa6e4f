"""URLs of the account pages (allauth's own pages live under /konto/ too)."""

from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profil/", views.profile, name="profile"),
    path("profil/token-api/", views.api_token, name="api_token"),
    path("organizacje/dolacz/", views.membership_request, name="membership_request"),
    path("organizacje/czlonkostwo/<int:pk>/opusc/", views.membership_leave, name="membership_leave"),
    path("organizacje/<slug:slug>/czlonkowie/", views.members, name="members"),
    path(
        "organizacje/<slug:slug>/czlonkowie/<int:pk>/decyzja/",
        views.membership_decide,
        name="membership_decide",
    ),
    path("organizacje/<slug:slug>/czlonkowie/<int:pk>/rola/", views.membership_role, name="membership_role"),
    path(
        "organizacje/<slug:slug>/czlonkowie/<int:pk>/usun/", views.membership_remove, name="membership_remove"
    ),
]
