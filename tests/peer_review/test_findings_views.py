"""The pages of findings and recommendations: who gets which page (role × page × challenge), recording and
submitting without JavaScript, drafts kept private, escaped text, stale forms, consolidation with its trace."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext, override

from peer_review import findings, services
from peer_review.enums import CyclePhase, FindingKind, FindingState
from peer_review.models import Finding, Recommendation
from tests.factories import MembershipFactory
from tests.factories.knowledge import make_practice
from tests.factories.peer_review import advance, build_world

pytestmark = pytest.mark.django_db

LOGIN = "login"
OVERRIDE = "Test: przechodzimy dalej mimo braków w danych."


def login(person) -> Client:
    client = Client()
    if person is not None:
        client.force_login(person)
        session = client.session
        session["zitnet_2fa_ok"] = True  # coordinators' second factor, as after a TOTP sign-in
        session.save()
    return client


def polish(msgid: str, **params) -> str:
    """A message as the (Polish) page shows it, HTML-escaped."""
    with override("pl"):
        text = gettext(msgid)
    return escape(text % params if params else text)


def outcome(response) -> int | str:
    if response.status_code == 302 and "/konto/login/" in response["Location"]:
        return LOGIN
    return response.status_code


def page(response) -> str:
    return response.content.decode()


class People:
    """The cycle's people around one challenge (`assigned`, given to `observer` by the published assignment)."""

    def __init__(self, world):
        self.world = world
        self.observer = world.applications[0].user
        pairs = world.cycle.published_run.pairs
        mine = set(pairs.filter(application__user=self.observer).values_list("challenge_id", flat=True))
        self.assigned = next(c for c in world.challenges if c.pk in mine)
        on_it = set(pairs.filter(challenge=self.assigned).values_list("application__user_id", flat=True))
        self.colleague = next(a.user for a in world.applications[1:] if a.user_id in on_it)
        self.outsider = next(a.user for a in world.applications if a.user_id not in on_it)
        index = [h.pk for h in world.hosts].index(self.assigned.host_id)
        self.expert = world.experts[index]
        self.other_expert = world.experts[(index + 1) % len(world.experts)]
        self.host = world.host_coordinators[index]
        self.coordinator = world.coordinator

    def by_role(self) -> dict:
        return {
            "anonymous": None,
            "member": MembershipFactory().user,
            "observer": self.observer,
            "observer_not_assigned": self.outsider,
            "expert": self.expert,
            "expert_other_host": self.other_expert,
            "host": self.host,
            "coordinator": self.coordinator,
        }

    def url(self, name, *args) -> str:
        return reverse(f"peer_review:{name}", args=[self.world.cycle.slug, *args])


ROLES = (
    "anonymous",
    "member",
    "observer",
    "observer_not_assigned",
    "expert",
    "expert_other_host",
    "host",
    "coordinator",
)


def check(clients, path, expected) -> None:
    got = tuple(outcome(clients[role].get(path)) for role in ROLES)
    assert got == expected, path


@pytest.fixture
def onsite():
    return People(build_world(phase=CyclePhase.ONSITE))


def record(client, people, challenge=None, then="draft", **values):
    data = {"kind": FindingKind.STRENGTH, "text": "Silne partnerstwo gmin.", "then": then, **values}
    if challenge is None:
        return client.post(people.url("my_findings"), {"challenge": people.assigned.pk, **data})
    return client.post(people.url("challenge_findings", challenge.pk), data)


# --- who gets which page ----------------------------------------------------------------------------------


def test_pages_by_role_during_the_onsite_meeting_and_report_drafting(onsite):
    people = onsite
    clients = {role: login(person) for role, person in people.by_role().items()}
    challenge = people.assigned.pk
    #                                                           anon  member obs  obs-no exp  exp-oth host coord
    check(clients, people.url("challenge_findings", challenge), (LOGIN, 404, 200, 404, 200, 404, 404, 200))
    check(clients, people.url("consolidation", challenge), (LOGIN, 404, 403, 404, 200, 404, 404, 200))
    check(clients, people.url("my_findings"), (LOGIN, 404, 200, 200, 200, 200, 404, 200))
    # Pages of a challenge that does not exist, or is not in this cycle.
    assert outcome(clients["coordinator"].get(people.url("challenge_findings", 999_999))) == 404

    submitted = findings.save_finding(
        actor=people.colleague, challenge=people.assigned, kind=FindingKind.STRENGTH,
        text="Dobrze działające partnerstwo.", submit=True,
    )  # fmt: skip
    # The host reads the submitted findings from report drafting on, read-only and without the drafts.
    advance(people.world, CyclePhase.REPORT_DRAFTING)
    clients["host"] = login(people.host)
    check(clients, people.url("challenge_findings", challenge), (LOGIN, 404, 200, 404, 200, 404, 200, 200))
    check(clients, people.url("consolidation", challenge), (LOGIN, 404, 403, 404, 200, 404, 403, 200))
    html = page(clients["host"].get(people.url("challenge_findings", challenge)))
    assert submitted.text in html
    assert 'name="text"' not in html  # no form to record
    assert clients["host"].post(people.url("challenge_findings", challenge), {"text": "x"}).status_code == 403
    # The edit page of someone else's submitted finding: visible to readers, changeable by its author only.
    edit = people.url("finding_edit", challenge, submitted.pk)
    check(clients, edit, (LOGIN, 404, 403, 404, 403, 404, 403, 403))
    assert login(people.colleague).get(edit).status_code == 200


def test_the_challenge_page_and_the_role_pages_link_to_the_findings(onsite):
    people = onsite
    findings_url = people.url("challenge_findings", people.assigned.pk)
    consolidation_url = people.url("consolidation", people.assigned.pk)
    challenge_page = people.assigned.get_absolute_url()
    observer_html = page(login(people.observer).get(challenge_page))
    assert findings_url in observer_html and consolidation_url not in observer_html
    expert_html = page(login(people.expert).get(challenge_page))
    assert findings_url in expert_html and consolidation_url in expert_html
    assert findings_url not in page(login(people.host).get(challenge_page))
    assert findings_url not in page(login(MembershipFactory().user).get(challenge_page))
    my_findings = people.url("my_findings")
    observer_page = page(login(people.observer).get(people.url("observer")))
    assert my_findings in observer_page and findings_url in observer_page
    assert my_findings in page(login(people.expert).get(people.url("expert")))


# --- recording --------------------------------------------------------------------------------------------


def test_an_observer_records_a_draft_on_my_findings_then_submits_it(onsite):
    people = onsite
    client = login(people.observer)
    mine = page(client.get(people.url("my_findings")))
    assert people.assigned.title in mine
    assert '<label for="id_challenge"' in mine and '<label for="id_text"' in mine

    response = record(client, people, text="Wspólny zespół planistyczny gmin MOF.")
    assert response.status_code == 302
    draft = Finding.objects.get()
    assert (draft.author, draft.state, draft.challenge) == (
        people.observer,
        FindingState.DRAFT,
        people.assigned,
    )
    mine = page(client.get(people.url("my_findings")))
    assert draft.text in mine
    assert polish("Your finding is saved as a draft; only you see it until you submit it.") in mine

    # The draft is nobody else's business: the colleague, the expert and the coordinator do not see it.
    findings_url = people.url("challenge_findings", people.assigned.pk)
    for person in (people.colleague, people.expert, people.coordinator):
        assert draft.text not in page(login(person).get(findings_url))
        assert login(person).get(people.url("finding_edit", people.assigned.pk, draft.pk)).status_code == 404
    assert draft.text in page(client.get(findings_url))

    action = people.url("finding_action", people.assigned.pk, draft.pk)
    response = client.post(action, {"action": "submit", "version": draft.version, "next": "mine"})
    assert response.status_code == 302 and response["Location"] == people.url("my_findings")
    draft.refresh_from_db()
    assert draft.state == FindingState.SUBMITTED
    for person in (people.colleague, people.expert, people.coordinator):
        assert draft.text in page(login(person).get(findings_url))

    # A submitted finding, not yet used, goes back to a draft.
    response = client.post(action, {"action": "withdraw", "version": draft.version})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == FindingState.DRAFT
    response = client.post(action, {"action": "delete", "version": draft.version})
    assert response.status_code == 302 and not Finding.objects.exists()


def test_an_observer_cannot_record_on_a_challenge_not_assigned_to_them(onsite):
    people = onsite
    other = next(
        c for c in people.world.challenges if not people.observer.has_perm("peer_review.record_finding", c)
    )
    client = login(people.observer)
    response = record(client, people, challenge=other)
    assert response.status_code == 404
    response = client.post(
        people.url("my_findings"),
        {"challenge": other.pk, "kind": FindingKind.STRENGTH, "text": "Nie moje wyzwanie.", "then": "draft"},
    )
    assert response.status_code == 400
    assert polish("Choose one of the challenges you may record findings on.") in page(response)
    assert not Finding.objects.exists()


def test_bad_input_gets_a_message_and_a_4xx_and_text_is_always_escaped(onsite):
    people = onsite
    client = login(people.observer)
    too_long = record(client, people, text="x" * 10_000)
    assert too_long.status_code == 400
    assert polish(
        "The finding is too long: %(length)d characters, at most %(max)d.", length=10_000, max=5000
    ) in (page(too_long))
    unknown = record(client, people, kind=FindingKind.PRACTICE, text="Praktyka", practice="999999")
    assert unknown.status_code == 400
    assert polish("The chosen practice is not a published practice of the knowledge library.") in page(
        unknown
    )
    no_terms = record(client, people, kind=FindingKind.RECOMMENDATION, text="Zalecenie")
    assert no_terms.status_code == 400
    assert polish("Say to whom the recommendation is addressed.") in page(no_terms)
    no_kind = record(client, people, kind="")
    assert no_kind.status_code == 400
    assert not Finding.objects.exists()

    script = '<script>alert("x")</script><b>pogrubione</b>'
    assert record(client, people, text=script, then="submit").status_code == 302
    findings_url = people.url("challenge_findings", people.assigned.pk)
    for person, url in (
        (people.observer, findings_url),
        (people.observer, people.url("my_findings")),
        (people.expert, findings_url),
        (people.expert, people.url("consolidation", people.assigned.pk)),
        (people.coordinator, findings_url),
    ):
        html = page(login(person).get(url))
        assert '<script>alert("x")' not in html and "<b>pogrubione</b>" not in html
        assert escape(script) in html, url


def test_a_practice_is_chosen_from_the_published_practices_of_the_library(onsite):
    people = onsite
    practice = make_practice(title="Wspólne centrum usług społecznych")
    hidden = make_practice(title="Praktyka jeszcze w szkicu", publish=False)
    client = login(people.observer)
    html = page(client.get(people.url("challenge_findings", people.assigned.pk)))
    assert f'<option value="{practice.pk}">Wspólne centrum usług społecznych</option>' in html
    assert hidden.title not in html
    response = record(
        client, people, challenge=people.assigned, kind=FindingKind.PRACTICE, text="Warto przenieść.",
        practice=str(practice.pk), then="submit",
    )  # fmt: skip
    assert response.status_code == 302
    assert Finding.objects.get().practice.pk == practice.pk
    html = page(login(people.expert).get(people.url("challenge_findings", people.assigned.pk)))
    assert "Wspólne centrum usług społecznych" in html and "Warto przenieść." in html


def test_a_stale_edit_answers_409_and_keeps_the_newer_text(onsite):
    people = onsite
    client = login(people.observer)
    draft = findings.save_finding(
        actor=people.observer, challenge=people.assigned, kind=FindingKind.PROBLEM, text="Pierwsza wersja."
    )
    edit = people.url("finding_edit", people.assigned.pk, draft.pk)
    assert "Pierwsza wersja." in page(client.get(edit))
    fields = {"kind": FindingKind.PROBLEM, "then": "draft"}
    assert client.post(edit, {**fields, "text": "Druga wersja.", "version": 1}).status_code == 302
    stale = client.post(edit, {**fields, "text": "Z drugiej karty.", "version": 1})
    assert stale.status_code == 409
    assert polish(
        "Someone changed this while you were editing it (version %(theirs)d, yours %(yours)d). "
        "Reload the page, then make your change again.",
        theirs=2,
        yours=1,
    ) in page(stale)
    draft.refresh_from_db()
    assert (draft.text, draft.version) == ("Druga wersja.", 2)
    stale_submit = client.post(
        people.url("finding_action", people.assigned.pk, draft.pk), {"action": "submit", "version": 1}
    )
    assert stale_submit.status_code == 409


def test_pages_are_read_only_outside_the_recording_phases():
    world = build_world(phase=CyclePhase.PREPARATION)
    people = People(world)
    client = login(people.observer)
    html = page(client.get(people.url("challenge_findings", people.assigned.pk)))
    assert (
        polish(
            "Findings are recorded from the on-site meeting until the end of report drafting (now: “%(phase)s”).",
            phase=gettext_pl("Preparation"),
        )
        in html
    )
    assert 'name="text"' not in html

    advance(world, CyclePhase.REPORT_DRAFTING)
    submitted = findings.save_finding(
        actor=people.observer,
        challenge=people.assigned,
        kind=FindingKind.STRENGTH,
        text="Zapisane.",
        submit=True,
    )
    services.transition(
        actor=None, cycle=world.cycle, to_phase=CyclePhase.HOST_REVIEW, override_reason=OVERRIDE
    )
    html = page(client.get(people.url("my_findings")))
    assert "Zapisane." in html and 'name="text"' not in html
    assert 'value="withdraw"' not in html
    closed = polish(
        "Report drafting has ended: findings and recommendations are read-only now (phase “%(phase)s”).",
        phase=gettext_pl("Host review"),
    )
    assert closed in html
    response = record(client, people, challenge=people.assigned)
    assert response.status_code == 400 and closed in page(response)
    response = client.post(
        people.url("finding_action", people.assigned.pk, submitted.pk), {"action": "withdraw", "version": 2}
    )
    assert response.status_code == 400 and closed in page(response)
    assert Finding.objects.get().state == FindingState.SUBMITTED


def gettext_pl(msgid: str) -> str:
    with override("pl"):
        return gettext(msgid)


# --- consolidation ----------------------------------------------------------------------------------------


def test_the_expert_consolidates_findings_into_recommendations_with_their_trace(onsite):
    people = onsite
    first = findings.save_finding(
        actor=people.observer, challenge=people.assigned, kind=FindingKind.RECOMMENDATION,
        text="Powołać zespół planistyczny.", addressee="Zarząd ZIT", time_frame="2027", priority="high",
        submit=True,
    )  # fmt: skip
    second = findings.save_finding(
        actor=people.colleague, challenge=people.assigned, kind=FindingKind.RECOMMENDATION,
        text="Wspólne planowanie w MOF.", addressee="Gminy MOF", time_frame="2028", priority="medium",
        submit=True,
    )  # fmt: skip
    unused = findings.save_finding(
        actor=people.colleague, challenge=people.assigned, kind=FindingKind.RECOMMENDATION,
        text="Raport z monitoringu co rok.", addressee="Biuro ZIT", time_frame="2027", priority="low",
        submit=True,
    )  # fmt: skip
    draft = findings.save_finding(
        actor=people.observer, challenge=people.assigned, kind=FindingKind.STRENGTH, text="Szkic obserwatora."
    )
    client = login(people.expert)
    url = people.url("consolidation", people.assigned.pk)
    html = page(client.get(url))
    for finding in (first, second, unused):
        assert f'id="source-{finding.pk}"' in html and f'<label for="source-{finding.pk}">' in html
    assert draft.text not in html
    assert polish("Recommendation findings not used yet") in html

    response = client.post(
        url,
        {
            "sources": [first.pk, second.pk],
            "text": "Powołać wspólny zespół planowania strategicznego MOF.",
            "addressee": "Zarząd związku ZIT",
            "time_frame": "do końca 2027 r.",
            "priority": "high",
        },
    )
    assert response.status_code == 302
    made = Recommendation.objects.get()
    assert set(made.sources.all()) == {first, second}
    html = page(client.get(url))
    trace = html[html.index(f'id="recommendation-{made.pk}"') :]
    for text in (first.text, second.text, people.observer.display_name, people.colleague.display_name):
        assert escape(text) in trace
    # Only the finding no recommendation uses is listed as not used yet.
    unused_section = html[html.index('id="unused-title"') : html.index('id="recommendations-title"')]
    assert unused.text in unused_section and first.text not in unused_section

    no_source = client.post(url, {"text": "Bez źródeł", "addressee": "Zarząd", "priority": "low"})
    assert no_source.status_code == 400
    assert polish("Pick at least one finding the recommendation comes from.") in page(no_source)
    foreign = client.post(url, {"sources": [draft.pk], "text": "T", "addressee": "Z", "priority": "low"})
    assert foreign.status_code == 400
    assert Recommendation.objects.count() == 1

    second_made = findings.create_recommendation(
        actor=people.coordinator, challenge=people.assigned, text="Monitoring roczny.", addressee="Biuro ZIT",
        priority="low", source_ids=[unused.pk, first.pk],
    )  # fmt: skip
    action = people.url("recommendation_action", people.assigned.pk, second_made.pk)
    assert client.post(action, {"action": "up"}).status_code == 302
    assert [r.pk for r in findings.recommendations_of([people.assigned.pk])[people.assigned.pk]] == [
        second_made.pk,
        made.pk,
    ]
    refused = client.post(action, {"action": "up"})
    assert refused.status_code == 400
    assert polish("This recommendation is already the first.") in page(refused)

    edit = people.url("recommendation_edit", people.assigned.pk, made.pk)
    html = page(client.get(edit))
    assert re.search(rf'id="source-{first.pk}"\s+checked', html)
    values = {"text": "Poprawiona.", "addressee": "Zarząd", "priority": "medium", "sources": [first.pk]}
    assert client.post(edit, {**values, "version": 1}).status_code == 302
    stale = client.post(edit, {**values, "text": "Ze starej karty.", "version": 1})
    assert stale.status_code == 409
    made.refresh_from_db()
    assert (made.text, made.version) == ("Poprawiona.", 2)

    # Observers read but do not consolidate; the colleague cannot withdraw a finding used as a source.
    assert login(people.observer).post(url, values).status_code == 403
    withdraw = login(people.observer).post(
        people.url("finding_action", people.assigned.pk, first.pk), {"action": "withdraw", "version": 2}
    )
    assert withdraw.status_code == 400
    assert "finding_action" not in page(withdraw)

    delete = client.post(
        people.url("recommendation_action", people.assigned.pk, made.pk), {"action": "delete", "version": 2}
    )
    assert delete.status_code == 302
    assert list(Recommendation.objects.all()) == [second_made]


def test_the_findings_page_of_a_challenge_with_40_findings_takes_few_queries(
    onsite, django_assert_max_num_queries
):
    people = onsite
    practice = make_practice(title="Praktyka z biblioteki")
    authors = [people.observer, people.colleague, people.expert, people.coordinator]
    for n in range(40):
        kind = FindingKind.values[n % 4]
        extra = {}
        if kind == FindingKind.PRACTICE:
            extra = {"practice_id": practice.pk} if n % 8 else {"practice_title": f"Nowa praktyka {n}"}
        if kind == FindingKind.RECOMMENDATION:
            extra = {"addressee": "Zarząd", "time_frame": "2027", "priority": "high"}
        findings.save_finding(
            actor=authors[n % 4], challenge=people.assigned, kind=kind, text=f"Ustalenie nr {n}", submit=True,
            **extra,
        )  # fmt: skip
    findings.create_recommendation(
        actor=people.expert, challenge=people.assigned, text="R", addressee="Z", priority="low",
        source_ids=list(Finding.objects.values_list("pk", flat=True)[:10]),
    )  # fmt: skip
    for person in (people.expert, people.observer):
        client = login(person)
        client.get(people.url("challenge_findings", people.assigned.pk))  # warm the site-root cache
        with django_assert_max_num_queries(15):
            response = client.get(people.url("challenge_findings", people.assigned.pk))
        html = page(response)
        assert all(f"Ustalenie nr {n}" in html for n in range(40))
    client = login(people.expert)
    with django_assert_max_num_queries(15):
        html = page(client.get(people.url("consolidation", people.assigned.pk)))
    assert all(f"Ustalenie nr {n}" in html for n in range(40))
