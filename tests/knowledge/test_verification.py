"""Coordinators verify live practices against four justified criteria; the label follows the verdict."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from wagtail.models import PageLogEntry

from knowledge import caching
from knowledge.enums import VerificationCriterion
from knowledge.models import CriterionAssessment, PracticeVerification
from tests.factories.knowledge import make_practice

pytestmark = pytest.mark.django_db

JUSTIFICATION = "Opis pokazuje to wprost: {criterion} — z danymi i źródłem."


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


def _url(page):
    return reverse("knowledge:practice_verify", args=[page.pk])


def _data(*, unmet=(), short=()):
    data = {}
    for criterion in VerificationCriterion.values:
        data[f"{criterion}_met"] = "no" if criterion in unmet else "yes"
        data[f"{criterion}_justification"] = (
            "Za krótko." if criterion in short else JUSTIFICATION.format(criterion=criterion)
        )
    return data


def test_the_form_asks_the_four_questions(client_for, coordinator):
    page = make_practice()
    html = client_for(coordinator).get(_url(page)).content.decode()
    for label in ("Integrated", "Participatory", "Measurable results", "Transferable"):
        assert f"<legend>{label}</legend>" in html
    assert "Were residents, partners and the people concerned involved" in html


def test_a_coordinator_verifies_a_practice_and_the_label_shows(client, client_for, coordinator):
    page = make_practice(title="Wspólny transport na żądanie")
    version_before = caching.versions()[0]
    response = client_for(coordinator).post(_url(page), _data())
    assert response.status_code == 302 and response["Location"] == page.get_url()
    verification = PracticeVerification.objects.get(practice=page)
    assert verification.verified and verification.reviewer == coordinator and verification.reviewed_at
    assert sorted(verification.assessments.values_list("criterion", "met")) == sorted(
        (criterion, True) for criterion in VerificationCriterion.values
    )
    entry = PageLogEntry.objects.get(page=page, action="knowledge.practice.verify")
    assert entry.user == coordinator and entry.data["verified"] is True
    assert caching.versions()[0] > version_before
    assert "Verified good practice" in client.get(page.get_url()).content.decode()


def test_a_re_review_updates_the_same_rows_and_can_withdraw_the_label(client, client_for, coordinator):
    page = make_practice()
    reviewer = client_for(coordinator)
    reviewer.post(_url(page), _data())
    cache.clear()
    form = reviewer.get(_url(page)).content.decode()
    assert "Last reviewed by" in form and JUSTIFICATION.format(criterion="integrated") in form
    reviewer.post(_url(page), _data(unmet=[VerificationCriterion.TRANSFERABLE]))
    verification = PracticeVerification.objects.get(practice=page)
    assert not verification.verified
    assert CriterionAssessment.objects.filter(verification=verification).count() == 4
    assert not verification.assessments.get(criterion=VerificationCriterion.TRANSFERABLE).met
    assert "Verified good practice" not in client.get(page.get_url()).content.decode()


def test_each_criterion_needs_an_answer_and_a_real_justification(client_for, coordinator):
    page = make_practice()
    data = _data(short=[VerificationCriterion.MEASURABLE])
    del data["participatory_met"]
    response = client_for(coordinator).post(_url(page), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "This field is required" in html
    assert "Ensure this value has at least 20 characters" in html
    assert not PracticeVerification.objects.exists()


def test_only_coordinators_verify_and_only_live_practices(client, client_for, member, coordinator):
    live, draft = make_practice(), make_practice(publish=False)
    assert client_for(member).get(_url(live)).status_code == 403
    assert client_for(member).post(_url(live), _data()).status_code == 403
    assert client_for(coordinator).get(_url(draft)).status_code == 403
    assert client_for(coordinator).post(_url(draft), _data()).status_code == 403
    assert client.get(_url(live)).status_code == 302
    assert client_for(coordinator).get("/wiedza/praktyki/999999/weryfikacja/").status_code == 404
    assert not PracticeVerification.objects.exists()
