"""/wydarzenia/: events, registration and calendars."""

from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("", views.event_list, name="list"),
    path("moje/", views.my_events, name="mine"),
    path("kalendarz.ics", views.public_feed, name="public_feed"),
    path("kalendarz/<str:token>.ics", views.personal_feed, name="personal_feed"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/zapisz/", views.register, name="register"),
    path("<slug:slug>/wypisz/", views.cancel, name="cancel"),
    path("<slug:slug>/wydarzenie.ics", views.event_ics, name="event_ics"),
]
