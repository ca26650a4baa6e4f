"""Demo organisations from the user's source documents (seeds 000–004) and the ZIT reference list."""

import csv
from pathlib import Path

from anyascii import anyascii
from django.utils import translation
from django.utils.text import slugify

from .enums import OrganisationKind as K
from .enums import Voivodeship as V
from .models import Organisation

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


def make_slug(name: str) -> str:
    """ASCII slug that keeps Polish letters readable (Wałbrzych → walbrzych, not wabrzych)."""
    return slugify(anyascii(name))[:120]


def _upsert(name: str, *, short_name: str, kind: str, voivodeship: str, is_new: bool = False) -> Organisation:
    org, _created = Organisation.objects.update_or_create(
        slug=make_slug(name),
        defaults={
            "name": name,
            "short_name": short_name,
            "kind": kind,
            "voivodeship": voivodeship,
            "is_new_zit_association": is_new,
        },
    )
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
        )
        by_short[org.short_name] = org
    for name, short, kind, voivodeship in SEED_ORGANISATIONS:
        by_short[short] = _upsert(name, short_name=short, kind=kind, voivodeship=voivodeship)
    for voivodeship, municipalities in KOOPERACJA_MUNICIPALITIES.items():
        for name, _county in municipalities:
            full = f"Gmina {name}"
            by_short[name] = _upsert(
                full, short_name=name, kind=K.MUNICIPALITY_URBAN_RURAL, voivodeship=voivodeship
            )
    out.write(f"  organisations: {Organisation.objects.count()}")
    return by_short
