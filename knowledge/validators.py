"""Validators of knowledge fields: project-record links and links that must not run script."""

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def _host_is(url: str, domain: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host == domain or host.endswith("." + domain)


def validate_kohesio_url(value: str) -> None:
    if value and not _host_is(value, "kohesio.ec.europa.eu"):
        raise ValidationError(_("Enter a link to a project on kohesio.ec.europa.eu."), code="kohesio")


def validate_keep_eu_url(value: str) -> None:
    if value and not _host_is(value, "keep.eu"):
        raise ValidationError(_("Enter a link to a project on keep.eu."), code="keep_eu")


def validate_safe_link(value: str) -> None:
    """A path on this site or an http(s) address; anything else (javascript:, data:) is refused."""
    if not value:
        return
    if value.startswith("/") and not value.startswith("//"):
        return
    if urlsplit(value).scheme.lower() in {"http", "https"}:
        return
    raise ValidationError(_("Enter a path on this site or an address starting with https://."), code="link")
