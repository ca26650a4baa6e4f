"""The report's pages: who sees and does what (role × page), the report with its contents and states, assembly
and its preview, editing, the conflict of a re-assembly, revisions compared and restored, comments, and a host's
review of its part — with the refusals in words and escaped user text."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from peer_review import report as reports
from peer_review.enums import CyclePhase, FindingKind, HostReviewStatus, RevisionKind
from peer_review.models import HostReview, ReportSection, SectionComment
from tests.factories import MembershipFactory, with_totp
from tests.factories.peer_review import build_world
from tests.peer_review.test_report import drafting_world, finding, recommend_all, section, to_phase

pytestmark = pytest.mark.django_db

LOGIN = "login"
ROLES = ("anonymous", "member", "host_a", "host_b", "expert_a", "observer", "coordinator")


def url(name: str, world, *args) -> str:
    return reverse(f"peer_review:{name}", args=[world.cycle.slug, *args])


def outcome(response) -> int | str:
    if response.status_code == 302 and "/konto/login/" in response["Location"]:
        return LOGIN
    return response.status_code


def client_for(person) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if person is not None:
        client.force_login(person)
    return client


def clients(world) -> dict[str, Client]:
    with_totp(world.coordinator)
    people = {
        "anonymous": None,
        "member": MembershipFactory().user,
        "host_a": world.host_coordinators[0],
        "host_b": world.host_coordinators[1],
        "expert_a": world.experts[0],
        "observer": world.observers[0],
        "coordinator": world.coordinator,
    }
    return {role: client_for(person) for role, person in people.items()}


def page(response) -> str:
    return response.content.decode()


@pytest.fixture
def assembled():
    world = drafting_world()
    with translation.override("en"):
        reports.assemble(cycle=world.cycle, actor=None)
    return world, clients(world)


# --- who sees what ----------------------------------------------------------------------------------------


def test_every_report_page_for_every_role(assembled):
    world, by_role = assembled
    intro = section(world, "introduction")
    revision = intro.revisions.get()
    readers = (LOGIN, 403, 200, 200, 200, 403, 200)
    editors = (LOGIN, 403, 403, 403, 200, 403, 200)
    host_a_part = (LOGIN, 403, 200, 403, 200, 403, 200)
    pages = {
        url("report", world): readers,
        url("report_preview", world): editors,
        url("report_section", world, intro.pk): readers,
        url("report_section_edit", world, intro.pk): editors,
        url("report_revisions", world, intro.pk): readers,
        url("report_compare", world, intro.pk) + f"?a={revision.pk}&b={revision.pk}": readers,
        url("report_host_review", world, world.hosts[0].pk): host_a_part,
    }
    for path, expected in pages.items():
        got = tuple(outcome(by_role[role].get(path)) for role in ROLES)
        assert got == expected, path

    # Posting: assembling is for the editors; an edit without its fields is refused (400) before saving.
    got = tuple(outcome(by_role[role].post(url("report_assemble", world))) for role in ROLES)
    assert got == (LOGIN, 403, 403, 403, 302, 403, 302)
    got = tuple(
        outcome(by_role[role].post(url("report_section_edit", world, intro.pk), {})) for role in ROLES
    )
    assert got == (LOGIN, 403, 403, 403, 400, 403, 400)

    # A section of another cycle does not exist here; an unknown section neither.
    other = drafting_world()
    reports.assemble(cycle=other.cycle, actor=None)
    foreign = section(other, "introduction")
    assert by_role["coordinator"].get(url("report_section", world, foreign.pk)).status_code == 404
    assert by_role["coordinator"].get(url("report_section", world, 999999)).status_code == 404


def test_observers_read_the_report_once_it_is_published(assembled):
    world, by_role = assembled
    to_phase(world, CyclePhase.PUBLISHED)
    assert by_role["observer"].get(url("report", world)).status_code == 200
    assert by_role["member"].get(url("report", world)).status_code == 403
    # Published: nothing changes any more, and the page offers no edit.
    html = page(by_role["coordinator"].get(url("report", world)))
    assert url("report_section_edit", world, section(world, "annex").pk) not in html


# --- the report page --------------------------------------------------------------------------------------


def test_report_page_shows_contents_sections_states_and_host_reviews(
    assembled, django_assert_max_num_queries
):
    world, by_role = assembled
    challenge = world.challenges[0]
    item = section(world, f"challenge-{challenge.pk}")
    reports.save_section(
        section=item, actor=world.experts[0], body=item.body + "\n\nDopisek.", based_on_version=1
    )
    finding(challenge, world.observers[0], FindingKind.STRENGTH, "Nowe po spotkaniu.")
    reports.assemble(cycle=world.cycle, actor=None)
    reports.add_comment(section=item, actor=world.host_coordinators[0], text="Uwaga gospodarza.")

    with django_assert_max_num_queries(30):
        response = by_role["coordinator"].get(url("report", world))
    html = page(response)
    assert response.status_code == 200
    sections = list(ReportSection.objects.filter(report__cycle=world.cycle))
    for each in sections:
        assert f'href="#section-{each.pk}"' in html and escape(each.title) in html
    assert "<h3>Guiding question</h3>" in html  # the Markdown rendered
    assert "a newer assembled text waits" in html and "open comments: 1" in html and "edited" in html
    assert url("report_section_edit", world, item.pk) in html and url("report_preview", world) in html
    assert "Assemble again" in html
    for host in world.hosts:
        assert escape(host.organisation.display_name) in html
    assert "Awaiting review" in html
    assert "has no consolidated recommendation" in html  # what blocks the host review

    host_view = page(by_role["host_a"].get(url("report", world)))
    assert "Assemble again" not in host_view and url("report_section_edit", world, item.pk) not in host_view
    assert url("report_host_review", world, world.hosts[0].pk) in host_view
    assert url("report_host_review", world, world.hosts[1].pk) not in host_view


def test_script_in_a_section_is_shown_escaped(assembled):
    world, by_role = assembled
    item = section(world, "annex")
    body = '<script>alert("x")</script> [link](javascript:alert(1)) <img src=x onerror=alert(1)>'
    response = by_role["expert_a"].post(
        url("report_section_edit", world, item.pk), {"body": body, "version": item.version}
    )
    assert response.status_code == 302
    html = page(by_role["coordinator"].get(url("report", world)))
    assert "<script>alert" not in html and "<img src=x" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;alert" in html


def test_assembly_from_the_page_and_refusals_in_other_phases(assembled):
    world, by_role = assembled
    response = by_role["coordinator"].post(url("report_assemble", world))
    assert response.status_code == 302 and response["Location"] == url("report", world)
    to_phase(world, CyclePhase.HOST_REVIEW)
    response = by_role["coordinator"].post(url("report_assemble", world))
    assert response.status_code == 400
    assert "can be assembled only while it is drafted" in page(response)


def test_preview_shows_what_would_change_without_writing(assembled):
    world, by_role = assembled
    challenge = world.challenges[0]
    item = section(world, f"challenge-{challenge.pk}")
    reports.save_section(section=item, actor=world.experts[0], body="Własny tekst.", based_on_version=1)
    finding(challenge, world.observers[0], FindingKind.PROBLEM, "Nowy problem po spotkaniu.")
    response = by_role["expert_a"].get(url("report_preview", world))
    html = page(response)
    assert response.status_code == 200
    assert "Sections that would show a conflict: 1" in html
    assert "Conflict: edited, and the assembled text changed" in html
    assert "Nowy problem po spotkaniu." in html and "<ins>" in html
    item.refresh_from_db()
    assert item.pending_generated == "" and item.version == 2


# --- editing ----------------------------------------------------------------------------------------------


def test_edit_page_saves_on_the_version_and_refuses_bad_input(assembled):
    world, by_role = assembled
    item = section(world, "participation")
    edit = url("report_section_edit", world, item.pk)
    form = page(by_role["expert_a"].get(edit))
    assert f'name="version" value="{item.version}"' in form and 'maxlength="60000"' in form
    assert "How to format the text (Markdown)" in form

    too_long = by_role["expert_a"].post(edit, {"body": "x" * 60001, "version": 1})
    assert too_long.status_code == 400
    assert "Ensure this value has at most 60000 characters (it has 60001)." in page(too_long)
    missing = by_role["expert_a"].post(edit, {"body": "Tekst"})
    assert missing.status_code == 400
    item.refresh_from_db()
    assert item.version == 1

    # CRLF from the browser counts as one character per line end.
    saved = by_role["expert_a"].post(edit, {"body": "Linia\r\n" * 7500, "version": 1})
    assert saved.status_code == 302 and saved["Location"] == url("report_section", world, item.pk)
    item.refresh_from_db()
    assert item.body == "Linia\n" * 7500 and item.version == 2
    assert item.revisions.first().kind == RevisionKind.EDITED and item.updated_by == world.experts[0]


def test_settling_a_reassembly_conflict_from_the_section_page(assembled):
    world, by_role = assembled
    challenge = world.challenges[0]
    item = section(world, f"challenge-{challenge.pk}")
    reports.save_section(section=item, actor=world.experts[0], body="Mój tekst.", based_on_version=1)
    finding(challenge, world.observers[0], FindingKind.PROBLEM, "Nowy problem po spotkaniu.")
    reports.assemble(cycle=world.cycle, actor=None)

    html = page(by_role["coordinator"].get(url("report_section", world, item.pk)))
    assert "A newer assembled text waits" in html
    assert "<del>" in html and "Nowy problem po spotkaniu." in html and "Mój tekst." in html
    assert 'value="take"' in html and 'value="keep"' in html
    assert page(by_role["host_a"].get(url("report_section", world, item.pk))).count('value="take"') == 0

    stale = by_role["coordinator"].post(
        url("report_resolve", world, item.pk), {"action": "take", "version": 1}
    )
    assert stale.status_code == 409
    assert (
        by_role["host_a"]
        .post(url("report_resolve", world, item.pk), {"action": "take", "version": 2})
        .status_code
        == 403
    )
    taken = by_role["coordinator"].post(
        url("report_resolve", world, item.pk), {"action": "take", "version": 2}
    )
    assert taken.status_code == 302
    item.refresh_from_db()
    assert "Nowy problem po spotkaniu." in item.body and not item.has_conflict and item.version == 3
    again = by_role["coordinator"].post(
        url("report_resolve", world, item.pk), {"action": "keep", "version": 3}
    )
    assert again.status_code == 400 and "no newer assembled text" in page(again)


def test_revisions_compared_and_restored(assembled):
    world, by_role = assembled
    item = section(world, "introduction")
    first = item.revisions.get()
    reports.save_section(section=item, actor=world.experts[0], body="Nowy wstęp.", based_on_version=1)
    second = item.revisions.first()

    listing = page(by_role["host_a"].get(url("report_revisions", world, item.pk)))
    assert "Assembled from the cycle&#x27;s data" in listing and "Edited" in listing
    assert url("report_restore", world, item.pk, first.pk) not in listing  # hosts do not restore

    compared = by_role["host_a"].get(url("report_compare", world, item.pk) + f"?a={first.pk}&b={second.pk}")
    html = page(compared)
    assert compared.status_code == 200 and "<del>" in html and "<ins>" in html and "Nowy wstęp." in html
    assert '<th scope="col">Version 1 (Assembled from the cycle&#x27;s data)</th>' in html
    bad = by_role["host_a"].get(url("report_compare", world, item.pk) + "?a=x&b=1")
    assert bad.status_code == 400
    other = section(world, "annex").revisions.get()
    foreign = by_role["host_a"].get(url("report_compare", world, item.pk) + f"?a={first.pk}&b={other.pk}")
    assert foreign.status_code == 400 and "not revisions of this section" in page(foreign)

    restore = url("report_restore", world, item.pk, first.pk)
    assert url("report_restore", world, item.pk, first.pk) in page(
        by_role["coordinator"].get(url("report_revisions", world, item.pk))
    )
    assert by_role["coordinator"].post(restore, {"version": 1}).status_code == 409
    assert by_role["host_a"].post(restore, {"version": 2}).status_code == 403
    done = by_role["coordinator"].post(restore, {"version": 2})
    assert done.status_code == 302
    item.refresh_from_db()
    assert item.body == first.body and item.version == 3
    assert item.revisions.first().kind == RevisionKind.RESTORED
    foreign_restore = url("report_restore", world, item.pk, other.pk)
    assert by_role["coordinator"].post(foreign_restore, {"version": 3}).status_code == 404


# --- comments and the host's review -----------------------------------------------------------------------


def test_comments_on_sections(assembled):
    world, by_role = assembled
    own = section(world, f"challenge-{world.challenges[0].pk}")
    other = section(world, f"challenge-{world.challenges[3].pk}")
    response = by_role["host_a"].post(
        url("report_comment", world, own.pk), {"text": "Prosimy o <b>zmianę</b>."}
    )
    assert response.status_code == 302
    assert (
        by_role["host_a"].post(url("report_comment", world, other.pk), {"text": "Nie moje."}).status_code
        == 403
    )
    assert (
        by_role["observer"].post(url("report_comment", world, own.pk), {"text": "Obserwator."}).status_code
        == 403
    )
    empty = by_role["host_a"].post(url("report_comment", world, own.pk), {"text": ""})
    assert empty.status_code == 400
    html = page(by_role["expert_a"].get(url("report_section", world, own.pk)))
    assert "Prosimy o &lt;b&gt;zmianę&lt;/b&gt;." in html and "Mark resolved" in html
    comment = SectionComment.objects.get(section=own)
    resolve = url("report_comment_resolve", world, own.pk, comment.pk)
    assert by_role["host_b"].post(resolve).status_code == 403
    back = by_role["expert_a"].post(resolve, {"next": url("report_host_review", world, world.hosts[0].pk)})
    assert back.status_code == 302 and back["Location"] == url("report_host_review", world, world.hosts[0].pk)
    again = by_role["expert_a"].post(resolve)
    assert again.status_code == 400 and "already resolved" in page(again)
    second = reports.add_comment(section=own, actor=world.experts[0], text="Druga uwaga.")
    resolve = url("report_comment_resolve", world, own.pk, second.pk)
    evil = by_role["expert_a"].post(resolve, {"next": "https://zly.example/"})
    assert evil.status_code == 302 and evil["Location"] == url("report_section", world, own.pk)


def test_a_host_reviews_its_part_and_only_its_part():
    world = drafting_world()
    recommend_all(world)
    reports.assemble(cycle=world.cycle, actor=None)
    by_role = clients(world)
    review = url("report_host_review", world, world.hosts[0].pk)
    draft_view = page(by_role["host_a"].get(review))
    assert "Hosts review their part once the report moves to the host review phase" in draft_view
    assert 'name="decision"' not in draft_view
    host_page = page(by_role["host_a"].get(url("host", world)))
    assert review in host_page and "Read your part of the report draft" in host_page

    to_phase(world, CyclePhase.HOST_REVIEW)
    html = page(by_role["host_a"].get(review))
    own = [c for c in world.challenges if c.host_id == world.hosts[0].pk]
    others = [c for c in world.challenges if c.host_id != world.hosts[0].pk]
    assert all(escape(section(world, f"challenge-{c.pk}").title) in html for c in own)
    assert not any(escape(section(world, f"challenge-{c.pk}").title) in html for c in others)
    assert "Introduction" in html and 'name="decision"' in html
    assert "Review your part of the report" in page(by_role["host_a"].get(url("host", world)))

    no_comment = by_role["host_a"].post(review, {"decision": "changes", "comment": ""})
    assert no_comment.status_code == 400 and "a comment is required when you ask for changes" in page(
        no_comment
    )
    for role in ("host_b", "coordinator", "expert_a"):
        assert by_role[role].post(review, {"decision": "approve"}).status_code == 403, role
    asked = by_role["host_a"].post(review, {"decision": "changes", "comment": "Proszę poprawić liczby."})
    assert asked.status_code == 302
    decided = HostReview.objects.get(host=world.hosts[0])
    assert (
        decided.status == HostReviewStatus.CHANGES_REQUESTED
        and decided.decided_by == world.host_coordinators[0]
    )
    report_html = page(by_role["coordinator"].get(url("report", world)))
    assert "Changes requested" in report_html and "Proszę poprawić liczby." in report_html
    approved = by_role["host_a"].post(review, {"decision": "approve", "comment": ""})
    assert approved.status_code == 302
    assert HostReview.objects.get(host=world.hosts[0]).status == HostReviewStatus.APPROVED


def test_links_to_the_report_from_the_board_and_the_experts_page():
    world = build_world(phase=CyclePhase.REPORT_DRAFTING, observers=12)
    by_role = clients(world)
    assert url("report", world) in page(by_role["coordinator"].get(url("board", world)))
    assert url("report", world) in page(by_role["expert_a"].get(url("expert", world)))
    not_yet = page(by_role["coordinator"].get(url("report", world)))
    assert "The report has not been assembled yet." in not_yet and "Assemble the report" in not_yet
