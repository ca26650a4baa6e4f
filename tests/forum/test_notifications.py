"""Who hears about a new post or a moderation, and how: on the site, by e-mail at once, or in the daily digest."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation

from forum import moderation, notifications, services
from forum.enums import EmailMode, NotificationKind, Visibility
from forum.models import Notification, NotificationSettings, Space, Subscription
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def person(name: str = "Anna", *, language: str = "pl", email_mode: str | None = None, member: bool = True):
    # Old accounts: the rate limit for new accounts is another test's business.
    user = UserFactory(first_name=name, preferred_language=language)
    user.date_joined = timezone.now() - timedelta(days=90)
    user.save(update_fields=["date_joined"])
    if member:
        MembershipFactory(user=user)
    if email_mode:
        NotificationSettings.objects.create(user=user, email=email_mode)
    return user


def space(slug: str = "edukacja-wlaczajaca", visibility: str = Visibility.MEMBERS, members=()) -> Space:
    created = Space.objects.create(title="Edukacja włączająca", slug=slug, visibility=visibility)
    created.members.set(members)
    return created


def start(author, where, title="Jak organizować CAL w gminie?", body="Szukamy dobrych przykładów."):
    return services.start_thread(actor=author, space=where, title=title, body=body)


def kinds(post) -> dict:
    return {n.user: n.kind for n in Notification.objects.filter(post=post)}


def test_a_reply_notifies_the_replied_author_and_the_thread_followers_but_not_its_author():
    author, replier, follower, bystander = (
        person("Anna"),
        person("Bartosz"),
        person("Celina"),
        person("Dorota"),
    )
    thread = start(author, space())
    first = thread.posts.get()
    services.subscribe(actor=follower, thread=thread)

    post = services.reply(
        actor=replier, thread=thread, body="U nas działa Centrum Aktywności Lokalnej.", reply_to=first
    )

    assert kinds(post) == {author: NotificationKind.REPLY, follower: NotificationKind.NEW_POST}
    assert bystander not in kinds(post)
    assert Notification.objects.get(user=author).actor == replier


def test_one_notification_per_person_and_a_mention_wins_over_a_reply():
    author, replier = person("Anna"), person("Bartosz")
    thread = start(author, space())
    body = f"Dziękuję, @[Anna](u:{author.pk}), to bardzo pomocne."

    post = services.reply(actor=replier, thread=thread, body=body, reply_to=thread.posts.get())

    assert Notification.objects.filter(post=post, user=author).count() == 1
    assert kinds(post) == {author: NotificationKind.MENTION}


def test_mentioning_oneself_notifies_nobody():
    author = person("Anna")
    thread = start(author, space(), body=f"Notatka dla siebie: @[Anna](u:{author.pk})")
    assert not Notification.objects.filter(thread=thread).exists()


def test_authors_follow_the_threads_they_start_and_reply_to():
    author, replier = person("Anna"), person("Bartosz")
    thread = start(author, space())
    services.reply(actor=replier, thread=thread, body="Dołączam do dyskusji.")

    followers = set(Subscription.objects.filter(thread=thread).values_list("user", flat=True))
    assert followers == {author.pk, replier.pk}
    # So the author hears of the reply as a follower.
    assert Notification.objects.get(user=author).kind == NotificationKind.NEW_POST


def test_a_new_thread_notifies_the_space_followers_who_may_read_it():
    where = space()
    author, follower = person("Anna"), person("Bartosz")
    outsider = person("Celina", member=False)  # followed once, no longer a member of any organisation
    Subscription.objects.create(user=follower, space=where)
    Subscription.objects.create(user=outsider, space=where)
    Subscription.objects.create(user=author, space=where)

    thread = start(author, where)

    assert kinds(thread.posts.get()) == {follower: NotificationKind.NEW_THREAD}
    # A reply is not a new thread: space followers are not told again.
    reply = services.reply(actor=person("Dorota"), thread=thread, body="Ciekawy temat.")
    assert kinds(reply) == {author: NotificationKind.NEW_POST}


def test_a_follower_who_lost_access_to_a_private_space_gets_nothing():
    author, follower = person("Anna"), person("Bartosz")
    where = space("grupa-robocza", Visibility.PRIVATE, members=[author, follower])
    thread = start(author, where)
    services.subscribe(actor=follower, thread=thread)
    where.members.remove(follower)

    post = services.reply(actor=author, thread=thread, body="Kolejny krok: ankieta.")

    assert kinds(post) == {}
    assert mail.outbox == []


def test_inactive_people_get_nothing():
    author, follower = person("Anna"), person("Bartosz")
    thread = start(author, space())
    services.subscribe(actor=follower, thread=thread)
    follower.is_active = False
    follower.save(update_fields=["is_active"])

    assert kinds(services.reply(actor=author, thread=thread, body="Aktualizacja.")) == {}


def test_unread_count_and_marking_read():
    author, replier = person("Anna"), person("Bartosz")
    thread = start(author, space())
    services.reply(actor=replier, thread=thread, body="Pierwsza odpowiedź.")
    services.reply(
        actor=replier, thread=thread, body="Druga odpowiedź.", now=timezone.now() + timedelta(minutes=1)
    )

    assert notifications.unread_count(author) == 2
    first = Notification.objects.filter(user=author).last()
    assert notifications.mark_read(user=author, notification_id=first.pk)
    assert not notifications.mark_read(user=replier, notification_id=first.pk)  # not theirs
    assert notifications.unread_count(author) == 1
    assert notifications.mark_all_read(user=author) == 1
    assert notifications.unread_count(author) == 0


# --- e-mail at once --------------------------------------------------------------------------------------


def test_immediate_email_goes_after_the_commit_in_the_recipients_language(django_capture_on_commit_callbacks):
    author = person("Anna", language="en")
    replier = person("Bartosz")
    thread = start(author, space(), title="Rady młodzieżowe w gminach")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.reply(
            actor=replier, thread=thread, body="Mamy radę od 2024 roku.", reply_to=thread.posts.get()
        )
    assert mail.outbox == []  # nothing before the commit
    for callback in callbacks:
        callback()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [author.email]
    assert message.subject == f"[ZITnet] {replier.display_name} replied to you: Rady młodzieżowe w gminach"
    assert "Mamy radę od 2024 roku." in message.body
    assert thread.get_absolute_url() in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert url.startswith("http") and "/dyskusje/" in url
    assert url in message.body
    assert Notification.objects.get(user=author).emailed_at is not None


def test_polish_email_for_polish_readers(django_capture_on_commit_callbacks):
    author, replier = person("Anna"), person("Bartosz")
    thread = start(author, space(), title="Strategia ZIT 2021–2027")
    with django_capture_on_commit_callbacks(execute=True):
        services.reply(actor=replier, thread=thread, body="Aktualizujemy strategię.")

    message = mail.outbox[0]
    with translation.override("pl"):
        expected = str(notifications.SUBJECTS[NotificationKind.NEW_POST]) % {
            "thread": "Strategia ZIT 2021–2027"
        }
    assert message.subject == f"[ZITnet] {expected}"


def test_no_immediate_email_for_people_who_chose_the_digest_or_none(django_capture_on_commit_callbacks):
    author = person("Anna", email_mode=EmailMode.NONE)
    follower = person("Bartosz", email_mode=EmailMode.DAILY)
    thread = start(author, space())
    services.subscribe(actor=follower, thread=thread)

    with django_capture_on_commit_callbacks(execute=True):
        services.reply(actor=person("Celina"), thread=thread, body="Nowe informacje.")

    assert Notification.objects.filter(thread=thread).count() == 2  # still on the site
    assert mail.outbox == []


def test_unsubscribe_links_stop_what_caused_the_email(django_capture_on_commit_callbacks):
    author, follower = person("Anna"), person("Bartosz")
    where = space()
    Subscription.objects.create(user=follower, space=where)
    with django_capture_on_commit_callbacks(execute=True):
        thread = start(author, where)
    with django_capture_on_commit_callbacks(execute=True):
        services.reply(actor=follower, thread=thread, body=f"Ciekawe, @[Anna](u:{author.pk}).")

    by_recipient = {m.to[0]: m for m in mail.outbox}
    to_space_follower = notifications.read_unsubscribe_token(
        by_recipient[follower.email]
        .extra_headers["List-Unsubscribe"]
        .strip("<>")
        .rstrip("/")
        .rsplit("/", 1)[1]
    )
    to_mentioned = notifications.read_unsubscribe_token(
        by_recipient[author.email].extra_headers["List-Unsubscribe"].strip("<>").rstrip("/").rsplit("/", 1)[1]
    )
    assert to_space_follower == notifications.Unsubscribe(user_id=follower.pk, space_id=where.pk)
    assert to_mentioned == notifications.Unsubscribe(user_id=author.pk)

    notifications.unsubscribe(to_space_follower)
    assert not Subscription.objects.filter(user=follower, space=where).exists()
    notifications.unsubscribe(to_mentioned)
    assert NotificationSettings.objects.get(user=author).email == EmailMode.NONE


def test_a_tampered_unsubscribe_token_is_refused():
    token = notifications.unsubscribe_token(notifications.Unsubscribe(user_id=5, thread_id=7))
    assert notifications.read_unsubscribe_token(token) == notifications.Unsubscribe(user_id=5, thread_id=7)
    assert notifications.read_unsubscribe_token(token[:-2] + "xx") is None
    assert notifications.read_unsubscribe_token("nonsense") is None


# --- moderation -----------------------------------------------------------------------------------------


def test_hiding_a_post_tells_its_author_why(django_capture_on_commit_callbacks):
    author, moderator = person("Anna", language="en"), person("Marek")
    where = space()
    where.moderators.add(moderator)
    thread = start(author, where)
    post = thread.posts.get()

    with django_capture_on_commit_callbacks(execute=True):
        moderation.hide(actor=moderator, post=post, reason="Dane osobowe mieszkańców we wpisie.")

    notification = Notification.objects.get(user=author, kind=NotificationKind.MODERATION)
    assert notification.post == post and notification.actor == moderator
    assert len(mail.outbox) == 1
    assert "Dane osobowe mieszkańców we wpisie." in mail.outbox[0].body
    assert mail.outbox[0].subject.startswith("[ZITnet] The moderators acted on your post")


def test_a_moderator_hiding_their_own_post_is_not_notified():
    moderator = person("Marek")
    where = space()
    where.moderators.add(moderator)
    post = start(moderator, where).posts.get()
    moderation.hide(actor=moderator, post=post, reason="Pomyłka.")
    assert not Notification.objects.filter(kind=NotificationKind.MODERATION).exists()


# --- the daily digest, with a moved clock ------------------------------------------------------------------


def test_the_daily_digest_sends_unread_unemailed_notifications_once_a_day(monkeypatch):
    real_now = timezone.now()
    reader = person("Anna", language="en")
    set_at = real_now - timedelta(days=1)
    monkeypatch.setattr(timezone, "now", lambda: set_at)
    notifications.set_email_mode(user=reader, email=EmailMode.DAILY)
    thread = start(reader, space(), title="Centra Aktywności Lokalnej")
    writer = person("Bartosz")
    monkeypatch.setattr(timezone, "now", lambda: set_at + timedelta(hours=1))
    services.reply(actor=writer, thread=thread, body="Pierwsza.")
    monkeypatch.setattr(timezone, "now", lambda: set_at + timedelta(hours=2))
    services.reply(actor=writer, thread=thread, body="Druga.")
    first = Notification.objects.filter(user=reader).order_by("pk").first()
    notifications.mark_read(user=reader, notification_id=first.pk)  # read on the site: not in the digest
    assert mail.outbox == []

    monkeypatch.setattr(timezone, "now", lambda: real_now)
    out = StringIO()
    call_command("forum_digest", stdout=out)
    assert "1" in out.getvalue()

    assert len(mail.outbox) == 1
    digest = mail.outbox[0]
    assert digest.to == [reader.email]
    assert digest.subject == "[ZITnet] Forum: what happened since the last digest"
    assert digest.body.count("Centra Aktywności Lokalnej") == 1
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert not Notification.objects.filter(
        user=reader, read_at__isnull=True, emailed_at__isnull=True
    ).exists()

    # Run again the same day: nothing new, nothing sent.
    monkeypatch.setattr(timezone, "now", lambda: real_now + timedelta(hours=1))
    services.reply(actor=writer, thread=thread, body="Trzecia.")
    assert notifications.send_digests() == 0
    assert len(mail.outbox) == 1

    # The next day the new one arrives, alone.
    monkeypatch.setattr(timezone, "now", lambda: real_now + timedelta(days=1))
    assert notifications.send_digests() == 1
    assert len(mail.outbox) == 2
    assert mail.outbox[1].body.count("Centra Aktywności Lokalnej") == 1


def test_the_digest_leaves_out_threads_the_reader_may_no_longer_read(monkeypatch):
    reader, writer = person("Anna", email_mode=EmailMode.DAILY), person("Bartosz")
    where = space("grupa", Visibility.PRIVATE, members=[reader, writer])
    thread = start(writer, where)
    services.subscribe(actor=reader, thread=thread)
    services.reply(
        actor=writer, thread=thread, body="Tajne ustalenia.", now=timezone.now() + timedelta(minutes=1)
    )
    where.members.remove(reader)

    assert notifications.send_digests() == 0
    assert mail.outbox == []


def test_people_who_want_no_email_get_no_digest():
    reader = person("Anna", email_mode=EmailMode.NONE)
    thread = start(reader, space())
    services.reply(actor=person("Bartosz"), thread=thread, body="Odpowiedź.")
    assert notifications.send_digests() == 0
    assert mail.outbox == []


def test_the_email_quotes_the_post_with_mentions_as_names(django_capture_on_commit_callbacks):
    author, replier = person("Anna"), person("Bartosz")
    thread = start(author, space())
    with django_capture_on_commit_callbacks(execute=True):
        services.reply(
            actor=replier, thread=thread, body=f"@[Anna Nowak](u:{author.pk}) & zespół: <b>uwaga</b>"
        )
    body = mail.outbox[0].body
    assert "> @Anna Nowak & zespół: <b>uwaga</b>" in body  # plain text, not HTML-escaped
    assert f"(u:{author.pk})" not in body


def test_mentioning_an_organisation_notifies_its_editors():
    from zitnet.accounts.enums import MembershipRole

    author = person("Anna")
    editor = person("Ewa", member=False)
    membership = MembershipFactory(user=editor, role=MembershipRole.EDITOR)
    MembershipFactory(organisation=membership.organisation)  # a plain member: not told
    organisation = membership.organisation
    thread = start(author, space())

    post = services.reply(
        actor=person("Bartosz"),
        thread=thread,
        body=f"Pytanie do @[{organisation.name}](o:{organisation.slug})",
    )

    assert kinds(post) == {editor: NotificationKind.MENTION, author: NotificationKind.NEW_POST}
