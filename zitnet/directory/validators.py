"""Upload checks: a logo is judged by its content, not by its name or the browser's word."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

MAX_LOGO_BYTES = 5 * 1024 * 1024
LOGO_FORMATS = {"PNG", "JPEG", "WEBP", "GIF"}
MAX_LOGO_PIXELS = 40_000_000


def validate_logo(file) -> None:
    size = getattr(file, "size", None)
    if size is not None and size > MAX_LOGO_BYTES:
        raise ValidationError(_("The logo may be at most 5 MB."), code="too_large")
    try:
        position = file.tell()
    except (AttributeError, OSError, ValueError):
        position = None
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as error:
        raise ValidationError(
            _("The logo must be a PNG, JPEG, WebP or GIF image."), code="not_an_image"
        ) from error
    finally:
        if position is not None:
            file.seek(position)
    if image_format not in LOGO_FORMATS:
        raise ValidationError(_("The logo must be a PNG, JPEG, WebP or GIF image."), code="format")
    if width * height > MAX_LOGO_PIXELS:
        raise ValidationError(_("The logo image is too large in pixels."), code="too_many_pixels")
