"""Managed vocabularies of the directory: thematic areas (from the domain CSV) and target groups."""

import csv
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

TARGET_GROUPS = [
    ("dzieci-mlodziez", "Dzieci i młodzież", "Children and young people"),
    ("rodziny", "Rodziny", "Families"),
    ("seniorzy", "Osoby starsze", "Older people"),
    ("niepelnosprawnosc", "Osoby z niepełnosprawnościami", "People with disabilities"),
    ("zdrowie-psychiczne", "Osoby w kryzysie zdrowia psychicznego", "People with mental-health needs"),
    ("bezrobotni", "Osoby bezrobotne i poszukujące pracy", "Unemployed people and jobseekers"),
    ("bezdomnosc", "Osoby w kryzysie bezdomności", "People experiencing homelessness"),
    ("opiekunowie", "Opiekunowie nieformalni", "Informal carers"),
    ("cudzoziemcy", "Cudzoziemcy", "Migrants"),
    ("wszyscy", "Wszyscy mieszkańcy", "All residents"),
]


def load_vocabularies(thematic_area_model, target_group_model) -> None:
    """Create or update both vocabularies; used by the migration (historical models) and the demo seed."""
    with (DATA / "thematic_areas.csv").open(encoding="utf-8") as handle:
        for position, row in enumerate(csv.DictReader(handle)):
            thematic_area_model.objects.update_or_create(
                code=row["code"],
                defaults={
                    "name_pl": row["name_pl"],
                    "name_en": row["name_en"],
                    "policy_objective": row["policy_objective"],
                    "position": position,
                },
            )
    for position, (code, name_pl, name_en) in enumerate(TARGET_GROUPS):
        target_group_model.objects.update_or_create(
            code=code, defaults={"name_pl": name_pl, "name_en": name_en, "position": position}
        )
