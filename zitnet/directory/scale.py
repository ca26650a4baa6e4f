"""Synthetic organisations for benchmarks: `seed_demo --scale N` adds N organisations with 3 services each."""

import random

from django.db import transaction

from . import caching
from .enums import CooperationKind, OrganisationKind, PositionSource, ServiceCategory
from .geocoding import _index
from .models import (
    CooperationEntry,
    ExpertiseTag,
    Organisation,
    Service,
    TaggedExpertise,
    ThematicArea,
    polish_sort_key,
)

PREFIX = "syntetyczna-"
SERVICES_PER_ORGANISATION = 3
TAGS = [
    "deinstytucjonalizacja",
    "CAL",
    "usługi opiekuńcze",
    "mieszkania wspomagane",
    "ekonomia społeczna",
    "rewitalizacja",
    "transport publiczny",
    "edukacja włączająca",
    "partycypacja",
    "zarządzanie strategiczne",
    "dostępność",
    "rady młodzieżowe",
    "zielona infrastruktura",
    "efektywność energetyczna",
    "cyfryzacja",
    "wizyty studyjne",
    "monitoring strategii",
    "model kooperacji",
    "aktywizacja zawodowa",
    "seniorzy",
]
KINDS = [choice for choice, _label in OrganisationKind.choices if choice != OrganisationKind.ZIT_ASSOCIATION]


def seed_scale(count: int, out, *, seed: int = 2026) -> None:
    """Create the missing synthetic organisations up to `count` (idempotent), in bulk."""
    existing = Organisation.objects.filter(slug__startswith=PREFIX).count()
    if existing >= count:
        out.write(f"  synthetic organisations: {existing} already there")
        return
    rng = random.Random(seed + existing)  # noqa: S311 - reproducible synthetic data, not secrets
    places = [
        place for items in _index().values() for _rank, place in items if _rank == 0 and place.voivodeship
    ]
    tags = [
        ExpertiseTag.objects.get_or_create(name=name, defaults={"slug": _tag_slug(name)})[0] for name in TAGS
    ]
    themes = list(ThematicArea.objects.all())
    categories = [choice for choice, _label in ServiceCategory.choices]
    batch = 2000
    with transaction.atomic():
        for start in range(existing, count, batch):
            stop = min(count, start + batch)
            organisations = []
            for number in range(start, stop):
                place = rng.choice(places)
                name = f"{rng.choice(['Stowarzyszenie', 'Fundacja', 'Ośrodek', 'Centrum', 'Gmina'])} {place.name} {number:05d}"
                organisations.append(
                    Organisation(
                        name=name,
                        sort_name=polish_sort_key(name),
                        slug=f"{PREFIX}{number:05d}",
                        kind=rng.choice(KINDS),
                        voivodeship=place.voivodeship,
                        county=f"powiat-{number % 380:03d}",
                        municipality=place.name,
                        city=place.name,
                        latitude=place.latitude + rng.uniform(-0.02, 0.02),
                        longitude=place.longitude + rng.uniform(-0.02, 0.02),
                        position_source=PositionSource.GEOCODED,
                        description="Organizacja syntetyczna do pomiarów wydajności.",
                        contact_email=f"{PREFIX}{number:05d}@zitnet.test",
                    )
                )
            created = Organisation.objects.bulk_create(organisations)
            created = list(
                Organisation.objects.filter(slug__in=[o.slug for o in organisations]).order_by("slug")
            )
            services, tagged, entries = [], [], []
            for org in created:
                for index in range(SERVICES_PER_ORGANISATION):
                    services.append(
                        Service(
                            organisation=org,
                            name=f"Usługa {index + 1} – {org.city}",
                            category=rng.choice(categories),
                            city=org.city,
                            latitude=org.latitude + rng.uniform(-0.01, 0.01),
                            longitude=org.longitude + rng.uniform(-0.01, 0.01),
                        )
                    )
                for tag in rng.sample(tags, 2):
                    tagged.append(TaggedExpertise(content_object=org, tag=tag))
                if rng.random() < 0.3:
                    entries.append(
                        CooperationEntry(
                            organisation=org,
                            kind=rng.choice([CooperationKind.OFFER, CooperationKind.NEED]),
                            title=f"Współpraca: {rng.choice(TAGS)}",
                            theme=rng.choice(themes),
                        )
                    )
            Service.objects.bulk_create(services, batch_size=2000)
            TaggedExpertise.objects.bulk_create(tagged, batch_size=2000)
            CooperationEntry.objects.bulk_create(entries, batch_size=2000)
    caching.bump()
    out.write(f"  synthetic organisations: {count} ({count * SERVICES_PER_ORGANISATION} services)")


def _tag_slug(name: str) -> str:
    from .demo import make_slug

    return make_slug(name)
