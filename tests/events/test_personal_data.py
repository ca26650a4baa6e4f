"""A person's registrations in their data export; erasure keeps the rows for totals but drops what they told us."""

import pytest

from tests.factories import OrganisationFactory, UserFactory
from tests.factories.events import EventFactory, RegistrationFactory
from zitnet.events.enums import RegistrationStatus
from zitnet.events.models import Registration
from zitnet.privacy.services import erase_account, export_personal_data

pytestmark = pytest.mark.django_db


def test_the_export_lists_the_persons_registrations_with_their_accessibility_needs(member, organisation):
    event = EventFactory(title="Wizyta studyjna w Jeleniej Górze")
    RegistrationFactory(
        event=event,
        user=member,
        organisation=organisation,
        role="Inspektorka",
        accessibility_needs="Tłumacz PJM",
        status=RegistrationStatus.WAITLISTED,
    )
    RegistrationFactory(event=event, user=UserFactory(), accessibility_needs="cudze")

    section = export_personal_data(user=member)["sections"]["events"]

    [row] = section["data"]
    assert row["event"] == "Wizyta studyjna w Jeleniej Górze"
    assert row["starts"] == event.starts_at.isoformat()
    assert (row["organisation"], row["role"], row["accessibility_needs"], row["status"]) == (
        organisation.name,
        "Inspektorka",
        "Tłumacz PJM",
        "waitlisted",
    )
    assert row["consent_given"] is not None
    assert "cudze" not in str(section)


def test_erasure_keeps_the_registrations_for_totals_but_not_what_the_person_said(member):
    organisation = OrganisationFactory()
    event = EventFactory()
    RegistrationFactory(
        event=event, user=member, organisation=organisation, role="Dyrektor", accessibility_needs="Pętla"
    )
    other = RegistrationFactory(event=event, accessibility_needs="Winda")

    erase_account(user=member)

    kept = Registration.objects.get(event=event, user=member)
    assert (kept.role, kept.accessibility_needs, kept.status) == ("", "", RegistrationStatus.CONFIRMED)
    assert kept.organisation == organisation
    assert event.registrations.filter(status=RegistrationStatus.CONFIRMED).count() == 2
    other.refresh_from_db()
    assert other.accessibility_needs == "Winda"
