"""Synthetic good practices for benchmarks: `seed_demo --practices N` adds N published practice pages, in bulk."""

import datetime
import random
import time
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Page

from zitnet.directory.enums import Voivodeship
from zitnet.directory.models import Organisation, ThematicArea
from zitnet.directory.scale import TAGS  # the same vocabulary as the synthetic directory

from .enums import HorizontalPrinciple, PracticeStatus
from .models import (
    FundingProgramme,
    PracticeIndexPage,
    PracticeIndicator,
    PracticePage,
    PracticePrinciple,
    PracticeTag,
)

SLUG_PREFIX = "syntetyczna-praktyka-"
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's path alphabet (Wagtail: steplen 4)
STEPLEN = 4
BATCH = 2000
TOPICS = [
    ("Centrum usług społecznych", ["uslugi_spoleczne", "deinstytucjonalizacja"]),
    ("Mieszkania wspomagane", ["mieszkalnictwo_wspomagane", "deinstytucjonalizacja"]),
    ("Centrum aktywności lokalnej", ["aktywnosc_lokalna_cal", "partycypacja_partnerstwo"]),
    ("Węzeł przesiadkowy", ["mobilnosc_miejska", "transport_dostepnosc"]),
    ("Termomodernizacja szkół", ["efektywnosc_energetyczna_oze"]),
    ("Zielono-niebieska infrastruktura", ["adaptacja_klimat", "srodowisko_gospodarka_obiegu"]),
    ("Rewitalizacja śródmieścia", ["rewitalizacja", "kultura_dziedzictwo_turystyka"]),
    ("Edukacja włączająca w szkołach", ["edukacja_wlaczajaca"]),
    ("Żłobek międzygminny", ["edukacja_przedszkolna"]),
    ("Rada młodzieżowa MOF", ["mlodziez_edukacja_obywatelska", "partycypacja_partnerstwo"]),
    ("Usługi opiekuńcze w domu", ["opieka_dlugoterminowa_seniorzy", "uslugi_spoleczne"]),
    ("Klub integracji społecznej", ["aktywna_integracja_es", "aktywizacja_rynek_pracy"]),
    ("E-usługi urzędów gmin", ["cyfryzacja_e_uslugi"]),
    ("Monitoring strategii ZIT", ["zarzadzanie_strategiczne_mof"]),
    ("Wspólne zamówienia gmin", ["zarzadzanie_projektami"]),
    (
        "Dostępny transport dla osób z niepełnosprawnościami",
        ["niepelnosprawnosc_dostepnosc", "transport_dostepnosc"],
    ),
    ("Centrum integracji cudzoziemców", ["integracja_cudzoziemcow"]),
    ("Szkolenia zawodowe dla dorosłych", ["ksztalcenie_zawodowe"]),
    ("Profilaktyka zdrowotna w gminach", ["zdrowie"]),
    ("Inkubator przedsiębiorczości", ["innowacje_gospodarka"]),
]
# Rough weights: more practices where there are more ZIT associations.
VOIVODESHIP_WEIGHTS = {
    Voivodeship.DOLNOSLASKIE: 8,
    Voivodeship.KUJAWSKO_POMORSKIE: 6,
    Voivodeship.LUBELSKIE: 3,
    Voivodeship.LUBUSKIE: 2,
    Voivodeship.LODZKIE: 5,
    Voivodeship.MALOPOLSKIE: 7,
    Voivodeship.MAZOWIECKIE: 5,
    Voivodeship.OPOLSKIE: 2,
    Voivodeship.PODKARPACKIE: 3,
    Voivodeship.PODLASKIE: 3,
    Voivodeship.POMORSKIE: 8,
    Voivodeship.SLASKIE: 6,
    Voivodeship.SWIETOKRZYSKIE: 2,
    Voivodeship.WARMINSKO_MAZURSKIE: 4,
    Voivodeship.WIELKOPOLSKIE: 8,
    Voivodeship.ZACHODNIOPOMORSKIE: 6,
}
REGIONAL_PROGRAMME = {
    Voivodeship.DOLNOSLASKIE: "fe-dolny-slask",
    Voivodeship.KUJAWSKO_POMORSKIE: "fe-kujawy-pomorze",
    Voivodeship.LUBELSKIE: "fe-lubelskie",
    Voivodeship.LUBUSKIE: "fe-lubuskie",
    Voivodeship.LODZKIE: "fe-lodzkie",
    Voivodeship.MALOPOLSKIE: "fe-malopolska",
    Voivodeship.MAZOWIECKIE: "fe-mazowsze",
    Voivodeship.OPOLSKIE: "fe-opolskie",
    Voivodeship.PODKARPACKIE: "fe-podkarpacie",
    Voivodeship.PODLASKIE: "fe-podlaskie",
    Voivodeship.POMORSKIE: "fe-pomorze",
    Voivodeship.SLASKIE: "fe-slaskie",
    Voivodeship.SWIETOKRZYSKIE: "fe-swietokrzyskie",
    Voivodeship.WARMINSKO_MAZURSKIE: "fe-warmia-mazury",
    Voivodeship.WIELKOPOLSKIE: "fe-wielkopolska",
    Voivodeship.ZACHODNIOPOMORSKIE: "fe-pomorze-zachodnie",
}
STATUS_WEIGHTS = [
    (PracticeStatus.COMPLETED, 50),
    (PracticeStatus.ONGOING, 25),
    (PracticeStatus.CONTINUED, 15),
    (PracticeStatus.PLANNED, 10),
]
PRINCIPLE_HOW = {
    HorizontalPrinciple.GENDER_EQUALITY: "Dane uczestników zbierane w podziale na płeć; zajęcia w godzinach "
    "dogodnych dla rodziców.",
    HorizontalPrinciple.NON_DISCRIMINATION: "Produkty projektu spełniają standardy dostępności polityki spójności.",
    HorizontalPrinciple.SUSTAINABLE_DEVELOPMENT: "Wykorzystanie istniejących budynków i transportu zbiorowego.",
    HorizontalPrinciple.DNSH: "Analiza zgodności z zasadą DNSH dołączona do wniosku o dofinansowanie.",
}


def seed_practices(count: int, out, *, seed: int = 2026) -> None:
    """Create the missing synthetic practices up to `count` (idempotent), published, bypassing revisions.

    Wagtail cannot bulk-create multi-table pages, so the page rows and the practice rows are inserted
    separately, with treebeard paths computed here. They are not added to the search index."""
    started = time.perf_counter()
    index = PracticeIndexPage.objects.get()
    children = Page.objects.filter(path__startswith=index.path, depth=index.depth + 1)
    existing = children.filter(slug__startswith=SLUG_PREFIX).count()
    if existing >= count:
        out.write(f"  synthetic practices: {existing} already there")
        return
    rng = random.Random(seed + existing)  # noqa: S311 - reproducible synthetic data, not secrets
    context = _Context(rng)
    last_path = children.order_by("-path").values_list("path", flat=True).first()
    next_step = _decode(last_path[-STEPLEN:]) + 1 if last_path else 1
    content_type = ContentType.objects.get_for_model(PracticePage)
    with transaction.atomic():
        for start in range(existing, count, BATCH):
            stop = min(count, start + BATCH)
            rows = [context.practice(number + 1) for number in range(start, stop)]
            pages = [
                Page(
                    title=row["title"],
                    draft_title=row["title"],
                    slug=row["slug"],
                    content_type=content_type,
                    locale_id=index.locale_id,
                    path=index.path + _encode(next_step + offset),
                    depth=index.depth + 1,
                    numchild=0,
                    url_path=f"{index.url_path}{row['slug']}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=row["published"],
                    last_published_at=row["published"],
                    show_in_menus=False,
                )
                for offset, row in enumerate(rows)
            ]
            next_step += len(pages)
            Page.objects.bulk_create(pages, batch_size=500)
            if pages[0].pk is None:  # a backend that does not return ids from bulk inserts
                ids = dict(Page.objects.filter(slug__in=[p.slug for p in pages]).values_list("slug", "pk"))
                for page in pages:
                    page.pk = ids[page.slug]
            _insert_practices(pages, rows)
            _insert_related(pages, rows, context)
        Page.objects.filter(pk=index.pk).update(numchild=children.count())
    _bump_caches()
    elapsed = time.perf_counter() - started
    out.write(f"  synthetic practices: {count} ({count - existing} new in {elapsed:.1f} s)")


def _insert_practices(pages: list[Page], rows: list[dict]) -> None:
    """Insert the practice table's own columns for pages that already exist (the multi-table child rows).

    One parametrised INSERT run with executemany: far faster than model instances and batched INSERTs."""
    fields = PracticePage._meta.local_concrete_fields
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - identifiers from the model, values bound
        quote(PracticePage._meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    defaults = {field.attname: field.get_default() for field in fields}
    params = []
    for page, row in zip(pages, rows, strict=True):
        values = defaults | {key: value for key, value in row.items() if key in defaults}
        values["page_ptr_id"] = page.pk
        params.append([field.get_db_prep_save(values[field.attname], connection) for field in fields])
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _insert_related(pages: list[Page], rows: list[dict], context: "_Context") -> None:
    organisations_through = PracticePage.organisations.through
    themes_through = PracticePage.thematic_areas.through
    links, themes, tags, indicators, principles = [], [], [], [], []
    for page, row in zip(pages, rows, strict=True):
        links += [
            organisations_through(practicepage_id=page.pk, organisation_id=pk) for pk in row["organisations"]
        ]
        themes += [themes_through(practicepage_id=page.pk, thematicarea_id=pk) for pk in row["themes"]]
        tags += [PracticeTag(content_object_id=page.pk, tag_id=pk) for pk in row["tags"]]
        indicators += [
            PracticeIndicator(page_id=page.pk, sort_order=position, **values)
            for position, values in enumerate(row["indicators"])
        ]
        principles.append(
            PracticePrinciple(
                page_id=page.pk, sort_order=0, principle=row["principle"], how=PRINCIPLE_HOW[row["principle"]]
            )
        )
    for model, objs in [
        (organisations_through, links),
        (themes_through, themes),
        (PracticeTag, tags),
        (PracticeIndicator, indicators),
        (PracticePrinciple, principles),
    ]:
        model.objects.bulk_create(objs, batch_size=BATCH)


class _Context:
    """Vocabularies loaded once, and the random choices that make one synthetic practice."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.themes = dict(ThematicArea.objects.values_list("code", "pk"))
        self.programmes = dict(FundingProgramme.objects.values_list("code", "pk"))
        self.interreg = list(
            FundingProgramme.objects.filter(kind=FundingProgramme.Kind.INTERREG).values_list("pk", flat=True)
        )
        self.tags = [_tag(name).pk for name in TAGS]
        self.organisations: dict[str, list[tuple[int, str]]] = {}
        for pk, voivodeship, city in Organisation.objects.values_list("pk", "voivodeship", "city"):
            self.organisations.setdefault(voivodeship, []).append((pk, city))
        self.voivodeships = list(VOIVODESHIP_WEIGHTS)
        self.weights = list(VOIVODESHIP_WEIGHTS.values())
        self.today = timezone.localdate()

    def practice(self, number: int) -> dict:
        rng = self.rng
        voivodeship = rng.choices(self.voivodeships, self.weights)[0]
        candidates = self.organisations.get(voivodeship) or [
            org for orgs in self.organisations.values() for org in orgs
        ]
        chosen = rng.sample(candidates, min(len(candidates), rng.randint(1, 3))) if candidates else []
        town = next((city for _pk, city in chosen if city), "") or str(Voivodeship(voivodeship).label)
        topic, topic_themes = rng.choice(TOPICS)
        theme_codes = set(topic_themes[: rng.randint(1, len(topic_themes))])
        if rng.random() < 0.3:
            theme_codes.add(rng.choice(list(self.themes)))
        status = rng.choices([s for s, _w in STATUS_WEIGHTS], [w for _s, w in STATUS_WEIGHTS])[0]
        start, end = self._period(status)
        total = Decimal(rng.randrange(50, 40000) * 1000)
        share = Decimal(rng.choice([60, 70, 75, 80, 85, 95, 100]))
        programme = self._programme(voivodeship)
        published = min(start + datetime.timedelta(days=rng.randint(0, 700)), self.today)
        baseline = rng.randint(0, 50)
        target = baseline + rng.randint(5, 200)
        done = status in (PracticeStatus.COMPLETED, PracticeStatus.CONTINUED)
        title = f"{topic} – {town} ({number:05d})"
        return {
            "title": title,
            "slug": f"{SLUG_PREFIX}{number:05d}",
            "published": timezone.make_aware(datetime.datetime.combine(published, datetime.time(10))),
            "lead": f"{topic} w miejskim obszarze funkcjonalnym ({town}): praktyka syntetyczna do pomiarów wydajności.",
            "problem": "<p>Gminy obszaru nie koordynowały dotąd działań w tej dziedzinie.</p>",
            "solution": "<p>Wspólny zespół gmin przygotował i zrealizował przedsięwzięcie w trybie ZIT.</p>",
            "results": "<p>Wskaźniki poniżej (dane syntetyczne).</p>",
            "programme_id": programme,
            "funding_note": "Dane syntetyczne.",
            "total_cost": total,
            "eu_contribution": (total * share / 100).quantize(Decimal("0.01")) if programme else None,
            "start_date": start,
            "end_date": end,
            "status": status,
            "places": town,
            "voivodeship": voivodeship,
            "transfer_conditions": "Porozumienie gmin i zespół projektowy.",
            "transfer_costs": "Zależne od skali przedsięwzięcia.",
            "transfer_pitfalls": "Opóźnienia zamówień publicznych.",
            "contact_role": "Koordynator projektu",
            "contact_email": f"praktyka{number:05d}@zitnet.test",
            "organisations": [pk for pk, _city in chosen],
            "themes": [self.themes[code] for code in theme_codes if code in self.themes],
            "tags": rng.sample(self.tags, min(2, len(self.tags))),
            "indicators": [
                {
                    "name": "Osoby objęte wsparciem",
                    "unit": "os.",
                    "baseline": Decimal(baseline),
                    "target": Decimal(target),
                    "achieved": Decimal(target + rng.randint(-20, 20)) if done else None,
                },
                {
                    "name": "Gminy uczestniczące",
                    "unit": "szt.",
                    "baseline": Decimal(0),
                    "target": Decimal(rng.randint(2, 12)),
                    "achieved": None,
                },
            ],
            "principle": rng.choice(list(HorizontalPrinciple)),
        }

    def _period(self, status: str) -> tuple[datetime.date, datetime.date | None]:
        rng = self.rng
        if status == PracticeStatus.PLANNED:
            start_year = rng.randint(2026, 2027)
        elif status == PracticeStatus.ONGOING:
            start_year = rng.randint(2022, 2026)
        else:
            start_year = rng.randint(2015, 2024)
        start = datetime.date(start_year, rng.randint(1, 12), 1)
        end_year = start_year + rng.randint(1, 3)
        if status in (PracticeStatus.COMPLETED, PracticeStatus.CONTINUED):
            end_year = min(end_year, 2025)
        elif status == PracticeStatus.ONGOING:
            end_year = max(end_year, 2026)
        end = datetime.date(max(end_year, start_year), 12, 31)
        return start, (None if status == PracticeStatus.CONTINUED and rng.random() < 0.5 else end)

    def _programme(self, voivodeship: str) -> int | None:
        roll = self.rng.random()
        if roll < 0.45:
            code = REGIONAL_PROGRAMME.get(voivodeship)
        elif roll < 0.65:
            code = "fers"
        elif roll < 0.75:
            code = "feniks"
        elif roll < 0.83:
            code = "ptfe"
        elif roll < 0.90 and self.interreg:
            return self.rng.choice(self.interreg)
        else:
            return None
        return self.programmes.get(code)


def _encode(number: int) -> str:
    digits = ""
    for _ in range(STEPLEN):
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return digits


def _decode(step: str) -> int:
    number = 0
    for char in step:
        number = number * len(ALPHABET) + ALPHABET.index(char)
    return number


def _tag(name: str) -> Tag:
    """The tag of that name in any letter case (tags are case-insensitive here), created if missing."""
    from anyascii import anyascii
    from django.utils.text import slugify

    tag = Tag.objects.filter(name__iexact=name).first()
    if tag is None:
        slug = slugify(anyascii(name))
        if Tag.objects.filter(slug=slug).exists():
            slug = f"{slug}-{SLUG_PREFIX.rstrip('-')}"
        tag = Tag.objects.create(name=name, slug=slug)
    return tag


def _bump_caches() -> None:
    """A bulk insert bypasses the signals that expire cached listings (and organisation pages list practices)."""
    from . import caching

    caching.bump_with_directory()
