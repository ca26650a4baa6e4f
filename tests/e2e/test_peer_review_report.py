"""With the demo data, the demo users carry the seed cycle from findings to a published report and its follow-up
in the browser: an observer submits their draft finding, an expert consolidates the last challenge's
recommendation findings, the coordinator re-assembles and edits the report (a stale save meets the merge view),
the three hosts approve their parts, the report is published into the knowledge library with numbered
recommendations and downloads, and a host answers a recommendation and plans an action. axe checks every page
on the way."""

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.utils import timezone, translation
from playwright.sync_api import expect

from knowledge.models import ReportIndexPage
from peer_review.enums import CyclePhase, FindingKind, FindingState, HostReviewStatus, ResponseStatus
from peer_review.models import Cycle, Finding, Recommendation, ReportSection
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_account_flow import field
from tests.e2e.test_peer_review import h1, pl, visit
from tests.factories import with_totp
from tests.factories.accounts import PASSWORD
from zitnet.accounts.models import User

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SEED = "/forum-oceny/forum-oceny-2025-2026"
AJ_COORDINATOR = "grzegorz.sobczak@zitnet.test"


def pl_label(choice) -> str:
    """The Polish label of an enum choice (lazy, possibly with a context)."""
    with translation.override("pl"):
        return str(choice.label)


@pytest.fixture
def demo(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    people = {}
    for login in ("koordynator", "ekspert", "gospodarz", "obserwator", "redaktor"):
        people[login] = User.objects.get(email=f"{login}@zitnet.test")
    # The ZIT AJ host coordinator has no usable login in the demo: give them a password and a verified address.
    people["aj"] = User.objects.get(email=AJ_COORDINATOR)
    EmailAddress.objects.update_or_create(
        user=people["aj"], email=AJ_COORDINATOR, defaults={"verified": True, "primary": True}
    )
    for user in people.values():
        user.set_password(PASSWORD)
        user.save()
    return people


def flash(page, message: str):
    return expect(page.get_by_text(message, exact=True).first).to_be_visible()


def starts_with(text: str) -> re.Pattern:
    return re.compile("^" + re.escape(text))


def move_on(coordinator, phase: str) -> None:
    """On the cycle's board, move the cycle to the next phase (no override needed)."""
    visit(coordinator, f"{SEED}/panel/")
    expect(coordinator.get_by_text(pl("Nothing blocks the next phase."))).to_be_visible()
    coordinator.get_by_role("button", name=re.compile(re.escape(phase))).click()
    expect(coordinator.locator("[aria-current=step]")).to_contain_text(phase)
    assert_accessible(coordinator)


def test_the_seed_cycle_goes_from_findings_to_a_published_report_and_its_follow_up(demo, session):
    cycle = Cycle.objects.get(slug="forum-oceny-2025-2026")
    assert cycle.phase == CyclePhase.REPORT_DRAFTING
    partnership = cycle.challenges.get(title__startswith="Partnerstwo")
    assert not partnership.recommendations.exists()
    before = Recommendation.objects.filter(challenge__cycle=cycle).count()

    # 1. The observer finds their draft among "my findings", completes it and submits it.
    draft = Finding.objects.get(challenge__cycle=cycle, author=demo["obserwator"], state=FindingState.DRAFT)
    observer = session(demo["obserwator"])
    visit(observer, f"{SEED}/obserwator/")
    observer.get_by_role("link", name=pl("My findings on these challenges")).click()
    expect(h1(observer)).to_have_text(pl("My findings"))
    assert_accessible(observer)
    card = observer.locator(f"#finding-{draft.pk}")
    expect(card).to_contain_text(draft.text)
    card.get_by_role("link", name=starts_with(pl("Edit"))).click()
    expect(h1(observer)).to_have_text(pl("Edit your finding"))
    assert_accessible(observer)
    completed = (
        "Biuro ZIT przygotowało gminy do warsztatów: przesłało im wcześniej diagnozę i pytania do dyskusji, "
        "dzięki czemu rozmowa dotyczyła konkretnych przedsięwzięć."
    )
    observer.get_by_label(field(pl("Finding"))).fill(completed)
    observer.get_by_role("button", name=pl("Save and submit")).click()
    flash(observer, pl("Your finding is submitted."))
    expect(h1(observer)).to_contain_text(draft.challenge.title)
    expect(observer.get_by_text(completed)).to_be_visible()
    assert_accessible(observer)
    draft.refresh_from_db()
    assert (draft.state, draft.text) == (FindingState.SUBMITTED, completed)

    # 2. The expert consolidates the "Partnerstwo…" challenge's two recommendation findings into one.
    expert = session(demo["ekspert"])
    visit(expert, f"{SEED}/ekspert/")
    expert.get_by_role("link", name=pl("Findings to consolidate and my findings")).click()
    expect(h1(expert)).to_have_text(pl("My findings"))
    assert_accessible(expert)
    expert.get_by_role("link", name=str(partnership), exact=True).click()
    expect(h1(expert)).to_contain_text(partnership.title)
    assert_accessible(expert)
    expert.get_by_role("link", name=pl("Consolidate recommendations")).click()
    expect(h1(expert)).to_contain_text(partnership.title)
    expect(expert.get_by_text(pl("No consolidated recommendation yet."))).to_be_visible()
    assert_accessible(expert)
    sources = list(
        partnership.findings.filter(kind=FindingKind.RECOMMENDATION, state=FindingState.SUBMITTED).order_by(
            "pk"
        )
    )
    assert len(sources) == 2
    for finding in sources:
        expert.get_by_label(starts_with(finding.text)).check()
    consolidated = (
        "Utworzyć stałą grupę roboczą z organizacjami pozarządowymi i przekazywać partnerom dokumenty "
        "co najmniej 14 dni przed posiedzeniem komitetu ZIT, publikując odpowiedzi na ich uwagi."
    )
    expert.get_by_label(field(pl("Recommendation"))).fill(consolidated)
    expert.get_by_label(field(pl("Addressed to"))).fill("Zarząd Stowarzyszenia i sekretariat komitetu ZIT")
    expert.get_by_label(field(pl("Time frame"))).fill("od 2027")
    expert.get_by_role("button", name=pl("Create the recommendation")).click()
    flash(expert, pl("Recommendation %(n)d is created.", n=1))
    made = partnership.recommendations.get()
    card = expert.locator(f"#recommendation-{made.pk}")
    expect(card).to_contain_text(consolidated)
    for finding in sources:
        expect(card).to_contain_text(finding.text)
    expect(
        expert.get_by_text(pl("Every recommendation finding is used by at least one recommendation."))
    ).to_be_visible()
    assert_accessible(expert)
    assert set(made.sources.all()) == set(sources)

    # 3. The coordinator re-assembles the report, edits a section, and meets the merge view on a stale save.
    coordinator = session(demo["koordynator"], with_totp(demo["koordynator"]))
    visit(coordinator, f"{SEED}/panel/")
    coordinator.get_by_role("link", name=pl("The report: sections, assembly and host review")).click()
    expect(coordinator.get_by_role("heading", name=pl("Assembly from the cycle's data"))).to_be_visible()
    assert_accessible(coordinator)
    coordinator.get_by_role("link", name=pl("Preview what would change")).click()
    expect(h1(coordinator)).to_have_text(pl("Preview of the assembly"))
    assert_accessible(coordinator)
    coordinator.get_by_role("button", name=pl("Assemble again")).click()
    flash(coordinator, pl("The report is assembled from the cycle's data."))
    expect(coordinator.get_by_text(consolidated).first).to_be_visible()
    assert_accessible(coordinator)

    section = ReportSection.objects.get(report__cycle=cycle, challenge=partnership)
    in_report = coordinator.locator(f"#section-{section.pk}")
    expect(in_report.get_by_role("row", name=re.compile(re.escape(consolidated)))).to_be_visible()
    in_report.get_by_role("link", name=starts_with(pl("Comments and details"))).click()
    expect(h1(coordinator)).to_have_text(section.title)
    assert_accessible(coordinator)
    coordinator.get_by_role("link", name=pl("Edit the section")).click()
    expect(h1(coordinator)).to_contain_text(section.title)
    assert_accessible(coordinator)
    body = coordinator.get_by_label(field(pl("Text of the section (Markdown)")))
    original = body.input_value()
    note = "Gospodarz zadeklarował, że pierwsze posiedzenie grupy roboczej odbędzie się w marcu 2027 r."
    body.fill(f"{original.rstrip()}\n\n{note}\n")
    coordinator.get_by_role("button", name=pl("Save"), exact=True).click()
    flash(coordinator, pl("The section is saved."))
    expect(coordinator.get_by_text(note)).to_be_visible()
    coordinator.get_by_role("link", name=pl("Revisions")).first.click()
    expect(h1(coordinator)).to_contain_text(section.title)
    expect(coordinator.locator("tbody tr")).to_have_count(section.revisions.count())
    assert_accessible(coordinator)

    # Two editors open the section; the expert saves first, the coordinator's save is based on the old version.
    edit_url = f"{SEED}/raport/sekcje/{section.pk}/edycja/"
    coordinator.goto(edit_url)
    expert.goto(edit_url)
    theirs = "Eksperci proponują, by grupa robocza zbierała się co kwartał."
    yours = "Koordynator proponuje, by grupa robocza zbierała się co dwa miesiące."
    expert_body = expert.get_by_label(field(pl("Text of the section (Markdown)")))
    expert_body.fill(f"{expert_body.input_value().rstrip()}\n\n{theirs}\n")
    expert.get_by_role("button", name=pl("Save"), exact=True).click()
    flash(expert, pl("The section is saved."))
    body = coordinator.get_by_label(field(pl("Text of the section (Markdown)")))
    body.fill(f"{body.input_value().rstrip()}\n\n{yours}\n")
    with coordinator.expect_response(
        lambda r: r.request.method == "POST" and r.url.endswith("/edycja/")
    ) as r:
        coordinator.get_by_role("button", name=pl("Save"), exact=True).click()
    assert r.value.status == 409
    expect(h1(coordinator)).to_contain_text(pl("Merge the texts"))
    expect(coordinator.get_by_role("region", name=pl("Their current text"))).to_contain_text(theirs)
    expect(coordinator.get_by_role("region", name=pl("Your text"))).to_contain_text(yours)
    expect(coordinator.get_by_role("region", name=pl("Your text"))).not_to_contain_text(theirs)
    assert_accessible(coordinator)
    section.refresh_from_db()
    assert theirs in section.body and yours not in section.body  # nothing silently overwritten
    body = coordinator.get_by_label(field(pl("Text of the section (Markdown)")))
    body.fill(f"{body.input_value().rstrip()}\n\n{theirs}\n")
    coordinator.get_by_role("button", name=pl("Save the merged text")).click()
    flash(coordinator, pl("The section is saved."))
    section.refresh_from_db()
    assert theirs in section.body and yours in section.body and note in section.body

    # 4. The coordinator sends the report to the hosts.
    move_on(coordinator, pl_label(CyclePhase.HOST_REVIEW))

    # 5. Each host coordinator reviews their part and approves it.
    for login in ("redaktor", "aj", "gospodarz"):
        host_user = demo[login]
        host = cycle.hosts.get(coordinator=host_user)
        page = session(host_user)
        visit(page, f"{SEED}/gospodarz/")
        page.get_by_role("link", name=starts_with(pl("Review your part of the report"))).click()
        expect(h1(page)).to_contain_text(host.organisation.display_name)
        assert_accessible(page)
        page.get_by_label(pl("Approve our part")).check()
        page.get_by_label(field(pl("Comment"))).fill("Dziękujemy, akceptujemy naszą część raportu.")
        page.get_by_role("button", name=pl("Send the decision")).click()
        flash(page, pl("You approved your part of the report."))
        assert_accessible(page)
        assert host.report_reviews.get().status == HostReviewStatus.APPROVED

    # 6. The coordinator publishes; the report page in the knowledge library numbers the recommendations.
    move_on(coordinator, pl_label(CyclePhase.PUBLISHED))
    cycle.refresh_from_db()
    report = cycle.report
    assert report.page_id is not None
    main_navigation = coordinator.get_by_role("navigation", name=pl("Main navigation"))
    main_navigation.get_by_role("link", name=pl("Forum reports")).click()
    expect(h1(coordinator)).to_have_text(ReportIndexPage.objects.get().title)
    assert_accessible(coordinator)
    coordinator.get_by_role("link", name=report.title, exact=True).click()
    expect(h1(coordinator)).to_have_text(report.title)
    assert_accessible(coordinator)
    items = coordinator.locator(".report-recommendations__list > li")
    expect(items).to_have_count(before + 1)
    for n in (1, before + 1):
        expect(items.nth(n - 1)).to_contain_text(f"{n}.")
    expect(coordinator.locator(".report-recommendations__list").get_by_text(consolidated)).to_be_visible()
    expect(coordinator.get_by_text(note).first).to_be_visible()
    for name, kind in (("raport.pdf", "application/pdf"), ("raport.docx", "officedocument.wordprocessingml")):
        response = coordinator.request.get(f"{SEED}/{name}")
        assert response.status == 200, name
        assert kind in response.headers["content-type"]
        assert len(response.body()) > 1000

    # 7. The host answers the new recommendation and plans an action.
    host_user = demo["gospodarz"]
    walbrzych = cycle.hosts.get(coordinator=host_user)
    host = session(host_user)
    visit(host, f"{SEED}/dzialania/")
    expect(h1(host)).to_have_text(pl("Follow-up of recommendations"))
    host.get_by_role("link", name=walbrzych.organisation.display_name, exact=True).click()
    expect(h1(host)).to_contain_text(walbrzych.organisation.display_name)
    assert_accessible(host)
    host.locator(".card").filter(has_text=consolidated).get_by_role("link").click()
    expect(host.locator(".page-body")).to_contain_text(consolidated)
    assert_accessible(host)
    host.get_by_label(pl_label(ResponseStatus.ACCEPTED), exact=True).check()
    host.get_by_role("button", name=pl("Save the answer")).click()
    flash(host, pl("Your answer is saved."))
    assert_accessible(host)
    action = "Powołać grupę roboczą z organizacjami pozarządowymi i ustalić kalendarz posiedzeń na 2027 r."
    due = timezone.localdate() + timedelta(days=120)
    host.get_by_label(field(pl("Action"))).fill(action)
    host.get_by_label(field(pl("Owner from the organisation"))).select_option(label=host_user.display_name)
    host.get_by_label(field(pl("Due"))).fill(due.isoformat())
    host.get_by_role("button", name=pl("Plan the action")).click()
    flash(host, pl("The action is planned."))
    expect(host.get_by_role("rowheader", name=action)).to_be_visible()
    assert_accessible(host)
    made.refresh_from_db()
    assert made.response.status == ResponseStatus.ACCEPTED
    planned = made.actions.get()
    assert (planned.description, planned.owner, planned.due_on) == (action, host_user, due)
