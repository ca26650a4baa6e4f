"""The Forum's public and participant pages: the call page, applying, hosts and experts working on challenges,
observers reading their material, attachments and attendance — what each person sees and may do."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext, override

from peer_review import services
from peer_review.enums import (
    ApplicationStatus,
    AttendanceStatus,
    ChallengeState,
    CyclePhase,
    MeetingKind,
)
from peer_review.models import Challenge, ChallengeAttachment, ObserverApplication
from tests.factories.directory import OrganisationFactory
from tests.factories.peer_review import build_world, observer_user
from zitnet.directory.enums import OrganisationKind

CONTEXT = "Kontekst wyzwania: opis sytuacji w obszarze funkcjonalnym."


def login(person) -> Client:
    client = Client()
    client.force_login(person)
    session = client.session
    session["zitnet_2fa_ok"] = True  # coordinators' second factor, as after a TOTP sign-in
    session.save()
    return client


def polish(msgid: str, **params) -> str:
    """A service's message as the (Polish) page shows it, HTML-escaped."""
    with override("pl"):
        text = gettext(msgid)
    return escape(text % params if params else text)


def url(name: str, world, *args) -> str:
    return reverse(f"peer_review:{name}", args=[world.cycle.slug, *args])


def page(response) -> str:
    return response.content.decode()


# --- the public call page ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_call_page_is_public_during_recruitment_with_the_approved_challenges_but_not_their_material():
    world = build_world(phase=CyclePhase.RECRUITMENT, observers=0)
    response = Client().get(url("cycle", world))
    assert response.status_code == 200
    html = page(response)
    for challenge in world.challenges:
        assert challenge.title in html
        assert challenge.get_absolute_url() in html  # approved in a public cycle: its summary is public
    for host in world.hosts:
        assert host.organisation.display_name in html
    assert CONTEXT not in html
    index = page(Client().get(reverse("peer_review:index")))
    assert world.cycle.title in index
    assert reverse("peer_review:cycle_create") not in index

    summary = Client().get(world.challenges[0].get_absolute_url())
    assert summary.status_code == 200
    assert world.challenges[0].guiding_question in page(summary)
    assert CONTEXT not in page(summary)


@pytest.mark.django_db
def test_a_draft_cycle_does_not_exist_for_the_public():
    world = build_world(phase=CyclePhase.DRAFT, observers=0)
    member = observer_user()
    assert Client().get(url("cycle", world)).status_code == 404
    assert login(member).get(url("cycle", world)).status_code == 404
    assert world.cycle.title not in page(Client().get(reverse("peer_review:index")))
    coordinator_view = login(world.coordinator).get(url("cycle", world))
    assert coordinator_view.status_code == 200
    coordinator_index = page(login(world.coordinator).get(reverse("peer_review:index")))
    assert world.cycle.title in coordinator_index
    assert reverse("peer_review:cycle_create") in coordinator_index


# --- applying ---------------------------------------------------------------------------------------------


def _application_data(organisation, challenges, **extra) -> dict:
    data = {
        "organisation": organisation.pk,
        "motivation": "Chcę poznać, jak inne związki ZIT planują rozwój obszarów funkcjonalnych.",
        "expertise": "planowanie strategiczne, transport publiczny",
        "availability": "both",
    }
    for rank, challenge in enumerate(challenges, 1):
        data[f"preference_{rank}"] = challenge.pk
    data.update(extra)
    return data


@pytest.mark.django_db
def test_apply_shows_one_select_per_rank_then_a_valid_application_lands_on_the_observer_page():
    world = build_world(phase=CyclePhase.RECRUITMENT, observers=0)
    organisation = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY_URBAN_RURAL, name="Gmina Nowa")
    person = observer_user(organisation)
    client = login(person)
    form = page(client.get(url("apply", world)))
    assert [f'name="preference_{rank}"' in form for rank in range(1, 7)] == [True] * 5 + [False]
    assert "<script" not in form.split('id="main"')[1]

    first, second = world.challenges[4], world.challenges[0]
    response = client.post(url("apply", world), _application_data(organisation, [first, second]))
    assert response.status_code == 302
    assert response["Location"] == url("observer", world)
    application = ObserverApplication.objects.get(cycle=world.cycle, user=person)
    assert application.status == ApplicationStatus.SUBMITTED
    assert [(p.rank, p.challenge_id) for p in application.preferences.all()] == [
        (1, first.pk),
        (2, second.pk),
    ]
    assert sorted(application.expertise.names()) == ["planowanie strategiczne", "transport publiczny"]

    mine = page(client.get(url("observer", world)))
    assert first.title in mine and second.title in mine
    assert organisation.display_name in mine

    # Sent again from a fresh form (two tabs): refused, nothing doubled.
    again = client.post(url("apply", world), _application_data(organisation, [second]))
    assert again.status_code == 400
    assert polish("You have already applied to this cycle; you can change your application.") in page(again)
    assert ObserverApplication.objects.filter(cycle=world.cycle, user=person).count() == 1


@pytest.mark.django_db
def test_apply_refuses_unknown_and_conflicted_challenges_with_a_message():
    world = build_world(phase=CyclePhase.RECRUITMENT, observers=0)
    organisation = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY_URBAN_RURAL)
    client = login(observer_user(organisation))

    unknown = client.post(
        url("apply", world), {**_application_data(organisation, []), "preference_1": 999999}
    )
    assert unknown.status_code == 400
    assert polish("Your preferences name a challenge that is not open for observers in this cycle.") in page(
        unknown
    )

    host = world.hosts[1]
    challenge = world.challenges[3]
    assert challenge.host_id == host.pk
    declared = client.post(
        url("apply", world),
        _application_data(
            organisation, [challenge], conflict_hosts=[host.pk], conflict_reason="Mój mąż tam pracuje"
        ),
    )
    assert declared.status_code == 400
    assert escape(challenge.title) in page(declared)
    assert not ObserverApplication.objects.filter(cycle=world.cycle).exists()

    # A host coordinator is a member of the host organisation: its own challenge is a conflict.
    own = login(world.host_coordinators[0]).post(
        url("apply", world), _application_data(world.hosts[0].organisation, [world.challenges[0]])
    )
    assert own.status_code == 400
    assert polish(
        "You cannot observe “%(challenge)s”: you have a conflict of interest with %(host)s. "
        "Remove it from your preferences.",
        challenge=world.challenges[0].title,
        host=world.hosts[0],
    ) in page(own)


@pytest.mark.django_db
def test_apply_after_recruitment_closed_is_refused():
    world = build_world(phase=CyclePhase.ASSIGNMENT, observers=0)
    organisation = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY_URBAN_RURAL)
    response = login(observer_user(organisation)).post(
        url("apply", world), _application_data(organisation, world.challenges[:2])
    )
    assert response.status_code == 400
    assert polish("Applications are accepted only while observers are being recruited.") in page(response)
    assert not ObserverApplication.objects.filter(cycle=world.cycle).exists()


@pytest.mark.django_db
def test_a_stale_application_form_is_refused_with_409_and_withdrawal_works():
    world = build_world(phase=CyclePhase.RECRUITMENT, observers=0)
    organisation = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY_URBAN_RURAL)
    person = observer_user(organisation)
    client = login(person)
    assert (
        client.post(url("apply", world), _application_data(organisation, [world.challenges[0]])).status_code
        == 302
    )
    edit_form = page(client.get(url("apply", world)))
    assert 'name="version" value="1"' in edit_form
    first = client.post(
        url("apply", world), _application_data(organisation, [world.challenges[1]], version=1)
    )
    assert first.status_code == 302
    stale = client.post(
        url("apply", world), _application_data(organisation, [world.challenges[2]], version=1)
    )
    assert stale.status_code == 409
    application = ObserverApplication.objects.get(user=person)
    assert application.version == 2
    assert list(application.preferences.values_list("challenge_id", flat=True)) == [world.challenges[1].pk]

    assert client.get(url("withdraw", world)).status_code == 405
    assert client.post(url("withdraw", world)).status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN


@pytest.mark.django_db
def test_a_non_member_is_told_who_can_apply_and_a_stranger_has_no_observer_page():
    world = build_world(phase=CyclePhase.RECRUITMENT, observers=0)
    from tests.factories import UserFactory

    stranger = login(UserFactory())
    assert stranger.get(url("apply", world)).status_code == 403
    assert stranger.get(url("observer", world)).status_code == 404
    assert Client().get(url("apply", world)).status_code == 302  # to the login page


# --- hosts and experts ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_host_page_shows_own_challenges_and_never_another_hosts_draft():
    world = build_world(phase=CyclePhase.IDENTIFICATION)
    own = [c for c in world.challenges if c.host_id == world.hosts[0].pk]
    others = [c for c in world.challenges if c.host_id != world.hosts[0].pk]
    client = login(world.host_coordinators[0])

    host_page = client.get(url("host", world))
    assert host_page.status_code == 200
    html = page(host_page)
    assert all(c.title in html for c in own)
    assert url("challenge_create", world, world.hosts[0].pk) in html
    # Asking for another host changes nothing for a host coordinator.
    html_b = page(client.get(url("host", world) + f"?host={world.hosts[1].pk}"))
    draft_b = others[0]
    for text in (
        html,
        html_b,
        page(client.get(url("cycle", world))),
        page(client.get(own[0].get_absolute_url())),
    ):
        assert draft_b.title not in text
    assert client.get(draft_b.get_absolute_url()).status_code == 404
    assert client.get(url("challenge_edit", world, draft_b.pk)).status_code == 404
    assert client.get(url("challenge_create", world, world.hosts[1].pk)).status_code == 403
    refused = client.post(url("challenge_action", world, draft_b.pk), {"action": "submit", "version": 1})
    assert refused.status_code == 404
    assert client.get(url("expert", world)).status_code == 403

    # The network coordinator may look at any host.
    coordinator = login(world.coordinator).get(url("host", world) + f"?host={world.hosts[1].pk}")
    assert coordinator.status_code == 200
    assert draft_b.title in page(coordinator)
    assert own[0].title not in page(coordinator)
    assert login(observer_user()).get(url("host", world)).status_code in {403, 404}


@pytest.mark.django_db
def test_host_creates_a_challenge_then_expert_returns_it_host_revises_resubmits_and_expert_approves():
    world = build_world(phase=CyclePhase.IDENTIFICATION)
    host_client = login(world.host_coordinators[0])
    expert_client = login(world.experts[0])
    created = host_client.post(
        url("challenge_create", world, world.hosts[0].pk),
        {
            "title": "Transport publiczny w MOF",
            "guiding_question": "Jak zintegrować rozkłady jazdy gmin obszaru funkcjonalnego?",
            "context": "Pięć gmin, trzech przewoźników.",
            "strategy_links": "https://zit.example.org/strategia",
        },
    )
    assert created.status_code == 302
    challenge = Challenge.objects.get(title="Transport publiczny w MOF")
    assert challenge.host_id == world.hosts[0].pk and challenge.version == 1

    action = url("challenge_action", world, challenge.pk)
    assert host_client.post(action, {"action": "submit", "version": 1}).status_code == 302
    expert_page = page(expert_client.get(url("expert", world)))
    assert expert_page.index("Transport publiczny w MOF") < expert_page.index(world.challenges[0].title)

    no_comment = expert_client.post(action, {"action": "return", "version": 1, "body": ""})
    assert no_comment.status_code == 400
    challenge.refresh_from_db()
    assert challenge.state == ChallengeState.SUBMITTED

    comment = "Proszę doprecyzować pytanie przewodnie i dodać dane o liczbie pasażerów."
    assert expert_client.post(action, {"action": "return", "version": 1, "body": comment}).status_code == 302
    challenge.refresh_from_db()
    assert challenge.state == ChallengeState.RETURNED
    assert comment in page(host_client.get(url("host", world)))
    assert comment in page(host_client.get(challenge.get_absolute_url()))

    revised = host_client.post(
        url("challenge_edit", world, challenge.pk),
        {
            "title": "Transport publiczny w MOF",
            "guiding_question": "Jak zintegrować rozkłady jazdy, by dojazd do pracy trwał krócej niż 45 minut?",
            "context": "Pięć gmin, trzech przewoźników, 12 tys. pasażerów dziennie.",
            "version": 1,
        },
    )
    assert revised.status_code == 302
    challenge.refresh_from_db()
    assert challenge.version == 2
    stale = host_client.post(action, {"action": "submit", "version": 1})
    assert stale.status_code == 409
    assert host_client.post(action, {"action": "submit", "version": 2}).status_code == 302
    assert expert_client.post(action, {"action": "approve", "version": 2, "body": ""}).status_code == 302
    challenge.refresh_from_db()
    assert challenge.state == ChallengeState.APPROVED
    assert sorted(challenge.versions.values_list("number", flat=True)) == [1, 2]
    history = page(host_client.get(challenge.get_absolute_url()))
    assert "12 tys. pasażerów dziennie" in history and "Pięć gmin, trzech przewoźników." in history

    # Another host's expert may read it but not decide on it.
    other_expert = login(world.experts[1])
    assert other_expert.post(action, {"action": "return", "version": 2, "body": comment}).status_code == 403


@pytest.mark.django_db
def test_editing_an_approved_challenge_is_refused_and_it_stays_unchanged():
    world = build_world(phase=CyclePhase.IDENTIFICATION)
    challenge = world.challenges[0]
    services.submit_challenge(actor=None, challenge=challenge)
    services.approve_challenge(actor=None, challenge=challenge)
    challenge.refresh_from_db()
    response = login(world.host_coordinators[0]).post(
        url("challenge_edit", world, challenge.pk),
        {"title": "Zmieniony tytuł", "guiding_question": "Inne pytanie?", "version": challenge.version},
    )
    assert response.status_code == 400
    assert polish("Ask the network coordinator to reopen it.") in page(response)
    before = (challenge.title, challenge.guiding_question, challenge.version)
    challenge.refresh_from_db()
    assert (challenge.title, challenge.guiding_question, challenge.version) == before


@pytest.mark.django_db
def test_a_script_in_a_comment_is_escaped_and_observers_never_see_the_thread():
    world = build_world(phase=CyclePhase.IDENTIFICATION)
    challenge = world.challenges[0]
    expert_client = login(world.experts[0])
    body = "Uwaga <script>alert('x')</script>\nDruga linia"
    assert (
        expert_client.post(
            url("challenge_action", world, challenge.pk), {"action": "comment", "body": body}
        ).status_code
        == 302
    )
    html = page(expert_client.get(challenge.get_absolute_url()))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<br>Druga linia" in html  # line breaks kept


# --- observers and their material -------------------------------------------------------------------------


@pytest.mark.django_db
def test_observer_reads_material_of_assigned_challenges_only_after_publication():
    world = build_world(phase=CyclePhase.ASSIGNMENT)
    for challenge in world.challenges:
        ChallengeAttachment.objects.create(
            challenge=challenge,
            title=f"Diagnoza {challenge.pk}",
            file=ContentFile(b"dane", name="diagnoza.txt"),
        )
    application = next(a for a in world.applications if a.status == ApplicationStatus.ACCEPTED)
    observer = login(application.user)
    for challenge in world.challenges:
        before = observer.get(challenge.get_absolute_url())
        assert before.status_code == 200  # the public summary
        assert CONTEXT not in page(before)
        document = challenge.attachments.get()
        assert observer.get(url("attachment", world, challenge.pk, document.pk)).status_code == 404
    assert "Diagnoza" not in page(observer.get(url("observer", world)))

    run = services.run_assignment(actor=None, cycle=world.cycle)
    services.publish_run(actor=None, run=run)
    assigned = set(run.pairs.filter(application=application).values_list("challenge_id", flat=True))
    assert len(assigned) == world.cycle.challenges_per_observer
    mine = page(observer.get(url("observer", world)))
    for challenge in world.challenges:
        response = observer.get(challenge.get_absolute_url())
        document = challenge.attachments.get()
        download = observer.get(url("attachment", world, challenge.pk, document.pk))
        if challenge.pk in assigned:
            assert CONTEXT in page(response)
            assert challenge.title in mine and f"Diagnoza {challenge.pk}" in mine
            assert download.status_code == 200
        else:
            assert CONTEXT not in page(response)
            assert f"Diagnoza {challenge.pk}<" not in mine
            assert download.status_code == 404
    assert CONTEXT in mine


@pytest.mark.django_db
def test_attachment_upload_and_download_permissions():
    world = build_world(phase=CyclePhase.IDENTIFICATION)
    challenge = world.challenges[0]
    host_client = login(world.host_coordinators[0])
    edit = url("challenge_edit", world, challenge.pk)
    bad = host_client.post(
        edit,
        {"form": "attachment", "title": "Raport", "file": SimpleUploadedFile("raport.pdf", b"to nie PDF")},
    )
    assert bad.status_code == 400
    assert not challenge.attachments.exists()
    good = host_client.post(
        edit,
        {
            "form": "attachment",
            "title": "Diagnoza MOF",
            "file": SimpleUploadedFile("diagnoza.txt", b"Dane ZIT"),
        },
    )
    assert good.status_code == 302
    document = challenge.attachments.get()
    link = url("attachment", world, challenge.pk, document.pk)

    response = host_client.get(link)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == b"Dane ZIT"
    assert login(world.experts[0]).get(link).status_code == 200
    assert login(world.coordinator).get(link).status_code == 200
    assert login(world.host_coordinators[1]).get(link).status_code == 404
    assert login(observer_user()).get(link).status_code == 404
    assert Client().get(link).status_code == 302  # to the login page
    # The right id under another challenge's address is not found either.
    assert host_client.get(url("attachment", world, world.challenges[1].pk, document.pk)).status_code == 404


# --- meetings ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_coordinator_records_attendance_and_observers_see_only_their_invitation():
    world = build_world(phase=CyclePhase.PREPARATION)
    meeting = world.cycle.meetings.get(kind=MeetingKind.PREPARATORY)
    services.send_invitations(actor=None, meeting=meeting)
    rows = list(meeting.attendance.select_related("user"))
    present = [rows[0].user_id, rows[1].user_id]
    coordinator = login(world.coordinator)
    form = page(coordinator.get(meeting.get_absolute_url()))
    assert all(row.user.display_name in form for row in rows)
    assert meeting.online_url in form
    assert coordinator.post(meeting.get_absolute_url(), {"present": present}).status_code == 302
    statuses = dict(meeting.attendance.values_list("user_id", "status"))
    assert {pk for pk, status in statuses.items() if status == AttendanceStatus.ATTENDED} == set(present)
    assert sum(1 for status in statuses.values() if status == AttendanceStatus.ABSENT) == len(rows) - 2

    application = next(a for a in world.applications if a.status == ApplicationStatus.ACCEPTED)
    observer = login(application.user)
    seen = page(observer.get(meeting.get_absolute_url()))
    assert 'name="present"' not in seen
    assert meeting.online_url in seen  # invited
    others = [row.user.display_name for row in rows if row.user_id != application.user_id]
    assert not any(f"{name} (" in seen for name in others)
    assert observer.post(meeting.get_absolute_url(), {"present": present}).status_code == 403
    assert login(observer_user()).get(meeting.get_absolute_url()).status_code == 403
    assert meeting.get_absolute_url() in page(observer.get(url("observer", world)))
