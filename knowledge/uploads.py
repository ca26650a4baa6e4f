"""Checks of uploaded documents and images (by content, not by name) and the collections they live in."""

import zipfile
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.models import Collection, CollectionViewRestriction

PUBLIC_COLLECTION = "Dobre praktyki"
DRAFT_COLLECTION = "Dobre praktyki — szkice"

# The part name every OOXML package of the kind has; "[Content_Types].xml" is in all of them.
OOXML_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml", "pptx": "ppt/presentation.xml"}
ODF_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}
TEXT_EXTENSIONS = {"csv", "txt"}
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
MAX_IMAGE_PIXELS = 40_000_000


def document_max_bytes() -> int:
    return settings.ZITNET_DOCUMENT_MAX_BYTES


def allowed_extensions() -> list[str]:
    return list(settings.WAGTAILDOCS_EXTENSIONS)


def _extension(name: str) -> str:
    return PurePath(name or "").suffix.lower().lstrip(".")


def _head(file, size: int) -> bytes:
    file.seek(0)
    data = file.read(size)
    file.seek(0)
    return data


def _zip_names(file) -> tuple[zipfile.ZipFile | None, set[str]]:
    file.seek(0)
    try:
        archive = zipfile.ZipFile(file)
        return archive, set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None, set()


def _content_matches(file, extension: str) -> bool:
    head = _head(file, 8)
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension in OOXML_PARTS or extension in ODF_MIMETYPES:
        if not head.startswith(b"PK\x03\x04"):
            return False
        archive, names = _zip_names(file)
        try:
            if archive is None:
                return False
            if extension in OOXML_PARTS:
                return "[Content_Types].xml" in names and OOXML_PARTS[extension] in names
            if "mimetype" not in names or archive.getinfo("mimetype").file_size > 200:
                return False
            return archive.read("mimetype").strip() == ODF_MIMETYPES[extension]
        finally:
            if archive is not None:
                archive.close()
            file.seek(0)
    if extension in TEXT_EXTENSIONS:
        file.seek(0)
        data = file.read()
        file.seek(0)
        if isinstance(data, str):
            data = data.encode()
        if b"\x00" in data:
            return False
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return True
    return False


def validate_document(file) -> None:
    """Refuse a document whose extension is not allowed, whose content is not what the name says, or that is
    larger than ZITNET_DOCUMENT_MAX_BYTES. Raises ValidationError with a message for the uploader."""
    if file is None:
        return
    extension = _extension(getattr(file, "name", ""))
    allowed = allowed_extensions()
    if extension not in allowed:
        raise ValidationError(
            _("Files of this type cannot be uploaded. Allowed types: %(types)s.")
            % {"types": ", ".join(allowed)},
            code="extension",
        )
    size = getattr(file, "size", None)
    if size is not None and size > document_max_bytes():
        raise ValidationError(
            _("The file is too large (%(size)s). The limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(document_max_bytes())},
            code="size",
        )
    if not size:
        raise ValidationError(_("The file is empty."), code="empty")
    if not _content_matches(file, extension):
        raise ValidationError(
            _(
                "The content of “%(name)s” is not a valid %(type)s file. Save it again in that format "
                "or choose another file."
            )
            % {"name": PurePath(file.name).name, "type": extension.upper()},
            code="content",
        )


def validate_image(file) -> None:
    """Refuse an image Pillow cannot read, of a format other than JPEG/PNG/WebP/GIF, or over the size cap."""
    from PIL import Image as PILImage

    if file is None:
        return
    limit = settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
    if file.size > limit:
        raise ValidationError(
            _("The image is too large (%(size)s). The limit is %(limit)s.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)},
            code="size",
        )
    try:
        file.seek(0)
        with PILImage.open(file) as picture:
            kind = picture.format
            width, height = picture.size
            picture.verify()
    except Exception as exc:  # Pillow raises many kinds of errors for broken or disguised files
        raise ValidationError(
            _("This file is not an image we can read. Upload a JPEG, PNG, WebP or GIF picture."),
            code="image",
        ) from exc
    finally:
        file.seek(0)
    if kind not in IMAGE_FORMATS:
        raise ValidationError(_("Upload a JPEG, PNG, WebP or GIF picture."), code="image_format")
    if width * height > MAX_IMAGE_PIXELS:
        raise ValidationError(_("The picture has too many pixels; make it smaller."), code="pixels")


class DocumentForm(BaseDocumentForm):
    """Wagtail admin's document form (WAGTAILDOCS_DOCUMENT_FORM_BASE) with the same content check."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data:
            validate_document(file)
        return file

    class Meta(BaseDocumentForm.Meta):
        pass


def _collection(name: str) -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    if existing is not None:
        return existing
    return root.add_child(name=name)


def public_collection() -> Collection:
    """Documents of published practices: anyone may download them."""
    return _collection(PUBLIC_COLLECTION)


def draft_collection() -> Collection:
    """Documents of practices not yet published: only signed-in people get past Wagtail's restriction, and
    the `before_serve_document` hook (private_document_response) narrows that to the owner and coordinators."""
    collection = _collection(DRAFT_COLLECTION)
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
    return collection


def may_download_draft_document(user, document) -> bool:
    """The uploader, the owner of a practice that uses the document, coordinators and Wagtail moderators."""
    from zitnet.accounts.rules import is_network_coordinator

    from .models import PracticeDocument

    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser or is_network_coordinator(user) or user.has_perm("wagtaildocs.change_document"):
        return True
    if document.uploaded_by_user_id == user.pk:
        return True
    return PracticeDocument.objects.filter(document=document, page__owner=user).exists()


def private_document_response(document, request):
    """before_serve_document hook: a draft's document is refused to anyone but the people above."""
    from django.contrib.auth.views import redirect_to_login
    from django.core.exceptions import PermissionDenied

    if document.collection.name != DRAFT_COLLECTION:
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not may_download_draft_document(request.user, document):
        raise PermissionDenied
    return None


def _documents_follow_publication(sender, instance, **kwargs) -> None:
    from .services import publish_documents

    publish_documents(page=instance)


def connect() -> None:
    """When a practice is published (by Wagtail's workflow or an editor), its documents become public."""
    from wagtail.signals import page_published

    from .models import PracticePage

    page_published.connect(
        _documents_follow_publication, sender=PracticePage, dispatch_uid="knowledge-documents-public"
    )
