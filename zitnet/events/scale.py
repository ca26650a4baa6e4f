"""Synthetic events for benchmarks: `seed_demo --events N` adds N events and 20 registrations per event."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from . import caching
from .enums import Audience, EventKind, EventMode, RegistrationStatus
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
        caching.bump()  # bulk_create sends no signals
    out.write(
        f"  synthetic events: {count} (registrations: {Registration.objects.filter(event__slug__startswith=PREFIX).count()})"
    )
