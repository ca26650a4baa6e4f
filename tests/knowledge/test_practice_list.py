"""The good-practice library: combinable filters in the URL, sorting, paging, bad input, caching, query bounds."""

import datetime

import pytest
from django.utils import timezone

from knowledge.enums import HorizontalPrinciple, PracticeStatus, VerificationCriterion
from knowledge.models import CriterionAssessment, PracticePage, PracticePrinciple, PracticeVerification
from tests.factories import OrganisationFactory
from tests.factories.directory import theme
from tests.factories.knowledge import make_practice, programme
from tests.factories.search import index_everything
from zitnet.directory.enums import OrganisationKind, Voivodeship

pytestmark = pytest.mark.django_db

LIST = "/dobre-praktyki/"


def titles(response) -> list[str]:
    return [practice.title for practice in response.context["page_obj"].object_list]


def verify(practice, *, verified=True):
    record = PracticeVerification.objects.create(
        practice=practice, verified=verified, reviewed_at=timezone.now()
    )
    for criterion in VerificationCriterion:
        CriterionAssessment.objects.create(
            verification=record, criterion=criterion, met=verified, justification=f"Uzasadnienie: {criterion}"
        )
    return record


@pytest.fixture
def library(db):
    ops = OrganisationFactory(name="MOPS w Wałbrzychu", slug="mops-walbrzych", kind=OrganisationKind.OPS)
    zit = OrganisationFactory(name="ZIT Aglomeracji Kalisko-Ostrowskiej", slug="zit-ako")
    care = make_practice(
        title="Centrum usług społecznych w Wałbrzychu",
        lead="Wspólne usługi opiekuńcze dla gmin MOF.",
        organisations=[ops],
        thematic_areas=[theme("deinstytucjonalizacja"), theme("uslugi_spoleczne")],
        tags=["opieka wytchnieniowa"],
        programme=programme("fers"),
        status=PracticeStatus.ONGOING,
        voivodeship=Voivodeship.DOLNOSLASKIE,
        start_date=datetime.date(2022, 3, 1),
        end_date=None,
    )
    PracticePrinciple.objects.create(
        page=care, principle=HorizontalPrinciple.NON_DISCRIMINATION, how="Dostępne"
    )
    verify(care)
    bikes = make_practice(
        title="Aglomeracyjny rower publiczny",
        lead="Jeden system rowerów dla całej aglomeracji.",
        organisations=[zit],
        thematic_areas=[theme("mobilnosc_miejska")],
        tags=["rowery"],
        programme=programme("fe-dolny-slask"),
        status=PracticeStatus.COMPLETED,
        voivodeship=Voivodeship.WIELKOPOLSKIE,
        start_date=datetime.date(2019, 1, 1),
        end_date=datetime.date(2020, 12, 31),
    )
    school = make_practice(
        title="Edukacja włączająca w szkołach MOF",
        lead="Asystenci ucznia i szkolenia nauczycieli.",
        organisations=[zit, ops],
        thematic_areas=[theme("edukacja_wlaczajaca")],
        programme=programme("fers"),
        status=PracticeStatus.COMPLETED,
        voivodeship=Voivodeship.DOLNOSLASKIE,
        start_date=datetime.date(2021, 1, 1),
        end_date=datetime.date(2023, 6, 30),
    )
    verify(school, verified=False)
    draft = make_practice(title="Szkic praktyki — nieopublikowany", publish=False, organisations=[ops])
    # The text filter asks the search index, which is written after commit (never, in a rolled-back test).
    index_everything()
    return {"care": care, "bikes": bikes, "school": school, "draft": draft, "ops": ops, "zit": zit}


def test_lists_live_practices_newest_first_without_drafts(client, library):
    response = client.get(LIST)
    assert response.status_code == 200
    assert titles(response) == [
        "Edukacja włączająca w szkołach MOF",
        "Aglomeracyjny rower publiczny",
        "Centrum usług społecznych w Wałbrzychu",
    ]
    html = response.content.decode()
    assert "Szkic praktyki" not in html
    assert 'action="/dobre-praktyki/"' in html and 'type="submit"' in html


def test_each_filter_works_on_its_own(client, library):
    care, bikes, school = (
        "Centrum usług społecznych w Wałbrzychu",
        "Aglomeracyjny rower publiczny",
        "Edukacja włączająca w szkołach MOF",
    )
    assert titles(client.get(LIST, {"q": "ROWER"})) == [bikes]
    assert titles(client.get(LIST, {"q": "asystenci"})) == [school]  # text of the lead
    assert titles(client.get(LIST, {"area": "mobilnosc_miejska"})) == [bikes]
    assert titles(client.get(LIST, {"area": ["mobilnosc_miejska", "deinstytucjonalizacja"]})) == [bikes, care]
    assert titles(client.get(LIST, {"tag": "rowery"})) == [bikes]
    assert titles(client.get(LIST, {"programme": "fers"})) == [school, care]
    assert titles(client.get(LIST, {"programme_kind": "regional"})) == [bikes]
    assert titles(client.get(LIST, {"status": "ongoing"})) == [care]
    assert titles(client.get(LIST, {"voivodeship": "30"})) == [bikes]
    assert titles(client.get(LIST, {"organisation": "mops-walbrzych"})) == [school, care]
    assert titles(client.get(LIST, {"organisation_kind": "ops"})) == [school, care]
    assert titles(client.get(LIST, {"principle": "non_discrimination"})) == [care]
    assert titles(client.get(LIST, {"year": "2020"})) == [bikes]
    assert titles(client.get(LIST, {"year": "2025"})) == [care]  # still running: no end date
    assert titles(client.get(LIST, {"year": "2022"})) == [school, care]
    assert titles(client.get(LIST, {"verified": "on"})) == [care]  # an unverified record does not count


def test_filters_combine_and_stay_selected(client, library):
    assert titles(client.get(LIST, {"programme": "fers"})) == [
        "Edukacja włączająca w szkołach MOF",
        "Centrum usług społecznych w Wałbrzychu",
    ]
    response = client.get(LIST, {"programme": "fers", "status": "completed", "voivodeship": "02"})
    assert titles(response) == ["Edukacja włączająca w szkołach MOF"]
    html = response.content.decode()
    assert '<option value="fers" selected>' in html
    assert '<option value="completed" selected>' in html
    assert "1 good practice" in html or "1 dobra praktyka" in html
    assert 'href="/dobre-praktyki/">' in html  # clear filters
    assert titles(client.get(LIST, {"programme": "fers", "year": "2019"})) == []


def test_sort_by_title_is_polish_alphabetical(client, library):
    make_practice(title="Łączenie usług w Łodzi")
    make_practice(title="Lokalne centrum aktywności")
    make_practice(title="Zielone podwórka")
    assert titles(client.get(LIST, {"sort": "title"})) == [
        "Aglomeracyjny rower publiczny",
        "Centrum usług społecznych w Wałbrzychu",
        "Edukacja włączająca w szkołach MOF",
        "Lokalne centrum aktywności",
        "Łączenie usług w Łodzi",
        "Zielone podwórka",
    ]


def test_empty_result_gives_a_helpful_message(client, library):
    response = client.get(LIST, {"q": "nie ma takiej praktyki"})
    assert response.status_code == 200
    assert titles(response) == []
    html = response.content.decode()
    assert "No good practice matches these filters." in html or "Żadna dobra praktyka" in html
    assert 'href="/dobre-praktyki/"' in html


def test_bad_filter_values_are_reported_and_the_rest_still_applies(client, library):
    response = client.get(
        LIST, {"programme": "no-such-programme", "area": "nope", "year": "abc", "voivodeship": "02"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "There is no such funding programme." in html or "Nie ma takiego programu" in html
    # The voivodeship filter was valid and still narrows the list.
    assert titles(response) == [
        "Edukacja włączająca w szkołach MOF",
        "Centrum usług społecznych w Wałbrzychu",
    ]
    assert client.get(LIST, {"year": "99999"}).status_code == 400
    assert client.get(LIST, {"organisation": "<script>"}).status_code == 400


def test_pages_of_twenty_keep_the_filters_and_bad_page_numbers_never_fail(client, db):
    for n in range(45):
        make_practice(title=f"Praktyka FERS {n:02d}", programme=programme("fers"))
    make_practice(title="Inny program", programme=programme("feng"))
    first = client.get(LIST, {"programme": "fers"})
    assert len(titles(first)) == 20
    assert first.context["page_obj"].paginator.num_pages == 3
    assert "?programme=fers&amp;page=2" in first.content.decode()
    third = client.get(LIST, {"programme": "fers", "page": "3"})
    assert len(titles(third)) == 5
    assert "Inny program" not in titles(third)
    assert set(titles(first)).isdisjoint(titles(client.get(LIST, {"programme": "fers", "page": "2"})))
    # Not a number: the first page; past the end: the last page.
    assert titles(client.get(LIST, {"programme": "fers", "page": "abc"})) == titles(first)
    past = client.get(LIST, {"programme": "fers", "page": "9999"})
    assert past.status_code == 200
    assert past.context["page_obj"].number == 3


def test_title_is_escaped(client, db):
    make_practice(title='<script>alert("x")</script> Praktyka', lead="<b>pogrubienie</b>")
    html = client.get(LIST).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html
    assert "<b>pogrubienie</b>" not in html


def test_card_shows_verified_label_demo_marker_programme_and_organisations(client, library):
    make_practice(title="Przykład demonstracyjny", is_demo=True)
    html = client.get(LIST).content.decode()
    assert html.count("practice-verified") == 1  # only the verified one
    assert "badge--demo" in html
    assert "MOPS w Wałbrzychu" in html
    assert "FERS" in html


def test_a_newly_published_practice_appears_in_the_cached_listing(client, library):
    assert "Nowa praktyka po publikacji" not in client.get(LIST).content.decode()
    assert "Nowa praktyka po publikacji" not in client.get(LIST).content.decode()  # served from the cache
    practice = make_practice(title="Nowa praktyka po publikacji")
    assert "Nowa praktyka po publikacji" in client.get(LIST).content.decode()
    practice.unpublish()
    assert "Nowa praktyka po publikacji" not in client.get(LIST).content.decode()


def test_verification_change_shows_in_the_cached_listing(client, library):
    assert titles(client.get(LIST, {"verified": "on"})) == ["Centrum usług społecznych w Wałbrzychu"]
    record = PracticeVerification.objects.get(practice=library["school"])
    record.verified = True
    record.save()
    assert titles(client.get(LIST, {"verified": "on"})) == [
        "Edukacja włączająca w szkołach MOF",
        "Centrum usług społecznych w Wałbrzychu",
    ]


def test_deleted_practice_leaves_the_cached_listing(client, library):
    assert "Aglomeracyjny rower publiczny" in client.get(LIST).content.decode()
    PracticePage.objects.get(pk=library["bikes"].pk).delete()
    assert "Aglomeracyjny rower publiczny" not in client.get(LIST).content.decode()


def _populate(count: int, ops, zit):
    for n in range(count):
        practice = make_practice(
            title=f"Praktyka {n}",
            organisations=[ops, zit],
            thematic_areas=[theme("deinstytucjonalizacja"), theme("uslugi_spoleczne")],
            programme=programme("fers"),
        )
        verify(practice)


def test_listing_queries_do_not_grow_with_the_number_of_cards(client, django_assert_max_num_queries, db):
    ops = OrganisationFactory(slug="ops-a")
    zit = OrganisationFactory(slug="zit-a")
    _populate(2, ops, zit)
    with django_assert_max_num_queries(20) as few:
        client.get(LIST, {"programme": "fers"})
    _populate(18, ops, zit)
    from django.core.cache import cache

    cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        response = client.get(LIST, {"programme": "fers"})
    assert len(titles(response)) == 20
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_propose_link_points_to_the_drafting_form_when_it_exists(client, db):
    from knowledge.views import _propose_url

    html = client.get(LIST).content.decode()
    url = _propose_url()
    if url:
        assert f'href="{url}"' in html
    else:
        assert "Propose a good practice" not in html
