"""Factories of the partner directory."""

import factory

from zitnet.directory.enums import OrganisationKind, Voivodeship
from zitnet.directory.models import Organisation


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Związek ZIT nr {n}")
    short_name = factory.Sequence(lambda n: f"ZIT {n}")
    slug = factory.Sequence(lambda n: f"zwiazek-zit-{n}")
    kind = OrganisationKind.ZIT_ASSOCIATION
    voivodeship = Voivodeship.WIELKOPOLSKIE
