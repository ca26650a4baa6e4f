"""CSV/XLSX export of the filtered directory, and the coordinators' import with a dry run.

The import checks every row before it writes anything; a real run writes all rows in one transaction or none.
Kinds and voivodeships may be given as codes (``ops``, ``04``) or as the Polish names the export writes.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from . import services
from .demo import make_slug
from .enums import OrganisationKind, Voivodeship
from .forms import OrganisationForm, organisation_form_data, tag_string
from .geocoding import fold
from .models import Organisation

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000

COLUMNS = [
    "slug",
    "name",
    "short_name",
    "kind",
    "voivodeship",
    "county",
    "municipality",
    "street_address",
    "postal_code",
    "city",
    "latitude",
    "longitude",
    "website",
    "phone",
    "expertise",
    "associations",
    "is_new_zit_association",
    "verified",
]
IMPORT_ONLY = ["contact_email", "description"]
TRUE_WORDS = {"1", "true", "tak", "t", "yes", "y", "x"}
FALSE_WORDS = {"", "0", "false", "nie", "n", "no"}


def _label(choices, value) -> str:
    return str(dict(choices).get(value, value))


def export_rows(queryset):
    """Header and rows of the filtered list (never the contact e-mail)."""
    queryset = queryset.prefetch_related("expertise", "associations")
    yield COLUMNS
    with translation.override("pl"):
        for org in queryset.iterator(chunk_size=2000):
            yield [
                org.slug,
                org.name,
                org.short_name,
                _label(OrganisationKind.choices, org.kind),
                _label(Voivodeship.choices, org.voivodeship) if org.voivodeship else "",
                org.county,
                org.municipality,
                org.street_address,
                org.postal_code,
                org.city,
                "" if org.latitude is None else f"{org.latitude:.5f}",
                "" if org.longitude is None else f"{org.longitude:.5f}",
                org.website,
                org.phone,
                "; ".join(sorted(tag.name for tag in org.expertise.all())),
                "; ".join(sorted(a.slug for a in org.associations.all())),
                "tak" if org.is_new_zit_association else "nie",
                "tak" if org.is_verified else "nie",
            ]


def _safe_cell(value):
    """Cells starting with = + - @ would run as formulas in a spreadsheet: prefix them with an apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") and not _is_number(value):
        return "'" + value
    return value


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True


def export_csv(queryset) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    for row in export_rows(queryset):
        writer.writerow([_safe_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel opens UTF-8 with Polish letters


def export_xlsx(queryset) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Organisations"))
    for row in export_rows(queryset):
        sheet.append([_safe_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class ImportFileError(Exception):
    pass


def read_table(upload) -> list[dict]:
    """Rows of an uploaded CSV or XLSX file as dicts; the type is told from the content, not the name."""
    if upload.size > MAX_BYTES:
        raise ImportFileError(_("The file may be at most 5 MB."))
    raw = upload.read()
    if raw[:4] == b"PK\x03\x04":
        rows = _read_xlsx(raw)
    elif b"\x00" in raw[:4096]:
        raise ImportFileError(_("The file must be a CSV or XLSX table."))
    else:
        rows = _read_csv(raw)
    if not rows:
        raise ImportFileError(_("The file holds no rows."))
    header = [fold(str(cell or "")).replace(" ", "_") for cell in rows[0]]
    if "name" not in header:
        raise ImportFileError(_("The first row must name the columns; a “name” column is required."))
    unknown = [name for name in header if name and name not in COLUMNS + IMPORT_ONLY]
    if unknown:
        raise ImportFileError(_("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)})
    body = rows[1:]
    if len(body) > MAX_ROWS:
        raise ImportFileError(_("The file may hold at most %(count)d rows.") % {"count": MAX_ROWS})
    records = []
    for cells in body:
        values = ["" if cell is None else str(cell).strip() for cell in cells]
        if not any(values):
            continue
        values += [""] * (len(header) - len(values))
        records.append({name: value for name, value in zip(header, values, strict=False) if name})
    return records


def _read_csv(raw: bytes) -> list[list]:
    for encoding in ("utf-8-sig", "cp1250"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1250 decodes almost anything
        raise ImportFileError(_("The file must be text in UTF-8 or Windows-1250."))
    first_line = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first_line.count)
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def _read_xlsx(raw: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ImportFileError(_("The file is not a readable XLSX workbook.")) from error
    sheet = workbook.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2)]
    workbook.close()
    return rows


class ImportRowForm(OrganisationForm):
    class Meta(OrganisationForm.Meta):
        fields = [name for name in OrganisationForm.Meta.fields if name != "logo"]


@dataclass
class RowResult:
    number: int
    name: str
    action: str = ""
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    rows: list[RowResult]
    imported: bool = False

    @property
    def bad_rows(self) -> list[RowResult]:
        return [row for row in self.rows if row.errors]

    @property
    def created(self) -> int:
        return sum(1 for row in self.rows if row.action == "create")

    @property
    def updated(self) -> int:
        return sum(1 for row in self.rows if row.action == "update")


def _choice(value: str, choices) -> str | None:
    key = fold(value)
    for code, label in choices:
        if key in (fold(code), fold(str(label))):
            return code
    return None


def _boolean(value: str) -> bool | None:
    key = fold(value)
    if key in TRUE_WORDS:
        return True
    if key in FALSE_WORDS:
        return False
    return None


def _row_data(record: dict, errors: list[str]) -> dict:
    data = {name: record.get(name, "") for name in COLUMNS + IMPORT_ONLY if name in record}
    with translation.override("pl"):
        kind_choices, voivodeship_choices = list(OrganisationKind.choices), list(Voivodeship.choices)
    if data.get("kind"):
        data["kind"] = _choice(data["kind"], kind_choices) or data["kind"]
    if data.get("voivodeship"):
        value = data["voivodeship"].zfill(2) if data["voivodeship"].isdigit() else data["voivodeship"]
        data["voivodeship"] = _choice(value, voivodeship_choices) or data["voivodeship"]
    for flag in ("is_new_zit_association", "verified"):
        if flag in data:
            parsed = _boolean(data[flag])
            if parsed is None:
                errors.append(_("%(column)s: say “tak” or “nie”.") % {"column": flag})
            data[flag] = parsed
    for number in ("latitude", "longitude"):
        if data.get(number):
            data[number] = data[number].replace(",", ".")
    if "expertise" in data:
        data["expertise"] = tag_string(data["expertise"].replace(",", ";").split(";"))
    return data


def _association_lookup() -> dict[str, int]:
    """ZIT associations by slug and by folded short name, read once per import."""
    lookup: dict[str, int] = {}
    for pk, slug, short_name in (
        Organisation.objects.listed().associations().values_list("pk", "slug", "short_name")
    ):
        if short_name:
            lookup.setdefault(fold(short_name), pk)
        lookup[slug] = pk
    return lookup


def _associations(value: str, lookup: dict[str, int], errors: list[str]) -> list[int]:
    ids = []
    for key in [part.strip() for part in value.replace(",", ";").split(";") if part.strip()]:
        pk = lookup.get(key) or lookup.get(fold(key))
        if pk is None:
            errors.append(_("associations: no ZIT association “%(key)s” in the directory.") % {"key": key})
        else:
            ids.append(pk)
    return ids


def _prepare(records: list[dict]) -> list[tuple[RowResult, OrganisationForm | None, bool | None]]:
    prepared = []
    seen_slugs: set[str] = set()
    associations = _association_lookup()
    for number, record in enumerate(records, start=2):  # row 1 is the header
        result = RowResult(number=number, name=record.get("name", ""))
        errors: list[str] = []
        data = _row_data(record, errors)
        slug = (data.pop("slug", "") or "").strip()
        verified = data.pop("verified", None)
        association_ids = _associations(data.pop("associations", ""), associations, errors)
        instance = Organisation.objects.listed().filter(slug=slug).first() if slug else None
        if instance is None and not slug and data.get("name"):
            twin = (
                Organisation.objects.listed()
                .filter(name__iexact=data["name"].strip(), voivodeship=data.get("voivodeship", ""))
                .first()
            )
            if twin is not None:
                errors.append(
                    _(
                        "an entry with this name already exists in this voivodeship (%(slug)s); "
                        "put its slug in the slug column to update it."
                    )
                    % {"slug": twin.slug}
                )
        slug = slug or make_slug(data.get("name", ""))
        if slug in seen_slugs:
            errors.append(_("the same organisation appears twice in the file (%(slug)s).") % {"slug": slug})
        seen_slugs.add(slug)
        if instance is not None:
            # Columns missing from the file keep their current values.
            data = {**organisation_form_data(instance), **data}
        if association_ids or "associations" in record:
            data["associations"] = association_ids
        form = ImportRowForm(data=data, instance=instance or Organisation(slug=slug), coordinator=True)
        if not form.is_valid():
            for name, messages in form.errors.items():
                label = name if name != "__all__" else _("row")
                errors.extend(f"{label}: {message}" for message in messages)
        result.errors = errors
        result.action = "update" if instance is not None else "create"
        prepared.append((result, form if not errors else None, verified))
    return prepared


def import_organisations(upload, *, user, dry_run: bool) -> ImportReport:
    """Check every row; unless it is a dry run and only when no row is bad, write all rows in one transaction."""
    records = read_table(upload)
    prepared = _prepare(records)
    report = ImportReport(rows=[result for result, _form, _verified in prepared])
    if dry_run or report.bad_rows:
        return report
    with transaction.atomic():
        for result, form, verified in prepared:
            organisation = services.save_organisation(
                organisation=form.instance,
                form=form,
                user=user,
                action="zitnet.directory.import",
            )
            if verified is not None and verified != organisation.is_verified:
                services.set_verification(organisation=organisation, verified=verified, user=user)
            result.name = organisation.name
    report.imported = True
    return report
