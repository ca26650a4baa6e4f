"""Load the funding programmes of 2021–2027 (domain data, knowledge/data/) and create the two libraries under
the home page: good practices (/dobre-praktyki/) and Forum reports (/raporty/)."""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "programmes_2021_2027.csv"
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's path alphabet, steplen 4

LIBRARIES = [
    (
        "practiceindexpage",
        "Dobre praktyki",
        "dobre-praktyki",
        "Dobre praktyki i projekty związków ZIT, gmin i instytucji społecznych: co zrobiono, za ile, z jakim "
        "efektem i jak to przenieść do innego MOF.",
    ),
    (
        "reportindexpage",
        "Raporty Forum Oceny i Współpracy",
        "raporty",
        "Raporty z cykli Forum Oceny i Współpracy: wyzwania obszarów oceniających, wnioski obserwatorów i "
        "ekspertów oraz rekomendacje.",
    ),
]


def _next_path(parent_path, existing):
    last = max(existing, default=parent_path + "0000")[-4:]
    number = 0
    for char in last:
        number = number * 36 + ALPHABET.index(char)
    number += 1
    digits = ""
    for _ in range(4):
        number, rest = divmod(number, 36)
        digits = ALPHABET[rest] + digits
    return parent_path + digits


def load_programmes(apps, schema_editor):
    FundingProgramme = apps.get_model("knowledge", "FundingProgramme")
    with DATA.open(encoding="utf-8") as handle:
        for position, row in enumerate(csv.DictReader(handle)):
            kind = row["kind"] if row["kind"] in {"national", "regional", "interreg"} else "other"
            # An abbreviation marked uncertain in the domain data is left out rather than guessed.
            abbreviation = "" if "abbreviation" in row["uncertain"] else row["abbr_pl"].split(" (")[0]
            FundingProgramme.objects.update_or_create(
                code=row["code"].replace("_", "-"),
                defaults={"name": row["name_pl"], "abbreviation": abbreviation, "kind": kind, "position": position},
            )


def create_libraries(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    HomePage = apps.get_model("knowledge", "HomePage")
    home = HomePage.objects.order_by("path").first()
    if home is None:
        return
    for model, title, slug, intro in LIBRARIES:
        Model = apps.get_model("knowledge", model)
        if Model.objects.exists() or Page.objects.filter(path__startswith=home.path, depth=3, slug=slug).exists():
            continue
        page_type, _ = ContentType.objects.get_or_create(app_label="knowledge", model=model)
        children = Page.objects.filter(path__startswith=home.path, depth=home.depth + 1)
        Model.objects.create(
            title=title,
            draft_title=title,
            slug=slug,
            content_type=page_type,
            locale_id=home.locale_id,
            path=_next_path(home.path, children.values_list("path", flat=True)),
            depth=home.depth + 1,
            numchild=0,
            url_path=f"{home.url_path}{slug}/",
            live=True,
            show_in_menus=True,
            introduction=intro,
        )
        Page.objects.filter(pk=home.pk).update(numchild=children.count())


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0003_practices_handbook_reports")]

    operations = [
        migrations.RunPython(load_programmes, migrations.RunPython.noop),
        migrations.RunPython(create_libraries, migrations.RunPython.noop),
    ]
