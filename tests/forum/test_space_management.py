"""Network coordinators create working-group spaces and choose their people; nobody else can.

What people notice: a new private group is open to the people added by e-mail and to nobody else, removing
someone takes the access away, a review cycle's space keeps its members and privacy, mistakes come back on the
same page with a message and nothing saved."""

import html
import re

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from forum import spaces
from forum.enums import Visibility
from forum.models import Space, Subscription
from peer_review import services as review_services
from tests.factories import MembershipFactory, UserFactory
from tests.forum.moderation_world import make_space
from zitnet.core.errors import DomainError

pytestmark = pytest.mark.django_db

CREATE = reverse("forum:space_create")
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def text(response) -> str:
    return re.sub(r"\s+", " ", html.unescape(response.content.decode()))


def settings_url(space) -> str:
    return reverse("forum:space_settings", args=[space.slug])


def audit(space) -> list[ModelLogEntry]:
    return list(
        ModelLogEntry.objects.filter(object_id=str(space.pk), content_type__model="space").order_by("pk")
    )


def people_post(client, space, *, add="", role="member", remove_members=(), remove_moderators=(), **extra):
    data = {
        "part": "people",
        "people-add": add,
        "people-role": role,
        "people-remove_members": [p.pk for p in remove_members],
        "people-remove_moderators": [p.pk for p in remove_moderators],
    }
    return client.post(settings_url(space), data, **extra)


def settings_post(client, space, *, extra=None, **changes):
    data = {
        "part": "settings",
        "settings-title": space.title,
        "settings-description": space.description,
        "settings-visibility": space.visibility,
        "settings-position": space.position,
    } | {f"settings-{name}": value for name, value in changes.items()}
    if data.pop("settings-is_archived", space.is_archived):
        data["settings-is_archived"] = "on"
    return client.post(settings_url(space), data, **(extra or {}))


@pytest.fixture
def coordinator_client(client_for, coordinator):
    return client_for(coordinator)


@pytest.fixture
def group(coordinator):
    return spaces.create_space(
        actor=coordinator, title="Grupa robocza ds. MOF", visibility=Visibility.PRIVATE
    )


# --- a coordinator builds a working group --------------------------------------------------------------------


def test_a_coordinator_creates_a_private_group_adds_two_people_who_can_open_it_and_nobody_else(
    client, client_for, coordinator_client, coordinator, member, reader
):
    outsider = MembershipFactory(user__first_name="Obcy").user
    Space.objects.filter(pk=make_space("strategie").pk).update(position=40)

    response = coordinator_client.post(
        CREATE,
        {
            "title": "Grupa robocza: Młodzież w MOF",
            "description": "Wspólny program.",
            "visibility": "private",
        },
    )

    space = Space.objects.get(title="Grupa robocza: Młodzież w MOF")
    assert response.status_code == 302 and response["Location"] == settings_url(space)
    assert space.slug == "grupa-robocza-mlodziez-w-mof"
    assert space.visibility == Visibility.PRIVATE and space.description == "Wspólny program."
    assert space.created_by == coordinator and space.position == 50
    assert list(space.members.all()) == []

    response = people_post(coordinator_client, space, add=f"{member.email.upper()},\n {reader.email}; ")
    assert response.status_code == 302 and response["Location"] == settings_url(space)
    assert set(space.members.all()) == {member, reader}

    space_url = reverse("forum:space", args=[space.slug])
    assert client_for(member).get(space_url).status_code == 200
    assert client_for(reader).get(space_url).status_code == 200
    assert client_for(outsider).get(space_url).status_code == 404
    assert client.get(space_url).status_code == 302
    page = text(coordinator_client.get(settings_url(space), **EN))
    assert "The group has 2 members." in page
    assert member.display_name in page and "ZIT AKO" in page  # the member's organisation


def test_added_members_and_moderators_follow_the_space_quietly(coordinator, group, member, reader):
    spaces.change_people(actor=coordinator, space=group, add_members=[member], add_moderators=[reader])
    assert set(Subscription.objects.filter(space=group).values_list("user", flat=True)) == {
        member.pk,
        reader.pk,
    }
    # Adding them again changes nothing and writes no audit entry.
    assert spaces.change_people(actor=coordinator, space=group, add_members=[member]) == {
        "added_members": [],
        "removed_members": [],
        "added_moderators": [],
        "removed_moderators": [],
    }
    assert Subscription.objects.filter(space=group).count() == 2
    assert [entry.action for entry in audit(group)] == ["forum.space.create", "forum.space.people"]


def test_removing_a_member_takes_the_access_away(client_for, coordinator_client, coordinator, group, member):
    spaces.change_people(actor=coordinator, space=group, add_members=[member])
    space_url = reverse("forum:space", args=[group.slug])
    assert client_for(member).get(space_url).status_code == 200

    response = people_post(coordinator_client, group, remove_members=[member])

    assert response.status_code == 302
    assert list(group.members.all()) == []
    assert client_for(member).get(space_url).status_code == 404
    log = audit(group)[-1]
    assert log.action == "forum.space.people" and log.data["removed_members"] == [member.pk]
    assert log.user_id == coordinator.pk


def test_moderators_are_added_and_removed_by_e_mail_and_ticks(coordinator_client, group, member, reader):
    assert people_post(coordinator_client, group, add=member.email, role="moderator").status_code == 302
    assert list(group.moderators.all()) == [member] and list(group.members.all()) == []
    page = text(coordinator_client.get(settings_url(group), **EN))
    assert "The space has 1 moderator." in page

    assert people_post(coordinator_client, group, remove_moderators=[member]).status_code == 302
    assert list(group.moderators.all()) == []


def test_the_coordinator_changes_the_settings(coordinator_client, coordinator, group, member):
    response = settings_post(
        coordinator_client,
        group,
        title="Grupa robocza ds. MOF 2026",
        visibility="members",
        is_archived=True,
        position=5,
    )

    assert response.status_code == 302
    group.refresh_from_db()
    assert group.title == "Grupa robocza ds. MOF 2026" and group.visibility == Visibility.MEMBERS
    assert group.is_archived and group.position == 5
    assert group.slug == "grupa-robocza-ds-mof"  # the address stays
    log = audit(group)[-1]
    assert log.action == "forum.space.update"
    assert log.data["changed"] == ["title", "visibility", "is_archived", "position"]


# --- who may ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["member", "space_moderator", "editor"])
def test_people_who_are_not_coordinators_are_refused_both_pages(request, client_for, group, space, who):
    # `space` is moderated by `space_moderator`: moderating one space gives no say over spaces.
    person = request.getfixturevalue(who)
    person_client = client_for(person)
    for url in (CREATE, settings_url(group), settings_url(space)):
        assert person_client.get(url).status_code == 403, url
    assert person_client.post(CREATE, {"title": "Moja grupa", "visibility": "public"}).status_code == 403
    assert people_post(person_client, space, add=person.email).status_code == 403
    assert settings_post(person_client, space, title="Przejęta").status_code == 403
    assert Space.objects.count() == 2 and not space.members.exists()
    space.refresh_from_db()
    assert space.title != "Przejęta"


def test_anonymous_visitors_are_asked_to_log_in(client, group):
    for url in (CREATE, settings_url(group)):
        response = client.get(url)
        assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_the_services_check_the_permission_themselves(member, group):
    with pytest.raises(PermissionDenied):
        spaces.create_space(actor=member, title="Moja grupa", visibility=Visibility.PUBLIC)
    with pytest.raises(PermissionDenied):
        spaces.change_people(actor=member, space=group, add_members=[member])
    with pytest.raises(PermissionDenied):
        spaces.update_space(
            actor=member,
            space=group,
            title="x",
            description="",
            visibility=Visibility.PUBLIC,
            is_archived=False,
            position=0,
        )


def test_only_coordinators_see_the_links(client_for, coordinator_client, member, space):
    create_link = f'href="{CREATE}"'
    settings_link = f'href="{settings_url(space)}"'
    assert create_link in text(coordinator_client.get(reverse("forum:index")))
    assert settings_link in text(coordinator_client.get(space.get_absolute_url()))
    member_client = client_for(member)
    assert create_link not in text(member_client.get(reverse("forum:index")))
    assert settings_link not in text(member_client.get(space.get_absolute_url()))


# --- addresses -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Powiadomienia", "powiadomienia-2"),
        ("Przestrzenie", "przestrzenie-2"),
        ("Grupa robocza ds. MOF", "grupa-robocza-ds-mof-2"),
        ("!!!", "grupa-robocza"),
    ],
)
def test_a_reserved_or_taken_title_still_gives_an_address_that_opens(coordinator_client, group, title, slug):
    response = coordinator_client.post(CREATE, {"title": title, "visibility": "members"})

    space = Space.objects.get(slug=slug)
    assert response.status_code == 302 and space.title == title
    assert coordinator_client.get(space.get_absolute_url()).status_code == 200


def test_przestrzenie_is_a_fixed_word_now():
    from forum.slugs import is_reserved

    assert is_reserved("przestrzenie")


# --- mistakes --------------------------------------------------------------------------------------------------


def test_an_unknown_or_inactive_address_is_named_and_nobody_is_added(coordinator_client, group, member):
    gone = UserFactory(email="odszedl@gmina.test", is_active=False)

    response = people_post(
        coordinator_client, group, add=f"{member.email}\nnikt@gmina.test\n{gone.email}", **EN
    )

    assert response.status_code == 400
    page = text(response)
    assert "No active account has these e-mail addresses: nikt@gmina.test, odszedl@gmina.test." in page
    assert 'aria-describedby="id_people-add_helptext id_people-add_error"' in page
    assert not group.members.exists() and not Subscription.objects.filter(space=group).exists()


def test_text_that_is_not_an_address_is_named(coordinator_client, group):
    response = people_post(coordinator_client, group, add="jan.kowalski, anna@gmina.test", **EN)
    assert response.status_code == 400
    assert "These are not e-mail addresses: jan.kowalski." in text(response)


def test_too_many_addresses_are_refused(coordinator_client, group):
    addresses = "\n".join(f"osoba{n}@gmina.test" for n in range(201))
    response = people_post(coordinator_client, group, add=addresses, **EN)
    assert response.status_code == 400
    assert "At most 200 addresses at once; this list has 201." in text(response)


def test_an_empty_people_form_says_what_to_do(coordinator_client, group):
    response = people_post(coordinator_client, group, **EN)
    assert response.status_code == 400
    assert "Nothing to change: enter e-mail addresses or tick the people to remove." in text(response)


def test_an_empty_title_is_refused_with_the_form_shown_again(coordinator_client):
    response = coordinator_client.post(CREATE, {"title": "  ", "visibility": "private"}, **EN)
    assert response.status_code == 400
    assert "Please correct the marked fields." in text(response)
    assert not Space.objects.exists()


def test_a_part_that_does_not_exist_is_a_bad_request(coordinator_client, group):
    assert coordinator_client.post(settings_url(group), {"part": "wszystko"}).status_code == 400


def test_an_inactive_account_is_refused_by_the_service_and_nothing_is_written(coordinator, group, member):
    gone = UserFactory(is_active=False)
    with translation.override("en"), pytest.raises(DomainError) as refused:
        spaces.change_people(actor=coordinator, space=group, add_members=[member], add_moderators=[gone])
    assert refused.value.message == f"These accounts are not active: {gone.email}."
    assert not group.members.exists() and not group.moderators.exists()


# --- a review cycle's space -------------------------------------------------------------------------------------


@pytest.fixture
def cycle_space(coordinator):
    cycle = review_services.create_cycle(actor=coordinator, title="Forum Oceny i Współpracy 2027")
    return Space.objects.get(cycle=cycle)


def test_a_cycle_space_refuses_member_changes_but_takes_moderators(
    coordinator_client, cycle_space, member, reader
):
    response = people_post(coordinator_client, cycle_space, add=member.email, **EN)

    assert response.status_code == 400
    assert "The members of this space are the participants of its review cycle" in text(response)
    assert not cycle_space.members.filter(pk=member.pk).exists()
    page = text(coordinator_client.get(settings_url(cycle_space), **EN))
    assert 'name="people-remove_members"' not in page
    assert "This is the private space of the review cycle" in page

    response = people_post(coordinator_client, cycle_space, add=reader.email, role="moderator")
    assert response.status_code == 302
    assert cycle_space.moderators.filter(pk=reader.pk).exists()


def test_a_cycle_space_stays_private(coordinator_client, cycle_space):
    response = settings_post(coordinator_client, cycle_space, visibility="public", extra=EN)

    assert response.status_code == 400
    assert "it stays private to the cycle's participants" in text(response)
    cycle_space.refresh_from_db()
    assert cycle_space.visibility == Visibility.PRIVATE

    response = settings_post(coordinator_client, cycle_space, description="Rozmowy gospodarzy i ekspertów.")
    assert response.status_code == 302
    cycle_space.refresh_from_db()
    assert cycle_space.description == "Rozmowy gospodarzy i ekspertów."


# --- language ------------------------------------------------------------------------------------------------


def test_messages_speak_english_to_english_readers(coordinator_client, coordinator, group):
    response = coordinator_client.get(settings_url(group), **EN)
    page = text(response)
    assert "Settings of the space “Grupa robocza ds. MOF”" in page
    assert "Members and moderators" in page and "The group has no members yet." in page

    response = people_post(
        coordinator_client, group, add=coordinator.email, role="moderator", follow=True, **EN
    )
    assert "The members and moderators of the space are saved." in text(response)
