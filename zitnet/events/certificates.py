"""Certificates of attendance: who may have one, the verification code, and the PDF (WeasyPrint).

The code is the registration's id signed with a salt of its own (no stored field): it cannot be guessed or
altered, and it stops verifying as soon as the attendance is withdrawn.
"""

from django.contrib.staticfiles import finders
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .attendance import surname_key
from .enums import EventMode, RegistrationStatus
from .models import Event, Registration

SALT = "zitnet.events.certificate"
STYLESHEET = "css/events-certificate.css"


def certificate_code(registration: Registration) -> str:
    # No timestamp: the same registration always gets the same code, printed on every copy.
    return signing.Signer(salt=SALT).sign_object(registration.pk)


def registration_for_code(code: str) -> Registration | None:
    """The attended registration a code was issued for, or None for a forged, altered or withdrawn one."""
    try:
        pk = signing.Signer(salt=SALT).unsign_object(code)
    except (signing.BadSignature, ValueError, TypeError, UnicodeDecodeError):
        return None
    if not isinstance(pk, int):
        return None
    return (
        Registration.objects.filter(
            pk=pk,
            status=RegistrationStatus.CONFIRMED,
            attended_at__isnull=False,
            event__ends_at__lt=timezone.now(),
        )
        .select_related("user", "organisation", "event", "event__series", "event__venue", "event__organiser")
        .first()
    )


def refusal(registration: Registration | None, event: Event) -> str:
    """Why this person has no certificate for `event` (empty when they have one)."""
    if registration is None or registration.status != RegistrationStatus.CONFIRMED:
        return _("You were not a participant of this event, so there is no certificate for you.")
    if registration.attended_at is None:
        return _("Your attendance at this event was not recorded, so there is no certificate for you.")
    if not event.is_past:
        return _("The certificate of attendance is available once the event has ended.")
    return ""


def attendees(event: Event) -> list[Registration]:
    """Everyone with a certificate for `event`, by surname."""
    registrations = event.registrations.filter(
        status=RegistrationStatus.CONFIRMED, attended_at__isnull=False
    ).select_related("user", "organisation")
    return sorted(registrations, key=surname_key)


def place_of(event: Event) -> str:
    parts = []
    if event.venue_id:
        parts.append(event.venue.name)
        if event.address or event.venue.address_line:
            parts.append(event.address or event.venue.address_line)
    elif event.address:
        parts.append(event.address)
    place = ", ".join(parts)
    if event.mode == EventMode.ONLINE:
        return _("online")
    if event.mode == EventMode.HYBRID:
        return _("%(place)s and online") % {"place": place} if place else _("online")
    return place


def verification_url(request, registration: Registration) -> str:
    return request.build_absolute_uri(
        reverse("events:verify_certificate", args=[certificate_code(registration)])
    )


def _refuse_fetching():
    """A URL fetcher that fetches nothing: the certificate needs no outside file, and names come from users."""
    from weasyprint.urls import URLFetcher

    class NoFetching(URLFetcher):
        def fetch(self, url, headers=None):
            raise ValueError(f"Refused to fetch {url}")

    return NoFetching()


def render_pdf(request, event: Event, registrations: list[Registration]) -> bytes:
    """One A4 page per registration, in the language of the request."""
    from weasyprint import CSS, HTML

    certificates = [
        {
            "registration": registration,
            "code": certificate_code(registration),
            "url": verification_url(request, registration),
        }
        for registration in registrations
    ]
    html = render_to_string(
        "events/certificate.html",
        {
            "event": event,
            "certificates": certificates,
            "place": place_of(event),
            "same_day": timezone.localdate(event.starts_at) == timezone.localdate(event.ends_at),
            "issued": timezone.localdate(),
        },
        request=request,
    )
    stylesheet = finders.find(STYLESHEET)
    return HTML(
        string=html, base_url=request.build_absolute_uri("/"), url_fetcher=_refuse_fetching()
    ).write_pdf(stylesheets=[CSS(filename=stylesheet)] if stylesheet else None)
