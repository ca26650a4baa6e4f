"""/api/v1/forum/…: spaces, threads and posts follow the pages' permissions; bad input is refused with a message."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from forum import moderation, services
from forum.enums import Visibility
from forum.models import Post, Space
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory, grant
from zitnet.accounts.enums import GlobalRole

pytestmark = pytest.mark.django_db

API = "/api/v1/forum/"
LONG_AGO = timezone.now() - timedelta(days=400)


def api_as(person=None) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if person is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=person)[0].key}")
    return client


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


@pytest.fixture
def people():
    organisation = OrganisationFactory(name="Związek ZIT testowy", slug="zit-testowy")
    member = MembershipFactory(
        organisation=organisation, user__date_joined=LONG_AGO, user__first_name="Anna"
    ).user
    other = MembershipFactory(
        organisation=organisation, user__date_joined=LONG_AGO, user__first_name="Bartek"
    ).user
    outsider = UserFactory(date_joined=LONG_AGO, first_name="Cezary")
    coordinator = grant(
        UserFactory(date_joined=LONG_AGO, first_name="Koordynatorka"), GlobalRole.NETWORK_COORDINATOR
    )
    return {"member": member, "other": other, "outsider": outsider, "coordinator": coordinator}


@pytest.fixture
def spaces(people):
    public = Space.objects.create(title="Otwarte", slug="otwarte", visibility=Visibility.PUBLIC)
    members = Space.objects.create(title="Dla członków", slug="czlonkowie", visibility=Visibility.MEMBERS)
    private = Space.objects.create(title="Grupa robocza", slug="grupa", visibility=Visibility.PRIVATE)
    private.members.add(people["other"])
    return {"public": public, "members": members, "private": private}


def test_spaces_listed_by_who_may_read_them(people, spaces):
    assert [s["slug"] for s in results(api_as().get(f"{API}spaces/"))] == ["otwarte"]
    assert [s["slug"] for s in results(api_as(people["outsider"]).get(f"{API}spaces/"))] == ["otwarte"]
    assert {s["slug"] for s in results(api_as(people["member"]).get(f"{API}spaces/"))} == {
        "otwarte",
        "czlonkowie",
    }
    listed = results(api_as(people["other"]).get(f"{API}spaces/"))
    assert {s["slug"] for s in listed} == {"otwarte", "czlonkowie", "grupa"}
    assert all(s["can_post"] for s in listed)
    everything = results(api_as(people["coordinator"]).get(f"{API}spaces/"))
    assert {s["slug"] for s in everything} == {"otwarte", "czlonkowie", "grupa"}

    public = api_as().get(f"{API}spaces/otwarte/").json()
    assert public["can_post"] is False and public["thread_count"] == 0
    assert api_as(people["member"]).get(f"{API}spaces/grupa/").status_code == 404
    assert api_as().get(f"{API}spaces/czlonkowie/").status_code == 404


def test_threads_of_a_private_space_stay_private(people, spaces, django_assert_max_num_queries):
    thread = services.start_thread(
        actor=people["other"], space=spaces["private"], title="Plan", body="Tajny plan"
    )
    services.start_thread(
        actor=people["member"], space=spaces["public"], title="Witajcie", body="Dzień dobry"
    )

    member = api_as(people["member"])
    assert [t["title"] for t in results(member.get(f"{API}threads/"))] == ["Witajcie"]
    assert member.get(f"{API}threads/?space=grupa").status_code == 404
    assert member.get(f"{API}threads/{thread.pk}/").status_code == 404
    assert member.get(f"{API}threads/{thread.pk}/posts/").status_code == 404
    post = thread.posts.get()
    assert member.get(f"{API}posts/{post.pk}/").status_code == 404
    response = member.post(f"{API}threads/{thread.pk}/posts/", {"body": "Wchodzę"}, format="json")
    assert response.status_code == 404
    assert thread.posts.count() == 1

    insider = api_as(people["other"])
    for n in range(5):
        services.start_thread(
            actor=people["coordinator"], space=spaces["private"], title=f"Temat {n}", body="x"
        )
    with django_assert_max_num_queries(14):
        assert len(results(insider.get(f"{API}threads/"))) == 7
    listed = results(insider.get(f"{API}threads/?space=grupa"))[-1:]
    assert [(t["title"], t["space"], t["post_count"]) for t in listed] == [("Plan", "grupa", 1)]
    assert listed[0]["author"]["id"] == people["other"].pk
    posts = results(insider.get(f"{API}threads/{thread.pk}/posts/"))
    assert [p["body"] for p in posts] == ["Tajny plan"]
    assert posts[0]["html"] == "<p>Tajny plan</p>\n"


def test_starting_a_thread(people, spaces):
    member = api_as(people["member"])
    response = member.post(
        f"{API}threads/",
        {"space": "otwarte", "title": "Edukacja włączająca", "body": "**Ważne**<script>alert(1)</script>",
         "organisation": "zit-testowy"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["title"] == "Edukacja włączająca"
    assert created["organisation"] == "zit-testowy"
    assert created["can_reply"] is True
    first = results(member.get(f"{API}threads/{created['id']}/posts/"))[0]
    assert "<strong>Ważne</strong>" in first["html"]
    assert "<script" not in first["html"]

    assert api_as().post(f"{API}threads/", {"space": "otwarte", "title": "x", "body": "y"}).status_code == 401
    outsider = api_as(people["outsider"])
    response = outsider.post(f"{API}threads/", {"space": "otwarte", "title": "x", "body": "y"}, format="json")
    assert response.status_code == 403
    response = member.post(f"{API}threads/", {"space": "grupa", "title": "x", "body": "y"}, format="json")
    assert response.status_code == 404
    response = member.post(f"{API}threads/", {"space": "otwarte", "title": "   ", "body": "y"}, format="json")
    assert response.status_code == 400
    response = member.post(
        f"{API}threads/",
        {"space": "otwarte", "title": "x", "body": "y", "organisation": "nie-ma"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {"organisation": ["There is no such organisation in the directory."]}
    response = member.post(
        f"{API}threads/", {"space": "otwarte", "title": "x", "body": "y" * 20001}, format="json"
    )
    assert response.status_code == 400
    assert spaces["public"].threads.count() == 1


def test_reply_and_catch_up_after_the_last_post_seen(people, spaces, django_assert_max_num_queries):
    thread = services.start_thread(
        actor=people["member"], space=spaces["members"], title="CAL", body="Pierwszy"
    )
    first = thread.posts.get()
    other = api_as(people["other"])
    response = other.post(
        f"{API}threads/{thread.pk}/posts/", {"body": "Odpowiedź", "reply_to": first.pk}, format="json"
    )
    assert response.status_code == 201, response.content
    reply = response.json()
    assert (reply["body"], reply["reply_to"], reply["version"]) == ("Odpowiedź", first.pk, 1)
    services.reply(actor=people["coordinator"], thread=thread, body="Trzeci")

    member = api_as(people["member"])
    with django_assert_max_num_queries(15):
        caught_up = results(member.get(f"{API}threads/{thread.pk}/posts/?after={first.pk}"))
    assert [p["body"] for p in caught_up] == ["Odpowiedź", "Trzeci"]
    assert results(member.get(f"{API}threads/{thread.pk}/posts/?after={caught_up[-1]['id']}")) == []
    response = member.get(f"{API}threads/{thread.pk}/posts/?after=abc")
    assert response.status_code == 400
    assert response.json() == {"after": ["Give the id of the last post you saw."]}

    elsewhere = services.start_thread(actor=people["other"], space=spaces["members"], title="Inny", body="x")
    response = member.post(
        f"{API}threads/{elsewhere.pk}/posts/", {"body": "Nie tu", "reply_to": first.pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "The post you are replying to is not in this thread.",
        "code": "invalid",
    }
    assert response.json()["detail"]
    response = member.post(f"{API}threads/{thread.pk}/posts/", {"body": ""}, format="json")
    assert response.status_code == 400


def test_a_locked_thread_takes_replies_from_moderators_only(people, spaces):
    thread = services.start_thread(
        actor=people["member"], space=spaces["public"], title="Stare", body="Temat"
    )
    moderation.lock(actor=people["coordinator"], thread=thread)
    response = api_as(people["other"]).post(
        f"{API}threads/{thread.pk}/posts/", {"body": "Jeszcze"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "This thread is locked: no new replies can be added.",
        "code": "locked",
    }
    assert api_as(people["other"]).get(f"{API}threads/{thread.pk}/").json()["can_reply"] is False
    response = api_as(people["coordinator"]).post(
        f"{API}threads/{thread.pk}/posts/", {"body": "Wyjaśnienie"}, format="json"
    )
    assert response.status_code == 201


def test_editing_sends_the_version_and_a_stale_one_is_refused(people, spaces):
    thread = services.start_thread(
        actor=people["member"], space=spaces["public"], title="ZIT", body="Wersja 1"
    )
    post = thread.posts.get()
    url = f"{API}posts/{post.pk}/"
    author = api_as(people["member"])

    response = author.patch(url, {"body": "Wersja 2", "version": 1}, format="json")
    assert response.status_code == 200, response.content
    assert (response.json()["body"], response.json()["version"]) == ("Wersja 2", 2)

    response = author.patch(url, {"body": "Wersja z innej karty", "version": 1}, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "stale"
    assert response.json()["version"] == 2
    assert Post.objects.get(pk=post.pk).body == "Wersja 2"

    assert (
        api_as(people["other"]).patch(url, {"body": "Cudze", "version": 2}, format="json").status_code == 403
    )
    assert api_as().patch(url, {"body": "Anonim", "version": 2}, format="json").status_code == 401
    response = author.patch(url, {"body": "Bez wersji"}, format="json")
    assert response.status_code == 400 and "version" in response.json()
    assert api_as(people["member"]).put(url, {"body": "x", "version": 2}, format="json").status_code == 405
    assert post.revisions.count() == 1


def test_a_hidden_post_shows_its_reason_to_its_author_only(people, spaces):
    thread = services.start_thread(actor=people["member"], space=spaces["public"], title="Spór", body="Ostro")
    post = thread.posts.get()
    moderation.hide(actor=people["coordinator"], post=post, reason="Język niezgodny z zasadami")

    shown = results(api_as(people["member"]).get(f"{API}threads/{thread.pk}/posts/"))[0]
    assert (shown["hidden"], shown["body"], shown["hidden_reason"]) == (
        True,
        "Ostro",
        "Język niezgodny z zasadami",
    )
    for reader in (api_as(), api_as(people["other"])):
        seen = results(reader.get(f"{API}threads/{thread.pk}/posts/"))[0]
        assert (seen["hidden"], seen["body"], seen["html"], seen["hidden_reason"]) == (True, None, None, "")
        assert seen["notice"] == "This post is hidden by the moderators."
        assert reader.get(f"{API}posts/{post.pk}/").json()["body"] is None
    moderated = results(api_as(people["coordinator"]).get(f"{API}threads/{thread.pk}/posts/"))[0]
    assert moderated["body"] == "Ostro"


def test_reactions_toggle(people, spaces):
    thread = services.start_thread(
        actor=people["member"], space=spaces["public"], title="Dzięki", body="Tekst"
    )
    post = thread.posts.get()
    other = api_as(people["other"])
    response = other.post(f"{API}posts/{post.pk}/react/", {"kind": "thanks"}, format="json")
    assert response.status_code == 200
    assert response.json()["on"] is True
    thanks = [r for r in response.json()["post"]["reactions"] if r["kind"] == "thanks"][0]
    assert (thanks["count"], thanks["mine"]) == (1, True)
    response = other.post(f"{API}posts/{post.pk}/react/", {"kind": "thanks"}, format="json")
    assert response.json()["on"] is False
    response = other.post(f"{API}posts/{post.pk}/react/", {"kind": "love"}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == "Unknown reaction."
    assert (
        api_as(people["outsider"]).post(f"{API}posts/{post.pk}/react/", {"kind": "agree"}).status_code == 403
    )


def test_the_schema_lists_the_forum_endpoints():
    response = api_as().get("/api/v1/schema/")
    assert response.status_code == 200
    text = response.content.decode()
    for path in ("/api/v1/forum/spaces/", "/api/v1/forum/threads/{id}/posts/", "/api/v1/forum/posts/{id}/"):
        assert path in text
