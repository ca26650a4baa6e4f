"""/dyskusje/: discussion spaces, threads and posts."""

from django.urls import path

from .views import moderation, notifications, public, spaces

app_name = "forum"

urlpatterns = [
    path("", public.index, name="index"),
    # Fixed words first, so that no space's slug shadows them.
    path("osoby/<int:pk>/", public.person, name="person"),
    path("zalaczniki/<int:pk>/", public.attachment, name="attachment"),
    path("wpisy/<int:pk>/", public.post_link, name="post"),
    path("wpisy/<int:pk>/edycja/", public.edit, name="edit"),
    path("wpisy/<int:pk>/historia/", public.history, name="history"),
    path("wpisy/<int:pk>/reakcja/", public.react, name="react"),
    # Notifications (F3): fixed words, before the space's slug.
    path("powiadomienia/", notifications.notification_list, name="notifications"),
    path("powiadomienia/przeczytane/", notifications.mark_all_read, name="notifications_read_all"),
    path("powiadomienia/ustawienia/", notifications.email_settings, name="notification_settings"),
    path("powiadomienia/obecnosc/", notifications.presence_settings, name="presence_settings"),
    path("powiadomienia/<int:pk>/przeczytane/", notifications.mark_read, name="notification_read"),
    path("wypisz/<str:token>/", notifications.unsubscribe, name="unsubscribe"),
    # Moderation (F2): its fixed words also come before the space's slug.
    path("moderacja/", moderation.network_queue, name="network_moderation_queue"),
    path("moderacja/zgloszenia/<int:pk>/odrzuc/", moderation.dismiss_report, name="dismiss_report"),
    path("watki/<int:pk>/moderacja/<str:action>/", moderation.thread_action, name="thread_moderate"),
    path("watki/<int:pk>/przenies/", moderation.move_thread, name="move_thread"),
    path("wpisy/<int:pk>/zglos/", moderation.report_post, name="report_post"),
    path("wpisy/<int:pk>/ukryj/", moderation.hide_post, name="hide_post"),
    path("wpisy/<int:pk>/pokaz/", moderation.unhide_post, name="unhide_post"),
    # Working-group spaces, created and run by the network coordinators ("przestrzenie" is a fixed word too).
    path("przestrzenie/nowa/", spaces.space_create, name="space_create"),
    path("<slug:slug>/ustawienia/", spaces.space_settings, name="space_settings"),
    path("<slug:slug>/moderacja/", moderation.space_queue, name="moderation_queue"),
    path("<slug:slug>/moderacja/dziennik/", moderation.space_log, name="moderation_log"),
    path("<slug:slug>/", public.space, name="space"),
    path("<slug:slug>/nowy-watek/", public.new_thread, name="new_thread"),
    path("<slug:slug>/obserwuj/", public.follow_space, name="follow_space"),
    path("<slug:slug>/<int:pk>/", public.thread, name="thread"),
    path("<slug:slug>/<int:pk>/odpowiedz/", public.reply, name="reply"),
    path("<slug:slug>/<int:pk>/nowe/", public.thread_since, name="thread_since"),
    path("<slug:slug>/<int:pk>/obserwuj/", public.follow_thread, name="follow_thread"),
]
