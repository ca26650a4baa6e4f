"""The notifications page, the bell in the header and the one-click unsubscribe link."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from forum import notifications
from forum.enums import EmailMode, NotificationKind, Visibility
from forum.models import Notification, NotificationSettings, Post, Space, Subscription, Thread
from tests.factories import MembershipFactory, UserFactory
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db

PAGE = reverse("forum:notifications")


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def member(name="Anna"):
    user = UserFactory(first_name=name, preferred_language="en")
    MembershipFactory(user=user)
    return user


def logged_in(client, user):
    assert client.login(email=user.email, password=PASSWORD)
    return client


def thread_in(
    space_slug="cal", title="Centra Aktywności Lokalnej", visibility=Visibility.MEMBERS, members=()
):
    space = Space.objects.create(title="CAL", slug=space_slug, visibility=visibility)
    space.members.set(members)
    thread = Thread.objects.create(space=space, title=title, last_post_at=timezone.now())
    post = Post.objects.create(thread=thread, body="Wpis", html="<p>Wpis</p>")
    return thread, post


def notify(user, thread, post, kind=NotificationKind.NEW_POST, **fields):
    return Notification.objects.create(user=user, thread=thread, post=post, kind=kind, **fields)


def text(response) -> str:
    return response.content.decode()


def test_the_page_needs_a_login(client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_the_page_lists_my_notifications_and_the_bell_counts_the_unread(
    client, django_assert_max_num_queries
):
    reader = member()
    thread, post = thread_in()
    notify(reader, thread, post, kind=NotificationKind.MENTION)
    notify(reader, thread, post, read_at=timezone.now())
    notify(member("Inna"), thread, post)  # someone else's
    logged_in(client, reader)

    with django_assert_max_num_queries(20):
        response = client.get(PAGE)

    page = text(response)
    assert response.status_code == 200
    assert "Notifications (1)" in page  # the bell
    assert 'aria-label="Notifications (1), unread"' in page
    assert page.count(">Centra Aktywności Lokalnej</a>") == 2
    assert "Mention" in page
    assert len(response.context["page_obj"].object_list) == 2


def test_a_thread_i_may_no_longer_read_is_not_named(client):
    reader = member()
    thread, post = thread_in("tajna", "Tajne ustalenia", Visibility.PRIVATE)
    notify(reader, thread, post)
    page = text(logged_in(client, reader).get(PAGE))
    assert "Tajne ustalenia" not in page
    assert "A thread you can no longer read" in page


def test_marking_one_and_all_read(client):
    reader, other = member(), member("Inna")
    thread, post = thread_in()
    mine = [notify(reader, thread, post) for _ in range(3)]
    theirs = notify(other, thread, post)
    logged_in(client, reader)

    response = client.post(reverse("forum:notification_read", args=[mine[0].pk]))
    assert response.status_code == 302
    assert notifications.unread_count(reader) == 2
    assert client.post(reverse("forum:notification_read", args=[theirs.pk])).status_code == 404
    assert Notification.objects.get(pk=theirs.pk).read_at is None
    assert client.get(reverse("forum:notification_read", args=[mine[1].pk])).status_code == 405

    response = client.post(reverse("forum:notifications_read_all"), follow=True)
    assert "All notifications are marked as read." in text(response)
    assert notifications.unread_count(reader) == 0
    assert notifications.unread_count(other) == 1


def test_choosing_the_email_setting(client):
    reader = member()
    logged_in(client, reader)
    page = text(client.get(PAGE))
    assert "Once a day (digest)" in page

    response = client.post(reverse("forum:notification_settings"), {"email": EmailMode.DAILY}, follow=True)
    assert "Your e-mail setting is saved." in text(response)
    assert NotificationSettings.objects.get(user=reader).email == EmailMode.DAILY

    response = client.post(reverse("forum:notification_settings"), {"email": "hourly"})
    assert response.status_code == 400
    assert "Choose how often to receive e-mails." in text(response)
    assert NotificationSettings.objects.get(user=reader).email == EmailMode.DAILY


def _token(**target) -> str:
    return notifications.unsubscribe_token(notifications.Unsubscribe(**target))


def test_unsubscribe_link_asks_first_then_works_without_login_or_csrf():
    reader = member()
    thread, _post = thread_in()
    Subscription.objects.create(user=reader, thread=thread)
    url = reverse("forum:unsubscribe", args=[_token(user_id=reader.pk, thread_id=thread.pk)])
    anonymous = Client(enforce_csrf_checks=True)

    response = anonymous.get(url)
    assert response.status_code == 200
    assert "Stop following the thread “Centra Aktywności Lokalnej”" in text(response)
    assert Subscription.objects.filter(user=reader, thread=thread).exists()  # a GET changes nothing

    # What a mail provider sends for RFC 8058 one-click unsubscribe.
    response = anonymous.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "You no longer follow the thread" in text(response)
    assert not Subscription.objects.filter(user=reader, thread=thread).exists()
    assert anonymous.post(url).status_code == 200  # twice is fine


def test_unsubscribe_from_all_forum_emails():
    reader = member()
    url = reverse("forum:unsubscribe", args=[_token(user_id=reader.pk)])
    response = Client(enforce_csrf_checks=True).post(url)
    assert "We will not send you e-mails from the discussions any more." in text(response)
    assert NotificationSettings.objects.get(user=reader).email == EmailMode.NONE


def test_unsubscribe_link_does_not_name_a_thread_the_person_cannot_read(client):
    reader = member()
    thread, _post = thread_in("tajna", "Tajne ustalenia", Visibility.PRIVATE)
    url = reverse("forum:unsubscribe", args=[_token(user_id=reader.pk, thread_id=thread.pk)])
    page = text(client.get(url))
    assert "Tajne ustalenia" not in page
    assert "Stop following this thread and its e-mails?" in page


def test_a_forged_unsubscribe_link_is_refused(client):
    reader = member()
    Subscription.objects.create(user=reader, space=Space.objects.create(title="CAL", slug="cal"))
    token = _token(user_id=reader.pk, space_id=1)
    for bad in (token[:-3] + "abc", "nonsense"):
        response = client.post(reverse("forum:unsubscribe", args=[bad]))
        assert response.status_code == 404
        assert "This unsubscribe link is not valid." in text(response)
    assert Subscription.objects.filter(user=reader).exists()


def test_anonymous_pages_have_no_bell(client):
    page = text(client.get(reverse("forum:unsubscribe", args=["nonsense"])))
    assert "notification-bell" not in page


def test_old_notifications_page_through(client):
    reader = member()
    thread, post = thread_in()
    for days in range(35):
        note = notify(reader, thread, post)
        Notification.objects.filter(pk=note.pk).update(created_at=timezone.now() - timedelta(days=days))
    response = logged_in(client, reader).get(PAGE, {"page": 2})
    assert len(response.context["page_obj"].object_list) == 5
