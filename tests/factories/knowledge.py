"""Builders of knowledge pages: published good practices, handbooks with chapters, reports."""

import datetime
from decimal import Decimal
from itertools import count

from wagtail.models import Page

from knowledge.enums import PracticeStatus
from knowledge.models import (
    ChapterPage,
    FundingProgramme,
    HandbookPage,
    PracticeIndexPage,
    PracticePage,
    ReportIndexPage,
    ReportPage,
)

_numbers = count(1)


def practice_index() -> PracticeIndexPage:
    return PracticeIndexPage.objects.get()


def report_index() -> ReportIndexPage:
    return ReportIndexPage.objects.get()


def home() -> Page:
    return practice_index().get_parent()


def programme(code: str = "fers") -> FundingProgramme:
    return FundingProgramme.objects.get(code=code)


def make_practice(*, publish: bool = True, organisations=(), thematic_areas=(), tags=(), user=None, **fields):
    """A practice under the library, published unless publish=False (then a draft revision only)."""
    n = next(_numbers)
    defaults = {
        "title": f"Dobra praktyka nr {n}",
        "slug": f"dobra-praktyka-{n}",
        "lead": "Gminy MOF wspólnie prowadzą usługę i mierzą jej efekty.",
        "problem": "<p>Brak koordynacji usług społecznych między gminami.</p>",
        "solution": "<p>Wspólny zespół i jedna mapa usług dla całego obszaru.</p>",
        "status": PracticeStatus.COMPLETED,
        "total_cost": Decimal("100000.00"),
        "eu_contribution": Decimal("85000.00"),
        "start_date": datetime.date(2023, 1, 1),
        "end_date": datetime.date(2024, 12, 31),
    }
    defaults.update(fields)
    page = PracticePage(**defaults)
    if publish:
        page.live = True
    else:
        page.live = False
    practice_index().add_child(instance=page)
    if organisations:
        page.organisations.set(organisations)
    if thematic_areas:
        page.thematic_areas.set(thematic_areas)
    if tags:
        page.tags.set(tags)
    revision = page.save_revision(user=user)
    if publish:
        revision.publish(user=user)
    return PracticePage.objects.get(pk=page.pk)


def make_handbook(
    *, title="Podręcznik zarządzania strategicznego w Związkach ZIT", edition="Wydanie 1", **fields
):
    n = next(_numbers)
    defaults = {
        "title": title,
        "slug": f"podrecznik-{n}",
        "handbook_key": "podrecznik-zarzadzania-strategicznego",
        "edition": edition,
        "edition_date": datetime.date(2026, 6, 1),
        "introduction": "<p>Podręcznik dla pracowników związków ZIT.</p>",
    }
    defaults.update(fields)
    handbook = HandbookPage(**defaults)
    home().add_child(instance=handbook)
    handbook.save_revision().publish()
    return HandbookPage.objects.get(pk=handbook.pk)


def make_chapter(parent, *, title=None, body=None, publish=True, **fields):
    n = next(_numbers)
    chapter = ChapterPage(
        title=title or f"Rozdział {n}", slug=f"rozdzial-{n}", body=body or [], live=publish, **fields
    )
    parent.add_child(instance=chapter)
    revision = chapter.save_revision()
    if publish:
        revision.publish()
    return ChapterPage.objects.get(pk=chapter.pk)


def make_report(*, recommendations=(), **fields):
    n = next(_numbers)
    defaults = {
        "title": f"Raport z cyklu {n}",
        "slug": f"raport-{n}",
        "cycle_name": "Forum Oceny i Współpracy 2026",
        "published_on": datetime.date(2026, 10, 1),
    }
    defaults.update(fields)
    report = ReportPage(**defaults)
    report_index().add_child(instance=report)
    for position, values in enumerate(recommendations):
        report.recommendations.create(sort_order=position, **values)
    report.save_revision().publish()
    return ReportPage.objects.get(pk=report.pk)


def make_moderator(user):
    """Give a coordinator Wagtail's "Moderators" group the way the role grant does (GroupApprovalTask)."""
    from zitnet.accounts.enums import GlobalRole
    from zitnet.accounts.services import grant_role

    grant_role(actor=None, user=user, role=GlobalRole.NETWORK_COORDINATOR)
    return user


def practice_data(**overrides) -> dict:
    """A valid POST of the front-end practice form (knowledge:practice_create); overrides replace fields."""
    data = {
        "title": "Wspólna mapa usług społecznych MOF",
        "lead": "Pięć gmin prowadzi jedną mapę usług społecznych i co roku mierzy, kto z niej korzysta.",
        "problem": "Gminy nie wiedzą, kto co oferuje & gdzie.\n\nDrugi akapit.",
        "solution": "Wspólny zespół i jedna mapa usług dla całego obszaru funkcjonalnego.",
        "results": "",
        "programme": "",
        "funding_note": "",
        "total_cost": "100000",
        "eu_contribution": "85000",
        "start_date": "2023-01-01",
        "end_date": "2024-12-31",
        "status": "completed",
        "places": "Kalisz, Ostrów Wielkopolski",
        "voivodeship": "",
        "tags": "",
        "principle_gender_equality": "on",
        "principle_gender_equality_how": "Dane w mapie są zbierane osobno dla kobiet i mężczyzn.",
        "indicators-TOTAL_FORMS": "3",
        "indicators-INITIAL_FORMS": "0",
        "indicators-MIN_NUM_FORMS": "0",
        "indicators-MAX_NUM_FORMS": "50",
        "indicators-0-name": "Liczba gmin we wspólnej mapie",
        "indicators-0-unit": "gminy",
        "indicators-0-baseline": "0",
        "indicators-0-target": "5",
        "indicators-0-achieved": "6",
    }
    data.update(overrides)
    return data
