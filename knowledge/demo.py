"""Demo content of the knowledge library in Polish, from the seeds: good practices, the handbook and a report."""

import datetime
import io
import uuid
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page

from zitnet.accounts.models import User
from zitnet.directory.enums import Voivodeship as V
from zitnet.directory.models import ThematicArea

from .enums import HorizontalPrinciple as HP
from .enums import PracticeStatus as S
from .enums import VerificationCriterion
from .models import (
    ChapterPage,
    CriterionAssessment,
    FundingProgramme,
    HandbookAuthor,
    HandbookPage,
    HomePage,
    PracticeIndexPage,
    PracticeIndicator,
    PracticePage,
    PracticePrinciple,
    PracticeRelation,
    PracticeVerification,
    ReportIndexPage,
    ReportPage,
    ReportRecommendation,
)

COORDINATOR_EMAIL = "koordynator@zitnet.test"
MEMBER_EMAIL = "czlonek@zitnet.test"
DEMO_COLLECTION = "Materiały podręcznika (demo)"
TEMPLATE_TITLE = "Karta monitorowania wskaźników strategii ZIT (szablon)"
# Stream block ids derive from the page and position, so re-seeding does not churn them.
_ID_NAMESPACE = uuid.UUID("5b0d2b9e-7c1e-4f0a-9d43-2a8f2f4f6a10")


def seed(out, organisations: dict) -> None:
    """Create or refresh the demo practices, handbook and report (idempotent: pages matched by slug)."""
    practice_index = PracticeIndexPage.objects.get()
    home = HomePage.objects.get()
    report_index = ReportIndexPage.objects.get()
    practices = _seed_practices(practice_index, organisations)
    _seed_verifications(practices)
    _seed_draft(practice_index, organisations)
    document = _template_document()
    report = _seed_report(report_index)
    handbook, chapter_count = _seed_handbook(home, practices, document, report)
    out.write(
        f"  knowledge: {len(practices)} demo practices, handbook “{handbook.title}” with {chapter_count} "
        f"chapters and sections, report with {report.recommendations.count()} recommendations"
    )


# --- Pages ------------------------------------------------------------------------------------


def _upsert_page(
    parent: Page, model, slug: str, fields: dict, *, children=None, m2m=None, publish=True, user=None
):
    """Create or update the child of `parent` with `slug`, then save a revision (and publish it)."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, live=publish, **fields)
        if user is not None:
            page.owner = user
        parent.add_child(instance=page)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    for name, rows in (children or {}).items():
        setattr(page, name, rows)
    for name, values in (m2m or {}).items():
        getattr(page, name).set(values)
    revision = page.save_revision(user=user, log_action=False)
    if publish:
        revision.publish(user=user, log_action=False)
        page.refresh_from_db()
    return page


def stream(page_key: str, blocks: list[tuple[str, object]]) -> list[dict]:
    """Raw StreamField data from (type, value) pairs, with ids stable across runs."""
    return [
        {"type": kind, "value": value, "id": str(uuid.uuid5(_ID_NAMESPACE, f"{page_key}/{position}"))}
        for position, (kind, value) in enumerate(blocks)
    ]


# --- Good practices ---------------------------------------------------------------------------


def _programmes() -> dict[str, FundingProgramme]:
    return {programme.code: programme for programme in FundingProgramme.objects.all()}


def _practice_fields(data: dict, programmes: dict) -> dict:
    return {
        "title": data["title"],
        "lead": data["lead"],
        "problem": data["problem"],
        "solution": data["solution"],
        "results": data["results"],
        "programme": programmes.get(data["programme"]) if data.get("programme") else None,
        "funding_note": data.get("funding_note", ""),
        "total_cost": _money(data.get("total_cost")),
        "eu_contribution": _money(data.get("eu_contribution")),
        "start_date": data.get("start"),
        "end_date": data.get("end"),
        "status": data["status"],
        "places": data.get("places", ""),
        "voivodeship": data.get("voivodeship", ""),
        "transfer_conditions": data.get("transfer_conditions", ""),
        "transfer_costs": data.get("transfer_costs", ""),
        "transfer_pitfalls": data.get("transfer_pitfalls", ""),
        "contact_name": data.get("contact_name", ""),
        "contact_role": data.get("contact_role", ""),
        "contact_email": data.get("contact_email", ""),
        "kohesio_url": data.get("kohesio_url", ""),
        "is_demo": True,
    }


def _practice_children(data: dict) -> dict:
    return {
        "indicators": [
            PracticeIndicator(
                sort_order=position,
                name=name,
                unit=unit,
                baseline=_money(baseline),
                target=_money(target),
                achieved=_money(achieved),
            )
            for position, (name, unit, baseline, target, achieved) in enumerate(data["indicators"])
        ],
        "principles": [
            PracticePrinciple(sort_order=position, principle=principle, how=how)
            for position, (principle, how) in enumerate(data["principles"])
        ],
    }


def _practice_m2m(data: dict, organisations: dict, themes: dict) -> dict:
    return {
        "organisations": [organisations[short] for short in data["organisations"] if short in organisations],
        "thematic_areas": [themes[code] for code in data["themes"]],
        "tags": data["tags"],
    }


def _seed_practices(index: PracticeIndexPage, organisations: dict) -> dict[str, PracticePage]:
    """Every demo practice, published once; pages are created first so related links can point both ways."""
    programmes = _programmes()
    themes = {area.code: area for area in ThematicArea.objects.all()}
    pages = {
        page.slug: page
        for page in PracticePage.objects.child_of(index).filter(slug__in=[data["slug"] for data in PRACTICES])
    }
    for data in PRACTICES:
        if data["slug"] not in pages:
            page = PracticePage(slug=data["slug"], live=True, **_practice_fields(data, programmes))
            index.add_child(instance=page)
            pages[data["slug"]] = page
    related: dict[str, list[str]] = {}
    for one, other in RELATIONS:
        related.setdefault(one, []).append(other)
        related.setdefault(other, []).append(one)
    practices = {}
    for data in PRACTICES:
        links = [
            PracticeRelation(sort_order=position, related=pages[other])
            for position, other in enumerate(related.get(data["slug"], []))
        ]
        practices[data["slug"]] = _upsert_page(
            index,
            PracticePage,
            data["slug"],
            _practice_fields(data, programmes),
            children=_practice_children(data) | {"related_links": links},
            m2m=_practice_m2m(data, organisations, themes),
        )
    return practices


def _seed_verifications(practices: dict[str, PracticePage]) -> None:
    reviewer = User.objects.filter(email=COORDINATOR_EMAIL).first()
    for slug, reviewed_on, justifications in VERIFICATIONS:
        verification, _created = PracticeVerification.objects.update_or_create(
            practice=practices[slug],
            defaults={
                "verified": True,
                "reviewer": reviewer,
                "reviewed_at": timezone.make_aware(datetime.datetime.combine(reviewed_on, datetime.time(12))),
            },
        )
        for criterion in VerificationCriterion:
            CriterionAssessment.objects.update_or_create(
                verification=verification,
                criterion=criterion,
                defaults={"met": True, "justification": justifications[criterion.value]},
            )


def _seed_draft(index: PracticeIndexPage, organisations: dict) -> None:
    """A draft of the demo member, never published and outside the workflow, for “my practices”."""
    member = User.objects.filter(email=MEMBER_EMAIL).first()
    existing = PracticePage.objects.child_of(index).filter(slug=DRAFT_PRACTICE["slug"]).first()
    if existing is not None and (existing.live or existing.workflow_in_progress):
        return  # someone took it further in the demo: leave it be
    themes = {area.code: area for area in ThematicArea.objects.all()}
    _upsert_page(
        index,
        PracticePage,
        DRAFT_PRACTICE["slug"],
        _practice_fields(DRAFT_PRACTICE, _programmes()),
        children=_practice_children(DRAFT_PRACTICE),
        m2m=_practice_m2m(DRAFT_PRACTICE, organisations, themes),
        publish=False,
        user=member,
    )


# --- Handbook ---------------------------------------------------------------------------------


def _template_document():
    """A real spreadsheet template (XLSX) for the handbook's download block, in a public collection."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    Document = get_document_model()
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=DEMO_COLLECTION).first() or root.add_child(
        name=DEMO_COLLECTION
    )
    document = Document.objects.filter(title=TEMPLATE_TITLE).first()
    if document is not None:
        return document
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Wskaźniki"
    for row in TEMPLATE_ROWS:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEFGHI", (38, 12, 14, 12, 12, 12, 28, 22, 30), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    document = Document(title=TEMPLATE_TITLE, collection=collection)
    document.file.save("karta-monitorowania-strategii-zit.xlsx", ContentFile(buffer.getvalue()), save=False)
    document.file_size = len(buffer.getvalue())
    document.save()
    return document


def _seed_handbook(home: HomePage, practices: dict, document, report) -> tuple[HandbookPage, int]:
    handbook = _upsert_page(
        home,
        HandbookPage,
        HANDBOOK["slug"],
        {key: value for key, value in HANDBOOK.items() if key != "slug"} | {"is_demo": True},
        children={
            "authors": [
                HandbookAuthor(sort_order=position, name=name, affiliation=affiliation)
                for position, (name, affiliation) in enumerate(HANDBOOK_AUTHORS)
            ]
        },
    )
    pages = {slug: page.pk for slug, page in practices.items()}
    count = 0

    def add(parent, items, prefix):
        nonlocal count
        for item in items:
            key = f"{prefix}/{item['slug']}"
            chapter = _upsert_page(
                parent,
                ChapterPage,
                item["slug"],
                {
                    "title": item["title"],
                    "summary": item["summary"],
                    "body": stream(key, item["body"]),
                },
            )
            count += 1
            add(chapter, item.get("sections", []), key)

    add(handbook, chapters(pages, document.pk, report.pk), HANDBOOK["slug"])
    return handbook, count


# --- Report -----------------------------------------------------------------------------------


def _seed_report(index: ReportIndexPage) -> ReportPage:
    return _upsert_page(
        index,
        ReportPage,
        REPORT["slug"],
        {
            "title": REPORT["title"],
            "cycle_name": REPORT["cycle_name"],
            "hosts": REPORT["hosts"],
            "published_on": REPORT["published_on"],
            "summary": REPORT["summary"],
            "sections": stream(
                REPORT["slug"],
                [("section", {"title": title, "body": body}) for title, body in REPORT["sections"]],
            ),
            "is_demo": True,
        },
        children={
            "recommendations": [
                ReportRecommendation(sort_order=position, **values)
                for position, values in enumerate(REPORT["recommendations"])
            ]
        },
    )


def _money(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


# ============================================================================================
# Content. Facts come from the seeds (shared/seeds/000–004); where a seed gives no figure, the
# numbers are demo values, plausible and said to be so in the funding note.
# ============================================================================================

D = datetime.date
DEMO_AMOUNTS = "Kwoty orientacyjne (dane demonstracyjne)."
PT_FE = "Pomoc Techniczna dla Funduszy Europejskich 2021–2027, Priorytet 2, Działanie 2.1"

PRACTICES: list[dict] = [
    # --- Sieciowanie Związków ZIT w Polsce (seeds 000 and 001) --------------------------------
    {
        "slug": "sieciowanie-zwiazkow-zit-w-polsce",
        "title": "Sieciowanie Związków ZIT w Polsce – projekt Ministerstwa Funduszy i Polityki Regionalnej",
        "lead": (
            "Ministerstwo Funduszy i Polityki Regionalnej finansuje sieci współpracy Związków ZIT w głównych "
            "obszarach wdrażania strategii ZIT. Prowadzenie każdej sieci powierzono partnerstwu związków, które "
            "organizują szkolenia, wizyty studyjne i wymianę doświadczeń dla pozostałych."
        ),
        "problem": (
            "<p>W perspektywie 2021–2027 powstało wiele nowych Związków ZIT. Ich zespoły dopiero budują "
            "kompetencje w zarządzaniu strategią, projektami i usługami w miejskich obszarach funkcjonalnych, "
            "a wymiana doświadczeń między związkami miała dotąd charakter okazjonalny.</p>"
        ),
        "solution": (
            "<p>Projekt finansuje tematyczne sieci współpracy. Każdą prowadzi lider i partnerzy wyłonieni w "
            "konkursie, a udział w działaniach sieci jest bezpłatny dla związków i zrzeszonych w nich gmin. "
            "Przykłady: sieć „Usługi społeczne w MOF – MOF4US” (Metropolia Krakowska i ZIT WrOF) oraz sieć "
            "„Zarządzanie i realizacja zasad horyzontalnych w MOF” (Aglomeracja Kalisko-Ostrowska, Jelenia "
            "Góra, Wałbrzych).</p>"
        ),
        "results": (
            "<p>Sieci działają równolegle i udostępniają swoje produkty – narzędzia, rekomendacje, modele – "
            "wszystkim Związkom ZIT. Wartości osiągnięte w tabeli są przykładowe.</p>"
        ),
        "indicators": [
            ("Sieci współpracy Związków ZIT prowadzone w projekcie", "szt.", 0, 2, 2),
            ("Związki ZIT objęte wsparciem sieci horyzontalnej", "szt.", 0, 27, 27),
        ],
        "programme": "ptfe",
        "funding_note": f"{PT_FE}. Wartość projektu 5 700 000 zł, dofinansowanie UE 4 543 470 zł.",
        "total_cost": 5700000,
        "eu_contribution": 4543470,
        "start": D(2024, 10, 1),
        "end": D(2027, 10, 31),
        "status": S.ONGOING,
        "organisations": ["MFiPR", "ZIT Kraków", "ZIT AKO"],
        "places": "cała Polska",
        "voivodeship": V.MAZOWIECKIE,
        "themes": ["zarzadzanie_strategiczne_mof", "partycypacja_partnerstwo"],
        "tags": ["sieciowanie", "ZIT", "wymiana doświadczeń"],
        "principles": [
            (
                HP.NON_DISCRIMINATION,
                "Szkolenia i wydarzenia sieci są bezpłatne, prowadzone stacjonarnie lub on-line, co ułatwia "
                "udział pracownikom małych gmin i osobom z niepełnosprawnościami.",
            ),
        ],
        "transfer_conditions": (
            "Model sieci tematycznych da się powtórzyć na poziomie regionu: urząd marszałkowski lub związek "
            "lidera zaprasza pozostałe ZIT województwa do wspólnego planu szkoleń i wymiany."
        ),
        "transfer_costs": "Koszty koordynacji sieci, wynagrodzenia ekspertów, logistyka spotkań.",
        "transfer_pitfalls": (
            "Bez jasnego podziału zadań między liderem a partnerami działania dublują się; warto spisać "
            "porozumienie o współpracy na początku."
        ),
        "contact_name": "Zespół projektu sieciowania",
        "contact_role": "Koordynator projektu",
        "contact_email": "sieciowanie@zitnet.test",
    },
    {
        "slug": "siec-zasady-horyzontalne-w-mof",
        "title": "Sieć „Zarządzanie i realizacja zasad horyzontalnych w MOF”",
        "lead": (
            "Stowarzyszenie Aglomeracja Kalisko-Ostrowska wraz z Miastem Jelenia Góra i Gminą Wałbrzych "
            "prowadzi sieć współpracy Związków ZIT poświęconą zarządzaniu strategicznemu i zasadom "
            "horyzontalnym. Wsparciem objęto 27 Związków ZIT, w tym 20 nowo powstałych w perspektywie 2021–2027."
        ),
        "problem": (
            "<p>Nowe Związki ZIT muszą jednocześnie przygotować strategię, uruchomić nabory i stosować zasady "
            "horyzontalne UE – równość kobiet i mężczyzn, równość szans i niedyskryminację, zrównoważony "
            "rozwój i zasadę „nie czyń poważnych szkód” (DNSH). Brakuje im doświadczenia i partnerów do "
            "konsultacji.</p>"
        ),
        "solution": (
            "<p>Sieć łączy dwa moduły. <b>Moduł zarządzania strategicznego</b> (Korpus Liderów "
            "Samorządowych): 4 warsztaty o zasadach horyzontalnych, 5 warsztatów o zarządzaniu projektami, "
            "5 warsztatów o zarządzaniu rozwojem MOF i 5 superwizji. <b>Moduł partnerstwa i wymiany "
            "wiedzy</b>: Forum Oceny i Współpracy, wizyta studyjna z konferencją oraz platforma sieciująca. "
            "W rekrutacji pierwszeństwo mają przedstawiciele nowych związków.</p>"
        ),
        "results": (
            "<p>Wyłonienie 15 Liderów spośród Związków ZIT (udział w co najmniej 10 formach wsparcia), "
            "podręcznik zarządzania strategicznego oraz platforma sieciująca z bazą dobrych praktyk i "
            "partnerów.</p>"
        ),
        "indicators": [
            ("Związki ZIT objęte wsparciem", "szt.", 0, 27, 27),
            ("Warsztaty i superwizje zrealizowane w module zarządzania strategicznego", "szt.", 0, 19, 12),
            ("Liderzy uczestniczący w co najmniej 10 formach wsparcia", "os.", 0, 15, 9),
        ],
        "programme": "ptfe",
        "funding_note": "Konkurs MFiPR w programie Pomoc Techniczna dla Funduszy Europejskich 2021–2027; "
        "dofinansowanie 100%, bez wkładu własnego.",
        "total_cost": 814000,
        "eu_contribution": 814000,
        "start": D(2025, 1, 1),
        "end": D(2026, 12, 31),
        "status": S.ONGOING,
        "organisations": ["ZIT AKO", "Jelenia Góra", "Wałbrzych"],
        "places": "Kalisz, Ostrów Wielkopolski, Jelenia Góra, Wałbrzych",
        "voivodeship": V.WIELKOPOLSKIE,
        "themes": ["zarzadzanie_strategiczne_mof", "zasady_horyzontalne", "zarzadzanie_projektami"],
        "tags": ["sieciowanie", "zasady horyzontalne", "Korpus Liderów Samorządowych"],
        "principles": [
            (
                HP.GENDER_EQUALITY,
                "Jeden z czterech warsztatów jest poświęcony zasadzie równości kobiet i mężczyzn oraz "
                "standardowi minimum w projektach EFS+.",
            ),
            (
                HP.DNSH,
                "Warsztat o zasadzie „nie czyń poważnych szkód” pokazuje, jak przygotować analizę zgodności "
                "z DNSH dla projektów ZIT.",
            ),
        ],
        "transfer_conditions": (
            "Partnerstwo co najmniej trzech związków o różnym doświadczeniu; lider z zespołem do koordynacji "
            "i platformą do wymiany materiałów."
        ),
        "transfer_costs": "Budżet sieci 814 tys. zł na dwa lata dla trzech partnerów (wraz z Forum i wizytą).",
        "transfer_pitfalls": (
            "Uczestnicy z małych gmin rzadko mogą wyjechać na kilka dni – część zajęć warto prowadzić on-line."
        ),
        "contact_name": "Biuro projektu sieci",
        "contact_role": "Koordynator sieci",
        "contact_email": "siec-horyzontalna@zitnet.test",
    },
    {
        "slug": "forum-oceny-i-wspolpracy",
        "title": "Forum Oceny i Współpracy – wzajemna ocena miejskich obszarów funkcjonalnych",
        "lead": (
            "Forum Oceny i Współpracy to proces wzajemnej oceny MOF, zainspirowany metodologią „Peer Review” "
            "Europejskiej Inicjatywy Miejskiej. Lider i dwóch partnerów zgłaszają po trzy wyzwania, a "
            "obserwatorzy i eksperci pomagają szukać rozwiązań."
        ),
        "problem": (
            "<p>Związki ZIT często rozwiązują te same problemy osobno – od monitorowania strategii po "
            "włączanie nowych gmin. Brakuje bezpiecznej przestrzeni, w której można szczerze pokazać "
            "trudności i otrzymać rzetelną informację zwrotną od innych.</p>"
        ),
        "solution": (
            "<p>Cykl Forum obejmuje: identyfikację po 3 wyzwań przez lidera i 2 partnerów (razem 9 pytań "
            "przewodnich) przy wsparciu eksperckim, zaangażowanie co najmniej 30 obserwatorów, spotkanie "
            "przygotowawcze on-line, spotkanie stacjonarne z wymianą dobrych praktyk i rekomendacji, a na "
            "koniec raport i podręcznik zarządzania strategicznego.</p>"
        ),
        "results": (
            "<p>Raport z cyklu zawiera rekomendacje dla ocenianych MOF; najważniejsze wnioski trafiają do "
            "podręcznika. Wartości osiągnięte są przykładowe.</p>"
        ),
        "indicators": [
            ("Wyzwania (pytania przewodnie) poddane wspólnej ocenie", "szt.", 0, 9, 9),
            ("Obserwatorzy uczestniczący w cyklu", "os.", 0, 30, 34),
            ("Rekomendacje przyjęte do wdrożenia przez oceniane MOF", "szt.", 0, 6, 7),
        ],
        "programme": "ptfe",
        "funding_note": f"Część budżetu sieci horyzontalnej. {DEMO_AMOUNTS}",
        "total_cost": 120000,
        "eu_contribution": 120000,
        "start": D(2025, 3, 1),
        "end": D(2026, 6, 30),
        "status": S.COMPLETED,
        "organisations": ["ZIT AKO", "ZIT AJ", "ZIT AW"],
        "places": "Kalisz, Jelenia Góra, Wałbrzych",
        "voivodeship": V.WIELKOPOLSKIE,
        "themes": ["zarzadzanie_strategiczne_mof", "partycypacja_partnerstwo"],
        "tags": ["peer review", "Forum Oceny i Współpracy", "ewaluacja"],
        "principles": [
            (
                HP.NON_DISCRIMINATION,
                "Materiały spotkań przygotowano zgodnie ze standardami dostępności; spotkanie "
                "przygotowawcze odbywa się on-line, co obniża bariery udziału.",
            ),
        ],
        "transfer_conditions": (
            "Gotowość gospodarzy do pokazania słabych stron, moderator z doświadczeniem w ocenie "
            "koleżeńskiej, jasne zasady poufności."
        ),
        "transfer_costs": "Praca ekspertów, wizyta stacjonarna (sala, podróże), redakcja raportu.",
        "transfer_pitfalls": (
            "Zbyt ogólne wyzwania dają ogólne rekomendacje – pytanie przewodnie powinno dotyczyć jednej "
            "decyzji lub procesu."
        ),
        "contact_name": "Sekretariat Forum",
        "contact_role": "Koordynator Forum Oceny i Współpracy",
        "contact_email": "forum@zitnet.test",
    },
    {
        "slug": "warsztaty-zasady-horyzontalne",
        "title": "Cztery warsztaty o zasadach horyzontalnych dla pracowników Związków ZIT",
        "lead": (
            "Gmina Wałbrzych organizuje cztery warsztaty szkoleniowe o zasadach horyzontalnych perspektywy "
            "2021–2027: równości kobiet i mężczyzn, równości szans i niedyskryminacji z dostępnością, "
            "zrównoważonym rozwoju i zasadzie DNSH."
        ),
        "problem": (
            "<p>Ocena projektów ZIT wymaga sprawdzenia zgodności z zasadami horyzontalnymi, a wnioskodawcy – "
            "często małe gminy – nie wiedzą, jak wykazać tę zgodność we wniosku i w realizacji.</p>"
        ),
        "solution": (
            "<p>Interaktywne warsztaty prowadzone przez trenera-eksperta, stacjonarnie lub on-line, z "
            "praktycznymi ćwiczeniami na przykładach projektów ZIT: standard minimum, standardy dostępności "
            "polityki spójności, analiza DNSH.</p>"
        ),
        "results": "<p>Uczestnicy opracowali listy kontrolne do oceny projektów (przykładowe wartości).</p>",
        "indicators": [
            ("Warsztaty zrealizowane", "szt.", 0, 4, 4),
            ("Uczestnicy warsztatów", "os.", 0, 80, 92),
        ],
        "programme": "ptfe",
        "funding_note": f"Zadanie partnera w sieci horyzontalnej. {DEMO_AMOUNTS}",
        "total_cost": 64000,
        "eu_contribution": 64000,
        "start": D(2025, 4, 1),
        "end": D(2026, 3, 31),
        "status": S.COMPLETED,
        "organisations": ["Wałbrzych", "ZIT AW"],
        "places": "Wałbrzych, on-line",
        "voivodeship": V.DOLNOSLASKIE,
        "themes": ["zasady_horyzontalne", "niepelnosprawnosc_dostepnosc"],
        "tags": ["zasady horyzontalne", "DNSH", "dostępność", "szkolenia"],
        "principles": [
            (
                HP.GENDER_EQUALITY,
                "Ćwiczenia ze standardu minimum: jak opisać sytuację kobiet i mężczyzn w diagnozie projektu.",
            ),
            (
                HP.NON_DISCRIMINATION,
                "Analiza standardów dostępności dla polityki spójności 2021–2027 na przykładach budynków, "
                "szkoleń i stron internetowych.",
            ),
            (
                HP.DNSH,
                "Przegląd sześciu celów środowiskowych rozporządzenia 2020/852 i wzór analizy DNSH.",
            ),
        ],
        "transfer_conditions": "Trener z praktyką oceny wniosków; przykłady z własnego naboru ZIT.",
        "transfer_costs": "Wynagrodzenie trenera i sala; wersja on-line jest tańsza.",
        "transfer_pitfalls": "Sam wykład nie wystarcza – uczestnicy potrzebują ćwiczeń na własnych wnioskach.",
        "contact_name": "Zespół ZIT Aglomeracji Wałbrzyskiej",
        "contact_role": "Specjalista ds. szkoleń",
        "contact_email": "zit-aw@zitnet.test",
    },
    {
        "slug": "wizyta-studyjna-i-superwizje",
        "title": "Wizyta studyjna i superwizje dla grup sieci Związków ZIT",
        "lead": (
            "Miasto Jelenia Góra organizuje dwudniową wizytę studyjną dla co najmniej 20 uczestników oraz "
            "pięć superwizji dla grup sieci – o zarządzaniu zmianą, ryzyku, współpracy międzyinstytucjonalnej "
            "i kompetencjach liderów."
        ),
        "problem": (
            "<p>Wiedza ze szkoleń rzadko przekłada się na codzienną pracę biur ZIT. Pracownicy potrzebują "
            "zobaczyć zrealizowane przedsięwzięcia i omówić własne trudności w małej grupie.</p>"
        ),
        "solution": (
            "<p>Wizyta łączy odwiedziny miejsc realizacji przedsięwzięć z warsztatem o metodach zarządzania i "
            "zintegrowanym podejściu do rozwoju terytorialnego. Superwizje prowadzi superwizor; tematy to m.in. "
            "zarządzanie zmianą, reagowanie w sytuacjach kryzysowych, komunikacja i kultura pracy.</p>"
        ),
        "results": "<p>Przykładowe wyniki: plany działań zespołów po superwizjach.</p>",
        "indicators": [
            ("Uczestnicy wizyty studyjnej", "os.", 0, 20, 24),
            ("Superwizje dla grup sieci", "szt.", 0, 5, 5),
        ],
        "programme": "ptfe",
        "funding_note": f"Zadanie partnera w sieci horyzontalnej. {DEMO_AMOUNTS}",
        "total_cost": 95000,
        "eu_contribution": 95000,
        "start": D(2025, 5, 1),
        "end": D(2026, 9, 30),
        "status": S.COMPLETED,
        "organisations": ["Jelenia Góra", "ZIT AJ"],
        "places": "Jelenia Góra i gminy Aglomeracji Jeleniogórskiej",
        "voivodeship": V.DOLNOSLASKIE,
        "themes": ["zarzadzanie_strategiczne_mof", "partycypacja_partnerstwo"],
        "tags": ["wizyty studyjne", "superwizja", "kompetencje liderów"],
        "principles": [
            (
                HP.SUSTAINABLE_DEVELOPMENT,
                "Program wizyty obejmuje przedsięwzięcia łączące cele społeczne i środowiskowe; dojazd "
                "zorganizowano transportem zbiorowym.",
            ),
        ],
        "transfer_conditions": "Gospodarz z przedsięwzięciami gotowymi do pokazania i czasem na rozmowę.",
        "transfer_costs": "Transport, noclegi, catering, superwizor.",
        "transfer_pitfalls": "Zbyt napięty program wizyty nie zostawia czasu na wnioski – planuj warsztat na koniec dnia.",
        "contact_name": "Biuro ZIT Aglomeracji Jeleniogórskiej",
        "contact_role": "Koordynator wizyty studyjnej",
        "contact_email": "zit-aj@zitnet.test",
    },
    {
        "slug": "warsztaty-zarzadzanie-projektami",
        "title": "Warsztaty zarządzania projektami dla Związków ZIT",
        "lead": (
            "Pięć warsztatów dla pracowników Związków ZIT i gmin: planowanie i monitorowanie projektów, "
            "zamówienia publiczne, analiza finansowa i studia wykonalności, ryzyko, partnerstwo, komunikacja "
            "oraz wykorzystanie sztucznej inteligencji w zarządzaniu projektami."
        ),
        "problem": (
            "<p>Projekty ZIT są realizowane przez wiele gmin o różnym doświadczeniu. Opóźnienia w zamówieniach "
            "i słabe zarządzanie ryzykiem zagrażają wykonaniu wskaźników i kontraktacji alokacji.</p>"
        ),
        "solution": (
            "<p>Bezpłatne, interaktywne warsztaty prowadzone przez trenera-eksperta. Każdy uczestnik pracuje "
            "na harmonogramie i rejestrze ryzyk własnego projektu.</p>"
        ),
        "results": "<p>Wspólny wzór rejestru ryzyk dla projektów ZIT (wartości przykładowe).</p>",
        "indicators": [
            ("Warsztaty zrealizowane", "szt.", 0, 5, 5),
            ("Uczestnicy, którzy ukończyli cykl", "os.", 0, 60, 58),
        ],
        "programme": "ptfe",
        "funding_note": f"Zadanie partnera w sieci horyzontalnej. {DEMO_AMOUNTS}",
        "total_cost": 70000,
        "eu_contribution": 70000,
        "start": D(2025, 6, 1),
        "end": D(2026, 10, 31),
        "status": S.ONGOING,
        "organisations": ["Jelenia Góra", "ZIT AJ", "ZIT AKO"],
        "places": "Jelenia Góra, on-line",
        "voivodeship": V.DOLNOSLASKIE,
        "themes": ["zarzadzanie_projektami"],
        "tags": ["zarządzanie projektami", "zamówienia publiczne", "ryzyko"],
        "principles": [
            (
                HP.NON_DISCRIMINATION,
                "Moduł o zamówieniach omawia wymagania dostępności w opisie przedmiotu zamówienia.",
            ),
        ],
        "transfer_conditions": "Uczestnicy przychodzą z własnym projektem; trener zna system SL2021.",
        "transfer_costs": "Trener i materiały; wersja on-line bez kosztów sali.",
        "transfer_pitfalls": "Rotacja kadr – dokumentuj wzory, aby nie zależały od jednej osoby.",
        "contact_name": "Biuro ZIT Aglomeracji Jeleniogórskiej",
        "contact_role": "Koordynator szkoleń",
        "contact_email": "zit-aj@zitnet.test",
    },
    {
        "slug": "korpus-liderow-samorzadowych",
        "title": "Korpus Liderów Samorządowych – warsztaty zarządzania rozwojem MOF",
        "lead": (
            "Pięć warsztatów o zarządzaniu rozwojem MOF: jak opracować i aktualizować strategię ZIT, jak "
            "planować strategicznie, jak powiązać strategię ponadlokalną ze strategią gminy, jak monitorować "
            "i ewaluować oraz jak przyjmować nowe gminy do obszaru."
        ),
        "problem": (
            "<p>Strategie ZIT i strategie rozwoju ponadlokalnego powstają często z pomocą firm doradczych, a "
            "wiedza o procesie nie zostaje w urzędzie. Gminy nie widzą związku między strategią MOF a własną "
            "strategią rozwoju.</p>"
        ),
        "solution": (
            "<p>Stowarzyszenie Aglomeracja Kalisko-Ostrowska prowadzi cykl warsztatów dla przedstawicieli "
            "związków i gmin. Osoby, które wezmą udział w co najmniej 10 formach wsparcia sieci, tworzą "
            "Korpus Liderów Samorządowych (15 osób).</p>"
        ),
        "results": "<p>Materiały warsztatów stały się podstawą rozdziałów podręcznika (przykład).</p>",
        "indicators": [
            ("Warsztaty zarządzania rozwojem MOF", "szt.", 0, 5, 4),
            ("Liderzy w Korpusie", "os.", 0, 15, 9),
        ],
        "programme": "ptfe",
        "funding_note": f"Zadanie lidera sieci horyzontalnej. {DEMO_AMOUNTS}",
        "total_cost": 85000,
        "eu_contribution": 85000,
        "start": D(2025, 3, 1),
        "end": D(2026, 12, 31),
        "status": S.ONGOING,
        "organisations": ["ZIT AKO"],
        "places": "Kalisz, Ostrów Wielkopolski",
        "voivodeship": V.WIELKOPOLSKIE,
        "themes": ["zarzadzanie_strategiczne_mof"],
        "tags": ["strategia ZIT", "Korpus Liderów Samorządowych", "planowanie strategiczne"],
        "principles": [
            (
                HP.SUSTAINABLE_DEVELOPMENT,
                "Warsztat o planowaniu strategicznym pokazuje, jak wpisać cele klimatyczne i DNSH w "
                "strategię terytorialną.",
            ),
        ],
        "transfer_conditions": "Stała grupa uczestników przez cały cykl; zadania między warsztatami.",
        "transfer_costs": "Ekspert i organizacja pięciu spotkań.",
        "transfer_pitfalls": "Bez mandatu przełożonych liderzy nie wprowadzą zmian w swoich urzędach.",
        "contact_name": "Biuro Stowarzyszenia Aglomeracja Kalisko-Ostrowska",
        "contact_role": "Koordynator Korpusu Liderów",
        "contact_email": "ako@zitnet.test",
    },
    {
        "slug": "platforma-sieciujaca-zwiazki-zit",
        "title": "Platforma sieciująca Związków ZIT",
        "lead": (
            "Narzędzie wspierające współpracę i wymianę wiedzy między Związkami ZIT: przykłady dobrych praktyk "
            "i projektów w MOF, przestrzeń komunikacji oraz baza partnerów."
        ),
        "problem": (
            "<p>Dobre praktyki ZIT są rozproszone w sprawozdaniach i prezentacjach, trudno znaleźć partnera "
            "do wizyty studyjnej czy konsultacji.</p>"
        ),
        "solution": (
            "<p>Lider sieci utworzył i wdrożył platformę z katalogiem partnerów, biblioteką dobrych praktyk z "
            "filtrami, podręcznikiem i forum. Treści dodają członkowie, a koordynator sieci je zatwierdza.</p>"
        ),
        "results": "<p>Dane demonstracyjne.</p>",
        "indicators": [
            ("Związki ZIT z aktywnym kontem na platformie", "szt.", 0, 27, 21),
            ("Opublikowane dobre praktyki", "szt.", 0, 40, 26),
        ],
        "programme": "ptfe",
        "funding_note": f"Zadanie lidera sieci horyzontalnej. {DEMO_AMOUNTS}",
        "total_cost": 150000,
        "eu_contribution": 150000,
        "start": D(2025, 6, 1),
        "end": D(2026, 12, 31),
        "status": S.ONGOING,
        "organisations": ["ZIT AKO", "ZIT AW", "ZIT AJ"],
        "places": "on-line",
        "voivodeship": V.WIELKOPOLSKIE,
        "themes": ["cyfryzacja_e_uslugi", "partycypacja_partnerstwo"],
        "tags": ["platforma", "baza partnerów", "dobre praktyki"],
        "principles": [
            (
                HP.NON_DISCRIMINATION,
                "Platforma jest projektowana zgodnie z WCAG 2.1 AA i testowana automatycznie pod kątem dostępności.",
            ),
        ],
        "transfer_conditions": "Zespół redakcyjny i koordynator treści po stronie lidera.",
        "transfer_costs": "Wykonanie i utrzymanie serwisu, moderacja treści.",
        "transfer_pitfalls": "Platforma bez stałej moderacji szybko się dezaktualizuje.",
        "contact_name": "Biuro Stowarzyszenia Aglomeracja Kalisko-Ostrowska",
        "contact_role": "Administrator platformy",
        "contact_email": "platforma@zitnet.test",
    },
    # --- MOF4US (seeds 000 and 002) -------------------------------------------------------------
    {
        "slug": "siec-mof4us-uslugi-spoleczne-w-mof",
        "title": "Sieć współpracy „Usługi społeczne w MOF – MOF4US”",
        "lead": (
            "Sieć MOF4US prowadzą ZIT Kraków – Stowarzyszenie Metropolia Krakowska (lider) i ZIT Wrocław – "
            "Biuro ZIT WrOF (partner). Odpowiada na niską aktywność związków w usługach społecznych, "
            "nierówny dostęp do usług i braki wiedzy o deinstytucjonalizacji i edukacji włączającej."
        ),
        "problem": (
            "<p>Diagnoza sieci wskazała cztery wyzwania: niską aktywność Związków ZIT (zwłaszcza nowych) w "
            "usługach społecznych i edukacyjnych, nierówny dostęp do usług wynikający z nierównomiernego "
            "rozmieszczenia podmiotów, deficyty wiedzy kadr o DI, edukacji włączającej i współpracy "
            "międzysektorowej oraz brak wspólnych standardów i koordynacji.</p>"
        ),
        "solution": (
            "<p>Lider prowadzi cykle szkoleniowe (polityka społeczna, edukacja, zarządzanie), 2 wizyty "
            "studyjne, pilotaż ponadlokalnej mapy usług, działania „Młodzi aktywni” i pilotaż narzędzia "
            "edukacji włączającej. Partner opracowuje Model CAL/SCAL, organizuje konferencję, 6 wizyt "
            "studyjnych i 3 szkolenia lub webinaria. Udział jest bezpłatny, a uczestnicy wybierają formy "
            "aktywności dowolnie.</p>"
        ),
        "results": (
            "<p>Modelowe rozwiązania (CAL/SCAL, narzędzie edukacji włączającej) gotowe do wdrożenia w całej "
            "Polsce oraz trwałe partnerstwo Związków ZIT.</p>"
        ),
        "indicators": [
            ("Uczestnicy konferencji, wizyt i szkoleń partnera", "os.", 0, 120, 120),
            ("Wizyty studyjne (lider i partner)", "szt.", 0, 8, 5),
        ],
        "programme": "ptfe",
        "funding_note": (
            "Budżet sieci 814 000 zł, po 407 000 zł dla lidera i partnera; dofinansowanie UE 100%, bez wkładu "
            "własnego."
        ),
        "total_cost": 814000,
        "eu_contribution": 814000,
        "start": D(2024, 10, 1),
        "end": D(2027, 10, 31),
        "status": S.ONGOING,
        "organisations": ["ZIT Kraków", "ZIT WrOF", "MFiPR"],
        "places": "Kraków, Wrocław",
        "voivodeship": V.MALOPOLSKIE,
        "themes": ["uslugi_spoleczne", "deinstytucjonalizacja", "edukacja_wlaczajaca"],
        "tags": ["MOF4US", "usługi społeczne", "sieciowanie"],
        "principles": [
            (
                HP.NON_DISCRIMINATION,
                "Sieć wyrównuje dostęp do usług społecznych w gminach MOF i wspiera edukację włączającą "
                "uczniów ze specjalnymi potrzebami.",
            ),
        ],
        "transfer_conditions": "Dwa związki o uzupełniających się kompetencjach: polityka społeczna i edukacja.",
        "transfer_costs": "Około 400 tys. zł na partnera w okresie trzech lat.",
        "transfer_pitfalls": "Duża liczba form wsparcia – potrzebny wspólny kalendarz i jedna rekrutacja.",
        "contact_name": "Zespół sieci MOF4US",
        "contact_role": "Koordynator sieci",
        "contact_email": "mof4us@zitnet.test",
    },
    {
        "slug": "narzedzie-wspolpracy-edukacja-wlaczajaca",
        "title": "Narzędzie współpracy ponadlokalnej na rzecz edukacji włączającej w gminach MOF",
        "lead": (
            "Metropolia Krakowska opracowuje i pilotuje w wybranych gminach narzędzie, które pomaga gminom "
            "MOF wspólnie wdrażać edukację włączającą – od diagnozy potrzeb, przez rekomendacje, po test i "
            "raport z pilotażu."
        ),
        "problem": (
            "<p>Wdrażanie edukacji włączającej wykracza poza zmiany w organizacji pracy szkół. Wymaga "
            "współpracy nauczycieli, specjalistów, samorządowców i rodziców, a przeszkodą są nie tylko "
            "finanse i kompetencje, ale też bariery społeczne i mentalne.</p>"
        ),
        "solution": (
            "<p>Spotkanie konsultacyjne z ekspertką (2 października 2025 r.) zdiagnozowało potrzeby gmin. Do "
            "końca listopada 2025 r. powstały propozycje rozwiązań i rekomendacje, na ich podstawie model "
            "współpracy testowany w wybranych gminach od stycznia do września 2026 r. Wnioski z pilotażu "
            "trafią do raportu (do końca października 2026 r.), a szkolenie on-line dla gmin zaplanowano na "
            "grudzień 2026 r.</p>"
        ),
        "results": (
            "<p>Narzędzie ma charakter uniwersalny – mogą z niego korzystać wszystkie zainteresowane gminy w "
            "MOF. Wartości osiągnięte są przykładowe.</p>"
        ),
        "indicators": [
            ("Gminy testujące model współpracy", "szt.", 0, 4, 4),
            ("Rekomendacje dla gmin", "szt.", 0, 10, 12),
            ("Uczestnicy webinaru wdrożeniowego", "os.", 0, 60, None),
        ],
        "programme": "ptfe",
        "funding_note": f"Zadanie lidera sieci MOF4US. {DEMO_AMOUNTS}",
        "total_cost": 90000,
        "eu_contribution": 90000,
        "start": D(2025, 9, 1),
        "end": D(2026, 12, 31),
        "status": S.ONGOING,
        "organisations": ["ZIT Kraków", "Lektikon"],
        "places": "gminy Metropolii Krakowskiej",
        "voivodeship": V.MALOPOLSKIE,
        "themes": ["edukacja_wlaczajaca", "partycypacja_partnerstwo"],
        "tags": ["edukacja włączająca", "MOF4US", "pilotaż"],
        "principles": [
            (
                HP.NON_DISCRIMINATION,
                "Celem jest dostępna i przyjazna edukacja dla każdego ucznia, w tym uczniów z "
                "niepełnosprawnościami i ze specjalnymi potrzebami edukacyjnymi.",
            ),
            (
                HP.GENDER_EQUALITY,
                "Diagnoza potrzeb uwzględnia dane w podziale na płeć uczniów i kadry.",
            ),
        ],
        "transfer_conditions": (
            "Porozumienie gmin o wspólnych działaniach, udział poradni psychologiczno-pedagogicznych i "
            "dyrektorów szkół."
        ),
        "transfer_costs": "Ekspertka, spotkania konsultacyjne, monitoring pilotażu.",
        "transfer_pitfalls": "Bez rodziców i nauczycieli model zostaje na papierze.",
        "contact_name": "Zespół edukacji Metropolii Krakowskiej",
        "contact_role": "Koordynator działań edukacyjnych",
        "contact_email": "edukacja.mof4us@zitnet.test",
    },
    {
        "slug": "mlodzi-aktywni-w-mof",
        "title": "Młodzi aktywni w MOF – młodzieżowe rady gmin współtworzą rekomendacje edukacji obywatelskiej",
        "lead": (
            "Młodzieżowe rady gmin Metropolii Krakowskiej w trzech sesjach warsztatowych opracowały "
            "propozycje inicjatyw, zajęć i materiałów do nauki o prawach i obowiązkach obywatelskich – "
            "do wykorzystania w szkołach i lokalnych politykach młodzieżowych."
        ),
        "problem": (
            "<p>Młodzież w MOF ma potencjał, by współdecydować o sprawach lokalnej wspólnoty, ale gminy rzadko "
            "dają jej realny wpływ. Nowy przedmiot edukacja obywatelska wymaga materiałów osadzonych w "
            "lokalnym kontekście.</p>"
        ),
        "solution": (
            "<p>Proces oparty na potrzebach młodzieży: warsztaty i konsultacje wstępne (10 października), "
            "warsztat stacjonarny dla rad młodzieżowych w Krakowie (22 października) i dwa warsztaty on-line "
            "(5 i 19 listopada), z udziałem eksperta i partnerów metropolitalnych. Na koniec młodzi radni "
            "zaprezentowali wyniki na wspólnym webinarze.</p>"
        ),
        "results": (
            "<p>Zestaw rekomendacji trafił do gmin i partnerów Metropolii Krakowskiej; wzmacnia też "
            "tożsamość metropolitalną młodych ludzi. Liczby w tabeli są przykładowe.</p>"
        ),
        "indicators": [
            ("Młodzieżowe rady uczestniczące w warsztatach", "szt.", 0, 8, 9),
            ("Sesje warsztatowe z radami", "szt.", 0, 3, 3),
            ("Propozycje działań w zestawie rekomendacji", "szt.", 0, 15, 18),
        ],
        "programme": "ptfe",
        "funding_note": f"Zadanie lidera sieci MOF4US. {DEMO_AMOUNTS}",
        "total_cost": 45000,
        "eu_contribution": 45000,
        "start": D(2025, 10, 1),
        "end": D(2026, 2, 28),
        "status": S.COMPLETED,
        "organisations": ["ZIT Kraków"],
        "places": "Kraków i gminy Metropolii Krakowskiej",
        "voivodeship": V.MALOPOLSKIE,
        "themes": ["mlodziez_edukacja_obywatelska", "partycypacja_partnerstwo"],
        "tags": ["rady młodzieżowe", "edukacja obywatelska", "partycypacja", "MOF4US"],
        "principles": [
            (
                HP.NON_DISCRIMINATION,
                "Dwa z trzech warsztatów odbyły się on-line, co umożliwiło udział młodzieży z mniejszych gmin "
                "bez kosztów dojazdu.",
            ),
            (
                HP.GENDER_EQUALITY,
                "Rekrutacja dbała o zrównoważony udział dziewcząt i chłopców w delegacjach rad.",
            ),
        ],
        "transfer_conditions": "Działające młodzieżowe rady gmin i opiekunowie rad w urzędach.",
        "transfer_costs": "Ekspert, sala, dojazd młodzieży na warsztat stacjonarny.",
        "transfer_pitfalls": "Terminy warsztatów muszą uwzględniać kalendarz szkolny.",
        "contact_name": "Zespół Metropolii Krakowskiej",
        "contact_role": "Koordynator działań młodzieżowych",
        "contact_email": "mlodzi.mof4us@zitnet.test",
    },
    {
        "slug": "ponadlokalna-mapa-uslug-spolecznych",
        "title": "Ponadlokalna mapa usług społecznych – pilotaż w Metropolii Krakowskiej",
        "lead": (
            "Pilotaż interaktywnej mapy usług społecznych dla gmin MOF wraz z rekomendacjami wdrożeniowymi: "
            "mieszkańcy i pracownicy socjalni widzą usługi dostępne w całym obszarze, nie tylko we własnej gminie."
        ),
        "problem": (
            "<p>Dostęp do usług jest zróżnicowany, bo podmioty je świadczące są nierównomiernie rozmieszczone. "
            "Informacja o usługach sąsiednich gmin nie jest zebrana w jednym miejscu.</p>"
        ),
        "solution": (
            "<p>Wspólny słownik kategorii usług i grup odbiorców, zebranie danych od gmin i ośrodków, mapa "
            "z filtrami i informacją o dostępności, a na koniec rekomendacje, jak utrzymać aktualność danych.</p>"
        ),
        "results": "<p>Pilotaż w toku; wartości przykładowe.</p>",
        "indicators": [
            ("Gminy, które przekazały dane do mapy", "szt.", 0, 15, 11),
            ("Usługi opisane na mapie", "szt.", 0, 400, 312),
        ],
        "programme": "ptfe",
        "funding_note": f"Zadanie lidera sieci MOF4US. {DEMO_AMOUNTS}",
        "total_cost": 110000,
        "eu_contribution": 110000,
        "start": D(2025, 6, 1),
        "end": D(2027, 3, 31),
        "status": S.ONGOING,
        "organisations": ["ZIT Kraków"],
        "places": "gminy Metropolii Krakowskiej",
        "voivodeship": V.MALOPOLSKIE,
        "themes": ["uslugi_spoleczne", "cyfryzacja_e_uslugi"],
        "tags": ["mapa usług", "usługi społeczne", "dane otwarte", "MOF4US"],
        "principles": [
            (
                HP.NON_DISCRIMINATION,
                "Opis każdej usługi zawiera informację o dostępności architektonicznej i komunikacyjnej.",
            ),
        ],
        "transfer_conditions": "Wspólny słownik usług i osoba odpowiedzialna za dane w każdej gminie.",
        "transfer_costs": "Wykonanie mapy, zbieranie i aktualizacja danych.",
        "transfer_pitfalls": "Dane starzeją się szybko – potrzebny harmonogram aktualizacji.",
        "contact_name": "Zespół sieci MOF4US",
        "contact_role": "Koordynator mapy usług",
        "contact_email": "mapa.mof4us@zitnet.test",
    },
    {
        "slug": "cykl-szkoleniowy-mof4us",
        "title": "Cykl szkoleniowy MOF4US: polityka społeczna, edukacja i zarządzanie",
        "lead": (
            "Warsztat stacjonarny w Krakowie (25 września, 5 godzin) i trzy webinary prowadzone przez "
            "ekspertów Instytutu Nauki Lektikon i praktyków z MOF: o współpracy instytucji, szkole otwartej "
            "i edukacji nieformalnej."
        ),
        "problem": (
            "<p>Kadry JST i Związków ZIT mają braki wiedzy o deinstytucjonalizacji, edukacji włączającej i "
            "współpracy międzysektorowej.</p>"
        ),
        "solution": (
            "<p>Cykl w trzech modułach – polityka społeczna, edukacja, zarządzanie. Webinary: „Współpraca "
            "instytucji kluczem do sukcesu” (24 października), „Szkoła otwarta na wszystkich” (28 listopada), "
            "„Edukacja nieformalna w służbie społeczeństwu” (12 grudnia) – m.in. o Lokalnych Ośrodkach Wiedzy "
            "i Edukacji, uniwersytetach ludowych i radach młodzieżowych.</p>"
        ),
        "results": "<p>Wartości przykładowe.</p>",
        "indicators": [
            ("Uczestnicy warsztatu inaugurującego", "os.", 0, 40, 46),
            ("Webinary zrealizowane", "szt.", 0, 3, 3),
        ],
        "programme": "ptfe",
        "funding_note": f"Zadanie lidera sieci MOF4US. {DEMO_AMOUNTS}",
        "total_cost": 60000,
        "eu_contribution": 60000,
        "start": D(2025, 9, 25),
        "end": D(2025, 12, 12),
        "status": S.COMPLETED,
        "organisations": ["ZIT Kraków", "Lektikon"],
        "places": "Kraków, on-line",
        "voivodeship": V.MALOPOLSKIE,
        "themes": ["edukacja_wlaczajaca", "uslugi_spoleczne", "ksztalcenie_zawodowe"],
        "tags": ["szkolenia", "webinaria", "MOF4US", "edukacja nieformalna"],
        "principles": [
            (
                HP.NON_DISCRIMINATION,
                "Webinary z napisami na żywo i nagraniem dostępnym po spotkaniu.",
            ),
        ],
        "transfer_conditions": "Rekrutacja odrębna na każde wydarzenie – łatwo dobrać formę do potrzeb.",
        "transfer_costs": "Eksperci, sala na warsztat stacjonarny, platforma webinarowa.",
        "transfer_pitfalls": "Frekwencja na webinarach spada pod koniec roku – planuj przypomnienia.",
        "contact_name": "Zespół sieci MOF4US",
        "contact_role": "Koordynator szkoleń",
        "contact_email": "mof4us@zitnet.test",
    },
    {
        "slug": "model-cal-scal-trzy-warianty",
        "title": "Model funkcjonowania Centrów Aktywności Lokalnej w trzech wariantach (CAL/SCAL)",
        "lead": (
            "Biuro ZIT Wrocławskiego Obszaru Funkcjonalnego zleciło ekspertyzę Modelu Funkcjonowania Centrów "
            "Aktywności Lokalnej w trzech wariantach: dla obszaru wiejskiego, miejsko-wiejskiego i miejskiego – "
            "tak, by każda gmina MOF mogła dobrać rozwiązanie do swoich warunków."
        ),
        "problem": (
            "<p>Gminy chcą aktywizować i integrować społeczności lokalne, ale wzorce CAL pochodzą głównie z "
            "dużych miast. Gminy wiejskie nie wiedzą, jak zorganizować centrum przy małym budżecie i "
            "rozproszonej zabudowie.</p>"
        ),
        "solution": (
            "<p>Ekspertyza opisuje role, standard działania, finansowanie i współpracę CAL z ośrodkiem pomocy "
            "społecznej, szkołą i organizacjami. Model upowszechniono na dwudniowej konferencji dla 120 osób "
            "oraz w trzech szkoleniach lub webinariach.</p>"
        ),
        "results": (
            "<p>Model CAL/SCAL jest gotowy do wdrożenia w całej Polsce; wartości osiągnięte w tabeli są "
            "przykładowe.</p>"
        ),
        "indicators": [
            ("Warianty modelu", "szt.", 0, 3, 3),
            ("Uczestnicy konferencji upowszechniającej", "os.", 0, 120, 126),
            ("Gminy deklarujące wdrożenie CAL", "szt.", 0, 10, 8),
        ],
        "programme": "ptfe",
        "funding_note": f"Zadanie partnera sieci MOF4US (budżet partnera 407 000 zł). {DEMO_AMOUNTS}",
        "total_cost": 180000,
        "eu_contribution": 180000,
        "start": D(2025, 1, 1),
        "end": D(2026, 12, 31),
        "status": S.ONGOING,
        "organisations": ["ZIT WrOF", "Wrocław"],
        "places": "Wrocław i gminy WrOF",
        "voivodeship": V.DOLNOSLASKIE,
        "themes": ["aktywnosc_lokalna_cal", "uslugi_spoleczne"],
        "tags": ["CAL", "SCAL", "organizowanie społeczności", "MOF4US"],
        "principles": [
            (
                HP.NON_DISCRIMINATION,
                "Model wymaga, by centrum było dostępne architektonicznie i otwarte dla wszystkich bez "
                "skierowania.",
            ),
            (
                HP.SUSTAINABLE_DEVELOPMENT,
                "Zalecane jest wykorzystanie istniejących budynków (świetlic, szkół) zamiast nowych inwestycji.",
            ),
        ],
        "transfer_conditions": "Wybór wariantu do typu gminy; animator społeczny i partner pozarządowy.",
        "transfer_costs": "Etat animatora, drobne adaptacje lokalu, program zajęć.",
        "transfer_pitfalls": "Centrum prowadzone wyłącznie przez urząd traci oddolny charakter.",
        "contact_name": "Biuro ZIT WrOF",
        "contact_role": "Koordynator Modelu CAL/SCAL",
        "contact_email": "zit-wrof@zitnet.test",
    },
    {
        "slug": "siec-centrow-aktywnosci-lokalnej-wroclaw",
        "title": "Sieć Centrów Aktywności Lokalnej we Wrocławiu (SCAL)",
        "lead": (
            "Wrocław rozwija sieć centrów aktywności lokalnej – miejsc, w których instytucje i organizacje "
            "animują społeczności sąsiedzkie. Doświadczenia sieci są podstawą wizyt studyjnych i modelu CAL "
            "dla gmin Wrocławskiego Obszaru Funkcjonalnego."
        ),
        "problem": (
            "<p>Osiedla i dzielnice duże miasta mają niewiele miejsc spotkań sąsiedzkich; seniorzy i młodzież "
            "są narażeni na osamotnienie, a mieszkańcy rzadko współdecydują o otoczeniu.</p>"
        ),
        "solution": (
            "<p>Miasto koordynuje sieć centrów prowadzonych przez różne podmioty: zajęcia otwarte bez "
            "skierowania, program tworzony z mieszkańcami, wspólne standardy i wymiana animatorów. Większość "
            "centrów jest pozbawiona barier architektonicznych.</p>"
        ),
        "results": "<p>Wartości przykładowe – dane demonstracyjne.</p>",
        "indicators": [
            ("Centra w sieci", "szt.", 12, 25, 22),
            ("Inicjatywy mieszkańców zrealizowane w roku", "szt.", 80, 150, 164),
        ],
        "programme": "fe-dolny-slask",
        "funding_note": f"Budżet gminy i środki programu regionalnego. {DEMO_AMOUNTS}",
        "total_cost": 2400000,
        "eu_contribution": 1200000,
        "start": D(2019, 1, 1),
        "end": None,
        "status": S.CONTINUED,
        "organisations": ["Wrocław", "ZIT WrOF"],
        "places": "Wrocław",
        "voivodeship": V.DOLNOSLASKIE,
        "themes": ["aktywnosc_lokalna_cal", "opieka_dlugoterminowa_seniorzy"],
        "tags": ["CAL", "SCAL", "sąsiedztwo", "seniorzy"],
        "principles": [
            (
                HP.NON_DISCRIMINATION,
                "Zajęcia otwarte bez skierowania; informacja o programie w tekście łatwym do czytania.",
            ),
        ],
        "transfer_conditions": "Koordynator sieci po stronie miasta i wieloletnie finansowanie centrów.",
        "transfer_costs": "Utrzymanie lokali i animatorów; koszt rośnie z liczbą centrów.",
        "transfer_pitfalls": "Jednoroczne umowy z operatorami utrudniają budowanie zaufania mieszkańców.",
        "contact_name": "Zespół SCAL Wrocław",
        "contact_role": "Koordynator sieci CAL",
        "contact_email": "scal@zitnet.test",
    },
    {
        "slug": "wizyty-studyjne-cal",
        "title": "Sześć wizyt studyjnych w doświadczonych Centrach Aktywności Lokalnej",
        "lead": (
            "Biuro ZIT WrOF organizuje sześć wizyt studyjnych dla 120 uczestników projektu do doświadczonych "
            "CAL – o aktywizacji i integracji społeczności lokalnych."
        ),
        "problem": (
            "<p>Samorządy planujące CAL nie wiedzą, jak wygląda codzienna praca centrum, jakie są koszty i "
            "jak pozyskać mieszkańców.</p>"
        ),
        "solution": (
            "<p>Wizyty w centrach działających w różnych typach gmin, rozmowy z animatorami i mieszkańcami, "
            "a po każdej wizycie krótki warsztat „co przeniesiemy do siebie”.</p>"
        ),
        "results": "<p>Wartości przykładowe.</p>",
        "indicators": [
            ("Wizyty studyjne", "szt.", 0, 6, 4),
            ("Uczestnicy wizyt", "os.", 0, 120, 82),
        ],
        "programme": "ptfe",
        "funding_note": f"Zadanie partnera sieci MOF4US. {DEMO_AMOUNTS}",
        "total_cost": 150000,
        "eu_contribution": 150000,
        "start": D(2025, 9, 1),
        "end": D(2027, 6, 30),
        "status": S.ONGOING,
        "organisations": ["ZIT WrOF", "Wrocław"],
        "places": "Wrocław i gminy WrOF",
        "voivodeship": V.DOLNOSLASKIE,
        "themes": ["aktywnosc_lokalna_cal"],
        "tags": ["wizyty studyjne", "CAL", "MOF4US"],
        "principles": [
            (
                HP.SUSTAINABLE_DEVELOPMENT,
                "Trasy wizyt zaplanowano z wykorzystaniem transportu zbiorowego.",
            ),
        ],
        "transfer_conditions": "Centra gotowe przyjąć grupę i pokazać także trudności.",
        "transfer_costs": "Transport, catering, honoraria gospodarzy.",
        "transfer_pitfalls": "Zbyt duże grupy – najlepiej do 20 osób na wizytę.",
        "contact_name": "Biuro ZIT WrOF",
        "contact_role": "Koordynator wizyt studyjnych",
        "contact_email": "zit-wrof@zitnet.test",
    },
    # --- Kooperacja – efektywna i skuteczna (seed 003) -------------------------------------------
    {
        "slug": "kooperacja-efektywna-i-skuteczna",
        "title": "Kooperacja – efektywna i skuteczna: model współpracy pomocy społecznej z innymi politykami",
        "lead": (
            "Regionalny Ośrodek Polityki Społecznej w Toruniu z sześcioma partnerami wypracował i wdrożył "
            "model kooperacji instytucji pomocy i integracji społecznej z podmiotami innych polityk "
            "sektorowych w 30 gminach miejsko-wiejskich i 20 powiatach Makroregionu II."
        ),
        "problem": (
            "<p>Instytucje pomocy społecznej, rynku pracy, oświaty, ochrony zdrowia, sądownictwa i policji "
            "pracują z tymi samymi rodzinami, ale osobno. Brakuje mechanizmów współpracy, które pozwalają "
            "świadczyć usługi komplementarnie, szczególnie w gminach miejsko-wiejskich.</p>"
        ),
        "solution": (
            "<p>Partnerzy (ROPS w Zielonej Górze, Gdańsku, Olsztynie, Poznaniu i Szczecinie oraz Centrum "
            "Badań nad Rodziną UMK) wybrali najpierw gminy, potem powiaty – ze względu na obowiązkowy udział "
            "pracowników socjalnych i asystentów rodziny. Nabór prowadzono przez ogłoszenia, rozmowy z "
            "przedstawicielami gmin, zaproszenia i spotkania informacyjne. Model obejmuje dwa poziomy "
            "samorządu: gminę i powiat.</p>"
        ),
        "results": (
            "<p>Projekt przyczynił się do celu szczegółowego nr 2 PO WER – wzmocnienia potencjału instytucji "
            "działających na rzecz włączenia społecznego – i popularyzował deinstytucjonalizację oraz centra "
            "usług społecznych.</p>"
        ),
        "indicators": [
            ("Gminy miejsko-wiejskie wdrażające model", "szt.", 0, 30, 30),
            ("Powiaty objęte modelem", "szt.", 0, 20, 20),
            ("Województwa Makroregionu II", "szt.", 0, 6, 6),
        ],
        "programme": None,
        "funding_note": (
            "Program Operacyjny Wiedza Edukacja Rozwój 2014–2020 (EFS). Dofinansowanie partnera – UMK: "
            "4 863 047,40 zł, w tym z UE 4 098 576,36 zł."
        ),
        "total_cost": Decimal("31604368.34"),
        "eu_contribution": Decimal("26736161.63"),
        "start": D(2018, 4, 1),
        "end": D(2022, 12, 31),
        "status": S.COMPLETED,
        "organisations": ["ROPS Toruń", "UMK CBnR", "ROPS Poznań"],
        "places": "30 gmin miejsko-wiejskich w województwach kujawsko-pomorskim, lubuskim, pomorskim, "
        "warmińsko-mazurskim, wielkopolskim i zachodniopomorskim",
        "voivodeship": V.KUJAWSKO_POMORSKIE,
        "themes": ["uslugi_spoleczne", "partycypacja_partnerstwo", "deinstytucjonalizacja"],
        "tags": ["model kooperacji", "PO WER", "włączenie społeczne", "CUS"],
        "principles": [
            (
                HP.NON_DISCRIMINATION,
                "Model ma zapobiegać wykluczeniu społecznemu: usługi dla osób i rodzin planują wspólnie "
                "wszystkie instytucje, które z nimi pracują.",
            ),
            (
                HP.GENDER_EQUALITY,
                "Diagnozy lokalne uwzględniały sytuację kobiet i mężczyzn korzystających z pomocy społecznej.",
            ),
        ],
        "transfer_conditions": (
            "Zgoda gminy i powiatu, wyznaczeni koordynatorzy kooperacji, udział pracowników socjalnych i "
            "asystentów rodziny."
        ),
        "transfer_costs": "Szkolenia zespołów, koordynator, wsparcie eksperckie w pierwszym roku.",
        "transfer_pitfalls": (
            "Współpraca z sądownictwem i policją wymaga porozumień na poziomie kierownictwa – sam zespół "
            "roboczy jej nie zapewni."
        ),
        "contact_name": "Zespół projektu Kooperacja",
        "contact_role": "Koordynator projektu",
        "contact_email": "kooperacja.rops-torun@zitnet.test",
        "kohesio_url": "https://kohesio.ec.europa.eu/pl/projects?keywords=Kooperacja%20efektywna%20i%20skuteczna",
    },
    {
        "slug": "kooperacja-naklo-kcynia",
        "title": "Zespół kooperacji w powiecie nakielskim: Nakło nad Notecią i Kcynia",
        "lead": (
            "Dwie gminy miejsko-wiejskie powiatu nakielskiego wdrożyły model kooperacji: ośrodki pomocy "
            "społecznej planują wsparcie rodzin razem ze szkołami, urzędem pracy, służbą zdrowia i policją."
        ),
        "problem": (
            "<p>Rodziny w kryzysie trafiały do kilku instytucji, z których każda prowadziła własny plan "
            "pomocy; informacje nie przepływały, a działania się dublowały.</p>"
        ),
        "solution": (
            "<p>Gminy powołały zespoły kooperacji z koordynatorem w OPS, przyjęły wspólną kartę usług i "
            "procedurę przekazywania spraw, a powiat włączył się przez PCPR i powiatowy urząd pracy.</p>"
        ),
        "results": "<p>Wartości przykładowe – dane demonstracyjne.</p>",
        "indicators": [
            ("Instytucje w zespołach kooperacji", "szt.", 3, 10, 11),
            ("Rodziny objęte wspólnym planem wsparcia", "szt.", 0, 60, 71),
        ],
        "programme": None,
        "funding_note": f"Część projektu „Kooperacja – efektywna i skuteczna” (PO WER 2014–2020). {DEMO_AMOUNTS}",
        "total_cost": 620000,
        "eu_contribution": 524000,
        "start": D(2019, 3, 1),
        "end": D(2022, 12, 31),
        "status": S.CONTINUED,
        "organisations": ["Nakło nad Notecią", "Kcynia", "ROPS Toruń"],
        "places": "Nakło nad Notecią, Kcynia",
        "voivodeship": V.KUJAWSKO_POMORSKIE,
        "themes": ["uslugi_spoleczne", "rodzina_dzieci_piecza"],
        "tags": ["model kooperacji", "asystent rodziny", "praca socjalna"],
        "principles": [
            (
                HP.NON_DISCRIMINATION,
                "Wspólny plan wsparcia ułatwia dostęp do usług rodzinom z obszarów wiejskich gmin.",
            ),
        ],
        "transfer_conditions": "Koordynator kooperacji w OPS i porozumienie z powiatem.",
        "transfer_costs": "Część etatu koordynatora, spotkania zespołu.",
        "transfer_pitfalls": "Przepisy o ochronie danych – ustal podstawę wymiany informacji o rodzinach.",
        "contact_name": "Ośrodek Pomocy Społecznej",
        "contact_role": "Koordynator kooperacji",
        "contact_email": "kooperacja.naklo@zitnet.test",
    },
    {
        "slug": "kooperacja-kartuzy-zukowo",
        "title": "Kooperacja w gminach Kartuzy i Żukowo – pomoc społeczna, szkoła i zdrowie przy jednym stole",
        "lead": (
            "Gminy Kartuzy i Żukowo z Obszaru Metropolitalnego Gdańsk-Gdynia-Sopot wdrożyły model kooperacji z "
            "ROPS w Gdańsku, łącząc pomoc społeczną z oświatą i ochroną zdrowia."
        ),
        "problem": (
            "<p>Szybko rosnące gminy podmiejskie mają nowych mieszkańców, słabo zakorzenionych w lokalnej "
            "społeczności; instytucje późno dowiadują się o problemach rodzin.</p>"
        ),
        "solution": (
            "<p>Zespoły kooperacji z udziałem pedagogów szkolnych i podstawowej opieki zdrowotnej, wspólne "
            "szkolenia i mapa lokalnych usług.</p>"
        ),
        "results": "<p>Wartości przykładowe – dane demonstracyjne.</p>",
        "indicators": [
            ("Szkoły w zespołach kooperacji", "szt.", 0, 8, 9),
            ("Wspólne szkolenia międzyinstytucjonalne", "szt.", 0, 6, 6),
        ],
        "programme": None,
        "funding_note": f"Część projektu „Kooperacja – efektywna i skuteczna” (PO WER 2014–2020). {DEMO_AMOUNTS}",
        "total_cost": 580000,
        "eu_contribution": 490000,
        "start": D(2019, 3, 1),
        "end": D(2022, 12, 31),
        "status": S.COMPLETED,
        "organisations": ["Kartuzy", "Żukowo", "ROPS Gdańsk"],
        "places": "Kartuzy, Żukowo",
        "voivodeship": V.POMORSKIE,
        "themes": ["uslugi_spoleczne", "zdrowie"],
        "tags": ["model kooperacji", "OMGGS", "szkoła"],
        "principles": [
            (
                HP.NON_DISCRIMINATION,
                "Mapa usług zawiera informację o dostępności dla osób z niepełnosprawnościami.",
            ),
        ],
        "transfer_conditions": "Udział dyrektorów szkół i POZ od początku.",
        "transfer_costs": "Szkolenia i koordynacja.",
        "transfer_pitfalls": "Rotacja pedagogów szkolnych – zespół trzeba odnawiać co rok.",
        "contact_name": "Ośrodek Pomocy Społecznej",
        "contact_role": "Koordynator kooperacji",
        "contact_email": "kooperacja.kartuzy@zitnet.test",
    },
    {
        "slug": "kooperacja-goleniow-stepnica",
        "title": "Kooperacja w powiecie goleniowskim: Goleniów i Stepnica",
        "lead": (
            "Gminy Goleniów i Stepnica ze Szczecińskiego Obszaru Metropolitalnego razem z ROPS w Szczecinie "
            "zbudowały sieć współpracy ośrodków pomocy społecznej z urzędem pracy i organizacjami."
        ),
        "problem": (
            "<p>W małej gminie Stepnica brakuje specjalistów; mieszkańcy muszą korzystać z usług w Goleniowie "
            "lub Szczecinie, a instytucje nie uzgadniały między sobą wsparcia.</p>"
        ),
        "solution": (
            "<p>Porozumienie gmin o wspólnym korzystaniu ze specjalistów, dyżury konsultacyjne w Stepnicy i "
            "wspólne spotkania zespołów z powiatowym urzędem pracy.</p>"
        ),
        "results": "<p>Wartości przykładowe – dane demonstracyjne.</p>",
        "indicators": [
            ("Dyżury specjalistów w Stepnicy w roku", "szt.", 0, 48, 52),
            ("Osoby skierowane do aktywizacji zawodowej", "os.", 0, 40, 37),
        ],
        "programme": None,
        "funding_note": f"Część projektu „Kooperacja – efektywna i skuteczna” (PO WER 2014–2020). {DEMO_AMOUNTS}",
        "total_cost": 540000,
        "eu_contribution": 456000,
        "start": D(2019, 3, 1),
        "end": D(2022, 12, 31),
        "status": S.COMPLETED,
        "organisations": ["Goleniów", "Stepnica", "ROPS Szczecin"],
        "places": "Goleniów, Stepnica",
        "voivodeship": V.ZACHODNIOPOMORSKIE,
        "themes": ["uslugi_spoleczne", "aktywizacja_rynek_pracy"],
        "tags": ["model kooperacji", "SOM", "aktywizacja zawodowa"],
        "principles": [
            (
                HP.NON_DISCRIMINATION,
                "Dyżury w mniejszej gminie skracają drogę do usług mieszkańcom bez samochodu.",
            ),
            (
                HP.SUSTAINABLE_DEVELOPMENT,
                "Specjaliści dojeżdżają do mieszkańców, zamiast wielu mieszkańców do specjalistów.",
            ),
        ],
        "transfer_conditions": "Porozumienie międzygminne o wspólnych specjalistach.",
        "transfer_costs": "Dojazdy specjalistów i lokal na dyżury.",
        "transfer_pitfalls": "Podział kosztów między gminami należy ustalić na piśmie.",
        "contact_name": "Ośrodek Pomocy Społecznej",
        "contact_role": "Koordynator kooperacji",
        "contact_email": "kooperacja.goleniow@zitnet.test",
    },
    {
        "slug": "kooperacja-swarzedz-kostrzyn",
        "title": "Kooperacja w Swarzędzu i Kostrzynie – gminy Metropolii Poznań",
        "lead": (
            "Gminy Swarzędz i Kostrzyn w powiecie poznańskim wdrożyły model kooperacji z ROPS w Poznaniu, "
            "łącząc usługi dla seniorów i osób z niepełnosprawnościami z planowaniem ponadlokalnym ZIT."
        ),
        "problem": (
            "<p>Starzenie się mieszkańców i rosnąca liczba osób wymagających opieki przy ograniczonej "
            "liczbie opiekunek i miejsc w placówkach.</p>"
        ),
        "solution": (
            "<p>Zespoły kooperacji opracowały wspólną ścieżkę od zgłoszenia potrzeby do usługi w miejscu "
            "zamieszkania; gminy uzgodniły wnioski do strategii ZIT Poznań o rozwój usług środowiskowych.</p>"
        ),
        "results": "<p>Wartości przykładowe – dane demonstracyjne.</p>",
        "indicators": [
            ("Osoby objęte usługami opiekuńczymi w miejscu zamieszkania", "os.", 90, 130, 138),
            ("Średni czas od zgłoszenia do usługi", "dni", 30, 14, 12),
        ],
        "programme": None,
        "funding_note": f"Część projektu „Kooperacja – efektywna i skuteczna” (PO WER 2014–2020). {DEMO_AMOUNTS}",
        "total_cost": 610000,
        "eu_contribution": 515000,
        "start": D(2019, 3, 1),
        "end": D(2022, 12, 31),
        "status": S.CONTINUED,
        "organisations": ["Swarzędz", "Kostrzyn", "ROPS Poznań"],
        "places": "Swarzędz, Kostrzyn",
        "voivodeship": V.WIELKOPOLSKIE,
        "themes": ["opieka_dlugoterminowa_seniorzy", "deinstytucjonalizacja", "uslugi_spoleczne"],
        "tags": ["model kooperacji", "usługi opiekuńcze", "seniorzy"],
        "principles": [
            (
                HP.NON_DISCRIMINATION,
                "Usługi w miejscu zamieszkania pozwalają osobom starszym i z niepełnosprawnościami żyć w "
                "swojej społeczności zamiast w placówce.",
            ),
            (
                HP.GENDER_EQUALITY,
                "Wsparcie opiekunów faktycznych – w większości kobiet – przez wytchnienie i poradnictwo.",
            ),
        ],
        "transfer_conditions": "Diagnoza potrzeb opiekuńczych i zgoda rad gmin na standard usług.",
        "transfer_costs": "Koszty usług opiekuńczych rosną – zaplanuj je w budżecie wieloletnim.",
        "transfer_pitfalls": "Brak opiekunek na rynku pracy – współpracuj z PUP przy szkoleniach.",
        "contact_name": "Ośrodek Pomocy Społecznej",
        "contact_role": "Koordynator kooperacji",
        "contact_email": "kooperacja.swarzedz@zitnet.test",
    },
    {
        "slug": "kooperacja-lubuskie",
        "title": "Zespoły kooperacji w gminach lubuskich: Dobiegniew, Drezdenko, Strzelce Krajeńskie",
        "lead": (
            "Trzy gminy powiatu strzelecko-drezdeneckiego wdrożyły model kooperacji z ROPS w Zielonej Górze, "
            "wspólnie z powiatem i jego instytucjami."
        ),
        "problem": (
            "<p>Powiat o rozproszonej sieci osadniczej; usługi specjalistyczne skupione w jednym mieście, "
            "słabe połączenia komunikacyjne.</p>"
        ),
        "solution": (
            "<p>Powiatowy zespół koordynujący z przedstawicielami trzech gmin, wspólne szkolenia pracowników "
            "socjalnych i asystentów rodziny, wspólny katalog usług powiatu.</p>"
        ),
        "results": "<p>Wartości przykładowe – dane demonstracyjne.</p>",
        "indicators": [
            ("Gminy w powiatowym zespole koordynującym", "szt.", 0, 3, 3),
            ("Przeszkoleni pracownicy socjalni i asystenci rodziny", "os.", 0, 45, 49),
        ],
        "programme": None,
        "funding_note": f"Część projektu „Kooperacja – efektywna i skuteczna” (PO WER 2014–2020). {DEMO_AMOUNTS}",
        "total_cost": 700000,
        "eu_contribution": 590000,
        "start": D(2019, 3, 1),
        "end": D(2022, 12, 31),
        "status": S.COMPLETED,
        "organisations": ["Dobiegniew", "Drezdenko", "Strzelce Krajeńskie"],
        "places": "Dobiegniew, Drezdenko, Strzelce Krajeńskie",
        "voivodeship": V.LUBUSKIE,
        "themes": ["uslugi_spoleczne", "rodzina_dzieci_piecza"],
        "tags": ["model kooperacji", "powiat", "asystent rodziny"],
        "principles": [
            (
                HP.NON_DISCRIMINATION,
                "Katalog usług powiatu wskazuje dostępność i dojazd komunikacją zbiorową.",
            ),
        ],
        "transfer_conditions": "Aktywny udział powiatu (PCPR) i porozumienie trzech gmin.",
        "transfer_costs": "Koordynacja powiatowa i szkolenia.",
        "transfer_pitfalls": "Różne priorytety gmin – zacznij od jednego wspólnego problemu.",
        "contact_name": "Zespół kooperacji powiatu",
        "contact_role": "Koordynator powiatowy",
        "contact_email": "kooperacja.lubuskie@zitnet.test",
    },
    {
        "slug": "popularyzacja-di-i-cus",
        "title": "Popularyzacja deinstytucjonalizacji i centrów usług społecznych w Makroregionie II",
        "lead": (
            "W projekcie Kooperacja regionalne ośrodki polityki społecznej upowszechniały wiedzę o "
            "deinstytucjonalizacji usług (DI) i centrach usług społecznych (CUS) wśród gmin i powiatów "
            "sześciu województw."
        ),
        "problem": (
            "<p>Samorządy znały DI głównie jako hasło; brakowało przykładów, jak przejść od opieki w "
            "placówkach do usług w społeczności lokalnej i jak zorganizować CUS.</p>"
        ),
        "solution": (
            "<p>Seminaria regionalne, wizyty studyjne i materiały o usługach środowiskowych, mieszkalnictwie "
            "wspomaganym i organizacji CUS; rozmowy z gminami o planach przekształceń.</p>"
        ),
        "results": "<p>Wartości przykładowe – dane demonstracyjne.</p>",
        "indicators": [
            ("Seminaria regionalne o DI i CUS", "szt.", 0, 6, 6),
            ("Gminy, które rozpoczęły prace nad CUS lub planem DI", "szt.", 0, 10, 7),
        ],
        "programme": None,
        "funding_note": f"Część projektu „Kooperacja – efektywna i skuteczna” (PO WER 2014–2020). {DEMO_AMOUNTS}",
        "total_cost": 900000,
        "eu_contribution": 760000,
        "start": D(2018, 4, 1),
        "end": D(2022, 12, 31),
        "status": S.COMPLETED,
        "organisations": ["ROPS Toruń", "ROPS Poznań", "ROPS Olsztyn"],
        "places": "Makroregion II",
        "voivodeship": V.KUJAWSKO_POMORSKIE,
        "themes": ["deinstytucjonalizacja", "mieszkalnictwo_wspomagane"],
        "tags": ["deinstytucjonalizacja", "CUS", "mieszkania wspomagane"],
        "principles": [
            (
                HP.NON_DISCRIMINATION,
                "DI realizuje prawo osób z niepełnosprawnościami do życia w społeczności (KPON).",
            ),
        ],
        "transfer_conditions": "Regionalny ośrodek polityki społecznej jako lider wiedzy w województwie.",
        "transfer_costs": "Seminaria i wizyty; koszty przekształceń ponoszą samorządy.",
        "transfer_pitfalls": "DI to proces wieloletni – bez planu finansowania usług kończy się na deklaracjach.",
        "contact_name": "Regionalny Ośrodek Polityki Społecznej",
        "contact_role": "Koordynator ds. deinstytucjonalizacji",
        "contact_email": "di.rops@zitnet.test",
    },
    {
        "slug": "mieszkania-wspomagane-wielkopolska",
        "title": "Mieszkania wspomagane i treningowe w gminach MOF – wizyty dla zespołów ZIT",
        "lead": (
            "ROPS w Poznaniu pokazuje zespołom ZIT i ośrodkom pomocy społecznej, jak gminy uruchamiają "
            "mieszkania wspomagane i treningowe jako element deinstytucjonalizacji."
        ),
        "problem": (
            "<p>Osoby opuszczające pieczę zastępczą, domy pomocy społecznej lub szpitale nie mają gdzie "
            "nauczyć się samodzielnego życia; gminy MOF nie wiedzą, jak wspólnie prowadzić takie mieszkania.</p>"
        ),
        "solution": (
            "<p>Wizyty w działających mieszkaniach, rozmowy z operatorami i mieszkańcami, wzór porozumienia "
            "międzygminnego o wspólnym mieszkaniu dla kilku gmin MOF.</p>"
        ),
        "results": "<p>Dane demonstracyjne.</p>",
        "indicators": [
            ("Uczestnicy wizyt", "os.", 0, 40, 36),
            ("Gminy przygotowujące wspólne mieszkanie", "szt.", 0, 3, 2),
        ],
        "programme": "fe-wielkopolska",
        "funding_note": f"Działanie EFS+ programu regionalnego. {DEMO_AMOUNTS}",
        "total_cost": 75000,
        "eu_contribution": 63750,
        "start": D(2025, 3, 1),
        "end": D(2026, 11, 30),
        "status": S.ONGOING,
        "organisations": ["ROPS Poznań", "ZIT Poznań"],
        "places": "województwo wielkopolskie",
        "voivodeship": V.WIELKOPOLSKIE,
        "themes": ["mieszkalnictwo_wspomagane", "deinstytucjonalizacja"],
        "tags": ["mieszkania wspomagane", "deinstytucjonalizacja", "wizyty studyjne"],
        "principles": [
            (
                HP.NON_DISCRIMINATION,
                "Mieszkania są dostosowane do potrzeb osób z niepełnosprawnościami ruchowymi.",
            ),
            (
                HP.DNSH,
                "Adaptacje lokali w istniejących budynkach z poprawą efektywności energetycznej.",
            ),
        ],
        "transfer_conditions": "Lokal w zasobie gminy i operator usług wspierających.",
        "transfer_costs": "Adaptacja lokalu i wsparcie trenera samodzielności.",
        "transfer_pitfalls": "Niejasny podział odpłatności mieszkańców między gminy.",
        "contact_name": "Regionalny Ośrodek Polityki Społecznej w Poznaniu",
        "contact_role": "Koordynator ds. usług środowiskowych",
        "contact_email": "rops-poznan@zitnet.test",
    },
    # --- Modelowy system na rzecz integracji społecznej (seed 004) -------------------------------
    {
        "slug": "modelowy-system-integracji-spolecznej",
        "title": "Modelowy system na rzecz integracji społecznej – partnerstwo OPS, PUP i organizacji pozarządowych",
        "lead": (
            "WRZOS z Instytutem Rozwoju Służb Społecznych i partnerem niemieckim opracował wystandaryzowany "
            "model usług integracji społeczno-zawodowej świadczonych wspólnie przez ośrodek pomocy "
            "społecznej, powiatowy urząd pracy i organizację pozarządową."
        ),
        "problem": (
            "<p>W Polsce brakowało powszechnie stosowanego modelu trwałej współpracy PUP, OPS i NGO. "
            "Zadania instytucji są podzielone między rynek pracy i pomoc społeczną, a organizacje "
            "pozarządowe pozostają dodatkiem o charakterze incydentalnym; współpraca jest wybiórcza i akcyjna.</p>"
        ),
        "solution": (
            "<p>Projekt opracował model świadczenia usługi w partnerstwie trzech podmiotów, standardy usług "
            "oraz rekomendacje prawne. Innowacją jest traktowanie organizacji pozarządowej jako stałego i "
            "równorzędnego partnera PUP i OPS.</p>"
        ),
        "results": (
            "<p>Powstał kompleksowy system współpracy dla osób bezrobotnych, oparty na dotychczasowych "
            "lokalnych doświadczeniach. Wartości w tabeli są przykładowe.</p>"
        ),
        "indicators": [
            ("Produkty finalne: model, standardy usług, rekomendacje prawne", "szt.", 0, 3, 3),
            ("Lokalne partnerstwa testujące model", "szt.", 0, 5, 5),
        ],
        "programme": None,
        "funding_note": (
            "Program Operacyjny Kapitał Ludzki, Priorytet I (EFS). Wartości projektu nie podano w "
            "materiałach źródłowych."
        ),
        "total_cost": None,
        "eu_contribution": None,
        "start": D(2011, 3, 1),
        "end": D(2014, 2, 28),
        "status": S.COMPLETED,
        "organisations": ["WRZOS", "IRSS"],
        "places": "cała Polska",
        "voivodeship": V.MAZOWIECKIE,
        "themes": ["aktywna_integracja_es", "aktywizacja_rynek_pracy", "partycypacja_partnerstwo"],
        "tags": ["OPS", "PUP", "organizacje pozarządowe", "integracja społeczno-zawodowa"],
        "principles": [
            (
                HP.NON_DISCRIMINATION,
                "Model jest skierowany do osób bezrobotnych zagrożonych wykluczeniem społecznym i reprezentuje "
                "interesy grup marginalizowanych.",
            ),
        ],
        "transfer_conditions": (
            "Porozumienie PUP, OPS i NGO z podziałem ról; organizacja z doświadczeniem w integracji społecznej."
        ),
        "transfer_costs": "Koordynacja partnerstwa i finansowanie usług organizacji.",
        "transfer_pitfalls": "Organizacja traktowana jako podwykonawca, a nie partner, szybko się wycofuje.",
        "contact_name": "Wspólnota Robocza Związków Organizacji Socjalnych",
        "contact_role": "Koordynator projektu",
        "contact_email": "",
    },
    {
        "slug": "klub-integracji-spolecznej-walbrzych",
        "title": "Klub integracji społecznej w obszarze rewitalizacji – Wałbrzych",
        "lead": (
            "Klub integracji społecznej dla osób bezrobotnych działa w obszarze rewitalizacji i łączy "
            "inwestycje w przestrzeń z aktywizacją mieszkańców; zgłoszenie przez OPS lub bezpośrednio w klubie."
        ),
        "problem": (
            "<p>W obszarach rewitalizacji inwestycje w budynki nie wystarczają, jeśli mieszkańcy pozostają "
            "długotrwale bez pracy i poza życiem społecznym.</p>"
        ),
        "solution": (
            "<p>Klub prowadzi zajęcia reintegracji społecznej i zawodowej, współpracuje z PUP i pracodawcami "
            "oraz z organizacjami działającymi w dzielnicy.</p>"
        ),
        "results": "<p>Dane demonstracyjne.</p>",
        "indicators": [
            ("Uczestnicy klubu w roku", "os.", 0, 60, 64),
            ("Uczestnicy, którzy podjęli zatrudnienie", "os.", 0, 15, 17),
        ],
        "programme": "fe-dolny-slask",
        "funding_note": f"Działanie EFS+ programu regionalnego, tryb ZIT. {DEMO_AMOUNTS}",
        "total_cost": 850000,
        "eu_contribution": 722500,
        "start": D(2024, 1, 1),
        "end": D(2026, 12, 31),
        "status": S.ONGOING,
        "organisations": ["Wałbrzych", "ZIT AW"],
        "places": "Wałbrzych",
        "voivodeship": V.DOLNOSLASKIE,
        "themes": ["aktywna_integracja_es", "rewitalizacja"],
        "tags": ["rewitalizacja", "klub integracji społecznej", "aktywizacja zawodowa"],
        "principles": [
            (
                HP.GENDER_EQUALITY,
                "Zajęcia w godzinach dostosowanych do rodziców; opieka nad dziećmi w czasie zajęć.",
            ),
        ],
        "transfer_conditions": "Lokal w obszarze rewitalizacji i partnerstwo z PUP.",
        "transfer_costs": "Kadra klubu, zajęcia, zwrot kosztów dojazdu uczestników.",
        "transfer_pitfalls": "Rekrutacja wymaga pracy w terenie – ogłoszenia nie wystarczą.",
        "contact_name": "Ośrodek Pomocy Społecznej w Wałbrzychu",
        "contact_role": "Kierownik klubu integracji społecznej",
        "contact_email": "kis.walbrzych@zitnet.test",
    },
    {
        "slug": "kooperacja-morag-milomlyn",
        "title": "Kooperacja na Warmii i Mazurach: Morąg i Miłomłyn",
        "lead": (
            "Gminy Morąg i Miłomłyn w powiecie ostródzkim wdrożyły model kooperacji z ROPS w Olsztynie, "
            "skupiając się na wsparciu rodzin z dziećmi i współpracy ze szkołami."
        ),
        "problem": (
            "<p>Wysoki udział rodzin korzystających z pomocy społecznej i niewielka liczba specjalistów w "
            "mniejszej gminie.</p>"
        ),
        "solution": (
            "<p>Wspólny zespół dwóch gmin, dyżury psychologa i terapeuty rodzinnego w obu gminach oraz "
            "procedura szybkiego kontaktu szkoła–OPS.</p>"
        ),
        "results": "<p>Wartości przykładowe – dane demonstracyjne.</p>",
        "indicators": [
            ("Rodziny objęte wsparciem asystenta", "szt.", 25, 40, 43),
            ("Szkoły stosujące procedurę kontaktu z OPS", "szt.", 0, 6, 6),
        ],
        "programme": None,
        "funding_note": f"Część projektu „Kooperacja – efektywna i skuteczna” (PO WER 2014–2020). {DEMO_AMOUNTS}",
        "total_cost": 520000,
        "eu_contribution": 440000,
        "start": D(2019, 3, 1),
        "end": D(2022, 12, 31),
        "status": S.COMPLETED,
        "organisations": ["Morąg", "Miłomłyn", "ROPS Olsztyn"],
        "places": "Morąg, Miłomłyn",
        "voivodeship": V.WARMINSKO_MAZURSKIE,
        "themes": ["rodzina_dzieci_piecza", "uslugi_spoleczne"],
        "tags": ["model kooperacji", "asystent rodziny", "szkoła"],
        "principles": [
            (
                HP.NON_DISCRIMINATION,
                "Specjaliści przyjmują w obu gminach, więc rodziny z mniejszej gminy nie muszą dojeżdżać.",
            ),
        ],
        "transfer_conditions": "Porozumienie dwóch gmin o wspólnych specjalistach.",
        "transfer_costs": "Wynagrodzenia specjalistów dzielone między gminy.",
        "transfer_pitfalls": "Procedura szkoła–OPS musi chronić dane dziecka – skonsultuj z IOD.",
        "contact_name": "Ośrodek Pomocy Społecznej",
        "contact_role": "Koordynator kooperacji",
        "contact_email": "kooperacja.morag@zitnet.test",
    },
]

# Pairs of related practices (stored in both directions).
RELATIONS = [
    ("sieciowanie-zwiazkow-zit-w-polsce", "siec-zasady-horyzontalne-w-mof"),
    ("sieciowanie-zwiazkow-zit-w-polsce", "siec-mof4us-uslugi-spoleczne-w-mof"),
    ("siec-zasady-horyzontalne-w-mof", "forum-oceny-i-wspolpracy"),
    ("siec-zasady-horyzontalne-w-mof", "korpus-liderow-samorzadowych"),
    ("siec-mof4us-uslugi-spoleczne-w-mof", "narzedzie-wspolpracy-edukacja-wlaczajaca"),
    ("siec-mof4us-uslugi-spoleczne-w-mof", "model-cal-scal-trzy-warianty"),
    ("model-cal-scal-trzy-warianty", "siec-centrow-aktywnosci-lokalnej-wroclaw"),
    ("model-cal-scal-trzy-warianty", "wizyty-studyjne-cal"),
    ("kooperacja-efektywna-i-skuteczna", "kooperacja-naklo-kcynia"),
    ("kooperacja-efektywna-i-skuteczna", "kooperacja-swarzedz-kostrzyn"),
    ("kooperacja-efektywna-i-skuteczna", "popularyzacja-di-i-cus"),
    ("kooperacja-efektywna-i-skuteczna", "modelowy-system-integracji-spolecznej"),
    ("popularyzacja-di-i-cus", "mieszkania-wspomagane-wielkopolska"),
]

# (practice slug, date of review, justification per criterion) – reviewed by the demo coordinator.
VERIFICATIONS = [
    (
        "kooperacja-efektywna-i-skuteczna",
        D(2026, 9, 15),
        {
            "integrated": "Łączy pomoc społeczną z rynkiem pracy, oświatą, zdrowiem, sądownictwem i policją, "
            "na dwóch poziomach samorządu – w gminie i powiecie.",
            "participatory": "Gminy zgłaszały się po spotkaniach informacyjnych i rozmowach; w zespołach "
            "kooperacji pracowali pracownicy socjalni i asystenci rodziny.",
            "measurable": "Wskaźniki z umowy o dofinansowanie: 30 gmin miejsko-wiejskich i 20 powiatów w "
            "sześciu województwach; wartości potwierdzone w materiałach projektu.",
            "transferable": "Model opisano dla gmin miejsko-wiejskich różnej wielkości; opis zawiera warunki, "
            "koszty i pułapki współpracy z sądami i policją.",
        },
    ),
    (
        "kooperacja-naklo-kcynia",
        D(2026, 9, 20),
        {
            "integrated": "Wspólny plan wsparcia rodzin łączy OPS, szkoły, PUP, ochronę zdrowia i policję.",
            "participatory": "W zespołach pracują przedstawiciele wszystkich instytucji, a rodziny "
            "uczestniczą w ustalaniu planu.",
            "measurable": "Wskaźniki z wartością bazową, docelową i osiągniętą (dane demonstracyjne).",
            "transferable": "Wymaga koordynatora w OPS i porozumienia z powiatem – opisano koszty i pułapki.",
        },
    ),
    (
        "modelowy-system-integracji-spolecznej",
        D(2026, 10, 2),
        {
            "integrated": "Łączy politykę rynku pracy i pomocy społecznej z działaniami organizacji pozarządowych.",
            "participatory": "Organizacja pozarządowa jest stałym i równorzędnym partnerem PUP i OPS.",
            "measurable": "Projekt dostarczył trzy produkty: model, standardy usług i rekomendacje prawne.",
            "transferable": "Model jest wystandaryzowany i przeznaczony do stosowania w całym kraju.",
        },
    ),
    (
        "siec-centrow-aktywnosci-lokalnej-wroclaw",
        D(2026, 10, 10),
        {
            "integrated": "Centra łączą działania instytucji miejskich, organizacji i mieszkańców w dzielnicach.",
            "participatory": "Program centrów powstaje z mieszkańcami; inicjatywy zgłaszają sami sąsiedzi.",
            "measurable": "Liczba centrów i inicjatyw mieszkańców z wartościami bazowymi (dane demonstracyjne).",
            "transferable": "Doświadczenia sieci opisano w Modelu CAL/SCAL w trzech wariantach dla różnych gmin.",
        },
    ),
    (
        "mlodzi-aktywni-w-mof",
        D(2026, 10, 20),
        {
            "integrated": "Łączy edukację szkolną, politykę młodzieżową gmin i współpracę metropolitalną.",
            "participatory": "Rekomendacje opracowali sami młodzi radni w trzech sesjach warsztatowych.",
            "measurable": "Liczba rad, sesji i propozycji działań (dane demonstracyjne).",
            "transferable": "Rekomendacje są uniwersalne i trafiły do wszystkich gmin Metropolii Krakowskiej.",
        },
    ),
]

DRAFT_PRACTICE = {
    "slug": "wspolna-karta-uslug-ops-szkola-policja-szkic",
    "title": "Wspólna karta usług OPS, szkoły i policji w gminie (szkic)",
    "lead": (
        "Szkic opisu praktyki: jedna karta usług i kontaktów dla pracowników OPS, pedagogów szkolnych i "
        "dzielnicowych, przygotowana na podstawie doświadczeń modelu kooperacji."
    ),
    "problem": "<p>Pracownicy instytucji nie znają nawzajem swoich usług ani osób kontaktowych.</p>",
    "solution": "<p>Karta usług aktualizowana co pół roku przez koordynatora kooperacji (do uzupełnienia).</p>",
    "results": "",
    "indicators": [("Instytucje opisane w karcie", "szt.", 0, 12, None)],
    "programme": None,
    "funding_note": "Do uzupełnienia.",
    "status": S.PLANNED,
    "organisations": ["ROPS Toruń"],
    "places": "",
    "voivodeship": V.KUJAWSKO_POMORSKIE,
    "themes": ["uslugi_spoleczne"],
    "tags": ["model kooperacji"],
    "principles": [],
    "contact_role": "Pracowniczka socjalna",
}

TEMPLATE_ROWS = [
    (
        "Wskaźnik",
        "Jednostka",
        "Wartość bazowa",
        "Rok bazowy",
        "Wartość docelowa",
        "Rok docelowy",
        "Źródło danych",
        "Częstotliwość pomiaru",
        "Komentarz / odchylenie",
    ),
    (
        "Liczba osób korzystających z usług społecznych w MOF",
        "os.",
        "",
        "",
        "",
        "",
        "sprawozdania OPS",
        "rocznie",
        "",
    ),
    ("Gminy MOF z aktualną strategią rozwoju", "szt.", "", "", "", "", "uchwały rad gmin", "rocznie", ""),
    ("Wartość podpisanych umów ZIT / alokacja", "%", "", "", "", "", "SL2021, IZ", "kwartalnie", ""),
    ("Projekty ZIT z analizą DNSH", "szt.", "", "", "", "", "dokumentacja naboru", "przy naborze", ""),
]

# --- Handbook ---------------------------------------------------------------------------------

HANDBOOK = {
    "slug": "podrecznik",
    "title": "Podręcznik zarządzania strategicznego w Związkach ZIT",
    "handbook_key": "podrecznik-zarzadzania-strategicznego",
    "edition": "Wydanie 1 (demonstracyjne)",
    "edition_date": D(2026, 11, 1),
    "introduction": (
        "<p>Podręcznik jest praktycznym dokumentem dla pracowników Związków ZIT, gmin i powiatów z miejskich "
        "obszarów funkcjonalnych. Zawiera rekomendacje, studia przypadków, dobre praktyki, narzędzia do "
        "monitorowania dokumentów strategicznych oraz konkretne kroki wdrażania polityki spójności na "
        "poziomie lokalnym.</p>"
        "<p>Powstaje w projekcie „Sieciowanie Związków ZIT w Polsce” – w sieci „Zarządzanie i realizacja "
        "zasad horyzontalnych w MOF” – na podstawie warsztatów Korpusu Liderów Samorządowych i raportu z "
        "Forum Oceny i Współpracy. <b>To wydanie jest demonstracyjne</b>: pokazuje układ i rodzaje treści; "
        "liczby w przykładach nie są danymi urzędowymi.</p>"
    ),
}

HANDBOOK_AUTHORS = [
    ("Zespół redakcyjny lidera sieci", "Stowarzyszenie Aglomeracja Kalisko-Ostrowska"),
    ("Zespół partnera – warsztaty zasad horyzontalnych", "Gmina Wałbrzych – miasto na prawach powiatu"),
    ("Zespół partnera – zarządzanie projektami", "Miasto Jelenia Góra"),
    ("Eksperci Forum Oceny i Współpracy", "sieć „Zarządzanie i realizacja zasad horyzontalnych w MOF”"),
]

FORUM_SOURCE = "Raport z pierwszego cyklu Forum Oceny i Współpracy (przykład)"


def _p(html):
    return ("paragraph", html)


def _h(text, level="h2"):
    return ("heading", {"text": text, "level": level})


def _rec(text, addressee, priority="medium", source=FORUM_SOURCE):
    return ("recommendation", {"text": text, "addressee": addressee, "priority": priority, "source": source})


def _case(pk, comment):
    return ("case_study", {"practice": pk, "comment": comment})


def _checklist(title, items):
    return ("checklist", {"title": title, "items": items})


def _indicators(title, rows):
    keys = ("name", "unit", "baseline", "target", "source")
    return ("indicator_table", {"title": title, "rows": [dict(zip(keys, row, strict=True)) for row in rows]})


def _procedure(title, steps):
    return ("procedure", {"title": title, "steps": [{"title": t, "text": text} for t, text in steps]})


def _callout(kind, title, text):
    return ("callout", {"kind": kind, "title": title, "text": text})


def _term(term, definition):
    return ("glossary_term", {"term": term, "definition": definition})


def chapters(practices: dict[str, int], document_pk: int, report_pk: int) -> list[dict]:
    """The chapters and nested sections of the demo handbook; case studies point to demo practices."""
    return [
        {
            "slug": "przygotowanie-i-aktualizacja-strategii-zit",
            "title": "Przygotowanie i aktualizacja strategii ZIT",
            "summary": (
                "Jak prowadzić proces opracowania i aktualizacji strategii ZIT lub strategii rozwoju "
                "ponadlokalnego: od decyzji gmin, przez diagnozę i partycypację, po opinię instytucji "
                "zarządzającej."
            ),
            "body": [
                _p(
                    "<p>Strategia ZIT jest dokumentem, który pozwala gminom miejskiego obszaru funkcjonalnego "
                    "sięgać po środki polityki spójności w trybie zintegrowanych inwestycji terytorialnych. "
                    "W perspektywie 2021–2027 pełni funkcję strategii terytorialnej w rozumieniu art. 29 "
                    "rozporządzenia (UE) 2021/1060: opisuje obszar, diagnozuje jego potrzeby i potencjały, "
                    "wskazuje zintegrowane podejście do ich zaspokojenia i listę przedsięwzięć. W praktyce "
                    "wiele związków przygotowuje ją jako strategię rozwoju ponadlokalnego, co ułatwia jej "
                    "powiązanie ze strategiami gmin.</p>"
                    "<p>Najwięcej problemów nie dotyczy samego tekstu strategii, lecz procesu: kto podejmuje "
                    "decyzje, jak gminy uzgadniają listę przedsięwzięć, kiedy konsultować projekt z "
                    "mieszkańcami i jak uniknąć sytuacji, w której dokument napisany przez zewnętrznego "
                    "wykonawcę nie jest znany pracownikom urzędów. Ten rozdział porządkuje te kroki.</p>"
                ),
                _h("Od decyzji do uchwały"),
                _procedure(
                    "Proces opracowania strategii ZIT krok po kroku",
                    [
                        (
                            "Porozumienie gmin i harmonogram",
                            "<p>Zarząd związku (lub komitet sterujący porozumienia) przyjmuje harmonogram, "
                            "podział ról i budżet prac. Wyznacz w każdej gminie osobę kontaktową.</p>",
                        ),
                        (
                            "Diagnoza obszaru",
                            "<p>Zbierz dane o demografii, dojazdach, usługach publicznych i środowisku dla "
                            "wszystkich gmin MOF, w tym nowo przystępujących. Wykorzystaj dane GUS i "
                            "sprawozdania OPS.</p>",
                        ),
                        (
                            "Warsztaty strategiczne",
                            "<p>Cele i kierunki działań ustalaj na warsztatach z udziałem gmin, partnerów "
                            "społecznych i organizacji – nie tylko w zespole wykonawcy.</p>",
                        ),
                        (
                            "Lista przedsięwzięć i kryteria",
                            "<p>Ustal przejrzyste kryteria wyboru przedsięwzięć (ponadlokalność, "
                            "gotowość, wkład w cele, zasady horyzontalne) przed zbieraniem propozycji.</p>",
                        ),
                        (
                            "Konsultacje społeczne",
                            "<p>Zapewnij dostępne formy udziału: spotkania, formularz on-line, materiały w "
                            "tekście łatwym do czytania.</p>",
                        ),
                        (
                            "Opinia i przyjęcie",
                            "<p>Przekaż projekt do zaopiniowania instytucji zarządzającej programem "
                            "regionalnym, a po uwzględnieniu uwag – do przyjęcia przez organy gmin lub "
                            "związku.</p>",
                        ),
                    ],
                ),
                _callout(
                    "tip",
                    "Wiedza zostaje w urzędzie",
                    "<p>Nawet jeśli diagnozę przygotowuje wykonawca zewnętrzny, warsztaty i redakcję celów "
                    "prowadź z udziałem pracowników biura ZIT. Uczestnicy warsztatów Korpusu Liderów "
                    "Samorządowych wskazywali to jako warunek późniejszego monitorowania strategii.</p>",
                ),
                _rec(
                    "<p>Zaplanuj w harmonogramie co najmniej dwa miesiące na uzgodnienie listy przedsięwzięć "
                    "między gminami, zanim projekt strategii trafi do konsultacji.</p>",
                    "biura Związków ZIT",
                    "high",
                    "Warsztaty Korpusu Liderów Samorządowych (przykład)",
                ),
                _term(
                    "Strategia terytorialna",
                    "Dokument wymagany przez art. 29 rozporządzenia (UE) 2021/1060 dla zintegrowanego "
                    "rozwoju terytorialnego; w Polsce jego rolę pełni strategia ZIT.",
                ),
                _case(
                    practices["korpus-liderow-samorzadowych"],
                    "Warsztaty Korpusu Liderów Samorządowych pokazują, jak przygotować zespół urzędu do "
                    "samodzielnego prowadzenia prac nad strategią.",
                ),
            ],
            "sections": [
                {
                    "slug": "diagnoza-i-partycypacja",
                    "title": "Diagnoza i partycypacja",
                    "summary": "Jak zebrać dane dla całego MOF i kogo zaprosić do prac nad strategią.",
                    "body": [
                        _p(
                            "<p>Dobra diagnoza MOF pokazuje powiązania między gminami, a nie tylko sumę "
                            "danych gminnych. Zestaw dane o dojazdach do pracy i szkół, dostępności usług "
                            "społecznych i zdrowotnych oraz o terenach zagrożonych skutkami zmian klimatu. "
                            "Sieć MOF4US zwraca uwagę, że dostęp do usług jest zróżnicowany, bo podmioty je "
                            "świadczące są nierównomiernie rozmieszczone – to informacja, którą diagnoza "
                            "powinna pokazać na mapie.</p>"
                            "<p>Partycypacja nie kończy się na konsultacjach gotowego projektu. Zaproś "
                            "organizacje pozarządowe, ośrodki pomocy społecznej, szkoły i młodzieżowe rady "
                            "gmin już do warsztatów diagnostycznych; ich wiedza o potrzebach mieszkańców "
                            "uzupełnia statystykę.</p>"
                        ),
                        _checklist(
                            "Dane, które warto mieć przed pierwszym warsztatem",
                            [
                                "Liczba ludności i prognoza demograficzna dla każdej gminy MOF",
                                "Dojazdy do pracy i szkół między gminami",
                                "Rozmieszczenie usług społecznych, zdrowotnych i edukacyjnych",
                                "Stan realizacji strategii z poprzedniej perspektywy",
                                "Obszary rewitalizacji i tereny narażone na skutki zmian klimatu",
                            ],
                        ),
                        _case(
                            practices["mlodzi-aktywni-w-mof"],
                            "Młodzieżowe rady gmin jako partner w diagnozie potrzeb młodych mieszkańców MOF.",
                        ),
                    ],
                },
                {
                    "slug": "aktualizacja-strategii",
                    "title": "Aktualizacja strategii w trakcie perspektywy",
                    "summary": "Kiedy i jak aktualizować strategię ZIT, by nie zatrzymać naborów.",
                    "body": [
                        _p(
                            "<p>Aktualizacji wymagają zwykle trzy sytuacje: przystąpienie nowych gmin do "
                            "obszaru, zmiana listy przedsięwzięć (np. wycofanie projektu lub realokacja "
                            "środków) oraz wnioski z monitorowania, które pokazują, że cel jest nieosiągalny. "
                            "Zakres aktualizacji uzgodnij wcześniej z instytucją zarządzającą – od tego "
                            "zależy, czy potrzebna jest ponowna opinia i konsultacje.</p>"
                            "<p>Prowadź rejestr zmian strategii: co zmieniono, dlaczego, na podstawie jakiej "
                            "uchwały. Ułatwia to sprawozdawczość i późniejszą ewaluację.</p>"
                        ),
                        _callout(
                            "warning",
                            "Zmiana listy przedsięwzięć",
                            "<p>Zmiana przedsięwzięć wpisanych do strategii może wymagać ponownej opinii "
                            "instytucji zarządzającej. Sprawdź zasady w swoim programie regionalnym, zanim "
                            "gminy ogłoszą przetargi.</p>",
                        ),
                    ],
                },
            ],
        },
        {
            "slug": "powiazanie-strategii-zit-ze-strategiami-gmin",
            "title": "Powiązanie strategii ZIT ze strategiami gmin",
            "summary": "Jak zapewnić spójność celów ponadlokalnych z gminnymi strategiami rozwoju i budżetami.",
            "body": [
                _p(
                    "<p>Strategia ZIT i strategie rozwoju gmin powstają w różnym czasie i przez różne zespoły. "
                    "Jeśli ich cele nie są powiązane, gminy traktują przedsięwzięcia ZIT jako dodatkowe "
                    "źródło pieniędzy, a nie element własnej polityki rozwoju. Powiązanie wymaga pracy w obu "
                    "kierunkach: strategia ZIT powinna odwoływać się do celów gminnych, a gminy – przy "
                    "aktualizacji swoich strategii – do celów i przedsięwzięć MOF.</p>"
                    "<p>Pomocna jest prosta macierz: w wierszach cele strategii ZIT, w kolumnach cele "
                    "strategii poszczególnych gmin. Każde przecięcie oznacza, czy cel gminy wspiera cel MOF, "
                    "jest neutralny czy z nim konkuruje (np. rozwój zabudowy rozproszonej wobec celu "
                    "zrównoważonej mobilności). Macierz warto omówić na wspólnym warsztacie.</p>"
                ),
                _p(
                    "<p>W praktyce najlepiej sprawdza się synchronizacja kalendarzy. Gdy związek aktualizuje "
                    "strategię ZIT, gminy otrzymują projekt celów i listy przedsięwzięć z prośbą o wskazanie, "
                    "które z nich odpowiadają celom gminnym i czy gmina zapewni wkład własny. Gdy gmina "
                    "aktualizuje własną strategię rozwoju, biuro ZIT przekazuje jej zestaw celów i wskaźników "
                    "MOF do wykorzystania. Pracownicy gmin uczestniczący w warsztatach sieci zwracali uwagę, "
                    "że bez takiej wymiany strategia ZIT bywa postrzegana jako dokument „związku”, a nie "
                    "wspólny dokument gmin.</p>"
                    "<p>Powiązanie dotyczy też powiatów i instytucji regionalnych: usługi społeczne, transport "
                    "zbiorowy czy edukacja zawodowa wymagają decyzji powiatu lub samorządu województwa, więc "
                    "ich przedstawiciele powinni uczestniczyć w pracach nad celami, którymi zarządzają.</p>"
                ),
                _h("Trzy poziomy powiązania"),
                _p(
                    "<ul><li><b>Cele</b> – te same kierunki w strategii MOF i gminy, opisane spójnym językiem;</li>"
                    "<li><b>Przedsięwzięcia</b> – projekt ZIT wpisany do wieloletniej prognozy finansowej "
                    "gminy z zapewnionym wkładem własnym;</li>"
                    "<li><b>Wskaźniki</b> – gmina mierzy to samo, co MOF, i przekazuje dane do monitorowania "
                    "strategii ZIT.</li></ul>"
                ),
                _checklist(
                    "Lista kontrolna spójności strategii gminy ze strategią ZIT",
                    [
                        "Strategia gminy przywołuje strategię ZIT i wskazuje wspólne cele",
                        "Przedsięwzięcia ZIT gminy są w wieloletniej prognozie finansowej",
                        "Wskaźniki gminy pozwalają zasilić monitorowanie strategii ZIT",
                        "Plan ogólny gminy nie stoi w sprzeczności z kierunkami MOF",
                        "Gmina wyznaczyła osobę odpowiedzialną za współpracę z biurem ZIT",
                    ],
                ),
                _rec(
                    "<p>Przy każdej aktualizacji strategii gminy poproś biuro ZIT o krótką opinię o "
                    "spójności z celami MOF – to kilka dni pracy, a zapobiega rozbieżnościom na lata.</p>",
                    "gminy MOF",
                    "medium",
                ),
                _case(
                    practices["kooperacja-swarzedz-kostrzyn"],
                    "Gminy przełożyły wnioski z lokalnej współpracy na propozycje do strategii ZIT Poznań.",
                ),
                _term(
                    "Strategia rozwoju ponadlokalnego",
                    "Strategia przyjmowana wspólnie przez kilka gmin powiązanych funkcjonalnie; może "
                    "pełnić rolę strategii ZIT, jeśli spełnia wymogi strategii terytorialnej.",
                ),
            ],
        },
        {
            "slug": "monitorowanie-i-ewaluacja",
            "title": "Monitorowanie i ewaluacja strategii ZIT",
            "summary": "System wskaźników, raport z monitorowania i ewaluacja, która służy decyzjom.",
            "body": [
                _p(
                    "<p>Monitorowanie odpowiada na pytanie „czy robimy to, co zaplanowaliśmy”, ewaluacja – "
                    "„czy to, co robimy, przynosi zamierzone zmiany i dlaczego”. Oba procesy muszą być "
                    "zaplanowane w strategii: kto zbiera dane, jak często, kto je analizuje i kto podejmuje "
                    "decyzje na ich podstawie. Związki ZIT często mają dane o postępie finansowym projektów, "
                    "ale mniej o efektach dla mieszkańców.</p>"
                    "<p>Wskaźniki strategii powinny łączyć trzy poziomy: produkty przedsięwzięć (np. liczba "
                    "centrów aktywności lokalnej), rezultaty (np. liczba osób korzystających z usług) i "
                    "kontekst obszaru (np. saldo migracji). Dla każdego wskaźnika ustal wartość bazową, "
                    "docelową i źródło danych.</p>"
                    "<p>Odpowiedzialność warto podzielić jasno: biuro ZIT prowadzi kartę wskaźników i raz w "
                    "roku przygotowuje raport, gminy przekazują dane w ustalonym terminie, a zarząd związku "
                    "omawia wnioski i podejmuje decyzje – o zmianie harmonogramu, przesunięciu środków lub "
                    "aktualizacji strategii. Dane o projektach pochodzą z systemu SL2021 i od instytucji "
                    "zarządzającej; dane o efektach dla mieszkańców trzeba zwykle zbierać samodzielnie, np. ze "
                    "sprawozdań ośrodków pomocy społecznej lub z badań ankietowych. Karta monitorowania poniżej "
                    "jest punktem wyjścia – dopisz do niej wskaźniki własnej strategii.</p>"
                ),
                (
                    "template_download",
                    {
                        "title": "Karta monitorowania wskaźników strategii ZIT",
                        "document": document_pk,
                        "description": (
                            "Arkusz XLSX: wpisz wskaźniki strategii, wartości bazowe i docelowe, źródła danych "
                            "i częstotliwość pomiaru. Kolumna „Komentarz” służy do opisu odchyleń."
                        ),
                    },
                ),
                _rec(
                    "<p>Raz w roku przedstaw zarządowi związku i radom gmin krótki raport z monitorowania "
                    "(do 10 stron) z wnioskami i propozycjami decyzji, a nie tylko tabelą wskaźników.</p>",
                    "biura Związków ZIT",
                    "high",
                ),
            ],
            "sections": [
                {
                    "slug": "system-wskaznikow",
                    "title": "System wskaźników",
                    "summary": "Jak dobrać wskaźniki i źródła danych dla strategii MOF.",
                    "body": [
                        _p(
                            "<p>Mniej znaczy lepiej: 15–25 wskaźników dla całej strategii pozwala je realnie "
                            "mierzyć. Wybieraj wskaźniki, dla których dane są dostępne w podziale na gminy i "
                            "aktualizowane co najmniej raz w roku. Wskaźniki programów regionalnych "
                            "(produkty i rezultaty projektów) uzupełnij o wskaźniki kontekstowe.</p>"
                        ),
                        _indicators(
                            "Przykładowe wskaźniki strategii ZIT w obszarze usług społecznych",
                            [
                                (
                                    "Osoby korzystające z usług społecznych w społeczności lokalnej",
                                    "os.",
                                    "do ustalenia",
                                    "wzrost o 20%",
                                    "sprawozdania OPS/CUS",
                                ),
                                (
                                    "Centra aktywności lokalnej w MOF",
                                    "szt.",
                                    "do ustalenia",
                                    "1 na gminę",
                                    "gminy MOF",
                                ),
                                (
                                    "Gminy z mapą usług społecznych aktualizowaną co rok",
                                    "szt.",
                                    "0",
                                    "wszystkie gminy MOF",
                                    "biuro ZIT",
                                ),
                                (
                                    "Wartość podpisanych umów w stosunku do alokacji ZIT",
                                    "%",
                                    "0",
                                    "100",
                                    "instytucja zarządzająca",
                                ),
                            ],
                        ),
                        _term(
                            "Wartość bazowa",
                            "Wartość wskaźnika w roku odniesienia, przed rozpoczęciem działań; bez niej nie "
                            "da się ocenić zmiany.",
                        ),
                    ],
                },
                {
                    "slug": "ewaluacja-i-uczenie-sie",
                    "title": "Ewaluacja i uczenie się",
                    "summary": "Ewaluacja śródokresowa, ocena koleżeńska i wykorzystanie wniosków.",
                    "body": [
                        _p(
                            "<p>Ewaluacja śródokresowa strategii (zwykle w połowie perspektywy) pozwala "
                            "zmienić priorytety, zanim zostaną zakontraktowane wszystkie środki. Zadbaj, by "
                            "pytania ewaluacyjne wynikały z realnych dylematów zarządu związku. Dobrym "
                            "uzupełnieniem ewaluacji zewnętrznej jest ocena koleżeńska: inny związek ZIT "
                            "patrzy na wybrane wyzwanie i formułuje rekomendacje.</p>"
                        ),
                        _case(
                            practices["forum-oceny-i-wspolpracy"],
                            "Forum Oceny i Współpracy to sprawdzony format oceny koleżeńskiej między MOF.",
                        ),
                        # Recommendation 1 of the demo report, embedded by reference (it links back there).
                        ("report_recommendation", {"report": report_pk, "number": 1}),
                        _callout(
                            "info",
                            "Metoda Peer Review",
                            "<p>Forum Oceny i Współpracy jest zainspirowane metodologią „Peer Review” "
                            "Europejskiej Inicjatywy Miejskiej: gospodarz formułuje pytania, a rówieśnicy – "
                            "obserwatorzy i eksperci – pomagają znaleźć odpowiedzi.</p>",
                        ),
                    ],
                },
            ],
        },
        {
            "slug": "nowe-gminy-i-nowe-zwiazki-zit",
            "title": "Przystępowanie nowych gmin do obszaru i nowe Związki ZIT",
            "summary": "Wyzwania i możliwości związane z poszerzaniem MOF i z budowaniem nowego związku.",
            "body": [
                _p(
                    "<p>W perspektywie 2021–2027 powstało wiele nowych Związków ZIT – w województwach objętych "
                    "siecią horyzontalną wsparciem objęto 27 związków, w tym 20 nowo powstałych. Jednocześnie "
                    "istniejące obszary poszerzają się o kolejne gminy. Oba procesy stawiają podobne pytania: "
                    "jak podzielić zadania i środki, jak zbudować zaufanie między gminami o różnej wielkości i "
                    "jak szybko wprowadzić nowych partnerów w zasady pracy związku.</p>"
                    "<p>Nowa gmina zyskuje dostęp do przedsięwzięć ZIT i wspólnych usług, ale ponosi też "
                    "koszty: składkę lub wkład w biuro związku, czas pracowników, obowiązek dostosowania "
                    "strategii. Rozmowę o przystąpieniu warto zacząć od wspólnych potrzeb, nie od podziału "
                    "alokacji.</p>"
                ),
                _p(
                    "<p>Nowo powstały związek musi w krótkim czasie zbudować biuro, przyjąć strategię i "
                    "przygotować pierwsze nabory, często z zespołem kilku osób. Doświadczenia związków "
                    "działających od perspektywy 2014–2020 pokazują, że warto od początku spisać regulamin "
                    "współpracy gmin (kto podejmuje decyzje, jak dzieli się koszty biura, jak rozstrzyga "
                    "spory), a także ustalić stały kalendarz spotkań wójtów i burmistrzów. Pomocne są wizyty "
                    "studyjne w związkach o podobnej wielkości oraz udział w sieciach współpracy, w których "
                    "nowe związki mają pierwszeństwo rekrutacji.</p>"
                ),
                _procedure(
                    "Przystąpienie nowej gminy do obszaru ZIT",
                    [
                        (
                            "Rozmowa wstępna",
                            "<p>Spotkanie wójta lub burmistrza z zarządem związku: oczekiwania, powiązania "
                            "funkcjonalne, wstępne przedsięwzięcia.</p>",
                        ),
                        (
                            "Analiza powiązań funkcjonalnych",
                            "<p>Sprawdź dojazdy, usługi i plany inwestycyjne – czy gmina rzeczywiście należy "
                            "do obszaru funkcjonalnego.</p>",
                        ),
                        (
                            "Uchwały i porozumienie",
                            "<p>Zmiana porozumienia lub statutu związku i uchwały rad gmin.</p>",
                        ),
                        (
                            "Aktualizacja strategii",
                            "<p>Uzupełnij diagnozę i listę przedsięwzięć; uzgodnij zakres z instytucją "
                            "zarządzającą.</p>",
                        ),
                        (
                            "Wdrożenie zespołu gminy",
                            "<p>Szkolenie pracowników nowej gminy z zasad naborów ZIT, monitorowania i zasad "
                            "horyzontalnych; wyznaczenie osoby kontaktowej.</p>",
                        ),
                    ],
                ),
                _callout(
                    "warning",
                    "Nierówne doświadczenie",
                    "<p>Małe gminy mają często jednego pracownika do wszystkich projektów. Zaplanuj dla nich "
                    "wsparcie biura ZIT przy pierwszym wniosku – inaczej przedsięwzięcia nowych gmin będą "
                    "opóźnione.</p>",
                ),
                _rec(
                    "<p>Nowym Związkom ZIT zalecamy udział w sieciach współpracy i wizytach studyjnych w "
                    "pierwszym roku działania; w rekrutacji do sieci horyzontalnej mają one pierwszeństwo.</p>",
                    "nowe Związki ZIT",
                    "medium",
                    "Zasady rekrutacji sieci „Zarządzanie i realizacja zasad horyzontalnych w MOF”",
                ),
                _case(
                    practices["siec-zasady-horyzontalne-w-mof"],
                    "Sieć, która nadaje pierwszeństwo nowym związkom, i jej Korpus Liderów Samorządowych.",
                ),
                _term(
                    "Miejski obszar funkcjonalny (MOF)",
                    "Układ przestrzenny gmin powiązanych funkcjonalnie z miastem – dojazdami do pracy, "
                    "usługami i rynkiem mieszkaniowym; podstawowy obszar działania Związku ZIT.",
                ),
            ],
        },
        {
            "slug": "zasady-horyzontalne-w-mof",
            "title": "Zasady horyzontalne w MOF",
            "summary": (
                "Równość kobiet i mężczyzn, równość szans i niedyskryminacja z dostępnością, zrównoważony "
                "rozwój i zasada DNSH w strategii i projektach ZIT."
            ),
            "body": [
                _p(
                    "<p>Zasady horyzontalne wynikają z art. 9 rozporządzenia (UE) 2021/1060 i obowiązują na "
                    "każdym etapie – od strategii, przez kryteria wyboru, po realizację projektów. W Polsce "
                    "dwie pierwsze zasady szczegółowo opisują <i>Wytyczne dotyczące realizacji zasad "
                    "równościowych w ramach funduszy unijnych na lata 2021–2027</i>, obowiązujące od 5 "
                    "stycznia 2023 r.; ich załącznikami są standard minimum, standardy dostępności dla "
                    "polityki spójności oraz procedury włączania zapisów Konwencji ONZ o prawach osób "
                    "niepełnosprawnych.</p>"
                ),
                _p(
                    "<p>Związek ZIT stosuje zasady horyzontalne na trzech poziomach. W strategii – opisując w "
                    "diagnozie sytuację różnych grup mieszkańców i wskazując, jak przedsięwzięcia wpłyną na "
                    "środowisko. W kryteriach wyboru przedsięwzięć – sprawdzając zgodność z zasadami przed "
                    "wpisaniem projektu do strategii. W realizacji – pomagając gminom przygotować wnioski i "
                    "monitorując, czy obiecane rozwiązania (np. dostępność budynku, analiza DNSH) zostały "
                    "wdrożone. Warsztaty sieci pokazały, że najtrudniejsza jest ta ostatnia faza: zgodność "
                    "deklarowana we wniosku nie zawsze jest weryfikowana po zakończeniu inwestycji.</p>"
                ),
                _h("Cztery zasady w praktyce ZIT"),
                _term(
                    "Zasada równości kobiet i mężczyzn",
                    "Kobiety i mężczyźni mają równy dostęp do zasobów finansowanych z funduszy UE; w "
                    "projektach EFS+ sprawdza się to standardem minimum.",
                ),
                _term(
                    "Zasada równości szans i niedyskryminacji",
                    "Wsparcie bez dyskryminacji ze względu na płeć, pochodzenie, religię, "
                    "niepełnosprawność, wiek lub orientację; produkty projektów dostępne dla wszystkich.",
                ),
                _term(
                    "Zasada zrównoważonego rozwoju",
                    "Cele funduszy realizuje się z uwzględnieniem ochrony środowiska zgodnie z art. 11 TFUE.",
                ),
                _term(
                    "Zasada „nie czyń poważnych szkód” (DNSH)",
                    "Działania nie mogą wyrządzać poważnych szkód żadnemu z sześciu celów środowiskowych "
                    "rozporządzenia (UE) 2020/852 (taksonomia).",
                ),
                _checklist(
                    "Zasady horyzontalne w kryteriach wyboru przedsięwzięć ZIT",
                    [
                        "Diagnoza projektu opisuje sytuację kobiet i mężczyzn (standard minimum w EFS+)",
                        "Produkty projektu spełniają standardy dostępności dla polityki spójności 2021–2027",
                        "Wniosek zawiera analizę zgodności z zasadą DNSH",
                        "Projekt nie finansuje rozwiązań instytucjonalnych sprzecznych z deinstytucjonalizacją",
                        "Projekt uwzględnia adaptację do zmian klimatu tam, gdzie to istotne",
                    ],
                ),
                _callout(
                    "info",
                    "Nowość perspektywy 2021–2027",
                    "<p>Zasada DNSH jest nowa wśród zasad horyzontalnych polityki spójności w porównaniu z "
                    "latami 2014–2020. Wnioskodawcy często dołączają do wniosku analizę zgodności z DNSH – "
                    "warto przygotować dla gmin wzór takiej analizy.</p>",
                ),
                _rec(
                    "<p>Przeszkol pracowników gmin przygotowujących wnioski ZIT z zasad horyzontalnych przed "
                    "pierwszym naborem, z ćwiczeniami na własnych projektach.</p>",
                    "biura Związków ZIT",
                    "high",
                    "Warsztaty sieci „Zarządzanie i realizacja zasad horyzontalnych w MOF”",
                ),
                _case(
                    practices["warsztaty-zasady-horyzontalne"],
                    "Cztery warsztaty, po jednym na każdą zasadę, z ćwiczeniami na projektach ZIT.",
                ),
            ],
            "sections": [
                {
                    "slug": "dostepnosc-i-deinstytucjonalizacja",
                    "title": "Dostępność i deinstytucjonalizacja usług",
                    "summary": "Jak zasada niedyskryminacji przekłada się na usługi społeczne w MOF.",
                    "body": [
                        _p(
                            "<p>Zasada równości szans w usługach społecznych oznacza przede wszystkim "
                            "rozwój usług świadczonych w społeczności lokalnej zamiast w placówkach "
                            "całodobowych oraz wyrównywanie dostępu między gminami MOF. Związki ZIT mogą tu "
                            "pełnić rolę koordynatora: wspólna mapa usług, wspólne mieszkania wspomagane "
                            "dla kilku gmin, wspólni specjaliści.</p>"
                            "<p>Sieć MOF4US wskazuje, że kadrom JST i Związków ZIT brakuje wiedzy o "
                            "deinstytucjonalizacji; szkolenia i wizyty studyjne w miejscach, gdzie usługi "
                            "środowiskowe już działają, pomagają przełamać obawy przed zmianą.</p>"
                        ),
                        _case(
                            practices["popularyzacja-di-i-cus"],
                            "Jak regionalne ośrodki polityki społecznej upowszechniały wiedzę o DI i CUS.",
                        ),
                        _term(
                            "Deinstytucjonalizacja (DI)",
                            "Przejście od opieki w placówkach całodobowych do usług świadczonych w "
                            "społeczności lokalnej i w miejscu zamieszkania.",
                        ),
                    ],
                },
            ],
        },
        {
            "slug": "zarzadzanie-projektami",
            "title": "Zarządzanie projektami w Związkach ZIT",
            "summary": "Planowanie, ryzyko, zamówienia, partnerstwo i komunikacja w projektach ZIT.",
            "body": [
                _p(
                    "<p>Projekty ZIT realizuje wiele gmin równolegle, często w partnerstwie, a ich opóźnienie "
                    "wpływa na realizację całej strategii i wskaźników programu. Dlatego biuro ZIT powinno "
                    "znać nie tylko stan umów, ale też harmonogramy zamówień i główne ryzyka każdego "
                    "przedsięwzięcia. Tematy warsztatów sieci horyzontalnej wyznaczają zakres potrzebnych "
                    "kompetencji: planowanie i zarządzanie projektami, monitorowanie i ewaluacja, zamówienia "
                    "publiczne, analiza finansowa i studia wykonalności, zarządzanie ryzykiem, współpraca i "
                    "partnerstwo, komunikacja i upowszechnianie wyników, a także wykorzystanie sztucznej "
                    "inteligencji.</p>"
                    "<p>Najczęstsze źródła opóźnień to unieważnione przetargi, niedoszacowane kosztorysy i "
                    "zmiany kadrowe. Wspólny rejestr ryzyk dla wszystkich przedsięwzięć ZIT, przeglądany "
                    "co kwartał z gminami, pozwala reagować wcześniej – np. przesunąć środki między "
                    "projektami.</p>"
                ),
                _p(
                    "<p>Szczególnej uwagi wymagają projekty partnerskie kilku gmin. Umowa partnerska powinna "
                    "określać lidera, podział zadań i wydatków, sposób podejmowania decyzji oraz postępowanie "
                    "w razie wycofania się partnera. Wspólne zamówienia (np. na dokumentację lub dostawy) "
                    "obniżają koszty, ale wydłużają przygotowanie – trzeba to uwzględnić w harmonogramie. "
                    "Komunikacja i upowszechnianie wyników to nie tylko obowiązek informacyjny: opis "
                    "zakończonego projektu jako dobrej praktyki na platformie sieciującej pomaga innym "
                    "związkom uniknąć tych samych błędów.</p>"
                ),
                _procedure(
                    "Kwartalny przegląd przedsięwzięć ZIT",
                    [
                        (
                            "Zbierz dane od gmin",
                            "<p>Stan zamówień, wydatki, wskaźniki i nowe ryzyka – na jednym formularzu.</p>",
                        ),
                        (
                            "Oceń ryzyka",
                            "<p>Dla każdego ryzyka: prawdopodobieństwo, wpływ, właściciel i działanie "
                            "zaradcze.</p>",
                        ),
                        (
                            "Spotkanie przeglądowe",
                            "<p>Omów projekty zagrożone z gminami i zaproponuj wsparcie biura ZIT.</p>",
                        ),
                        (
                            "Decyzje i komunikacja",
                            "<p>Przedstaw zarządowi związku propozycje decyzji (np. realokacji) i "
                            "poinformuj instytucję zarządzającą.</p>",
                        ),
                    ],
                ),
                _indicators(
                    "Wskaźniki zarządcze portfela przedsięwzięć ZIT",
                    [
                        (
                            "Projekty z aktualnym harmonogramem zamówień",
                            "%",
                            "do ustalenia",
                            "100",
                            "biuro ZIT",
                        ),
                        ("Unieważnione postępowania", "szt./rok", "do ustalenia", "spadek", "gminy MOF"),
                        ("Wydatki certyfikowane w stosunku do planu", "%", "0", "100", "SL2021"),
                    ],
                ),
                _callout(
                    "tip",
                    "Sztuczna inteligencja w projektach",
                    "<p>Narzędzia AI mogą pomóc w streszczaniu dokumentacji i przygotowaniu projektów pism, "
                    "ale decyzje i dane osobowe pozostają po stronie urzędu – ustal wewnętrzne zasady ich "
                    "użycia.</p>",
                ),
                _rec(
                    "<p>Prowadź wspólny rejestr ryzyk dla wszystkich przedsięwzięć ZIT i przeglądaj go z "
                    "gminami co kwartał.</p>",
                    "biura Związków ZIT i gminy MOF",
                    "high",
                    "Warsztaty zarządzania projektami sieci horyzontalnej",
                ),
                _case(
                    practices["warsztaty-zarzadzanie-projektami"],
                    "Cykl warsztatów, na którym uczestnicy pracowali na rejestrach ryzyk własnych projektów.",
                ),
                _term(
                    "Rejestr ryzyk",
                    "Lista zdarzeń, które mogą zagrozić projektowi, z oceną prawdopodobieństwa i wpływu, "
                    "właścicielem ryzyka i działaniem zaradczym.",
                ),
            ],
        },
    ]


# --- Report -----------------------------------------------------------------------------------

REPORT = {
    "slug": "raport-z-pierwszego-cyklu-forum-przyklad",
    "title": "Raport z pierwszego cyklu Forum Oceny i Współpracy (przykład)",
    "cycle_name": "Forum Oceny i Współpracy – cykl 1 (przykład demonstracyjny)",
    "hosts": (
        "Aglomeracja Kalisko-Ostrowska (lider), Aglomeracja Jeleniogórska (partner), "
        "Aglomeracja Wałbrzyska (partner)"
    ),
    "published_on": D(2026, 6, 30),
    "summary": (
        "Przykładowy raport pokazujący układ raportu z cyklu Forum: lider i dwóch partnerów zgłosili po trzy "
        "wyzwania (razem dziewięć pytań przewodnich), w cyklu wzięło udział ponad 30 obserwatorów z innych "
        "Związków ZIT, a eksperci i obserwatorzy sformułowali rekomendacje. Treść jest demonstracyjna."
    ),
    "sections": [
        (
            "O cyklu i metodzie",
            "<p>Forum Oceny i Współpracy to proces pogłębionej wymiany doświadczeń i wzajemnego wspierania "
            "się w rozwoju miejskich obszarów funkcjonalnych, zainspirowany metodologią „Peer Review” "
            "Europejskiej Inicjatywy Miejskiej. Cykl obejmował identyfikację wyzwań przy wsparciu "
            "eksperckim, spotkanie przygotowawcze on-line i spotkanie stacjonarne, na którym gospodarze "
            "przedstawili wyzwania, a obserwatorzy i eksperci – dobre praktyki i rekomendacje.</p>",
        ),
        (
            "Wyzwania Aglomeracji Kalisko-Ostrowskiej",
            "<ol><li>Jak prowadzić monitorowanie strategii ZIT, by wnioski trafiały do decyzji zarządu?</li>"
            "<li>Jak powiązać strategię ZIT z aktualizowanymi strategiami gmin?</li>"
            "<li>Jak utrzymać platformę sieciującą po zakończeniu projektu?</li></ol>",
        ),
        (
            "Wyzwania Aglomeracji Jeleniogórskiej",
            "<ol><li>Jak ograniczyć opóźnienia zamówień w przedsięwzięciach małych gmin?</li>"
            "<li>Jak zapewnić dostępność produktów projektów w terenie górskim?</li>"
            "<li>Jak budować kompetencje liderów w biurze ZIT przy rotacji kadr?</li></ol>",
        ),
        (
            "Wyzwania Aglomeracji Wałbrzyskiej",
            "<ol><li>Jak włączyć nowe gminy w zasady pracy związku?</li>"
            "<li>Jak stosować zasadę DNSH w projektach rewitalizacji?</li>"
            "<li>Jak łączyć inwestycje w obszarach rewitalizacji z usługami społecznymi?</li></ol>",
        ),
        (
            "Wnioski obserwatorów",
            "<p>Ponad 30 obserwatorów z innych Związków ZIT wskazało, że wspólnym mianownikiem wyzwań jest "
            "przepływ informacji między biurem ZIT a gminami. Najwyżej oceniono praktyki, które łączą "
            "prostą sprawozdawczość z regularnymi spotkaniami – kwartalny przegląd przedsięwzięć i krótki "
            "roczny raport z monitorowania.</p>",
        ),
    ],
    "recommendations": [
        {
            "text": "Przygotowywać co roku krótki raport z monitorowania strategii ZIT z propozycjami decyzji "
            "dla zarządu związku i rad gmin.",
            "addressee": "Biuro ZIT Aglomeracji Kalisko-Ostrowskiej",
            "priority": "high",
            "time_frame": "do końca 2026 r.",
            "challenge": "Monitorowanie strategii ZIT a decyzje zarządu",
        },
        {
            "text": "Wprowadzić opinię biura ZIT o spójności przy każdej aktualizacji strategii gminy.",
            "addressee": "Gminy Aglomeracji Kalisko-Ostrowskiej",
            "priority": "medium",
            "time_frame": "przy najbliższych aktualizacjach",
            "challenge": "Powiązanie strategii ZIT ze strategiami gmin",
        },
        {
            "text": "Prowadzić wspólny rejestr ryzyk przedsięwzięć ZIT i przeglądać go z gminami co kwartał.",
            "addressee": "Biuro ZIT Aglomeracji Jeleniogórskiej",
            "priority": "high",
            "time_frame": "od następnego kwartału",
            "challenge": "Opóźnienia zamówień w małych gminach",
        },
        {
            "text": "Dołączać do dokumentacji naborów wzór analizy dostępności produktów projektu w terenie "
            "o utrudnionej komunikacji.",
            "addressee": "Biuro ZIT Aglomeracji Jeleniogórskiej",
            "priority": "medium",
            "time_frame": "przy kolejnym naborze",
            "challenge": "Dostępność produktów projektów w terenie górskim",
        },
        {
            "text": "Opracować program wdrożenia dla pracowników nowych gmin: szkolenie z zasad naborów, "
            "monitorowania i zasad horyzontalnych oraz osoba kontaktowa w biurze ZIT.",
            "addressee": "Biuro ZIT Aglomeracji Wałbrzyskiej",
            "priority": "high",
            "time_frame": "w ciągu 6 miesięcy",
            "challenge": "Włączanie nowych gmin w zasady pracy związku",
        },
        {
            "text": "Przygotować dla gmin wzór analizy zgodności z zasadą DNSH dla projektów rewitalizacji.",
            "addressee": "Biuro ZIT Aglomeracji Wałbrzyskiej",
            "priority": "medium",
            "time_frame": "do kolejnego naboru",
            "challenge": "Zasada DNSH w projektach rewitalizacji",
        },
        {
            "text": "Zaplanować utrzymanie platformy sieciującej po zakończeniu projektu: zespół redakcyjny, "
            "moderacja i źródło finansowania.",
            "addressee": "Lider sieci i partnerzy",
            "priority": "low",
            "time_frame": "przed zakończeniem projektu",
            "challenge": "Trwałość platformy sieciującej",
        },
    ],
}
