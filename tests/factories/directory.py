"""Factories of the partner directory."""

import factory

from zitnet.directory.enums import CooperationKind, OrganisationKind, ServiceCategory, Voivodeship
from zitnet.directory.models import CooperationEntry, Organisation, Service, ThematicArea


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Związek ZIT nr {n}")
    short_name = factory.Sequence(lambda n: f"ZIT {n}")
    slug = factory.Sequence(lambda n: f"zwiazek-zit-{n}")
    kind = OrganisationKind.ZIT_ASSOCIATION
    voivodeship = Voivodeship.WIELKOPOLSKIE


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Usługa opiekuńcza nr {n}")
    category = ServiceCategory.CARE
    latitude = factory.SelfAttribute("organisation.latitude")
    longitude = factory.SelfAttribute("organisation.longitude")


def theme(code: str = "deinstytucjonalizacja") -> ThematicArea:
    return ThematicArea.objects.get(code=code)


class CooperationEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CooperationEntry

    organisation = factory.SubFactory(OrganisationFactory)
    kind = CooperationKind.OFFER
    title = factory.Sequence(lambda n: f"Wizyta studyjna nr {n}")
    theme = factory.LazyFunction(theme)
