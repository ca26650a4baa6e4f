"""With the demo data, the demo users walk the 2027 Forum cycle in the browser from challenge identification to
a published assignment, each in their role (host coordinator, expert, network coordinator, observer); and the
seed's cycle shows each role its page. axe checks every page on the way."""

import re

import pytest
from django.core.management import call_command
from django.utils import translation
from playwright.sync_api import expect

from peer_review.enums import ApplicationStatus, ChallengeState, CyclePhase
from peer_review.models import Challenge, Cycle
from tests.e2e.conftest import assert_accessible
from tests.factories import with_totp
from tests.factories.accounts import PASSWORD
from zitnet.accounts.models import User

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

NEXT = "/forum-oceny/forum-oceny-2027"
SEED = "/forum-oceny/forum-oceny-2025-2026"


def pl(message: str, **params) -> str:
    with translation.override("pl"):
        text = translation.gettext(message)
    return text % params if params else text


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    people = {}
    for login in ("koordynator", "ekspert", "gospodarz", "obserwator"):
        user = User.objects.get(email=f"{login}@zitnet.test")
        user.set_password(PASSWORD)
        user.save()
        people[login] = user
    return people


def visit(page, path: str):
    page.goto(path)
    assert_accessible(page)
    return page


def h1(page):
    return page.get_by_role("heading", level=1)


def test_the_2027_cycle_is_walked_from_identification_to_a_published_assignment(demo, session):
    cycle = Cycle.objects.get(slug="forum-oceny-2027")
    assert cycle.phase == CyclePhase.IDENTIFICATION
    walbrzych = cycle.hosts.get(coordinator=demo["gospodarz"])
    draft = walbrzych.challenges.get(state=ChallengeState.DRAFT)
    submitted = walbrzych.challenges.get(state=ChallengeState.SUBMITTED)

    # The host coordinator sends the draft challenge to the experts.
    host = session(demo["gospodarz"])
    visit(host, f"{NEXT}/gospodarz/")
    expect(h1(host)).to_have_text(pl("Host coordinator"))
    host.get_by_role("link", name=draft.title).first.click()
    expect(h1(host)).to_contain_text(draft.title)
    assert_accessible(host)
    host.get_by_role("button", name=pl("Submit to the experts")).click()
    expect(host.get_by_text(pl("Submitted to the experts")).first).to_be_visible()

    # The expert approves both submitted challenges of the host.
    expert = session(demo["ekspert"])
    visit(expert, f"{NEXT}/ekspert/")
    expect(expert.get_by_role("link", name=draft.title).first).to_be_visible()
    for challenge in (draft, submitted):
        visit(expert, challenge.get_absolute_url())
        expert.get_by_role("button", name=pl("Approve"), exact=True).click()
        expect(expert.get_by_text(pl("Approved")).first).to_be_visible()
    assert set(cycle.challenges.values_list("state", flat=True)) == {ChallengeState.APPROVED}

    # The network coordinator lowers the quotas for this small demo and opens recruitment.
    coordinator = session(demo["koordynator"], with_totp(demo["koordynator"]))
    visit(coordinator, f"{NEXT}/ustawienia/")
    coordinator.locator("input[name=observers_minimum]").fill("1")
    coordinator.locator("input[name=observers_per_challenge_min]").fill("0")
    coordinator.locator("form button[type=submit]").last.click()
    visit(coordinator, f"{NEXT}/panel/")
    recruitment = pl("Observer recruitment")
    coordinator.get_by_role("button", name=re.compile(re.escape(recruitment))).click()
    expect(coordinator.locator("[aria-current=step]")).to_contain_text(recruitment)
    assert_accessible(coordinator)

    # The observer finds the call page and applies with two preferences.
    observer = session(demo["obserwator"])
    visit(observer, f"{NEXT}/")
    observer.get_by_role("link", name=pl("Apply as an observer")).click()
    expect(h1(observer)).to_have_text(pl("Apply as an observer"))
    assert_accessible(observer)
    first, second = list(cycle.challenges.filter(host__role="partner").order_by("number")[:2])
    observer.locator("textarea[name=motivation]").fill(
        "Chcę poznać, jak inne związki ZIT monitorują strategie, i przenieść to do Kcyni."
    )
    observer.locator("input[name=availability][value=both]").check()
    observer.locator("select[name=preference_1]").select_option(str(first.pk))
    observer.locator("select[name=preference_2]").select_option(str(second.pk))
    observer.get_by_role("button", name=pl("Send the application")).click()
    expect(h1(observer)).to_have_text(pl("My application and my challenges"))
    assert_accessible(observer)

    # The coordinator accepts by priority, moves on to the assignment, runs the optimiser and publishes it.
    visit(coordinator, f"{NEXT}/zgloszenia/")
    coordinator.get_by_role("button", name=pl("Accept by priority")).click()
    assert cycle.applications.get(user=demo["obserwator"]).status == ApplicationStatus.ACCEPTED
    visit(coordinator, f"{NEXT}/panel/")
    assignment = pl("Assignment of observers")
    coordinator.get_by_role("button", name=re.compile(re.escape(assignment))).click()
    expect(coordinator.locator("[aria-current=step]")).to_contain_text(assignment)
    visit(coordinator, f"{NEXT}/przydzial/")
    coordinator.get_by_role("button", name=pl("Run the optimiser")).click()
    coordinator.get_by_role(
        "button", name=re.compile(re.escape(pl("Publish the assignment of run %(number)s", number=1)))
    ).click()
    published = pl("Published: the assignment of run %(number)s.", number=1)
    expect(coordinator.get_by_role("paragraph").filter(has_text=published)).to_be_visible()
    assert_accessible(coordinator)
    cycle.refresh_from_db()
    assigned = list(cycle.published_run.pairs.values_list("challenge__title", flat=True))
    assert sorted(assigned) == sorted([first.title, second.title])

    # The observer now sees their challenges with the material.
    visit(observer, f"{NEXT}/obserwator/")
    for title in assigned:
        expect(observer.get_by_role("heading", name=re.compile(re.escape(title)))).to_be_visible()
    expect(observer.get_by_text(first.context[:40]).first).to_be_visible()


def test_each_role_sees_its_page_of_the_seed_cycle(demo, session, page):
    cycle = Cycle.objects.get(slug="forum-oceny-2025-2026")
    assert cycle.phase == CyclePhase.REPORT_DRAFTING

    visit(page, "/forum-oceny/")
    expect(h1(page)).to_have_text(pl("Assessment and Cooperation Forum"))
    visit(page, f"{SEED}/")
    expect(h1(page)).to_have_text(cycle.title)

    observer = session(demo["obserwator"])
    visit(observer, f"{SEED}/obserwator/")
    mine = Challenge.objects.filter(
        assignments__run=cycle.published_run, assignments__application__user=demo["obserwator"]
    )
    assert mine.count() == cycle.challenges_per_observer
    for challenge in mine:
        expect(observer.get_by_role("heading", name=re.compile(re.escape(challenge.title)))).to_be_visible()
    meeting = cycle.meetings.order_by("starts_at").first()
    visit(observer, meeting.get_absolute_url())
    expect(h1(observer)).to_have_text(meeting.title)
    # A challenge the observer is not assigned to: its material stays closed.
    other = cycle.challenges.exclude(pk__in=mine).first()
    observer.goto(other.get_absolute_url())
    expect(observer.get_by_text(other.context[:40])).to_have_count(0)

    host = session(demo["gospodarz"])
    visit(host, f"{SEED}/gospodarz/")
    expect(h1(host)).to_have_text(pl("Host coordinator"))
    expert = session(demo["ekspert"])
    visit(expert, f"{SEED}/ekspert/")
    expect(h1(expert)).to_have_text(pl("Expert"))

    coordinator = session(demo["koordynator"], with_totp(demo["koordynator"]))
    for path in ("panel/", "gospodarze/", "zgloszenia/", "przydzial/", "spotkania/", "ustawienia/"):
        visit(coordinator, f"{SEED}/{path}")
