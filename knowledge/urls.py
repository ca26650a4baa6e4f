"""Non-page views of the knowledge library under /wiedza/: drafting practices, verification."""

from django.urls import path  # noqa: F401

app_name = "knowledge"

urlpatterns: list = []
