"""Moderation pages: the permission matrix (404/403), plain-form actions, reasons, the queue and the log."""

import re

import pytest
from django.urls import reverse

from forum import moderation
from forum.enums import ModerationKind, Visibility
from forum.models import ModerationEntry, PostReport
from tests.factories import MembershipFactory
from tests.forum.moderation_world import make_post, make_space, make_thread

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


@pytest.fixture
def private_space(space_moderator):
    return make_space("grupa-robocza", visibility=Visibility.PRIVATE, moderators=[space_moderator])


def _urls(thread, post, report):
    space = thread.space.slug
    return {
        "pin": ("post", reverse("forum:thread_moderate", args=[thread.pk, "pin"])),
        "lock": ("post", reverse("forum:thread_moderate", args=[thread.pk, "lock"])),
        "move": ("get", reverse("forum:move_thread", args=[thread.pk])),
        "hide": ("get", reverse("forum:hide_post", args=[post.pk])),
        "unhide": ("post", reverse("forum:unhide_post", args=[post.pk])),
        "dismiss": ("post", reverse("forum:dismiss_report", args=[report.pk])),
        "queue": ("get", reverse("forum:moderation_queue", args=[space])),
        "log": ("get", reverse("forum:moderation_log", args=[space])),
    }


@pytest.mark.parametrize("page", ["pin", "lock", "move", "hide", "unhide", "dismiss", "queue", "log"])
def test_permission_matrix(client, client_for, page, private_space, space_moderator, user, member):
    group_member = MembershipFactory().user
    private_space.members.add(group_member, member)
    thread = make_thread(private_space, member)
    post = make_post(thread, member)
    report = moderation.report_post(actor=group_member, post=post, reason="Spam")
    method, url = _urls(thread, post, report)[page]

    anonymous = getattr(client, method)(url)
    assert anonymous.status_code == 302 and "/login" in anonymous["Location"]
    # Someone who may not even read the private group: 404.
    assert getattr(client_for(user), method)(url).status_code == 404
    # A reader who is not a moderator: 403.
    assert getattr(client_for(group_member), method)(url).status_code == 403
    # Nothing changed.
    thread.refresh_from_db()
    assert not thread.is_pinned and not thread.is_locked
    assert not ModerationEntry.objects.exists()
    # The space's moderator passes.
    if page == "unhide":
        moderation.hide(actor=space_moderator, post=post, reason="Spam")
    response = getattr(client_for(space_moderator), method)(url)
    assert response.status_code in (200, 302)


def test_thread_buttons_pin_and_lock_with_a_message(client_for, space_moderator, thread):
    moderator_client = client_for(space_moderator)
    page = text(moderator_client.get(thread.get_absolute_url()))
    assert reverse("forum:thread_moderate", args=[thread.pk, "pin"]) in page
    assert reverse("forum:move_thread", args=[thread.pk]) in page

    response = moderator_client.post(reverse("forum:thread_moderate", args=[thread.pk, "lock"]), follow=True)
    thread.refresh_from_db()
    assert thread.is_locked
    assert "Wątek jest zamknięty" in text(response) or "The thread is locked" in text(response)
    assert reverse("forum:thread_moderate", args=[thread.pk, "unlock"]) in text(response)
    # A second press from an out-of-date page: 409 with a message, nothing written twice.
    again = moderator_client.post(reverse("forum:thread_moderate", args=[thread.pk, "lock"]))
    assert again.status_code == 409
    assert "already locked" in text(again) or "już zamknięty" in text(again)
    assert ModerationEntry.objects.filter(kind=ModerationKind.LOCK).count() == 1


def test_an_unknown_thread_action_is_a_404(client_for, space_moderator, thread):
    response = client_for(space_moderator).post(reverse("forum:thread_moderate", args=[thread.pk, "delete"]))
    assert response.status_code == 404


def test_readers_do_not_see_moderation_buttons_but_can_report(client_for, reader, thread, post):
    page = text(client_for(reader).get(thread.get_absolute_url()))
    assert reverse("forum:thread_moderate", args=[thread.pk, "pin"]) not in page
    assert reverse("forum:hide_post", args=[post.pk]) not in page
    assert reverse("forum:report_post", args=[post.pk]) in page


def test_hide_needs_a_reason_and_the_author_sees_it(client_for, space_moderator, post, member, reader):
    url = reverse("forum:hide_post", args=[post.pk])
    moderator_client = client_for(space_moderator)
    assert 'name="reason"' in text(moderator_client.get(url))
    refused = moderator_client.post(url, {"reason": "   "})
    assert refused.status_code == 400
    post.refresh_from_db()
    assert not post.is_hidden

    response = moderator_client.post(url, {"reason": "Dane osobowe mieszkańca"})
    assert response.status_code == 302 and response["Location"].endswith(f"#post-{post.pk}")
    post.refresh_from_db()
    assert post.is_hidden and post.hidden_reason == "Dane osobowe mieszkańca"

    thread_url = post.thread.get_absolute_url()
    author_page = text(client_for(member).get(thread_url))
    assert "Dane osobowe mieszkańca" in author_page
    reader_page = text(client_for(reader).get(thread_url))
    assert "Dane osobowe mieszkańca" not in reader_page
    assert "Jak gminy powołują rady młodzieżowe?" not in reader_page
    # The moderator can show it again from the thread page.
    assert reverse("forum:unhide_post", args=[post.pk]) in text(moderator_client.get(thread_url))
    moderator_client.post(reverse("forum:unhide_post", args=[post.pk]))
    post.refresh_from_db()
    assert not post.is_hidden


def test_report_form_once_per_person(client_for, post, reader):
    url = reverse("forum:report_post", args=[post.pk])
    reader_client = client_for(reader)
    page = text(reader_client.get(url))
    assert 'name="reason"' in page and "Jak gminy powołują rady młodzieżowe?" in page
    assert reader_client.post(url, {"reason": ""}).status_code == 400
    assert not PostReport.objects.exists()
    response = reader_client.post(url, {"reason": "Reklama usług"})
    assert response.status_code == 302
    assert PostReport.objects.get().reason == "Reklama usług"
    again = reader_client.post(url, {"reason": "Jeszcze raz"})
    assert again.status_code == 400
    assert "został już zgłoszony" in text(again) or "already reported" in text(again)
    assert PostReport.objects.count() == 1


def test_a_post_nobody_may_read_cannot_be_reported(client_for, private_space, member, user):
    post = make_post(make_thread(private_space, member), member)
    assert client_for(user).get(reverse("forum:report_post", args=[post.pk])).status_code == 404


def test_move_offers_only_spaces_the_mover_moderates(client_for, space_moderator, thread):
    target = make_space("cal", moderators=[space_moderator])
    foreign = make_space("strategia-zit")
    url = reverse("forum:move_thread", args=[thread.pk])
    moderator_client = client_for(space_moderator)
    page = text(moderator_client.get(url))
    assert "Przestrzeń cal" in page and "Przestrzeń strategia-zit" not in page
    assert moderator_client.post(url, {"space": foreign.pk}).status_code == 400
    thread.refresh_from_db()
    assert thread.space.slug == "edukacja-wlaczajaca"
    response = moderator_client.post(url, {"space": target.pk, "reason": "Lepiej pasuje"})
    thread.refresh_from_db()
    assert thread.space == target
    assert response.status_code == 302 and response["Location"] == thread.get_absolute_url()


def test_space_queue_shows_reports_and_hides_or_dismisses(client_for, space_moderator, space, post, reader):
    second = MembershipFactory(user__first_name="Zofia").user
    moderation.report_post(actor=reader, post=post, reason="Obraźliwe słowa")
    report = moderation.report_post(actor=second, post=post, reason="Nie na temat")
    queue_url = reverse("forum:moderation_queue", args=[space.slug])
    moderator_client = client_for(space_moderator)
    page = text(moderator_client.get(queue_url))
    for expected in ["Jak gminy powołują rady młodzieżowe?", "Obraźliwe słowa", "Nie na temat", "Zofia"]:
        assert expected in page

    response = moderator_client.post(
        reverse("forum:dismiss_report", args=[report.pk]), {"next": queue_url}, follow=True
    )
    assert response.redirect_chain[-1][0] == queue_url
    assert "Nie na temat" not in text(response) and "Obraźliwe słowa" in text(response)

    response = moderator_client.post(
        reverse("forum:hide_post", args=[post.pk]), {"reason": "Obraźliwe", "next": queue_url}, follow=True
    )
    assert response.redirect_chain[-1][0] == queue_url
    post.refresh_from_db()
    assert post.is_hidden
    assert "Obraźliwe słowa" not in text(response)
    assert not PostReport.objects.filter(resolved_at__isnull=True).exists()


def test_next_must_stay_on_the_site(client_for, space_moderator, post):
    response = client_for(space_moderator).post(
        reverse("forum:hide_post", args=[post.pk]), {"reason": "Spam", "next": "https://zlo.example/"}
    )
    assert response.status_code == 302 and not response["Location"].startswith("https://zlo.example")


def test_network_queue_is_for_coordinators(
    client_for, coordinator, space_moderator, member, reader, django_assert_max_num_queries
):
    other = make_space("cal")
    post = make_post(make_thread(other, member), member, body="Wpis w innej przestrzeni")
    moderation.report_post(actor=reader, post=post, reason="Spam")
    url = reverse("forum:network_moderation_queue")
    assert client_for(space_moderator).get(url).status_code == 403
    assert client_for(member).get(url).status_code == 403
    coordinator_client = client_for(coordinator)
    coordinator_client.get(url)
    with django_assert_max_num_queries(12):
        page = text(coordinator_client.get(url))
    assert "Wpis w innej przestrzeni" in page and "Przestrzeń cal" in page


def test_log_lists_entries_with_reasons(
    client_for, space_moderator, space, thread, post, django_assert_max_num_queries
):
    moderation.pin(actor=space_moderator, thread=thread)
    moderation.hide(actor=space_moderator, post=post, reason="Reklama")
    for number in range(5):
        moderation.lock(
            actor=space_moderator, thread=make_thread(space, space_moderator, title=f"Wątek {number}")
        )
    moderator_client = client_for(space_moderator)
    url = reverse("forum:moderation_log", args=[space.slug])
    moderator_client.get(url)
    with django_assert_max_num_queries(12):
        page = text(moderator_client.get(url))
    assert "Reklama" in page and "Rady młodzieżowe w gminach ZIT" in page and "Wątek 4" in page
    assert "Moderatorka" in page
