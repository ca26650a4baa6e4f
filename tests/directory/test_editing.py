"""Editors keep their own entry current; coordinators create, verify, merge and correct positions; all logged."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from wagtail.models import ModelLogEntry

from tests.factories import CooperationEntryFactory, MembershipFactory, OrganisationFactory, ServiceFactory
from tests.factories.directory import theme
from zitnet.accounts.enums import MembershipRole
from zitnet.directory.enums import OrganisationKind, PositionSource
from zitnet.directory.models import Contact, CooperationEntry, Organisation, Service

pytestmark = pytest.mark.django_db


def entry_data(org, **changes):
    data = {
        "name": org.name,
        "short_name": org.short_name,
        "description": org.description,
        "website": org.website,
        "contact_email": org.contact_email,
        "phone": org.phone,
        "street_address": org.street_address,
        "postal_code": org.postal_code,
        "city": org.city,
        "municipality": org.municipality,
        "county": org.county,
        "voivodeship": org.voivodeship,
        "expertise": "",
    }
    data.update(changes)
    return data


def png(size=(20, 20)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, "PNG")
    return buffer.getvalue()


def test_editor_updates_own_entry_and_it_is_logged(client_for, editor, organisation):
    url = reverse("directory:edit", args=[organisation.slug])
    response = client_for(editor).post(
        url,
        entry_data(
            organisation,
            description="Koordynujemy usługi społeczne w MOF.",
            city="Kalisz",
            phone="62 000 00 00",
            expertise="deinstytucjonalizacja, CAL",
        ),
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.description == "Koordynujemy usługi społeczne w MOF."
    assert sorted(t.name for t in organisation.expertise.all()) == ["CAL", "deinstytucjonalizacja"]
    # Geocoded offline from the town name.
    assert organisation.position_source == PositionSource.GEOCODED
    assert round(organisation.latitude, 1) == 51.8 and round(organisation.longitude, 1) == 18.1
    entry = ModelLogEntry.objects.for_instance(organisation).get(action="zitnet.directory.update")
    assert entry.user == editor
    assert entry.data["changes"]["phone"] == ["", "62 000 00 00"]
    # The history page shows who changed what.
    history = client_for(editor).get(reverse("directory:history", args=[organisation.slug])).content.decode()
    assert "62 000 00 00" in history and editor.display_name in history


def test_editor_cannot_change_kind_or_position(client_for, editor, organisation):
    client_for(editor).post(
        reverse("directory:edit", args=[organisation.slug]),
        entry_data(organisation, kind=OrganisationKind.MINISTRY, latitude="10", longitude="10"),
    )
    organisation.refresh_from_db()
    assert organisation.kind == OrganisationKind.ZIT_ASSOCIATION
    assert organisation.latitude is None


def test_editor_of_one_organisation_can_never_change_another(client_for, editor, other_organisation):
    other = client_for(editor)
    service = ServiceFactory(organisation=other_organisation)
    urls = [
        reverse("directory:edit", args=[other_organisation.slug]),
        reverse("directory:child_add", args=[other_organisation.slug, "uslugi"]),
        reverse("directory:child_edit", args=[other_organisation.slug, "uslugi", service.pk]),
        reverse("directory:child_delete", args=[other_organisation.slug, "uslugi", service.pk]),
        reverse("directory:history", args=[other_organisation.slug]),
        reverse("directory:verify", args=[other_organisation.slug]),
        reverse("directory:merge", args=[other_organisation.slug]),
        reverse("directory:position", args=[other_organisation.slug]),
    ]
    for url in urls:
        assert other.post(url, entry_data(other_organisation, name="Przejęte")).status_code == 403, url
    other_organisation.refresh_from_db()
    assert other_organisation.name == "Miasto Jelenia Góra"
    assert Service.objects.filter(pk=service.pk).exists()


def test_editor_cannot_reach_a_child_of_another_organisation_through_their_own(
    client_for, editor, organisation
):
    foreign = ServiceFactory(organisation=OrganisationFactory())
    url = reverse("directory:child_edit", args=[organisation.slug, "uslugi", foreign.pk])
    assert client_for(editor).post(url, {"name": "x", "category": "care"}).status_code == 404


def test_services_offers_and_contacts(client_for, editor, organisation, client):
    as_editor = client_for(editor)
    base = [organisation.slug]
    response = as_editor.post(
        reverse("directory:child_add", args=[*base, "uslugi"]),
        {
            "name": "Mieszkanie treningowe",
            "category": "housing",
            "how_to_access": "Skierowanie z OPS.",
            "accessibility_notes": "Parter, bez progów.",
            "city": "Ostrów Wielkopolski",
        },
    )
    assert response.status_code == 302
    service = Service.objects.get(name="Mieszkanie treningowe")
    assert service.organisation == organisation and service.latitude is not None
    as_editor.post(
        reverse("directory:child_add", args=[*base, "wspolpraca"]),
        {"kind": "offer", "title": "Wizyta studyjna: mieszkania treningowe", "theme": theme().pk},
    )
    as_editor.post(
        reverse("directory:child_add", args=[*base, "osoby"]),
        {
            "name": "Anna Publiczna",
            "position": "kierowniczka",
            "email": "anna@ako.test",
            "public_consent": "on",
        },
    )
    as_editor.post(
        reverse("directory:child_add", args=[*base, "osoby"]),
        {"name": "Jan Prywatny", "phone": "600 000 000"},
    )
    assert Contact.objects.get(name="Anna Publiczna").consent_recorded_at is not None
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert "Mieszkanie treningowe" in page and "Parter, bez progów." in page
    assert "Wizyta studyjna: mieszkania treningowe" in page
    # Without consent a contact is shown to signed-in users only.
    assert "Anna Publiczna" in page and "Jan Prywatny" not in page
    assert "Jan Prywatny" in as_editor.get(organisation.get_absolute_url()).content.decode()

    entry = CooperationEntry.objects.get()
    response = as_editor.post(reverse("directory:child_delete", args=[*base, "wspolpraca", entry.pk]))
    assert response.status_code == 302 and not CooperationEntry.objects.exists()
    actions = set(ModelLogEntry.objects.for_instance(organisation).values_list("action", flat=True))
    assert {
        "zitnet.directory.service.add",
        "zitnet.directory.contact.add",
        "zitnet.directory.cooperation.delete",
    } <= (actions)


def test_contact_person_needs_a_way_to_reach_them(client_for, editor, organisation):
    response = client_for(editor).post(
        reverse("directory:child_add", args=[organisation.slug, "osoby"]), {"name": "Bez kontaktu"}
    )
    assert response.status_code == 400
    assert "Podaj adres e-mail lub numer telefonu" in response.content.decode()
    assert not Contact.objects.exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("logo.png", b"<script>alert(1)</script>", "image/png"),
            "Prześlij poprawny plik graficzny",
        ),
        (
            SimpleUploadedFile("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml"),
            "Prześlij poprawny plik graficzny",
        ),
        (
            SimpleUploadedFile("big.png", png() + b"\0" * (5 * 1024 * 1024), "image/png"),
            "Logo może mieć maksymalnie 5 MB",
        ),
    ],
)
def test_logo_is_checked_by_content_and_size(client_for, editor, organisation, upload, message):
    response = client_for(editor).post(
        reverse("directory:edit", args=[organisation.slug]),
        {**entry_data(organisation, description="nowy opis"), "logo": upload},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.description == "" and not organisation.logo  # nothing half-written


def test_a_real_logo_is_accepted(client_for, editor, organisation):
    upload = SimpleUploadedFile("logo.png", png(), "image/png")
    response = client_for(editor).post(
        reverse("directory:edit", args=[organisation.slug]), {**entry_data(organisation), "logo": upload}
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.logo.name.startswith("organisations/logos/")


def test_coordinator_creates_verifies_and_corrects_position(client_for, coordinator):
    as_coordinator = client_for(coordinator)
    response = as_coordinator.post(
        reverse("directory:create"),
        {
            "name": "Gminny Ośrodek Pomocy Społecznej w Kcyni",
            "kind": "ops",
            "voivodeship": "04",
            "county": "nakielski",
            "municipality": "Kcynia",
            "expertise": "",
        },
    )
    assert response.status_code == 302
    org = Organisation.objects.get(slug="gminny-osrodek-pomocy-spolecznej-w-kcyni")
    assert (round(org.latitude, 2), round(org.longitude, 2)) == (52.99, 17.49)

    as_coordinator.post(reverse("directory:verify", args=[org.slug]), {"verified": "1"})
    org.refresh_from_db()
    assert org.is_verified and org.verified_by == coordinator

    response = as_coordinator.post(
        reverse("directory:position", args=[org.slug]), {"latitude": "53.0", "longitude": "17.5"}
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert (org.latitude, org.longitude, org.position_source) == (53.0, 17.5, PositionSource.MANUAL)
    # A later change of the town does not override a position set by hand.
    org.city = "Nakło nad Notecią"
    from zitnet.directory.services import locate

    locate(org)
    assert org.latitude == 53.0

    response = as_coordinator.post(
        reverse("directory:position", args=[org.slug]), {"latitude": "abc", "longitude": "17"}
    )
    assert response.status_code == 400 and "Wpisz liczbę" in response.content.decode()


def test_merge_moves_everything_and_redirects(client_for, coordinator, client):
    keep = OrganisationFactory(name="MOPS Kalisz", slug="mops-kalisz", kind=OrganisationKind.OPS)
    duplicate = OrganisationFactory(
        name="Miejski Ośrodek Pomocy Społecznej Kalisz",
        slug="mops-kalisz-2",
        kind=OrganisationKind.OPS,
        phone="62 1",
    )
    ServiceFactory(organisation=duplicate, name="Asystent rodziny")
    CooperationEntryFactory(organisation=duplicate)
    duplicate.expertise.add("asystentura rodzinna")
    member = MembershipFactory(organisation=duplicate, role=MembershipRole.EDITOR).user
    MembershipFactory(organisation=keep, user=member)  # the same person in both: one membership remains

    response = client_for(coordinator).post(
        reverse("directory:merge", args=[duplicate.slug]), {"target": "mops-kalisz"}
    )
    assert response.status_code == 302
    keep.refresh_from_db()
    assert keep.services.get().name == "Asystent rodziny"
    assert keep.cooperation_entries.count() == 1
    assert keep.phone == "62 1"
    assert [t.name for t in keep.expertise.all()] == ["asystentura rodzinna"]
    assert keep.memberships.get(user=member).role == MembershipRole.EDITOR
    assert client.get(duplicate.get_absolute_url()).url == keep.get_absolute_url()

    # Merging into itself or a missing entry is refused with a message.
    response = client_for(coordinator).post(
        reverse("directory:merge", args=[keep.slug]), {"target": "mops-kalisz"}
    )
    assert (
        response.status_code == 400
        and "Nie można połączyć organizacji z nią samą" in response.content.decode()
    )


def test_unknown_child_kind_is_404(client_for, editor, organisation):
    assert client_for(editor).get(f"/katalog/{organisation.slug}/zamki/dodaj/").status_code == 404
