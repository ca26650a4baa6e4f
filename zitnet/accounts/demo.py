"""Demo people: one login per role, and the people named in the seeds (without a usable login)."""

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group

from .enums import GlobalRole, MembershipRole, MembershipStatus
from .models import Membership, RoleGrant, User

DEMO_JOINED = datetime(2025, 9, 1, 9, 0, tzinfo=UTC)
DEMO_PASSWORD = "zitnet-demo-2026"  # noqa: S105 - printed for the local demo only


@dataclass(frozen=True)
class DemoPerson:
    email: str
    first_name: str
    last_name: str
    job_title: str
    role_label: str
    organisation: str | None = None  # short name of a demo organisation
    membership_role: str = MembershipRole.MEMBER
    global_roles: tuple[str, ...] = ()
    wagtail_group: str | None = None
    superuser: bool = False
    can_log_in: bool = True


DEMO_PEOPLE = [
    DemoPerson(
        "koordynator@zitnet.test",
        "Ewa",
        "Nowicka",
        "Koordynatorka sieci",
        "koordynator sieci",
        organisation="ZIT AKO",
        global_roles=(GlobalRole.NETWORK_COORDINATOR,),
        wagtail_group="Moderators",
    ),
    DemoPerson(
        "moderator@zitnet.test",
        "Piotr",
        "Zieliński",
        "Moderator forum",
        "moderator",
        organisation="ZIT AJ",
        global_roles=(GlobalRole.MODERATOR,),
    ),
    DemoPerson(
        "ekspert@zitnet.test",
        "Katarzyna",
        "Wiśniewska",
        "Ekspertka ds. zarządzania strategicznego",
        "ekspert",
        organisation="Lektikon",
        global_roles=(GlobalRole.EXPERT,),
    ),
    DemoPerson(
        "redaktor@zitnet.test",
        "Marek",
        "Kowalczyk",
        "Specjalista ds. komunikacji",
        "redaktor organizacji",
        organisation="ZIT AKO",
        membership_role=MembershipRole.EDITOR,
    ),
    DemoPerson(
        "gospodarz@zitnet.test",
        "Agnieszka",
        "Lewandowska",
        "Kierowniczka Biura ZIT",
        "koordynator gospodarza (Forum Oceny i Współpracy)",
        organisation="ZIT AW",
        membership_role=MembershipRole.EDITOR,
    ),
    DemoPerson(
        "obserwator@zitnet.test",
        "Tomasz",
        "Wójcik",
        "Inspektor ds. rozwoju",
        "obserwator",
        organisation="Kcynia",
    ),
    DemoPerson(
        "czlonek@zitnet.test",
        "Joanna",
        "Kamińska",
        "Pracowniczka socjalna",
        "członek",
        organisation="ROPS Toruń",
    ),
    DemoPerson(
        "admin@zitnet.test",
        "Administrator",
        "Platformy",
        "Administrator techniczny",
        "administrator",
        superuser=True,
    ),
    # People named in the seeds, as members of their organisations; they do not log in to the demo.
    DemoPerson(
        "magdalena.koprowska@zitnet.test",
        "Magdalena",
        "Koprowska",
        "Dyrektor Biura ZIT Wrocławskiego Obszaru Funkcjonalnego",
        "osoba z materiałów źródłowych",
        organisation="ZIT WrOF",
        membership_role=MembershipRole.EDITOR,
        can_log_in=False,
    ),
    DemoPerson(
        "adam.michalak@zitnet.test",
        "Adam",
        "Michalak",
        "Koordynator projektu „Modelowy system na rzecz integracji społecznej”",
        "osoba z materiałów źródłowych",
        organisation="WRZOS",
        membership_role=MembershipRole.EDITOR,
        can_log_in=False,
    ),
]


def seed(out, organisations: dict) -> list[tuple[str, str, str]]:
    """Create or refresh the demo people. Returns (role, e-mail, password) rows of those who can log in."""
    logins = []
    known_password = settings.ZITNET_PRINT_DEMO_PASSWORDS
    for person in DEMO_PEOPLE:
        user, created = User.objects.get_or_create(
            email=person.email,
            defaults={"first_name": person.first_name, "last_name": person.last_name},
        )
        user.first_name, user.last_name, user.job_title = (
            person.first_name,
            person.last_name,
            person.job_title,
        )
        user.is_superuser = user.is_staff = person.superuser
        # The demo people have been in the network since it started: established accounts, so the limits on
        # new accounts (forum.services: one post per 30 s) do not get in the way of a demo.
        user.date_joined = DEMO_JOINED
        if not person.can_log_in:
            user.set_unusable_password()
        elif known_password:
            user.set_password(DEMO_PASSWORD)
        elif created:
            # Outside development no known password is ever set: use "forgot password" to get in.
            user.set_password(secrets.token_urlsafe(24))
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=person.email, defaults={"verified": True, "primary": True}
        )
        for role in person.global_roles:
            RoleGrant.objects.get_or_create(user=user, role=role)
        if person.wagtail_group:
            user.groups.add(Group.objects.get_or_create(name=person.wagtail_group)[0])
        if person.organisation:
            Membership.objects.update_or_create(
                user=user,
                organisation=organisations[person.organisation],
                defaults={"role": person.membership_role, "status": MembershipStatus.ACTIVE},
            )
        if person.can_log_in:
            logins.append((person.role_label, person.email, DEMO_PASSWORD if known_password else "—"))
    out.write(f"  people: {len(DEMO_PEOPLE)} demo accounts")
    return logins
