"""Forum e-mails "at once" as an outbox: sent by the web process after the commit, or by `manage.py forum_mail`
when a worker of its own does it; each notification mailed once, kept due when the mail server fails, not mailed
when it was read on the site first or its thread can no longer be read."""

from datetime import timedelta
from io import StringIO
from smtplib import SMTPServerDisconnected

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command
from django.utils import timezone

from forum import moderation, notifications, services
from forum.enums import NotificationKind, Visibility
from forum.models import Notification
from tests.forum.test_notifications import person, space, start

pytestmark = pytest.mark.django_db


class BrokenMailServer(BaseEmailBackend):
    """An SMTP server that hangs up: what the outbox must survive."""

    def send_messages(self, email_messages):
        raise SMTPServerDisconnected("Connection unexpectedly closed")


def follower_reply(django_capture_on_commit_callbacks, *, where=None):
    """Celina follows a thread; Bartosz replies in it. Returns (celina, reply)."""
    author, replier, follower = person("Anna"), person("Bartosz"), person("Celina", language="en")
    thread = start(author, where or space())
    services.subscribe(actor=follower, thread=thread)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post = services.reply(actor=replier, thread=thread, body="Uchwała o CAL przyjęta w czwartek.")
    return follower, post


def mailed_to(user) -> list:
    return [message for message in mail.outbox if message.to == [user.email]]


def test_with_a_mail_worker_the_request_sends_nothing_and_the_command_sends_once(
    settings, django_capture_on_commit_callbacks
):
    settings.ZITNET_FORUM_MAIL_WORKER = True
    follower, post = follower_reply(django_capture_on_commit_callbacks)
    assert mail.outbox == []

    out = StringIO()
    call_command("forum_mail", stdout=out)

    (message,) = mailed_to(follower)
    assert message.subject == f"[ZITnet] New post: {post.thread.title}"
    assert "Uchwała o CAL przyjęta w czwartek." in message.body
    assert Notification.objects.get(user=follower).emailed_at is not None
    assert "Sent" in out.getvalue()

    call_command("forum_mail", stdout=StringIO())  # a second round, or a second worker: no second e-mail
    assert len(mailed_to(follower)) == 1


def test_without_a_worker_the_web_process_mails_after_the_commit(django_capture_on_commit_callbacks):
    follower, _post = follower_reply(django_capture_on_commit_callbacks)
    assert len(mailed_to(follower)) == 1
    assert Notification.objects.get(user=follower).emailed_at is not None


def test_a_failing_mail_server_leaves_the_notification_due_for_the_next_round(
    settings, django_capture_on_commit_callbacks
):
    settings.ZITNET_FORUM_MAIL_WORKER = True
    follower, _post = follower_reply(django_capture_on_commit_callbacks)
    settings.EMAIL_BACKEND = "tests.forum.test_mail_outbox.BrokenMailServer"

    assert notifications.send_due_emails() == 0
    assert Notification.objects.get(user=follower).emailed_at is None

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert notifications.send_due_emails() == 2  # the follower's and the thread's author's
    assert len(mailed_to(follower)) == 1


def test_a_notification_read_on_the_site_before_the_round_is_not_mailed(
    settings, django_capture_on_commit_callbacks
):
    settings.ZITNET_FORUM_MAIL_WORKER = True
    follower, post = follower_reply(django_capture_on_commit_callbacks)
    notifications.mark_thread_read(user=follower, thread=post.thread)

    notifications.send_due_emails()
    assert mailed_to(follower) == []
    assert Notification.objects.get(user=follower).emailed_at is None


def test_nobody_is_mailed_about_a_thread_they_can_no_longer_read(
    settings, django_capture_on_commit_callbacks
):
    settings.ZITNET_FORUM_MAIL_WORKER = True
    group = space(slug="grupa-robocza", visibility=Visibility.PRIVATE)
    author, replier, follower = person("Anna"), person("Bartosz"), person("Celina")
    group.members.set([author, replier, follower])
    thread = start(author, group)
    services.subscribe(actor=follower, thread=thread)
    with django_capture_on_commit_callbacks(execute=True):
        services.reply(actor=replier, thread=thread, body="Projekt porozumienia w załączniku.")
    group.members.remove(follower)
    mail.outbox.clear()

    notifications.send_due_emails()
    assert mailed_to(follower) == []
    assert len(mailed_to(author)) == 1
    # Settled: later rounds do not look at it again.
    assert Notification.objects.get(user=follower).emailed_at is not None


def test_stale_notifications_are_not_mailed_after_a_long_outage(settings, django_capture_on_commit_callbacks):
    settings.ZITNET_FORUM_MAIL_WORKER = True
    follower, _post = follower_reply(django_capture_on_commit_callbacks)
    later = timezone.now() + notifications.IMMEDIATE_MAX_AGE + timedelta(minutes=1)

    assert notifications.send_due_emails(now=later) == 0
    assert mailed_to(follower) == []


def test_the_worker_tells_an_author_what_the_moderators_did(settings, django_capture_on_commit_callbacks):
    settings.ZITNET_FORUM_MAIL_WORKER = True
    author, moderator = person("Anna", language="en"), person("Marek")
    where = space()
    where.moderators.add(moderator)
    post = start(author, where).posts.get()
    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide(actor=moderator, post=post, reason="Dane kontaktowe mieszkańca we wpisie.")
    assert Notification.objects.get(user=author).kind == NotificationKind.MODERATION

    call_command("forum_mail", stdout=StringIO())

    (message,) = mailed_to(author)
    assert "What they did: Hidden" in message.body
    assert "Reason: Dane kontaktowe mieszkańca we wpisie." in message.body


def test_the_loop_refuses_a_pause_that_is_not_positive():
    with pytest.raises(CommandError, match="positive"):
        call_command("forum_mail", "--loop", "--interval", "0", stdout=StringIO())
