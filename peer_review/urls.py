"""URLs of the Assessment and Cooperation Forum, under /forum-oceny/."""

from django.urls import path

from .views import coordination, exports, followup, participation, public
from .views import findings as findings_views
from .views import report as report_views

app_name = "peer_review"

urlpatterns = [
    path("", public.index, name="index"),
    path("nowy/", coordination.cycle_create, name="cycle_create"),
    path("<slug:slug>/", public.cycle, name="cycle"),
    # the report as files (HTML inline, PDF, DOCX)
    path("<slug:slug>/raport.html", exports.report_html, name="report_html"),
    path("<slug:slug>/raport.pdf", exports.report_pdf, name="report_pdf"),
    path("<slug:slug>/raport.docx", exports.report_docx, name="report_docx"),
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
    # findings and the recommendations consolidated from them
    path("<slug:slug>/ustalenia/", findings_views.mine, name="my_findings"),
    path(
        "<slug:slug>/wyzwania/<int:pk>/ustalenia/",
        findings_views.challenge_findings,
        name="challenge_findings",
    ),
    path(
        "<slug:slug>/wyzwania/<int:pk>/ustalenia/<int:finding_id>/",
        findings_views.finding_edit,
        name="finding_edit",
    ),
    path(
        "<slug:slug>/wyzwania/<int:pk>/ustalenia/<int:finding_id>/akcja/",
        findings_views.finding_action,
        name="finding_action",
    ),
    path("<slug:slug>/wyzwania/<int:pk>/rekomendacje/", findings_views.consolidation, name="consolidation"),
    path(
        "<slug:slug>/wyzwania/<int:pk>/rekomendacje/<int:recommendation_id>/",
        findings_views.recommendation_edit,
        name="recommendation_edit",
    ),
    path(
        "<slug:slug>/wyzwania/<int:pk>/rekomendacje/<int:recommendation_id>/akcja/",
        findings_views.recommendation_action,
        name="recommendation_action",
    ),
    # the report, drafted together and reviewed by the hosts
    path("<slug:slug>/raport/", report_views.report, name="report"),
    path("<slug:slug>/raport/skladanie/", report_views.assemble, name="report_assemble"),
    path("<slug:slug>/raport/przeglad-skladania/", report_views.preview, name="report_preview"),
    path("<slug:slug>/raport/sekcje/<int:pk>/", report_views.section, name="report_section"),
    path("<slug:slug>/raport/sekcje/<int:pk>/edycja/", report_views.section_edit, name="report_section_edit"),
    path("<slug:slug>/raport/sekcje/<int:pk>/nowy-tekst/", report_views.resolve, name="report_resolve"),
    path("<slug:slug>/raport/sekcje/<int:pk>/wersje/", report_views.revisions, name="report_revisions"),
    path(
        "<slug:slug>/raport/sekcje/<int:pk>/wersje/porownanie/", report_views.compare, name="report_compare"
    ),
    path(
        "<slug:slug>/raport/sekcje/<int:pk>/wersje/<int:revision_id>/przywroc/",
        report_views.restore,
        name="report_restore",
    ),
    path("<slug:slug>/raport/sekcje/<int:pk>/komentarze/", report_views.comment, name="report_comment"),
    path(
        "<slug:slug>/raport/sekcje/<int:pk>/komentarze/<int:comment_id>/rozwiaz/",
        report_views.comment_resolve,
        name="report_comment_resolve",
    ),
    path("<slug:slug>/raport/gospodarz/<int:host_id>/", report_views.host_review, name="report_host_review"),
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
    # follow-up of the published report
    path("<slug:slug>/dzialania/", followup.board, name="followup_board"),
    path("<slug:slug>/dzialania/gospodarz/<int:host_id>/", followup.host, name="followup_host"),
    path(
        "<slug:slug>/dzialania/rekomendacje/<int:pk>/",
        followup.recommendation,
        name="followup_recommendation",
    ),
    path("<slug:slug>/dzialania/zadania/<int:pk>/", followup.action, name="followup_action"),
]
