"""Document and image uploads: allow-listed types checked by content, size caps, downloads, private drafts."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from knowledge import uploads
from knowledge.models import PracticePage
from knowledge.services import publish_documents
from tests.factories import MembershipFactory, UserFactory, with_totp
from tests.factories.knowledge import make_moderator, practice_data

pytestmark = pytest.mark.django_db

Document = get_document_model()
CREATE = reverse("knowledge:practice_create")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


@pytest.fixture(autouse=True)
def _english_and_files_on_disk(settings, tmp_path):
    settings.LANGUAGE_CODE = "en"
    # Wagtail's serve view streams a local file (sendfile); the suite's in-memory storage has no real path.
    settings.MEDIA_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def _png(size=(4, 4)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (10, 74, 133)).save(buffer, "PNG")
    return buffer.getvalue()


GOOD_FILES = {
    "raport.pdf": PDF,
    "opis.docx": _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}),
    "budzet.xlsx": _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}),
    "prezentacja.pptx": _zip({"[Content_Types].xml": b"<Types/>", "ppt/presentation.xml": b"<p/>"}),
    "opis.odt": _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}),
    "budzet.ods": _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}),
    "slajdy.odp": _zip({"mimetype": b"application/vnd.oasis.opendocument.presentation"}),
    "wskazniki.csv": "gmina;liczba\nKalisz;12\nOstrów Wielkopolski;7\n".encode(),
    "notatka.txt": "Zażółć gęślą jaźń.".encode(),
}

BAD_FILES = {
    "raport.pdf": HTML,
    "opis.docx": _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}),
    "opis.odt": _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}),
    "budzet.xlsx": PDF,
    "wskazniki.csv": b"\xff\xfe\x00\x01binary",
    "notatka.txt": b"MZ\x90\x00\x03\x00\x00\x00",
}


@pytest.mark.parametrize("name", sorted(GOOD_FILES))
def test_allowed_documents_pass_the_content_check(name):
    uploads.validate_document(_upload(name, GOOD_FILES[name]))


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_documents_whose_content_does_not_match_the_name_are_refused(name):
    with pytest.raises(ValidationError) as error:
        uploads.validate_document(_upload(name, BAD_FILES[name]))
    assert error.value.code == "content"
    assert "is not a valid" in error.value.messages[0]


def test_other_extensions_and_empty_files_are_refused():
    with pytest.raises(ValidationError) as error:
        uploads.validate_document(_upload("skrypt.html", HTML))
    assert error.value.code == "extension" and "pdf, docx" in error.value.messages[0]
    with pytest.raises(ValidationError) as error:
        uploads.validate_document(_upload("pusty.pdf", b""))
    assert error.value.code == "empty"


def test_oversized_documents_are_refused(settings):
    settings.ZITNET_DOCUMENT_MAX_BYTES = 50
    with pytest.raises(ValidationError) as error:
        uploads.validate_document(_upload("raport.pdf", PDF))
    assert error.value.code == "size" and "too large" in error.value.messages[0]


def test_the_practice_form_refuses_html_disguised_as_pdf(client_for, member):
    response = client_for(member).post(
        CREATE, practice_data(save="1", document_1=_upload("raport.pdf", HTML, "application/pdf"))
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "The content of “raport.pdf” is not a valid PDF file." in html
    assert not PracticePage.objects.exists() and not Document.objects.exists()


def test_the_practice_form_refuses_an_oversized_document(client_for, member, settings):
    settings.ZITNET_DOCUMENT_MAX_BYTES = 50
    response = client_for(member).post(CREATE, practice_data(save="1", document_1=_upload("raport.pdf", PDF)))
    assert response.status_code == 400
    assert "The file is too large" in response.content.decode()
    assert not PracticePage.objects.exists() and not Document.objects.exists()


def test_wagtail_admin_uploads_run_the_same_check(client_for):
    admin = UserFactory(is_staff=True, is_superuser=True)
    with_totp(admin)
    client = client_for(admin)
    collection = uploads.public_collection()
    response = client.post(
        reverse("wagtaildocs:add"),
        {"title": "Raport", "collection": collection.pk, "file": _upload("raport.pdf", HTML)},
    )
    assert response.status_code == 200
    assert "is not a valid PDF file" in response.content.decode()
    assert not Document.objects.exists()
    response = client.post(
        reverse("wagtaildocs:add"),
        {"title": "Raport", "collection": collection.pk, "file": _upload("raport.pdf", PDF)},
    )
    assert response.status_code == 302
    assert Document.objects.get().title == "Raport"


def test_a_public_pdf_downloads_as_an_attachment(client, tmp_path):
    document = Document(
        title="Raport", file=_upload("raport.pdf", PDF), collection=uploads.public_collection()
    )
    document._set_document_file_metadata()
    document.save()
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    assert Document.objects.get().file.path.startswith(str(tmp_path))


def test_a_drafts_documents_are_private_until_the_practice_is_published(
    client, client_for, member, organisation, coordinator
):
    make_moderator(coordinator)
    author = client_for(member)
    response = author.post(
        CREATE,
        practice_data(
            save="1",
            document_1=_upload("plan-dzialan.pdf", PDF),
            document_1_description="Plan działań MOF",
            document_2=_upload("wskazniki.csv", GOOD_FILES["wskazniki.csv"]),
        ),
    )
    assert response.status_code == 302
    page = PracticePage.objects.get()
    draft = page.get_latest_revision_as_object()
    assert [item.description for item in draft.documents.all()] == ["Plan działań MOF", ""]
    document = Document.objects.get(title="Plan działań MOF")
    assert document.collection.name == uploads.DRAFT_COLLECTION

    anonymous = client.get(document.url)
    assert anonymous.status_code == 302 and "/konto/" in anonymous["Location"]
    colleague = client_for(MembershipFactory(organisation=organisation).user)
    assert colleague.get(document.url).status_code == 403
    for person in (member, coordinator):
        own = client_for(person).get(document.url)
        assert own.status_code == 200 and own["Content-Disposition"].startswith("attachment;")

    # Submit and approve: publishing moves the documents to the public collection.
    author.post(reverse("knowledge:practice_edit", args=[page.pk]), practice_data(submit="1"))
    page = PracticePage.objects.get(pk=page.pk)
    task_state = page.current_workflow_task_state
    task_state.task.specific.on_action(task_state, coordinator, "approve", comment="")
    page = PracticePage.objects.get(pk=page.pk)
    assert page.live and page.documents.count() == 2
    document.refresh_from_db()
    assert document.collection.name == uploads.PUBLIC_COLLECTION
    public = client.get(document.url)
    assert public.status_code == 200 and public["Content-Disposition"].startswith("attachment;")
    assert publish_documents(page=page) == 0  # already public: nothing moves twice


def test_documents_can_be_removed_when_editing(client_for, member):
    author = client_for(member)
    author.post(CREATE, practice_data(save="1", document_1=_upload("plan.pdf", PDF)))
    page = PracticePage.objects.get()
    document = Document.objects.get()
    edit = reverse("knowledge:practice_edit", args=[page.pk])
    assert "Remove these documents" in author.get(edit).content.decode()
    author.post(edit, practice_data(save="1", remove_documents=[document.pk]))
    draft = PracticePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert list(draft.documents.all()) == []


def test_a_picture_needs_alt_text_and_must_be_an_image(client_for, member):
    author = client_for(member)
    response = author.post(CREATE, practice_data(save="1", image=_upload("foto.png", _png(), "image/png")))
    assert response.status_code == 400
    assert "Describe the picture for people who cannot see it." in response.content.decode()
    response = author.post(
        CREATE, practice_data(save="1", image=_upload("foto.png", HTML, "image/png"), image_alt="Mapa usług")
    )
    assert response.status_code == 400
    assert "This file is not an image we can read" in response.content.decode()
    assert not PracticePage.objects.exists() and not get_image_model().objects.exists()


def test_an_oversized_picture_is_refused(client_for, member, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20
    response = client_for(member).post(
        CREATE,
        practice_data(save="1", image=_upload("foto.png", _png(), "image/png"), image_alt="Mapa usług"),
    )
    assert response.status_code == 400
    assert "The image is too large" in response.content.decode()


def test_a_picture_is_saved_with_its_text_alternative(client_for, member):
    response = client_for(member).post(
        CREATE,
        practice_data(save="1", image=_upload("foto.png", _png(), "image/png"), image_alt="Mapa usług w MOF"),
    )
    assert response.status_code == 302
    image = get_image_model().objects.get()
    assert image.description == "Mapa usług w MOF" and image.width == 4
    assert PracticePage.objects.get().get_latest_revision_as_object().image_id == image.pk
