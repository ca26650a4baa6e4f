"""Every change to the directory goes through here: one transaction, one audit entry saying who changed what."""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _

from zitnet.accounts.enums import MembershipRole, MembershipStatus
from zitnet.accounts.models import Membership
from zitnet.core.audit import record
from zitnet.core.errors import DomainError

from .enums import PositionSource, VerificationStatus
from .geocoding import geocode
from .models import Contact, CooperationEntry, Organisation, Service

logger = logging.getLogger("zitnet.directory")

POSITION_FIELDS = ("latitude", "longitude")


def _plain(value):
    if hasattr(value, "all"):  # a related manager
        return sorted(str(item) for item in value.all())
    if isinstance(value, list | tuple | set):
        return sorted(str(item) for item in value)
    if isinstance(value, FieldFile):
        return value.name or ""
    return value if isinstance(value, bool | int | float | type(None)) else str(value)


def snapshot(instance, fields) -> dict:
    return {field: _plain(getattr(instance, field)) for field in fields}


def diff(before: dict, after: dict) -> dict:
    return {field: [before.get(field), after[field]] for field in after if before.get(field) != after[field]}


def unique_slug(name: str) -> str:
    """An unused address for a new entry, from its name (gmina-kcynia, gmina-kcynia-2, …)."""
    from .demo import make_slug

    base = make_slug(name) or "organizacja"
    slug, number = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug = f"{base[:110]}-{number}"
        number += 1
    return slug


def _place_by_town(located, voivodeship: str) -> None:
    """Position from the town name unless someone set it by hand."""
    place = geocode(located.city, voivodeship) if located.city else None
    if place:
        located.latitude, located.longitude = place.latitude, place.longitude


def locate(organisation: Organisation) -> None:
    if organisation.position_source == PositionSource.MANUAL:
        return
    town = organisation.city or organisation.municipality
    place = geocode(town, organisation.voivodeship) if town else None
    if place:
        organisation.latitude, organisation.longitude = place.latitude, place.longitude
        organisation.position_source = PositionSource.GEOCODED
    elif organisation.position_source == PositionSource.GEOCODED:
        organisation.latitude = organisation.longitude = None
        organisation.position_source = PositionSource.NONE


@transaction.atomic
def save_organisation(
    *, organisation: Organisation, form, user, action: str = "zitnet.directory.update"
) -> Organisation:
    """Save an organisation form (create or edit), geocode it, and log the change field by field."""
    model_fields = {field.name for field in Organisation._meta.get_fields()}
    fields = [name for name in form.fields if name in model_fields]
    before = {} if organisation.pk is None else snapshot(Organisation.objects.get(pk=organisation.pk), fields)
    creating = organisation.pk is None
    organisation = form.save(commit=False)
    manual = any(field in form.changed_data for field in POSITION_FIELDS) and organisation.has_position
    if manual:
        organisation.position_source = PositionSource.MANUAL
    elif {"city", "municipality", "voivodeship"} & set(form.changed_data) or creating:
        locate(organisation)
    organisation.save()
    form.save_m2m()
    changes = diff(before, snapshot(organisation, fields))
    if changes or creating:
        record(
            organisation,
            "zitnet.directory.create" if creating else action,
            user=user,
            data={"changes": changes},
        )
    return organisation


@transaction.atomic
def set_position(
    *, organisation: Organisation, latitude: float | None, longitude: float | None, user
) -> None:
    """A coordinator corrects the map position by hand (or clears it to geocode again)."""
    before = snapshot(organisation, POSITION_FIELDS)
    if latitude is None or longitude is None:
        organisation.position_source = PositionSource.NONE
        organisation.latitude = organisation.longitude = None
        locate(organisation)
    else:
        organisation.latitude, organisation.longitude = latitude, longitude
        organisation.position_source = PositionSource.MANUAL
    organisation.save(update_fields=["latitude", "longitude", "position_source", "updated_at"])
    record(
        organisation,
        "zitnet.directory.position",
        user=user,
        data={"changes": diff(before, snapshot(organisation, POSITION_FIELDS))},
    )


@transaction.atomic
def set_verification(*, organisation: Organisation, verified: bool, user) -> None:
    organisation.verification_status = (
        VerificationStatus.VERIFIED if verified else VerificationStatus.UNVERIFIED
    )
    organisation.verified_at = timezone.now() if verified else None
    organisation.verified_by = user if verified else None
    organisation.save(update_fields=["verification_status", "verified_at", "verified_by", "updated_at"])
    record(
        organisation,
        "zitnet.directory.verify" if verified else "zitnet.directory.unverify",
        user=user,
        data={"verified": verified},
    )


CHILD_LABELS = {Service: "service", CooperationEntry: "cooperation", Contact: "contact"}


@transaction.atomic
def save_child(*, form, organisation: Organisation, user):
    """Create or edit a service, an offer/need or a contact person of an organisation."""
    instance = form.instance
    fields = list(form.fields)
    creating = instance.pk is None
    before = {} if creating else snapshot(type(instance).objects.get(pk=instance.pk), fields)
    instance = form.save(commit=False)
    instance.organisation = organisation
    if isinstance(instance, Service):
        if {"city", "street_address"} & set(form.changed_data) or creating:
            if instance.city:
                _place_by_town(instance, organisation.voivodeship)
            if not instance.has_position:
                instance.latitude, instance.longitude = organisation.latitude, organisation.longitude
    if isinstance(instance, Contact) and "public_consent" in form.changed_data:
        instance.consent_recorded_at = timezone.now() if instance.public_consent else None
    instance.save()
    form.save_m2m()
    changes = diff(before, snapshot(instance, fields))
    kind = CHILD_LABELS[type(instance)]
    record(
        organisation,
        f"zitnet.directory.{kind}.{'add' if creating else 'change'}",
        user=user,
        data={"object": kind, "id": instance.pk, "label": str(instance), "changes": changes},
    )
    return instance


@transaction.atomic
def delete_child(*, instance, user) -> None:
    organisation = instance.organisation
    kind = CHILD_LABELS[type(instance)]
    data = {"object": kind, "id": instance.pk, "label": str(instance)}
    instance.delete()
    record(organisation, f"zitnet.directory.{kind}.delete", user=user, data=data)


@transaction.atomic
def merge(*, duplicate: Organisation, into: Organisation, user) -> Organisation:
    """Move everything of a duplicate entry onto the entry that stays; the duplicate redirects there."""
    if duplicate.pk == into.pk:
        raise DomainError(_("An organisation cannot be merged into itself."), code="same")
    if duplicate.merged_into_id or into.merged_into_id:
        raise DomainError(_("This entry has already been merged."), code="merged")
    moved = {
        "services": Service.objects.filter(organisation=duplicate).update(organisation=into),
        "cooperation": CooperationEntry.objects.filter(organisation=duplicate).update(organisation=into),
        "contacts": Contact.objects.filter(organisation=duplicate).update(organisation=into),
    }
    memberships = 0
    for membership in Membership.objects.filter(organisation=duplicate).select_related("user"):
        existing = Membership.objects.filter(organisation=into, user=membership.user).first()
        if existing is None:
            membership.organisation = into
            membership.save(update_fields=["organisation"])
        else:
            if membership.role == MembershipRole.EDITOR and membership.status == MembershipStatus.ACTIVE:
                existing.role, existing.status = MembershipRole.EDITOR, MembershipStatus.ACTIVE
                existing.save(update_fields=["role", "status"])
            membership.delete()
        memberships += 1
    moved["memberships"] = memberships
    into.associations.add(*duplicate.associations.exclude(pk=into.pk))
    for body in duplicate.member_bodies.exclude(pk=into.pk):
        body.associations.add(into)
    duplicate.member_bodies.clear()
    into.expertise.add(*duplicate.expertise.all())
    for field in (
        "description",
        "website",
        "contact_email",
        "phone",
        "street_address",
        "postal_code",
        "city",
        "county",
        "municipality",
    ):
        if not getattr(into, field) and getattr(duplicate, field):
            setattr(into, field, getattr(duplicate, field))
    if not into.has_position and duplicate.has_position:
        into.latitude, into.longitude, into.position_source = (
            duplicate.latitude,
            duplicate.longitude,
            duplicate.position_source,
        )
    into.save()
    duplicate.merged_into = into
    duplicate.save(update_fields=["merged_into", "updated_at"])
    Organisation.objects.filter(merged_into=duplicate).update(merged_into=into)
    record(
        into,
        "zitnet.directory.merge",
        user=user,
        data={"merged": duplicate.name, "slug": duplicate.slug, **moved},
    )
    record(duplicate, "zitnet.directory.merged_into", user=user, data={"into": into.name, "slug": into.slug})
    return into


def contact_recipients(organisation: Organisation) -> list[str]:
    """The organisation's contact address, or else its editors' addresses. Never shown to anyone."""
    if organisation.contact_email:
        return [organisation.contact_email]
    return list(
        Membership.objects.filter(
            organisation=organisation, role=MembershipRole.EDITOR, status=MembershipStatus.ACTIVE
        ).values_list("user__email", flat=True)
    )


def send_contact_message(*, organisation: Organisation, sender, subject: str, message: str) -> None:
    """E-mail the organisation through the platform: the sender sees only that the message went out.

    The recipient gets the sender's address in Reply-To; the sender gets a copy addressed to them alone,
    so the organisation's address appears in no header the sender can see.
    """
    recipients = contact_recipients(organisation)
    if not recipients:
        raise DomainError(_("This organisation cannot receive messages yet."), code="no_recipient")
    body = _(
        "%(sender)s (%(email)s) wrote to %(organisation)s through ZITnet:\n\n%(message)s\n\n"
        "Reply to this e-mail to answer them directly."
    ) % {
        "sender": sender.display_name,
        "email": sender.email,
        "organisation": organisation.name,
        "message": message,
    }
    subject_line = _("[ZITnet] %(subject)s") % {"subject": subject}
    to_organisation = EmailMessage(
        subject=subject_line,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
        reply_to=[sender.email],
    )
    copy = EmailMessage(
        subject=_("[ZITnet] Your message to %(organisation)s") % {"organisation": organisation.name},
        body=_("Your message has been sent to %(organisation)s. A copy follows.\n\n%(message)s")
        % {"organisation": organisation.name, "message": message},
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[sender.email],
    )

    def deliver():
        to_organisation.send()
        copy.send()

    transaction.on_commit(deliver)
    record(organisation, "zitnet.directory.contact", user=sender, data={"subject": subject})
    logger.info("contact message to organisation %s from user %s", organisation.pk, sender.pk)
