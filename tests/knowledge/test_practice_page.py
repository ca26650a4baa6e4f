"""The practice page: everything it shows, sanitised rich text, e-mail for members only, caching, query bounds;
and the organisation page listing its practices."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from knowledge.enums import HorizontalPrinciple, PracticeStatus, VerificationCriterion
from knowledge.models import (
    CriterionAssessment,
    PracticeDocument,
    PracticeGalleryImage,
    PracticeIndicator,
    PracticePrinciple,
    PracticeRelation,
    PracticeVerification,
)
from tests.factories import OrganisationFactory
from tests.factories.directory import theme
from tests.factories.knowledge import make_practice, programme
from zitnet.directory.enums import Voivodeship

pytestmark = pytest.mark.django_db


def verify(practice, *, verified=True):
    record = PracticeVerification.objects.create(
        practice=practice, verified=verified, reviewed_at=timezone.now()
    )
    for criterion in VerificationCriterion:
        CriterionAssessment.objects.create(
            verification=record,
            criterion=criterion,
            met=verified,
            justification=f"Uzasadnienie kryterium {criterion.value}",
        )
    return record


def add_rows(practice, *, count: int, organisations) -> None:
    for n in range(count):
        PracticeIndicator.objects.create(
            page=practice, sort_order=n, name=f"Liczba osób objętych usługą {n}", unit="osoby",
            baseline=Decimal("0"), target=Decimal("120"), achieved=Decimal("134.5"),
        )  # fmt: skip
        PracticePrinciple.objects.create(
            page=practice, sort_order=n, principle=list(HorizontalPrinciple)[n % 4], how=f"Sposób {n}"
        )
    practice.organisations.set(organisations)
    practice.save()


@pytest.fixture
def full_practice(db):
    ops = OrganisationFactory(name="MOPS w Wałbrzychu", slug="mops-walbrzych")
    zit = OrganisationFactory(name="ZIT Aglomeracji Wałbrzyskiej", slug="zit-aw")
    related = make_practice(title="Powiązana praktyka o mieszkaniach", organisations=[zit])
    image_model = get_image_model()
    main = image_model.objects.create(
        title="Zdjęcie główne", file=get_test_image_file(), description="Budynek CUS"
    )
    photo = image_model.objects.create(title="Warsztaty", file=get_test_image_file(colour="red"))
    document = get_document_model().objects.create(
        title="Regulamin usług", file=ContentFile(b"%PDF-1.4 test", name="regulamin.pdf")
    )
    practice = make_practice(
        title="Centrum usług społecznych w Wałbrzychu",
        lead="Wspólne usługi opiekuńcze dla gmin MOF.",
        problem='<p>Brak usług.<script>alert(1)</script><a href="javascript:alert(2)">klik</a></p>',
        solution="<p>Jeden zespół dla <b>całego</b> MOF.</p>",
        results="<p>Więcej osób pod opieką.</p>",
        organisations=[ops, zit],
        thematic_areas=[theme("deinstytucjonalizacja")],
        tags=["opieka wytchnieniowa"],
        programme=programme("fers"),
        funding_note="Priorytet 4, działanie 4.12",
        total_cost=Decimal("1250000.00"),
        eu_contribution=Decimal("1062500.00"),
        status=PracticeStatus.ONGOING,
        start_date=datetime.date(2023, 1, 1),
        end_date=datetime.date(2025, 12, 31),
        places="Wałbrzych, Świdnica",
        voivodeship=Voivodeship.DOLNOSLASKIE,
        transfer_conditions="Porozumienie gmin.",
        transfer_costs="Około 200 tys. zł rocznie.",
        transfer_pitfalls="Rotacja kadry.",
        contact_name="Anna Nowak",
        contact_role="kierowniczka CUS",
        contact_email="anna.nowak@example.org",
        kohesio_url="https://kohesio.ec.europa.eu/pl/projects/123",
        keep_eu_url="https://keep.eu/projects/456/",
        image=main,
        is_demo=True,
    )
    add_rows(practice, count=2, organisations=[ops, zit])
    PracticeDocument.objects.create(page=practice, document=document, description="Zasady korzystania")
    PracticeGalleryImage.objects.create(page=practice, image=photo, caption="Warsztaty z mieszkańcami")
    PracticeRelation.objects.create(page=practice, related=related)
    verify(practice)
    return practice


def test_practice_page_shows_everything(client, full_practice):
    response = client.get(full_practice.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 id="practice-title">Centrum usług społecznych w Wałbrzychu</h1>' in html
    assert "Wspólne usługi opiekuńcze dla gmin MOF." in html
    assert "Jeden zespół dla <b>całego</b> MOF." in html
    # Indicators: a real table.
    assert (
        "<caption>" in html
        and '<th scope="col">' in html
        and '<th scope="row">Liczba osób objętych usługą 0</th>' in html
    )
    assert "134,5" in html or "134.5" in html
    # Money the Polish way, and the EU share.
    assert "1 250 000,00 zł" in html
    assert "1 062 500,00 zł" in html
    assert "85,0%" in html
    assert "Priorytet 4, działanie 4.12" in html
    # Organisations, places, themes and tags linking back.
    assert 'href="/katalog/mops-walbrzych/"' in html and 'href="/katalog/zit-aw/"' in html
    assert "Wałbrzych, Świdnica" in html
    assert 'href="/dobre-praktyki/?area=deinstytucjonalizacja"' in html
    assert 'href="/dobre-praktyki/?tag=opieka-wytchnieniowa"' in html
    assert 'href="/dobre-praktyki/?programme=fers"' in html
    assert "Sposób 1" in html
    assert "Porozumienie gmin." in html and "Rotacja kadry." in html
    assert "Anna Nowak" in html and "kierowniczka CUS" in html
    # Documents, images, records, related practices.
    assert "/dokumenty/" in html and "Regulamin usług" in html and "PDF" in html
    assert 'alt="Warsztaty z mieszkańcami"' in html
    assert 'alt="Budynek CUS"' in html
    assert 'href="https://kohesio.ec.europa.eu/pl/projects/123"' in html
    assert 'href="https://keep.eu/projects/456/"' in html
    assert "Powiązana praktyka o mieszkaniach" in html
    # Verification with each criterion's justification; the demo banner; the way back.
    assert "practice-verified" in html
    for criterion in VerificationCriterion:
        assert f"Uzasadnienie kryterium {criterion.value}" in html
    assert "practice-demo" in html
    assert 'class="breadcrumbs"><a href="/dobre-praktyki/">' in html


def test_rich_text_is_sanitised(client, full_practice):
    html = client.get(full_practice.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "javascript:" not in html


def test_contact_email_only_for_signed_in_users(client, client_for, member, full_practice):
    assert "anna.nowak@example.org" not in client.get(full_practice.url).content.decode()
    assert "anna.nowak@example.org" in client_for(member).get(full_practice.url).content.decode()


def test_unverified_practice_has_no_label_and_no_justifications(client, db):
    practice = make_practice(title="Praktyka bez etykiety")
    verify(practice, verified=False)
    html = client.get(practice.url).content.decode()
    assert "practice-verified" not in html
    assert "Uzasadnienie kryterium" not in html
    assert "practice-demo" not in html


def test_title_is_escaped(client, db):
    practice = make_practice(title='<img src=x onerror="alert(1)"> Praktyka')
    html = client.get(practice.url).content.decode()
    assert '<img src=x onerror="alert(1)">' not in html
    assert "&lt;img src=x" in html


def test_drafts_are_not_served(client, db):
    draft = make_practice(title="Szkic", publish=False)
    assert client.get("/dobre-praktyki/" + draft.slug + "/").status_code == 404


def test_a_new_revision_and_a_verification_show_on_the_cached_page(client, full_practice):
    url = full_practice.url
    assert "Nowy lead po zmianie" not in client.get(url).content.decode()
    full_practice.lead = "Nowy lead po zmianie"
    full_practice.save_revision().publish()
    assert "Nowy lead po zmianie" in client.get(url).content.decode()
    record = PracticeVerification.objects.get(practice=full_practice)
    record.verified = False
    record.save()
    assert "practice-verified" not in client.get(url).content.decode()


def test_an_organisation_rename_shows_on_the_cached_page(client, full_practice):
    url = full_practice.url
    assert "MOPS w Wałbrzychu" in client.get(url).content.decode()
    organisation = full_practice.organisations.get(slug="mops-walbrzych")
    organisation.name = "Centrum Usług Społecznych w Wałbrzychu"
    organisation.save()
    assert "Centrum Usług Społecznych w Wałbrzychu</a>" in client.get(url).content.decode()


@pytest.mark.parametrize("signed_in", [False, True])
def test_page_queries_do_not_grow_with_related_rows(
    client, client_for, member, django_assert_max_num_queries, signed_in
):
    visitor = client_for(member) if signed_in else client
    few = make_practice(title="Mało powiązań", programme=programme("fers"))
    add_rows(few, count=1, organisations=[OrganisationFactory()])
    verify(few)
    many = make_practice(title="Dużo powiązań", programme=programme("fers"))
    add_rows(many, count=12, organisations=[OrganisationFactory() for _ in range(12)])
    verify(many)
    cache.clear()
    with django_assert_max_num_queries(40) as first:
        assert visitor.get(few.url).status_code == 200
    cache.clear()
    with django_assert_max_num_queries(len(first.captured_queries)) as second:
        response = visitor.get(many.url)
    assert "Liczba osób objętych usługą 11" in response.content.decode()
    assert len(second.captured_queries) == len(first.captured_queries)


def test_cached_page_for_anonymous_visitors_needs_few_queries(
    client, django_assert_max_num_queries, full_practice
):
    client.get(full_practice.url)
    with django_assert_max_num_queries(10):
        assert "Anna Nowak" in client.get(full_practice.url).content.decode()


# --- The organisation page lists its practices ---------------------------------------------------


def test_organisation_page_lists_its_live_practices(client, db):
    ops = OrganisationFactory(name="MOPS w Świdnicy", slug="mops-swidnica")
    make_practice(title="Asystent rodziny w MOF", organisations=[ops])
    make_practice(title="Szkic niewidoczny", organisations=[ops], publish=False)
    make_practice(title="Cudza praktyka")
    html = client.get("/katalog/mops-swidnica/").content.decode()
    assert "Asystent rodziny w MOF" in html
    assert "Szkic niewidoczny" not in html and "Cudza praktyka" not in html
    assert 'href="/dobre-praktyki/' in html


def test_organisation_page_cache_follows_publication(client, db):
    ops = OrganisationFactory(name="MOPS w Świdnicy", slug="mops-swidnica")
    assert "Nowa praktyka MOPS" not in client.get("/katalog/mops-swidnica/").content.decode()
    practice = make_practice(title="Nowa praktyka MOPS", organisations=[ops])
    assert "Nowa praktyka MOPS" in client.get("/katalog/mops-swidnica/").content.decode()
    practice.unpublish()
    assert "Nowa praktyka MOPS" not in client.get("/katalog/mops-swidnica/").content.decode()
    practice.save_revision().publish()
    assert "Nowa praktyka MOPS" in client.get("/katalog/mops-swidnica/").content.decode()
    practice.delete()
    assert "Nowa praktyka MOPS" not in client.get("/katalog/mops-swidnica/").content.decode()


def test_preview_shows_the_draft_and_never_fills_the_cache(client, full_practice):
    client.get(full_practice.url)  # fills the cache
    draft = full_practice.get_latest_revision_as_object()
    draft.lead = "Lead tylko w podglądzie"
    response = draft.make_preview_request()
    assert response.status_code == 200
    assert "Lead tylko w podglądzie" in response.rendered_content
    html = client.get(full_practice.url).content.decode()
    assert "Lead tylko w podglądzie" not in html
    assert "Wspólne usługi opiekuńcze dla gmin MOF." in html


# --- Anonymous visitors are answered from the cache before Wagtail's routing ----------------------


def test_anonymous_repeat_visits_skip_the_page_tree(client, django_assert_max_num_queries, full_practice):
    first = client.get(full_practice.url).content.decode()
    with django_assert_max_num_queries(0):
        again = client.get(full_practice.url)
    assert again.status_code == 200
    assert "Anna Nowak" in again.content.decode()
    assert "<title>Centrum usług społecznych w Wałbrzychu" in again.content.decode()
    assert (
        first.split("<main", 1)[1].split("</main>")[0]
        == again.content.decode().split("<main", 1)[1].split("</main>")[0]
    )
    listing = client.get("/dobre-praktyki/", {"programme": "fers"}).content.decode()
    with django_assert_max_num_queries(0):
        cached = client.get("/dobre-praktyki/", {"programme": "fers"}).content.decode()
    assert "Centrum usług społecznych w Wałbrzychu" in cached
    assert listing.split("<main", 1)[1].split("</main>")[0] == cached.split("<main", 1)[1].split("</main>")[0]


def test_a_page_behind_a_password_is_never_served_from_the_cache(client, full_practice):
    from wagtail.models import PageViewRestriction

    assert "Anna Nowak" in client.get(full_practice.url).content.decode()
    PageViewRestriction.objects.create(
        page=full_practice, restriction_type=PageViewRestriction.PASSWORD, password="tajne"
    )
    for _ in range(2):
        html = client.get(full_practice.url).content.decode()
        assert "Anna Nowak" not in html
        assert "Problem" not in html


def test_other_wagtail_pages_still_route_normally(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert client.get("/nie-ma-takiej-strony/").status_code == 404
