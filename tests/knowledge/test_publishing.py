"""Members draft good practices on the site; a coordinator approves them in Wagtail's workflow."""

import pytest
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from knowledge.models import PracticePage
from knowledge.views_publishing import PublishingState, publishing_state
from tests.factories import MembershipFactory
from tests.factories.knowledge import make_moderator, make_practice, practice_data

pytestmark = pytest.mark.django_db

CREATE = reverse("knowledge:practice_create")
MINE = reverse("knowledge:my_practices")


@pytest.fixture(autouse=True)
def _english(settings):
    # Assertions read the English msgids; some (e.g. "Save draft") are in Wagtail's Polish catalogue too.
    settings.LANGUAGE_CODE = "en"


def _edit(page):
    return reverse("knowledge:practice_edit", args=[page.pk])


def _preview(page):
    return reverse("knowledge:practice_preview", args=[page.pk])


def _only_practice() -> PracticePage:
    return PracticePage.objects.get()


def _approve(page, coordinator, comment=""):
    task_state = PracticePage.objects.get(pk=page.pk).current_workflow_task_state
    task = task_state.task.specific
    assert "approve" in [action for action, _label, _modal in task.get_actions(page, coordinator)]
    task.on_action(task_state, coordinator, "approve", comment=comment)


def _request_changes(page, coordinator, comment):
    task_state = PracticePage.objects.get(pk=page.pk).current_workflow_task_state
    task_state.task.specific.on_action(task_state, coordinator, "reject", comment=comment)


def test_anonymous_visitors_are_sent_to_log_in(client):
    for url in (CREATE, MINE, "/wiedza/praktyki/1/edycja/", "/wiedza/praktyki/1/podglad/"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/konto/" in response["Location"] and "next=" in response["Location"]


def test_a_user_without_an_organisation_cannot_draft(client_for, user):
    client = client_for(user)
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, practice_data(save="1")).status_code == 403
    assert not PracticePage.objects.exists()
    page = client.get(MINE).content.decode()
    assert "Describe a new good practice" not in page


def test_the_form_is_guided_and_preselects_the_authors_organisations(
    client_for, member, organisation, other_organisation
):
    html = client_for(member).get(CREATE).content.decode()
    for legend in (
        "What the practice is",
        "Money and programme",
        "Horizontal principles",
        "Results in numbers",
    ):
        assert f"<legend>{legend}</legend>" in html
    assert f'<option value="{organisation.pk}" selected>' in html
    assert f'<option value="{other_organisation.pk}">' in html
    assert 'name="indicators-TOTAL_FORMS" value="3"' in html
    assert "Save draft" in html and "Submit for approval" in html


def test_a_member_saves_a_draft(client_for, member, organisation, other_organisation):
    response = client_for(member).post(
        CREATE,
        practice_data(
            save="1", organisations=[organisation.pk, other_organisation.pk], tags="transport, seniorzy"
        ),
    )
    assert response.status_code == 302 and response["Location"] == MINE
    page = _only_practice()
    assert page.live is False and page.owner == member
    assert page.slug == "wspolna-mapa-uslug-spolecznych-mof"
    assert page.revisions.count() == 1
    draft = page.get_latest_revision_as_object()
    assert draft.problem == "<p>Gminy nie wiedzą, kto co oferuje &amp; gdzie.</p><p>Drugi akapit.</p>"
    assert [(i.name, i.achieved) for i in draft.indicators.all()] == [("Liczba gmin we wspólnej mapie", 6)]
    assert [p.principle for p in draft.principles.all()] == ["gender_equality"]
    assert sorted(o.pk for o in draft.organisations.all()) == sorted([organisation.pk, other_organisation.pk])
    assert sorted(t.name for t in draft.tags.all()) == ["seniorzy", "transport"]
    assert page.current_workflow_state is None
    assert publishing_state(page) == (PublishingState.DRAFT, "")
    assert "Draft" in client_for(member).get(MINE).content.decode()


def test_slugs_are_unique_among_the_practices(client_for, member):
    client = client_for(member)
    client.post(CREATE, practice_data(save="1"))
    client.post(CREATE, practice_data(save="1"))
    assert sorted(PracticePage.objects.values_list("slug", flat=True)) == [
        "wspolna-mapa-uslug-spolecznych-mof",
        "wspolna-mapa-uslug-spolecznych-mof-2",
    ]


def test_adding_indicator_rows_keeps_what_was_typed_and_saves_nothing(client_for, member):
    response = client_for(member).post(CREATE, practice_data(add_rows="1", title=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="indicators-TOTAL_FORMS" value="6"' in html
    assert "Liczba gmin we wspólnej mapie" in html
    assert "This field is required" not in html
    assert not PracticePage.objects.exists()


def test_draft_submit_approve_publish_the_whole_flow(client, client_for, member, coordinator):
    make_moderator(coordinator)
    author = client_for(member)
    response = author.post(CREATE, practice_data(submit="1"))
    assert response.status_code == 302
    page = _only_practice()
    state = page.current_workflow_state
    assert state.status == WorkflowState.STATUS_IN_PROGRESS and state.requested_by == member
    assert publishing_state(page)[0] == PublishingState.AWAITING
    assert "Awaiting approval" in author.get(MINE).content.decode()
    # While a coordinator looks at it, the author cannot change it.
    assert author.get(_edit(page)).status_code == 403
    assert client.get(page.get_url()).status_code == 404

    _approve(page, coordinator)

    page = PracticePage.objects.get(pk=page.pk)
    assert page.live and not page.has_unpublished_changes
    assert publishing_state(page)[0] == PublishingState.PUBLISHED
    visitor = client.get(page.get_url())
    assert visitor.status_code == 200
    assert "Wspólna mapa usług społecznych MOF" in visitor.content.decode()


def test_changes_requested_then_resubmitted(client, client_for, member, coordinator):
    make_moderator(coordinator)
    author = client_for(member)
    author.post(CREATE, practice_data(submit="1"))
    page = _only_practice()
    _request_changes(page, coordinator, "Proszę dodać wskaźnik rezultatu z wartością bazową.")

    page = PracticePage.objects.get(pk=page.pk)
    assert publishing_state(page) == (
        PublishingState.CHANGES_REQUESTED,
        "Proszę dodać wskaźnik rezultatu z wartością bazową.",
    )
    mine = author.get(MINE).content.decode()
    assert "Changes requested" in mine and "Proszę dodać wskaźnik rezultatu" in mine
    assert author.get(_edit(page)).status_code == 200

    workflow_state = page.current_workflow_state
    response = author.post(
        _edit(page),
        practice_data(
            submit="1",
            **{
                "indicators-1-name": "Liczba mieszkańców korzystających z mapy",
                "indicators-1-baseline": "0",
                "indicators-1-target": "1000",
                "indicators-1-achieved": "1450",
            },
        ),
    )
    assert response.status_code == 302
    page = PracticePage.objects.get(pk=page.pk)
    resumed = page.current_workflow_state
    assert resumed.pk == workflow_state.pk and resumed.status == WorkflowState.STATUS_IN_PROGRESS
    assert resumed.current_task_state.status == TaskState.STATUS_IN_PROGRESS
    assert page.revisions.count() == 2

    _approve(page, coordinator)
    page = PracticePage.objects.get(pk=page.pk)
    assert page.live
    assert [i.name for i in page.indicators.all()] == [
        "Liczba gmin we wspólnej mapie",
        "Liczba mieszkańców korzystających z mapy",
    ]
    assert "Liczba mieszkańców korzystających z mapy" in client.get(page.get_url()).content.decode()


def test_editing_a_published_practice_goes_through_approval_again(client, client_for, member, coordinator):
    make_moderator(coordinator)
    page = make_practice(owner=member, title="Stary tytuł", slug="stary-tytul")
    author = client_for(member)
    response = author.post(_edit(page), practice_data(submit="1", title="Nowy tytuł praktyki"))
    assert response.status_code == 302
    page = PracticePage.objects.get(pk=page.pk)
    assert page.title == "Stary tytuł" and page.draft_title == "Nowy tytuł praktyki"
    assert "Stary tytuł" in client.get(page.get_url()).content.decode()
    assert publishing_state(page)[0] == PublishingState.AWAITING

    _approve(page, coordinator)
    page = PracticePage.objects.get(pk=page.pk)
    assert page.title == "Nowy tytuł praktyki" and page.slug == "stary-tytul"
    assert "Nowy tytuł praktyki" in client.get(page.get_url()).content.decode()


def test_the_edit_form_shows_the_latest_revision(client_for, member):
    client = client_for(member)
    client.post(CREATE, practice_data(save="1"))
    page = _only_practice()
    client.post(_edit(page), practice_data(save="1", lead="Poprawiony opis w skrócie dla wszystkich gmin."))
    html = client.get(_edit(page)).content.decode()
    assert "Poprawiony opis w skrócie dla wszystkich gmin." in html
    assert "Gminy nie wiedzą, kto co oferuje &amp; gdzie." in html
    assert 'name="principle_gender_equality" id="id_principle_gender_equality" checked' in html
    assert 'name="indicators-0-name" value="Liczba gmin we wspólnej mapie"' in html


def test_another_member_cannot_edit_or_preview_someone_elses_draft(client_for, member, organisation):
    client_for(member).post(CREATE, practice_data(save="1"))
    page = _only_practice()
    colleague = MembershipFactory(organisation=organisation).user
    other = client_for(colleague)
    assert other.get(_edit(page)).status_code == 403
    assert other.post(_edit(page), practice_data(save="1", title="Przejęte")).status_code == 403
    assert other.get(_preview(page)).status_code == 403
    assert page.revisions.count() == 1
    assert "Wspólna mapa" not in other.get(MINE).content.decode()


def test_owner_and_coordinator_preview_the_latest_revision(client, client_for, member, coordinator):
    client_for(member).post(CREATE, practice_data(save="1"))
    page = _only_practice()
    for person in (member, coordinator):
        response = client_for(person).get(_preview(page))
        html = response.content.decode()
        assert response.status_code == 200
        assert "Preview of the latest version" in html and "Wspólna mapa usług społecznych MOF" in html
    assert client.get(_preview(page)).status_code == 302


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"total_cost": "1000", "eu_contribution": "2000"},
            "eu_contribution",
            "cannot be higher than the total",
        ),
        ({"start_date": "2024-05-01", "end_date": "2023-01-01"}, "end_date", "cannot come before the start"),
        ({"kohesio_url": "javascript:alert(1)"}, "kohesio_url", "Enter a valid URL"),
        ({"keep_eu_url": "https://evil.example/keep"}, "keep_eu_url", "keep.eu"),
        (
            {"principle_dnsh": "on", "principle_dnsh_how": " "},
            "principle_dnsh_how",
            "Say how the practice serves",
        ),
        ({"title": ""}, "title", "This field is required"),
        ({"indicators-2-target": "5"}, "indicators-2-name", "Name the indicator"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(client_for, member, overrides, field, message):
    response = client_for(member).post(CREATE, practice_data(submit="1", **overrides))
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert f'id="id_{field}"' in html or f'name="{field}"' in html
    assert "Nothing has been saved yet" in html
    assert not PracticePage.objects.exists()
    assert not WorkflowState.objects.exists()


def test_a_coordinator_approves_in_wagtail_admin(client, client_for, member, coordinator):
    make_moderator(coordinator)  # grant_role puts coordinators into Wagtail's "Moderators" group
    assert coordinator.groups.filter(name="Moderators").exists()
    client_for(member).post(CREATE, practice_data(submit="1"))
    page = _only_practice()
    task_state = page.current_workflow_task_state
    admin = client_for(coordinator)
    assert admin.get(reverse("wagtailadmin_home")).status_code == 200
    response = admin.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]),
        {"comment": "Dziękujemy, publikujemy."},
    )
    assert response.status_code == 302
    page = PracticePage.objects.get(pk=page.pk)
    assert page.live
    assert client.get(page.get_url()).status_code == 200
    # A member without the group cannot approve.
    client_for(member).post(_edit(page), practice_data(submit="1", title="Zmiana"))
    task_state = PracticePage.objects.get(pk=page.pk).current_workflow_task_state
    refused = client_for(member).post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]), {}
    )
    assert refused.status_code in (302, 403)
    assert PracticePage.objects.get(pk=page.pk).title != "Zmiana"


def test_my_practices_needs_a_fixed_number_of_queries(client_for, member, django_assert_max_num_queries):
    author = client_for(member)
    make_practice(owner=member)
    author.post(CREATE, practice_data(submit="1"))
    author.get(MINE)  # warm the site-root and session caches
    with django_assert_max_num_queries(50) as few:
        author.get(MINE)
    baseline = len(few.captured_queries)  # read now: every request resets the connection's query log
    for _ in range(4):
        make_practice(owner=member)
        author.post(CREATE, practice_data(save="1"))
    with django_assert_max_num_queries(baseline):
        html = author.get(MINE).content.decode()
    assert html.count('class="practice-state ') == 10
