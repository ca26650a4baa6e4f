"""Factories of events: by default a published public workshop next month, 20 places, registration open."""

from datetime import timedelta

import factory
from django.utils import timezone

from zitnet.events.enums import Audience, EventKind, EventMode, RegistrationStatus
from zitnet.events.models import Event, EventSeries, Registration

from .accounts import UserFactory


class EventSeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventSeries

    title = factory.Sequence(lambda n: f"Moduł zarządzania strategicznego {n}")
    slug = factory.Sequence(lambda n: f"modul-{n}")
    description = "Warsztaty i superwizje dla kadr Związków ZIT."


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Warsztat o zasadach horyzontalnych nr {n}")
    slug = factory.Sequence(lambda n: f"warsztat-{n}")
    kind = EventKind.WORKSHOP
    mode = EventMode.ONSITE
    starts_at = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0) + timedelta(days=30))
    ends_at = factory.LazyAttribute(lambda e: e.starts_at + timedelta(hours=5))
    address = "ul. Główny Rynek 20, Kalisz"
    capacity = 20
    registration_opens_at = factory.LazyAttribute(lambda e: e.starts_at - timedelta(days=60))
    registration_closes_at = factory.LazyAttribute(lambda e: e.starts_at - timedelta(days=1))
    audience = Audience.PUBLIC
    description = "Równość szans, niedyskryminacja, zrównoważony rozwój i zasada DNSH w praktyce."
    is_published = True

    @factory.post_generation
    def organisers(self, create, extracted, **kwargs):
        if create and extracted:
            self.organisers.add(*extracted)


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A registration written directly, for arranging a state; tests of registering call the service."""

    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    status = RegistrationStatus.CONFIRMED
    consent_at = factory.LazyFunction(timezone.now)
