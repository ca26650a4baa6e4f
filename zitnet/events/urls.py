"""/wydarzenia/: events, registration and calendars."""

from django.urls import path

from .views import attendance, leaders, public, reports

app_name = "events"

urlpatterns = [
    path("", public.event_list, name="list"),
    path("moje/", public.my_events, name="mine"),
    path("kalendarz.ics", public.public_feed, name="public_feed"),
    path("kalendarz/<str:token>.ics", public.personal_feed, name="personal_feed"),
    # The Leaders' Corps, before "<slug>/" so that its prefix is never read as an event's slug.
    path("korpus-liderow/", leaders.selection_list, name="leaders"),
    path("korpus-liderow/nowy/", leaders.selection_create, name="leaders_create"),
    path("korpus-liderow/<int:pk>/", leaders.selection_detail, name="leaders_detail"),
    path("korpus-liderow/<int:pk>/propozycja/", leaders.propose, name="leaders_propose"),
    path("korpus-liderow/<int:pk>/zamiana/", leaders.swap, name="leaders_swap"),
    path("korpus-liderow/<int:pk>/zatwierdz/", leaders.confirm, name="leaders_confirm"),
    path("korpus-liderow/<int:pk>/korpus-liderow.csv", leaders.export_csv, name="leaders_csv"),
    path("korpus-liderow/<int:pk>/korpus-liderow.xlsx", leaders.export_xlsx, name="leaders_xlsx"),
    path("<slug:slug>/", public.detail, name="detail"),
    path("<slug:slug>/zapisz/", public.register, name="register"),
    path("<slug:slug>/wypisz/", public.cancel, name="cancel"),
    path("<slug:slug>/wydarzenie.ics", public.event_ics, name="event_ics"),
    path("<slug:slug>/raport/", reports.event_report, name="report"),
    path("cykle/<slug:slug>/raport/", reports.series_report, name="series_report"),
    path("<slug:slug>/obecnosc/", attendance.check_in_list, name="check_in_list"),
    path("<slug:slug>/obecnosc/import/", attendance.import_attendance, name="attendance_import"),
    path("<slug:slug>/obecnosc/<int:registration_id>/", attendance.check_in, name="check_in"),
    path(
        "<slug:slug>/obecnosc/<int:registration_id>/cofnij/", attendance.undo_check_in, name="undo_check_in"
    ),
    path("<slug:slug>/zaswiadczenie.pdf", attendance.certificate, name="certificate"),
    path("<slug:slug>/zaswiadczenia.pdf", attendance.all_certificates, name="all_certificates"),
    # After the event paths: a code (it holds a colon) is never one of their words, so no event is shadowed.
    path("zaswiadczenie/<str:code>/", attendance.verify_certificate, name="verify_certificate"),
]
