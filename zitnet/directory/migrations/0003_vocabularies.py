"""Load the managed vocabularies (thematic areas, target groups) and the sort key of existing entries."""

from django.db import migrations

from zitnet.directory.vocabularies import load_vocabularies

POLISH_ORDER = str.maketrans(
    {"ą": "a{", "ć": "c{", "ę": "e{", "ł": "l{", "ń": "n{", "ó": "o{", "ś": "s{", "ź": "z{", "ż": "z|"}
)


def load(apps, schema_editor):
    load_vocabularies(apps.get_model("directory", "ThematicArea"), apps.get_model("directory", "TargetGroup"))
    Organisation = apps.get_model("directory", "Organisation")
    for organisation in Organisation.objects.all():
        organisation.sort_name = organisation.name.lower().translate(POLISH_ORDER)[:300]
        organisation.save(update_fields=["sort_name"])


class Migration(migrations.Migration):
    dependencies = [("directory", "0002_directory_full")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
