"""Writes of the forum: threads, replies, edits with history, mentions, reactions, subscriptions, rate limits."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone, translation

from forum import services
from forum.enums import Reaction, Visibility
from forum.models import Mention, Post, PostRevision, Subscription
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.factories.forum import SpaceFactory
from zitnet.core.errors import DomainError

pytestmark = pytest.mark.django_db


@pytest.fixture
def space():
    return SpaceFactory(visibility=Visibility.MEMBERS, slug="edukacja")


@pytest.fixture
def veteran(member):
    member.date_joined = timezone.now() - timedelta(days=90)
    member.save(update_fields=["date_joined"])
    return member


def test_start_thread_creates_the_first_post_rendered_and_subscribes_the_author(space, veteran):
    thread = services.start_thread(
        actor=veteran, space=space, title="  CAL w szkołach  ", body="**Ważne**: jak zacząć?"
    )
    assert thread.title == "CAL w szkołach"
    post = thread.posts.get()
    assert "<strong>Ważne</strong>" in post.html
    assert thread.post_count == 1
    assert Subscription.objects.filter(user=veteran, thread=thread).exists()


def test_a_person_outside_the_space_cannot_start_a_thread(space, user):
    with pytest.raises(PermissionDenied):
        services.start_thread(actor=user, space=space, title="Pytanie", body="Treść")


def test_reply_to_a_post_of_the_thread_and_counters(space, veteran):
    thread = services.start_thread(actor=veteran, space=space, title="Rady młodzieżowe", body="Start")
    first = thread.posts.get()
    other = MembershipFactory(user__date_joined=timezone.now() - timedelta(days=30)).user
    post = services.reply(actor=other, thread=thread, body="Odpowiedź", reply_to=first)
    thread.refresh_from_db()
    assert post.reply_to == first
    assert thread.post_count == 2
    assert thread.last_post_at == post.created_at


def test_edit_keeps_the_earlier_text_and_refuses_a_stale_version(space, veteran):
    thread = services.start_thread(actor=veteran, space=space, title="Strategia ZIT", body="Wersja 1")
    post = thread.posts.get()
    services.edit_post(actor=veteran, post=post, body="Wersja 2", expected_version=1)
    post.refresh_from_db()
    assert post.body == "Wersja 2"
    assert post.version == 2
    assert post.edited_at is not None
    assert list(PostRevision.objects.filter(post=post).values_list("body", flat=True)) == ["Wersja 1"]
    with pytest.raises(DomainError) as error:
        services.edit_post(actor=veteran, post=post, body="Wersja 3", expected_version=1)
    assert error.value.code == "stale"
    post.refresh_from_db()
    assert post.body == "Wersja 2"


def test_someone_else_cannot_edit_a_post(space, veteran):
    thread = services.start_thread(actor=veteran, space=space, title="T", body="Mój wpis")
    other = MembershipFactory().user
    with pytest.raises(PermissionDenied):
        services.edit_post(actor=other, post=thread.posts.get(), body="Cudzy", expected_version=1)


def test_mentions_of_readers_and_organisations_are_stored_and_linked(space, veteran):
    reader = MembershipFactory(user__email="jan.kowalski@gmina.test", user__first_name="Jan").user
    outsider = UserFactory(email="obcy@gmina.test")  # no membership: cannot read a members' space
    organisation = OrganisationFactory(slug="zit-kalisz", name="ZIT Kalisz", short_name="")
    body = f"Pytanie do @jan.kowalski i @[Obcy](u:{outsider.pk}), a także @[Kalisz](o:zit-kalisz) i @obcy."
    thread = services.start_thread(actor=veteran, space=space, title="Wzmianki", body=body)
    post = thread.posts.get()
    mentioned = set(Mention.objects.filter(post=post).values_list("user_id", "organisation_id"))
    assert mentioned == {(reader.pk, None), (None, organisation.pk)}
    assert f'href="/dyskusje/osoby/{reader.pk}/"' in post.html
    assert f'href="{organisation.get_absolute_url()}"' in post.html
    assert f"/dyskusje/osoby/{outsider.pk}/" not in post.html


def test_reactions_toggle(space, veteran):
    thread = services.start_thread(actor=veteran, space=space, title="T", body="Wpis")
    post = thread.posts.get()
    assert services.react(actor=veteran, post=post, kind=Reaction.THANKS) is True
    assert post.reactions.count() == 1
    assert services.react(actor=veteran, post=post, kind=Reaction.THANKS) is False
    assert post.reactions.count() == 0


def test_subscribe_and_unsubscribe_a_space(space, member):
    services.subscribe(actor=member, space=space)
    services.subscribe(actor=member, space=space)
    assert Subscription.objects.filter(user=member, space=space).count() == 1
    assert services.unsubscribe(actor=member, space=space) is True
    assert not Subscription.objects.filter(user=member, space=space).exists()


def test_nobody_subscribes_to_a_private_space_they_are_not_in(member):
    private = SpaceFactory(visibility=Visibility.PRIVATE)
    with pytest.raises(PermissionDenied):
        services.subscribe(actor=member, space=private)


def test_new_account_posts_once_per_30_seconds_with_a_moved_clock(space, member):
    start = timezone.now()
    thread = services.start_thread(actor=member, space=space, title="Nowy", body="Pierwszy")
    with mock.patch("django.utils.timezone.now", return_value=start + timedelta(seconds=10)):
        with pytest.raises(DomainError) as error, translation.override("en"):
            services.reply(actor=member, thread=thread, body="Za szybko")
    assert error.value.code == "rate"
    assert "Try again in" in error.value.message
    assert "seconds" in error.value.message
    with mock.patch("django.utils.timezone.now", return_value=start + timedelta(seconds=31)):
        services.reply(actor=member, thread=thread, body="Już można")
    assert Post.objects.filter(thread=thread).count() == 2


def test_new_account_has_a_daily_cap_of_20(space, member):
    start = timezone.now()
    thread = services.start_thread(actor=member, space=space, title="Limit", body="0")
    for i in range(1, 20):
        with mock.patch("django.utils.timezone.now", return_value=start + timedelta(minutes=i)):
            services.reply(actor=member, thread=thread, body=f"Wpis {i}")
    with mock.patch("django.utils.timezone.now", return_value=start + timedelta(hours=2)):
        with pytest.raises(DomainError) as error, translation.override("en"):
            services.reply(actor=member, thread=thread, body="21.")
    assert "today's limit" in error.value.message
    with mock.patch("django.utils.timezone.now", return_value=start + timedelta(days=1, seconds=1)):
        services.reply(actor=member, thread=thread, body="Nowy dzień")


def test_established_accounts_have_a_daily_cap_of_200(space, veteran):
    thread = services.start_thread(actor=veteran, space=space, title="Limit", body="0")
    Post.objects.bulk_create([Post(thread=thread, author=veteran, body=f"{i}", html="") for i in range(199)])
    # No 30-second rule for them: the next post right away is refused only by the daily cap.
    with pytest.raises(DomainError) as error:
        services.reply(actor=veteran, thread=thread, body="Dwusetny pierwszy")
    assert error.value.code == "rate"


def test_established_accounts_are_not_held_to_30_seconds(space, veteran):
    thread = services.start_thread(actor=veteran, space=space, title="Szybko", body="1")
    services.reply(actor=veteran, thread=thread, body="2")
    assert thread.posts.count() == 2
