"""URLs of the Assessment and Cooperation Forum, under /forum-oceny/."""

from django.urls import path

from .views import coordination, participation, public

app_name = "peer_review"

urlpatterns = [
    path("", public.index, name="index"),
    path("nowy/", coordination.cycle_create, name="cycle_create"),
    path("<slug:slug>/", public.cycle, name="cycle"),
    # applicants and observers
    path("<slug:slug>/zgloszenie/", participation.apply, name="apply"),
    path("<slug:slug>/zgloszenie/wycofaj/", participation.withdraw, name="withdraw"),
    path("<slug:slug>/obserwator/", participation.observer, name="observer"),
    # hosts and experts
    path("<slug:slug>/gospodarz/", participation.host, name="host"),
    path("<slug:slug>/ekspert/", participation.expert, name="expert"),
    path("<slug:slug>/wyzwania/nowe/<int:host_id>/", participation.challenge_create, name="challenge_create"),
    path("<slug:slug>/wyzwania/<int:pk>/", participation.challenge, name="challenge"),
    path("<slug:slug>/wyzwania/<int:pk>/edycja/", participation.challenge_edit, name="challenge_edit"),
    path("<slug:slug>/wyzwania/<int:pk>/akcja/", participation.challenge_action, name="challenge_action"),
    path(
        "<slug:slug>/wyzwania/<int:pk>/zalaczniki/<int:attachment_id>/",
        participation.attachment,
        name="attachment",
    ),
    path("<slug:slug>/spotkania/<int:pk>/", participation.meeting, name="meeting"),
    # the network coordinator
    path("<slug:slug>/panel/", coordination.board, name="board"),
    path("<slug:slug>/panel/przejscie/", coordination.transition, name="transition"),
    path("<slug:slug>/ustawienia/", coordination.settings, name="settings"),
    path("<slug:slug>/gospodarze/", coordination.hosts, name="hosts"),
    path("<slug:slug>/zgloszenia/", coordination.applications, name="applications"),
    path("<slug:slug>/zgloszenia/<int:pk>/", coordination.application, name="application"),
    path("<slug:slug>/przydzial/", coordination.assignment, name="assignment"),
    path("<slug:slug>/przydzial/<int:number>/", coordination.run, name="run"),
    path("<slug:slug>/spotkania/", coordination.meetings, name="meetings"),
]
