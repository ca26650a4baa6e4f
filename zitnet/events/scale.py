"""Synthetic events for benchmarks: `seed_demo --events N` adds N events and 20 registrations per event.

The synthetic people are members of the ZIT associations (in turn), and 4 in 5 confirmed registrations of past
events have their attendance recorded, so the Leaders' Corps has real counting to do.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Mod
from django.utils import timezone

from . import caching
from .enums import AttendanceSource, Audience, EventKind, EventMode, RegistrationStatus
from .models import Event, Registration

PREFIX = "syntetyczne-wydarzenie-"
REGISTRATIONS_PER_EVENT = 20
PEOPLE = 2_000
BATCH = 5_000


def _people(count: int) -> list[int]:
    from zitnet.accounts.models import User

    existing = list(
        User.objects.filter(email__startswith="uczestnik-").order_by("pk").values_list("pk", flat=True)
    )
    missing = count - len(existing)
    if missing > 0:
        User.objects.bulk_create(
            [
                User(
                    email=f"uczestnik-{len(existing) + n:05d}@zitnet.test",
                    first_name="Uczestnik",
                    password="!",  # noqa: S106 - an unusable password (no login)
                )
                for n in range(missing)
            ],
            batch_size=BATCH,
        )
        existing = list(
            User.objects.filter(email__startswith="uczestnik-").order_by("pk").values_list("pk", flat=True)
        )
    return existing[:count]


def seed_events(count: int, out, *, seed: int = 2026) -> None:
    """Create the missing synthetic events up to `count` (idempotent), with their registrations, in bulk."""
    existing = Event.objects.filter(slug__startswith=PREFIX).count()
    if existing >= count:
        out.write(f"  synthetic events: {existing} already there")
        _memberships(_people(PEOPLE))
        _attendance(out)
        return
    rng = random.Random(seed + existing)  # noqa: S311 - reproducible synthetic data, not secrets
    people = _people(PEOPLE)
    kinds, modes = list(EventKind.values), list(EventMode.values)
    start = timezone.now() - timedelta(days=365)
    with transaction.atomic():
        events = []
        for n in range(existing, count):
            starts = start + timedelta(days=rng.randint(0, 900), hours=rng.randint(8, 15))
            events.append(
                Event(
                    title=f"Warsztat syntetyczny nr {n:05d}",
                    slug=f"{PREFIX}{n:05d}",
                    kind=rng.choice(kinds),
                    mode=rng.choice(modes),
                    starts_at=starts,
                    ends_at=starts + timedelta(hours=rng.choice([2, 4, 6])),
                    address="ul. Przykładowa 1, Kalisz",
                    capacity=rng.choice([None, 20, 30, 60]),
                    audience=Audience.MEMBERS if n % 3 == 2 else Audience.PUBLIC,
                    description="Wydarzenie wygenerowane do pomiarów wydajności.",
                )
            )
        created = Event.objects.bulk_create(events, batch_size=BATCH)
        registrations = []
        for event in created:
            for person in rng.sample(people, REGISTRATIONS_PER_EVENT):
                registrations.append(
                    Registration(
                        event=event,
                        user_id=person,
                        status=RegistrationStatus.CONFIRMED,
                        consent_at=event.starts_at,
                    )
                )
            if len(registrations) >= BATCH:
                Registration.objects.bulk_create(registrations, batch_size=BATCH)
                registrations = []
        Registration.objects.bulk_create(registrations, batch_size=BATCH)
        _memberships(people)
        _attendance(out)
        caching.bump()  # bulk_create sends no signals
    out.write(
        f"  synthetic events: {count} (registrations: {Registration.objects.filter(event__slug__startswith=PREFIX).count()})"
    )


def _memberships(people: list[int]) -> None:
    """Each synthetic person an active member of a ZIT association, in turn (idempotent)."""
    from zitnet.accounts.enums import MembershipStatus
    from zitnet.accounts.models import Membership
    from zitnet.directory.models import Organisation

    associations = list(Organisation.objects.associations().order_by("pk").values_list("pk", flat=True))
    if not associations:
        return
    Membership.objects.bulk_create(
        [
            Membership(
                user_id=person,
                organisation_id=associations[n % len(associations)],
                status=MembershipStatus.ACTIVE,
            )
            for n, person in enumerate(people)
        ],
        batch_size=BATCH,
        ignore_conflicts=True,
    )


def _attendance(out) -> None:
    """Attendance of the synthetic events that are over: 4 in 5 confirmed registrations (by id, so the same ones
    on every run), checked in at the start. Idempotent; events that ended since the last run get theirs."""
    started = Event.objects.filter(pk=OuterRef("event_id")).values("starts_at")
    marked = (
        Registration.objects.filter(
            event__slug__startswith=PREFIX,
            event__ends_at__lt=timezone.now(),
            status=RegistrationStatus.CONFIRMED,
            attended_at__isnull=True,
        )
        .alias(bucket=Mod("pk", 5))
        .exclude(bucket=0)
        .update(attended_at=Subquery(started), attendance_source=AttendanceSource.CHECK_IN)
    )
    if marked:
        out.write(f"  synthetic attendance: {marked} registrations of past events marked attended")
