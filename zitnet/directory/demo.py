"""Demo organisations from the user's source documents (seeds 000–004) and the ZIT reference list."""

import csv
from pathlib import Path

from anyascii import anyascii
from django.utils import translation
from django.utils.text import slugify

from .enums import CooperationKind, PositionSource, ServiceCategory, VerificationStatus
from .enums import OrganisationKind as K
from .enums import Voivodeship as V
from .geocoding import geocode
from .models import Contact, CooperationEntry, Organisation, Service, TargetGroup, ThematicArea
from .vocabularies import load_vocabularies

DATA = Path(__file__).parent / "data"

# Organisations named in the seeds, beyond the ZIT associations: (name, short name, kind, voivodeship).
SEED_ORGANISATIONS = [
    ("Gmina Wrocław", "Wrocław", K.CITY_WITH_COUNTY_RIGHTS, V.DOLNOSLASKIE),
    ("Miasto Jelenia Góra", "Jelenia Góra", K.CITY_WITH_COUNTY_RIGHTS, V.DOLNOSLASKIE),
    ("Gmina Wałbrzych – miasto na prawach powiatu", "Wałbrzych", K.CITY_WITH_COUNTY_RIGHTS, V.DOLNOSLASKIE),
    ("Ministerstwo Funduszy i Polityki Regionalnej", "MFiPR", K.MINISTRY, V.MAZOWIECKIE),
    # Seed 003: the "Kooperacja – efektywna i skuteczna" project and its partners.
    ("Regionalny Ośrodek Polityki Społecznej w Toruniu", "ROPS Toruń", K.ROPS, V.KUJAWSKO_POMORSKIE),
    ("Regionalny Ośrodek Polityki Społecznej w Zielonej Górze", "ROPS Zielona Góra", K.ROPS, V.LUBUSKIE),
    ("Regionalny Ośrodek Polityki Społecznej w Gdańsku", "ROPS Gdańsk", K.ROPS, V.POMORSKIE),
    ("Regionalny Ośrodek Polityki Społecznej w Olsztynie", "ROPS Olsztyn", K.ROPS, V.WARMINSKO_MAZURSKIE),
    ("Regionalny Ośrodek Polityki Społecznej w Poznaniu", "ROPS Poznań", K.ROPS, V.WIELKOPOLSKIE),
    ("Regionalny Ośrodek Polityki Społecznej w Szczecinie", "ROPS Szczecin", K.ROPS, V.ZACHODNIOPOMORSKIE),
    (
        "Uniwersytet Mikołaja Kopernika w Toruniu, Centrum Badań nad Rodziną",
        "UMK CBnR",
        K.UNIVERSITY,
        V.KUJAWSKO_POMORSKIE,
    ),
    # Seed 004: WRZOS and its partners in "Modelowy system na rzecz integracji społecznej".
    ("Wspólnota Robocza Związków Organizacji Socjalnych", "WRZOS", K.NGO, V.MAZOWIECKIE),
    ("Instytut Rozwoju Służb Społecznych", "IRSS", K.NGO, V.MAZOWIECKIE),
    # Seed 002: experts of the MOF4US webinars.
    ("Instytut Nauki Lektikon", "Lektikon", K.OTHER, ""),
]

# Seed 003: urban-rural municipalities of the Kooperacja project, with their counties.
KOOPERACJA_MUNICIPALITIES = {
    V.KUJAWSKO_POMORSKIE: [
        ("Nakło nad Notecią", "nakielski"),
        ("Kcynia", "nakielski"),
        ("Tuchola", "tucholski"),
        ("Gniewkowo", "inowrocławski"),
        ("Kruszwica", "inowrocławski"),
    ],
    V.ZACHODNIOPOMORSKIE: [
        ("Goleniów", "goleniowski"),
        ("Stepnica", "goleniowski"),
        ("Nowe Warpno", "policki"),
        ("Dobrzany", "stargardzki"),
        ("Chociwel", "stargardzki"),
    ],
    V.WARMINSKO_MAZURSKIE: [
        ("Pisz", "piski"),
        ("Morąg", "ostródzki"),
        ("Miłomłyn", "ostródzki"),
        ("Korsze", "kętrzyński"),
        ("Reszel", "kętrzyński"),
    ],
    V.POMORSKIE: [
        ("Kartuzy", "kartuski"),
        ("Żukowo", "kartuski"),
        ("Dzierzgoń", "sztumski"),
        # The seed spells it "Bursy"; the urban-rural gmina of powiat chojnicki is Brusy.
        ("Brusy", "chojnicki"),
        ("Skarszewy", "starogardzki"),
    ],
    V.WIELKOPOLSKIE: [
        ("Czerniejewo", "gnieźnieński"),
        ("Krobia", "gostyński"),
        ("Kostrzyn", "poznański"),
        ("Swarzędz", "poznański"),
        ("Śrem", "śremski"),
    ],
    V.LUBUSKIE: [
        ("Kożuchów", "nowosolski"),
        ("Dobiegniew", "strzelecko-drezdenecki"),
        ("Drezdenko", "strzelecko-drezdenecki"),
        ("Strzelce Krajeńskie", "strzelecko-drezdenecki"),
        ("Cybinka", "słubicki"),
    ],
}


S, K_ = ServiceCategory, CooperationKind

# What the seeds say about the bodies they name: towns, descriptions, expertise, services, offers and needs.
SEED_DETAILS: dict[str, dict] = {
    "Wrocław": {
        "town": "Wrocław",
        "county": "Wrocław",
        "municipality": "Wrocław",
        "description": (
            "Miasto na prawach powiatu, lider ZIT Wrocławskiego Obszaru Funkcjonalnego. Rozwija sieć centrów "
            "aktywności lokalnej (SCAL Wrocław) – miejsc, w których instytucje i organizacje animują "
            "społeczności sąsiedzkie."
        ),
        "expertise": ["CAL", "aktywność lokalna", "usługi społeczne w MOF"],
        "associations": ["ZIT WrOF"],
        "services": [
            (
                "Centra aktywności lokalnej – sieć SCAL",
                S.COMMUNITY,
                ["wszyscy", "seniorzy", "dzieci-mlodziez"],
                "Zajęcia otwarte, bez skierowania; program w każdym centrum.",
                "Większość centrów bez barier architektonicznych; informacja w tekście łatwym do czytania.",
            ),
        ],
        "cooperation": [
            (
                K_.OFFER,
                "Wizyta studyjna: jak działa sieć centrów aktywności lokalnej",
                "aktywnosc_lokalna_cal",
                "Pokażemy centra w kilku dzielnicach i sposób ich koordynacji przez miasto.",
            ),
        ],
    },
    "Wałbrzych": {
        "town": "Wałbrzych",
        "county": "Wałbrzych",
        "municipality": "Wałbrzych",
        "description": "Miasto na prawach powiatu, lider ZIT Aglomeracji Wałbrzyskiej.",
        "expertise": ["rewitalizacja", "zasady horyzontalne"],
        "associations": ["ZIT AW"],
        "services": [
            (
                "Klub integracji społecznej",
                S.ACTIVATION,
                ["bezrobotni"],
                "Zgłoszenie w ośrodku pomocy społecznej lub bezpośrednio w klubie.",
                "",
            ),
        ],
        "cooperation": [
            (
                K_.NEED,
                "Szukamy partnerów do wymiany doświadczeń w rewitalizacji społecznej",
                "rewitalizacja",
                "Interesują nas projekty łączące inwestycje z usługami społecznymi w obszarach rewitalizacji.",
            ),
        ],
    },
    "Jelenia Góra": {
        "town": "Jelenia Góra",
        "county": "Jelenia Góra",
        "municipality": "Jelenia Góra",
        "description": "Miasto na prawach powiatu, lider ZIT Aglomeracji Jeleniogórskiej.",
        "expertise": ["zasady horyzontalne", "dostępność"],
        "associations": ["ZIT AJ"],
    },
    "MFiPR": {
        "town": "Warszawa",
        "description": (
            "Ministerstwo Funduszy i Polityki Regionalnej: prowadzi projekt sieciowania Związków ZIT w ramach "
            "programu Pomoc Techniczna dla Funduszy Europejskich 2021–2027."
        ),
        "expertise": ["fundusze europejskie", "ZIT"],
    },
    "ROPS Toruń": {
        "town": "Toruń",
        "description": (
            "Lider projektu „Kooperacja – efektywna i skuteczna” (PO WER), realizowanego z sześcioma "
            "partnerami w Makroregionie II: model kooperacji instytucji pomocy i integracji społecznej "
            "z podmiotami innych polityk sektorowych w gminach miejsko-wiejskich, popularyzacja "
            "deinstytucjonalizacji i centrów usług społecznych."
        ),
        "expertise": ["model kooperacji", "deinstytucjonalizacja", "centra usług społecznych"],
        "cooperation": [
            (
                K_.OFFER,
                "Szkolenia z modelu kooperacji dla gmin miejsko-wiejskich",
                "uslugi_spoleczne",
                "Materiały i doświadczenia z wdrożenia modelu w 30 gminach.",
            ),
            (
                K_.OFFER,
                "Wizyta studyjna: deinstytucjonalizacja usług w województwie",
                "deinstytucjonalizacja",
                "",
            ),
        ],
        "contacts": [
            ("Zespół projektu Kooperacja", "koordynacja projektu", "kooperacja.rops-torun@zitnet.test", True),
        ],
    },
    "ROPS Zielona Góra": {"town": "Zielona Góra", "expertise": ["model kooperacji"]},
    "ROPS Gdańsk": {"town": "Gdańsk", "expertise": ["model kooperacji"]},
    "ROPS Olsztyn": {"town": "Olsztyn", "expertise": ["model kooperacji"]},
    "ROPS Poznań": {
        "town": "Poznań",
        "expertise": ["model kooperacji", "deinstytucjonalizacja"],
        "cooperation": [
            (
                K_.OFFER,
                "Wizyta studyjna w Wielkopolsce: mieszkania wspomagane i deinstytucjonalizacja",
                "deinstytucjonalizacja",
                "Dla zespołów ZIT i ośrodków pomocy społecznej planujących usługi środowiskowe.",
            ),
        ],
    },
    "ROPS Szczecin": {"town": "Szczecin", "expertise": ["model kooperacji"]},
    "UMK CBnR": {
        "town": "Toruń",
        "website": "https://rodzina.umk.pl/cbnr/strona/kooperacja-efektywna-i-skuteczna",
        "description": "Centrum Badań nad Rodziną Uniwersytetu Mikołaja Kopernika – partner naukowy projektu Kooperacja.",
        "expertise": ["badania społeczne", "ewaluacja"],
    },
    "WRZOS": {
        "town": "Warszawa",
        "description": (
            "Wspólnota Robocza Związków Organizacji Socjalnych – organizacja pożytku publicznego działająca od "
            "2001 roku na polu polityki społecznej; realizator projektu „Modelowy system na rzecz integracji "
            "społecznej”."
        ),
        "expertise": ["integracja społeczna", "organizacje pozarządowe", "standardy usług"],
        "cooperation": [
            (
                K_.OFFER,
                "Doradztwo w tworzeniu standardów usług integracji społecznej",
                "aktywna_integracja_es",
                "",
            ),
        ],
    },
    "IRSS": {
        "town": "Warszawa",
        "description": "Instytut Rozwoju Służb Społecznych – partner projektu „Modelowy system na rzecz integracji społecznej”.",
        "expertise": ["służby społeczne", "szkolenia"],
    },
    "Lektikon": {
        "description": "Eksperci webinarów sieci MOF4US.",
        "expertise": ["zarządzanie strategiczne", "webinaria"],
    },
}

# Keys of SEED_DETAILS that are not fields of the organisation itself (set by _enrich).
RELATED_DETAILS = {"expertise", "services", "cooperation", "contacts", "associations"}

# Municipalities whose membership in a ZIT association is well established.
DEMO_ASSOCIATION_LINKS = [
    ("Swarzędz", "ZIT Poznań"),
    ("Kostrzyn", "ZIT Poznań"),
    ("Żukowo", "ZIT OMGGS"),
    ("Kartuzy", "ZIT OMGGS"),
    ("Goleniów", "ZIT SOM"),
    ("Stepnica", "ZIT SOM"),
    ("Nowe Warpno", "ZIT SOM"),
]


def make_slug(name: str) -> str:
    """ASCII slug that keeps Polish letters readable (Wałbrzych → walbrzych, not wabrzych)."""
    return slugify(anyascii(name))[:120]


def _upsert(
    name: str, *, short_name: str, kind: str, voivodeship: str, is_new: bool = False, town: str = "", **extra
) -> Organisation:
    defaults = {
        "name": name,
        "short_name": short_name,
        "kind": kind,
        "voivodeship": voivodeship,
        "is_new_zit_association": is_new,
        **extra,
    }
    # Demo inboxes only: a real address is never loaded from the seeds.
    defaults.setdefault("contact_email", f"biuro.{make_slug(short_name or name)}@zitnet.test")
    place = geocode(town, voivodeship) if town else None
    if place:
        defaults.update(
            latitude=place.latitude, longitude=place.longitude, position_source=PositionSource.GEOCODED
        )
        defaults.setdefault("city", town)
    org, _created = Organisation.objects.update_or_create(slug=make_slug(name), defaults=defaults)
    return org


def zit_association_rows() -> list[dict]:
    with (DATA / "zit_associations.csv").open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if row["confidence"] == "confirmed"]


def seed(out) -> dict[str, Organisation]:
    """Create or update the demo organisations; returns them by short name for other demo steps."""
    by_short: dict[str, Organisation] = {}
    with translation.override("pl"):
        voivodeship_by_name = {str(label): code for code, label in V.choices}
    for row in zit_association_rows():
        org = _upsert(
            row["name_pl"],
            short_name=row["short_name"],
            kind=K.ZIT_ASSOCIATION,
            voivodeship=voivodeship_by_name.get(row["voivodeship"], ""),
            is_new=row["status_2021_2027"] == "new",
            town=row["core_city"].split(";")[0].strip(),
            verification_status=VerificationStatus.VERIFIED,
        )
        by_short[org.short_name] = org
    for name, short, kind, voivodeship in SEED_ORGANISATIONS:
        details = {
            key: value for key, value in SEED_DETAILS.get(short, {}).items() if key not in RELATED_DETAILS
        }
        by_short[short] = _upsert(name, short_name=short, kind=kind, voivodeship=voivodeship, **details)
    for voivodeship, municipalities in KOOPERACJA_MUNICIPALITIES.items():
        for name, county in municipalities:
            full = f"Gmina {name}"
            by_short[name] = _upsert(
                full,
                short_name=name,
                kind=K.MUNICIPALITY_URBAN_RURAL,
                voivodeship=voivodeship,
                town=name,
                county=county,
                municipality=name,
                description=(
                    f"Gmina miejsko-wiejska w powiecie {county}; uczestniczka projektu „Kooperacja – efektywna "
                    "i skuteczna”, w którym wdrażano model kooperacji instytucji pomocy i integracji społecznej "
                    "z podmiotami innych polityk sektorowych."
                ),
            )
    _enrich(by_short)
    out.write(
        f"  organisations: {Organisation.objects.count()}, services: {Service.objects.count()}, "
        f"offers and needs: {CooperationEntry.objects.count()}"
    )
    return by_short


def _enrich(by_short: dict[str, Organisation]) -> None:
    """Expertise, association links, services, offers/needs and contacts of the seed bodies (idempotent)."""
    load_vocabularies(ThematicArea, TargetGroup)
    themes = {area.code: area for area in ThematicArea.objects.all()}
    groups = {group.code: group for group in TargetGroup.objects.all()}
    for short, details in SEED_DETAILS.items():
        org = by_short[short]
        org.expertise.set(details.get("expertise", []))
        for association in details.get("associations", []):
            org.associations.add(by_short[association])
        _services(org, details.get("services", []), groups)
        for kind, title, theme, description in details.get("cooperation", []):
            CooperationEntry.objects.update_or_create(
                organisation=org,
                title=title,
                defaults={"kind": kind, "theme": themes[theme], "description": description},
            )
        for name, position, email, public in details.get("contacts", []):
            Contact.objects.update_or_create(
                organisation=org,
                name=name,
                defaults={"position": position, "email": email, "public_consent": public},
            )
    for municipalities in KOOPERACJA_MUNICIPALITIES.values():
        for name, _county in municipalities:
            org = by_short[name]
            org.expertise.set(["model kooperacji", "usługi społeczne"])
            _services(
                org,
                [
                    (
                        f"Praca socjalna i pomoc społeczna – OPS {name}",
                        ServiceCategory.COUNSELLING,
                        ["rodziny", "seniorzy", "niepelnosprawnosc"],
                        "Wniosek w ośrodku pomocy społecznej lub wywiad środowiskowy u pracownika socjalnego.",
                        "",
                    ),
                    (
                        f"Usługi opiekuńcze w miejscu zamieszkania ({name})",
                        ServiceCategory.CARE,
                        ["seniorzy", "niepelnosprawnosc", "opiekunowie"],
                        "Decyzja ośrodka pomocy społecznej; odpłatność zależna od dochodu.",
                        "",
                    ),
                ],
                groups,
            )
    for alias, association in DEMO_ASSOCIATION_LINKS:
        if alias in by_short and association in by_short:
            by_short[alias].associations.add(by_short[association])


def _services(org: Organisation, rows, groups) -> None:
    for name, category, target_groups, access, accessibility in rows:
        service, _created = Service.objects.update_or_create(
            organisation=org,
            name=name,
            defaults={
                "category": category,
                "how_to_access": access,
                "accessibility_notes": accessibility,
                "latitude": org.latitude,
                "longitude": org.longitude,
                "city": org.city,
            },
        )
        service.target_groups.set([groups[code] for code in target_groups])
