"""Non-page views of the knowledge library under /wiedza/: drafting practices, verification."""

from django.urls import path

from . import views_publishing

app_name = "knowledge"

urlpatterns: list = [
    path("praktyki/nowa/", views_publishing.practice_create, name="practice_create"),
    path("praktyki/moje/", views_publishing.my_practices, name="my_practices"),
    path("praktyki/<int:pk>/edycja/", views_publishing.practice_edit, name="practice_edit"),
    path("praktyki/<int:pk>/podglad/", views_publishing.practice_preview, name="practice_preview"),
    path("praktyki/<int:pk>/weryfikacja/", views_publishing.practice_verify, name="practice_verify"),
]
