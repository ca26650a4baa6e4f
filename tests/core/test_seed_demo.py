"""seed_demo: the organisations and people of the seeds, one login per role, idempotent."""

import pytest
from django.core.management import call_command
from django.test import Client

from zitnet.accounts.enums import GlobalRole, MembershipRole
from zitnet.accounts.models import Membership, RoleGrant, User
from zitnet.directory.enums import OrganisationKind, Voivodeship
from zitnet.directory.models import Organisation

pytestmark = pytest.mark.django_db


def seed():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_seed_is_idempotent_and_complete(settings):
    settings.ZITNET_PRINT_DEMO_PASSWORDS = True
    seed()
    counts = (
        Organisation.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        RoleGrant.objects.count(),
    )
    seed()
    assert (
        Organisation.objects.count(),
        User.objects.count(),
        Membership.objects.count(),
        RoleGrant.objects.count(),
    ) == counts

    for name in [
        "Stowarzyszenie Metropolia Krakowska",
        "Stowarzyszenie Aglomeracja Kalisko-Ostrowska",
        "Zintegrowane Inwestycje Terytorialne Wrocławskiego Obszaru Funkcjonalnego",
        "Zintegrowane Inwestycje Terytorialne Aglomeracji Jeleniogórskiej",
        "Zintegrowane Inwestycje Terytorialne Aglomeracji Wałbrzyskiej",
        "Regionalny Ośrodek Polityki Społecznej w Toruniu",
        "Wspólnota Robocza Związków Organizacji Socjalnych",
        "Gmina Kcynia",
    ]:
        assert Organisation.objects.filter(name=name).exists(), name
    walbrzych = Organisation.objects.get(short_name="ZIT AW")
    assert walbrzych.slug.startswith("zintegrowane-inwestycje-terytorialne-aglomeracji-walbrzyskiej")
    assert Organisation.objects.get(short_name="ZIT AKO").voivodeship == Voivodeship.WIELKOPOLSKIE
    assert Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY_URBAN_RURAL).count() == 30
    assert Organisation.objects.filter(
        kind=OrganisationKind.ZIT_ASSOCIATION, is_new_zit_association=True
    ).exists()

    coordinator = User.objects.get(email="koordynator@zitnet.test")
    assert GlobalRole.NETWORK_COORDINATOR in coordinator.global_roles
    assert Membership.objects.get(user__email="redaktor@zitnet.test").role == MembershipRole.EDITOR
    assert not User.objects.get(email="adam.michalak@zitnet.test").has_usable_password()


def test_demo_member_can_log_in_with_printed_password(settings):
    settings.ZITNET_PRINT_DEMO_PASSWORDS = True
    seed()
    client = Client()
    client.post("/konto/login/", {"login": "czlonek@zitnet.test", "password": "zitnet-demo-2026"})
    assert "_auth_user_id" in client.session


def test_outside_development_no_known_password_is_set(settings):
    settings.ZITNET_PRINT_DEMO_PASSWORDS = False
    seed()
    assert not User.objects.get(email="czlonek@zitnet.test").check_password("zitnet-demo-2026")


def test_the_demo_content_is_searchable_after_seeding():
    from search import api

    seed()  # inside the test's transaction no after-commit indexing runs: seed_demo completes the index itself
    titles = [hit.title for hit in api.search(api.make_query("edukacji włączającej")).hits]
    assert any("edukacji włączającej" in title for title in titles)
    assert api.search(api.make_query("krakow", types=["organisation"])).total >= 1
