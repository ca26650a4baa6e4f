"""Export of the filtered list as CSV/XLSX; the coordinators' import with a dry run, all or nothing."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tests.factories import OrganisationFactory
from tests.factories.search import index_everything
from zitnet.directory.enums import OrganisationKind, Voivodeship
from zitnet.directory.models import Organisation

pytestmark = pytest.mark.django_db

IMPORT = reverse("directory:import")


def csv_rows(response) -> list[dict]:
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


@pytest.fixture
def listed(db):
    zit = OrganisationFactory(
        name="ZIT Bydgoskiego Obszaru Funkcjonalnego",
        slug="zit-bof",
        short_name="ZIT BOF",
        voivodeship=Voivodeship.KUJAWSKO_POMORSKIE,
        contact_email="ukryty@bof.test",
    )
    ops = OrganisationFactory(
        name='=HYPERLINK("http://zly.test")',
        slug="formula",
        kind=OrganisationKind.OPS,
        voivodeship=Voivodeship.KUJAWSKO_POMORSKIE,
    )
    ops.associations.add(zit)
    OrganisationFactory(name="Gmina Śrem", slug="gmina-srem", voivodeship=Voivodeship.WIELKOPOLSKIE)
    # The text filter asks the search index, which is written after commit (never, in a rolled-back test).
    index_everything()
    return zit


def test_csv_export_of_the_filtered_list(client, listed):
    response = client.get(reverse("directory:export", args=["csv"]), {"voivodeship": "04"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="katalog-partnerow.csv"'
    rows = csv_rows(response)
    assert {row["slug"] for row in rows} == {"zit-bof", "formula"}
    assert rows[0]["voivodeship"] == "kujawsko-pomorskie"
    formula = next(row for row in rows if row["slug"] == "formula")
    assert formula["name"].startswith("'=")  # not run as a formula by a spreadsheet
    assert formula["associations"] == "zit-bof"
    assert "ukryty@bof.test" not in response.content.decode("utf-8-sig")


def test_xlsx_export_opens_in_a_spreadsheet(client, listed):
    response = client.get(reverse("directory:export", args=["xlsx"]), {"q": "Śrem"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("slug", "name")
    assert rows[1][:2] == ("gmina-srem", "Gmina Śrem")
    assert len(rows) == 2


def test_export_with_bad_filter_is_400(client, listed):
    assert client.get(reverse("directory:export", args=["csv"]), {"voivodeship": "77"}).status_code == 400


def upload(text: str, name="import.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


GOOD_AND_BAD = (
    "name;kind;voivodeship;city;expertise;associations;is_new_zit_association\n"
    'Fundacja Dobra Kooperacja;Organizacja pozarządowa;kujawsko-pomorskie;Toruń;"DI, CAL";zit-bof;nie\n'
    "Zamek;castle;04;Toruń;;;nie\n"
    "<script>x</script>;ngo;99;;;nie-ma-zwiazku;może\n"
)


def test_dry_run_lists_every_bad_row_and_why(client_for, coordinator, listed):
    response = client_for(coordinator).post(IMPORT, {"file": upload(GOOD_AND_BAD), "dry_run": "on"})
    assert response.status_code == 400
    report = response.context["report"]
    assert [row.number for row in report.bad_rows] == [3, 4]
    text = response.content.decode()
    assert "kind: Wybierz poprawną wartość" in text
    assert "voivodeship: Wybierz poprawną wartość" in text
    assert "nie-ma-zwiazku" in text
    assert "&lt;script&gt;" in text and "<script>x" not in text
    assert Organisation.objects.count() == 3


def test_a_real_run_with_a_bad_row_writes_nothing(client_for, coordinator, listed):
    response = client_for(coordinator).post(IMPORT, {"file": upload(GOOD_AND_BAD)})
    assert response.status_code == 400
    assert not Organisation.objects.filter(name="Fundacja Dobra Kooperacja").exists()


def test_a_real_run_imports_every_row_in_one_go(client_for, coordinator, listed):
    good = GOOD_AND_BAD.split("\n")[:2]
    good.append("Gmina Kcynia;gmina miejsko-wiejska;04;Kcynia;;zit-bof;nie")
    response = client_for(coordinator).post(IMPORT, {"file": upload("\n".join(good))})
    assert response.status_code == 200
    assert "Zaimportowano – nowe: 2, zaktualizowane: 0" in response.content.decode()
    org = Organisation.objects.get(name="Fundacja Dobra Kooperacja")
    assert org.kind == OrganisationKind.NGO and org.voivodeship == "04"
    assert org.latitude is not None  # geocoded from Toruń
    assert sorted(t.name for t in org.expertise.all()) == ["CAL", "DI"]
    assert [a.slug for a in org.associations.all()] == ["zit-bof"]


def test_export_then_import_updates_by_slug(client, client_for, coordinator, listed):
    exported = client.get(reverse("directory:export", args=["xlsx"]), {"q": "Śrem"}).content
    workbook = load_workbook(io.BytesIO(exported))
    sheet = workbook.active
    sheet.cell(
        row=2, column=sheet[1].index(next(c for c in sheet[1] if c.value == "county")) + 1, value="śremski"
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    file = SimpleUploadedFile("katalog.xlsx", buffer.getvalue(), content_type="application/octet-stream")
    response = client_for(coordinator).post(IMPORT, {"file": file})
    assert response.status_code == 200, response.context["report"].bad_rows
    assert Organisation.objects.get(slug="gmina-srem").county == "śremski"
    assert Organisation.objects.count() == 3


def test_same_name_in_the_same_voivodeship_is_not_duplicated(client_for, coordinator, listed):
    text = "name;voivodeship;kind\nGmina Śrem;wielkopolskie;gmina miejsko-wiejska\n"
    response = client_for(coordinator).post(IMPORT, {"file": upload(text), "dry_run": "on"})
    assert response.status_code == 400
    assert "gmina-srem" in response.content.decode()


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (SimpleUploadedFile("x.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00", "text/csv"), "CSV lub XLSX"),
        (
            SimpleUploadedFile("x.xlsx", b"PK\x03\x04broken", "application/octet-stream"),
            "Nie można odczytać pliku jako skoroszytu XLSX",
        ),
        (SimpleUploadedFile("x.csv", b"", "text/csv"), "Przesłany plik jest pusty"),
        (SimpleUploadedFile("x.csv", b"nazwa;miasto\nA;B\n", "text/csv"), "kolumna „name”"),
        (SimpleUploadedFile("x.csv", b"name;password\nA;B\n", "text/csv"), "Nieznane kolumny: password"),
        (
            SimpleUploadedFile("x.csv", b"name\n" + b"A\n" * (6 * 1024 * 1024 // 2), "text/csv"),
            "Plik może mieć maksymalnie 5 MB",
        ),
    ],
)
def test_wrong_files_are_refused_with_a_message(client_for, coordinator, file, message):
    response = client_for(coordinator).post(IMPORT, {"file": file, "dry_run": "on"})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_cp1250_csv_from_excel_is_read(client_for, coordinator):
    text = "name;kind;voivodeship\nStowarzyszenie Łączy Nas Śląsk;ngo;24\n"
    file = SimpleUploadedFile("x.csv", text.encode("cp1250"), "text/csv")
    response = client_for(coordinator).post(IMPORT, {"file": file})
    assert response.status_code == 200
    assert Organisation.objects.filter(name="Stowarzyszenie Łączy Nas Śląsk").exists()


def test_xlsx_import(client_for, coordinator):
    workbook = Workbook()
    workbook.active.append(["name", "kind", "voivodeship", "latitude", "longitude"])
    workbook.active.append(["Fundacja Mapa", "ngo", "14", "52,2", "21,0"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = client_for(coordinator).post(IMPORT, {"file": SimpleUploadedFile("m.xlsx", buffer.getvalue())})
    assert response.status_code == 200
    org = Organisation.objects.get(name="Fundacja Mapa")
    assert (org.latitude, org.longitude) == (52.2, 21.0)


def test_import_is_for_coordinators(client_for, editor, client):
    assert client_for(editor).get(IMPORT).status_code == 403
    assert client.get(IMPORT).status_code == 302
