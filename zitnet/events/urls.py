"""/wydarzenia/: events, registration and calendars."""

from django.urls import path

from .views import public

app_name = "events"

urlpatterns = [
    path("", public.event_list, name="list"),
    path("moje/", public.my_events, name="mine"),
    path("kalendarz.ics", public.public_feed, name="public_feed"),
    path("kalendarz/<str:token>.ics", public.personal_feed, name="personal_feed"),
    path("<slug:slug>/", public.detail, name="detail"),
    path("<slug:slug>/zapisz/", public.register, name="register"),
    path("<slug:slug>/wypisz/", public.cancel, name="cancel"),
    path("<slug:slug>/wydarzenie.ics", public.event_ics, name="event_ics"),
]
