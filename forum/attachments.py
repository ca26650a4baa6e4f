"""Checks of files attached to posts, by content and size: pictures (PNG, JPEG, WebP, read by Pillow) and
documents (PDF, DOCX, XLSX, ODT, TXT, checked as knowledge.uploads checks documents). Nothing else, no SVG."""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from knowledge.uploads import validate_document

MAX_BYTES = 10 * 1024 * 1024
MAX_FILES = 5
MAX_IMAGE_PIXELS = 40_000_000
IMAGE_TYPES = {"png": ("PNG", "image/png"), "jpg": ("JPEG", "image/jpeg"), "jpeg": ("JPEG", "image/jpeg"),
               "webp": ("WEBP", "image/webp")}  # fmt: skip
DOCUMENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "txt": "text/plain",
}
ALLOWED = sorted({*IMAGE_TYPES, *DOCUMENT_TYPES})


def _extension(name: str) -> str:
    return PurePath(name or "").suffix.lower().lstrip(".")


def _check_image(file, expected: str) -> None:
    from PIL import Image as PILImage

    try:
        file.seek(0)
        with PILImage.open(file) as picture:
            kind = picture.format
            width, height = picture.size
            picture.verify()
    except Exception as exc:  # Pillow raises many kinds of errors for broken or disguised files
        raise ValidationError(
            _("“%(name)s” is not a picture we can read.") % {"name": PurePath(file.name).name}, code="image"
        ) from exc
    finally:
        file.seek(0)
    if kind != expected:
        raise ValidationError(
            _("The content of “%(name)s” does not match its name.") % {"name": PurePath(file.name).name},
            code="image_format",
        )
    if width * height > MAX_IMAGE_PIXELS:
        raise ValidationError(_("The picture has too many pixels; make it smaller."), code="pixels")


def check(file) -> tuple[str, str]:
    """Refuse a file of another type, over 10 MB, empty, or whose content is not what its name says.
    Returns (a safe file name, the content type to serve it with)."""
    name = PurePath(getattr(file, "name", "") or "").name
    extension = _extension(name)
    if extension not in IMAGE_TYPES and extension not in DOCUMENT_TYPES:
        raise ValidationError(
            _("Files of this type cannot be attached. Allowed types: %(types)s.")
            % {"types": ", ".join(ALLOWED)},
            code="extension",
        )
    size = getattr(file, "size", None) or 0
    if size > MAX_BYTES:
        raise ValidationError(
            _("The file “%(name)s” is too large (%(size)s). The limit is %(limit)s.")
            % {"name": name, "size": filesizeformat(size), "limit": filesizeformat(MAX_BYTES)},
            code="size",
        )
    if not size:
        raise ValidationError(_("The file “%(name)s” is empty.") % {"name": name}, code="empty")
    if extension in IMAGE_TYPES:
        expected, content_type = IMAGE_TYPES[extension]
        _check_image(file, expected)
    else:
        validate_document(file)
        content_type = DOCUMENT_TYPES[extension]
    safe = get_valid_filename(name)[:150] or f"plik.{extension}"
    return safe, content_type


def is_image(attachment) -> bool:
    return attachment.content_type.startswith("image/")
