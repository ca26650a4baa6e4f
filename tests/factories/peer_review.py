"""A review cycle built through the services, up to any phase: hosts, experts, challenges, observers."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from peer_review import report as reports
from peer_review import services
from peer_review.enums import ApplicationStatus, CyclePhase, HostRole, MeetingKind
from peer_review.models import Challenge, Cycle, Host, ObserverApplication, Recommendation
from zitnet.accounts.enums import GlobalRole, MembershipRole
from zitnet.directory.enums import OrganisationKind, Voivodeship
from zitnet.directory.models import ThematicArea

from .accounts import MembershipFactory, UserFactory, grant
from .directory import OrganisationFactory

THEMES = ["zarzadzanie_strategiczne_mof", "partycypacja_partnerstwo", "uslugi_spoleczne"]
HOST_VOIVODESHIPS = [Voivodeship.WIELKOPOLSKIE, Voivodeship.DOLNOSLASKIE, Voivodeship.DOLNOSLASKIE]
OBSERVER_VOIVODESHIPS = [
    Voivodeship.KUJAWSKO_POMORSKIE,
    Voivodeship.LODZKIE,
    Voivodeship.ZACHODNIOPOMORSKIE,
    Voivodeship.POMORSKIE,
]


@dataclass
class World:
    cycle: Cycle
    coordinator: object
    hosts: list[Host] = field(default_factory=list)
    host_coordinators: list = field(default_factory=list)
    experts: list = field(default_factory=list)
    challenges: list[Challenge] = field(default_factory=list)
    applications: list[ObserverApplication] = field(default_factory=list)

    @property
    def observers(self) -> list:
        return [a.user for a in self.applications]

    def refresh(self) -> "World":
        self.cycle.refresh_from_db()
        for challenge in self.challenges:
            challenge.refresh_from_db()
        for application in self.applications:
            application.refresh_from_db()
        return self


def coordinator_user(**kwargs):
    return grant(UserFactory(first_name="Koordynatorka", **kwargs), GlobalRole.NETWORK_COORDINATOR)


def observer_user(organisation=None, **kwargs):
    organisation = organisation or OrganisationFactory(kind=OrganisationKind.MUNICIPALITY_URBAN_RURAL)
    return MembershipFactory(organisation=organisation, user__first_name="Obserwator", **kwargs).user


def advance(world: World, to_phase: str) -> World:
    """Walk the cycle forward, doing what each phase needs, until it reaches `to_phase`."""
    cycle = world.cycle
    while CyclePhase.index(cycle.phase) < CyclePhase.index(to_phase):
        following = CyclePhase.following(cycle.phase)
        if following == CyclePhase.RECRUITMENT:
            for challenge in world.challenges:
                challenge.refresh_from_db()
                if challenge.state != "approved":
                    services.submit_challenge(actor=None, challenge=challenge)
                    services.approve_challenge(actor=None, challenge=challenge)
        if following == CyclePhase.ASSIGNMENT:
            services.accept_by_priority(actor=None, cycle=cycle)
        if following == CyclePhase.PREPARATION:
            run = services.run_assignment(actor=None, cycle=cycle)
            services.publish_run(actor=None, run=run)
            now = timezone.now()
            services.save_meeting(
                actor=None, cycle=cycle, kind=MeetingKind.PREPARATORY, title="Spotkanie przygotowawcze",
                starts_at=now - timedelta(hours=2), ends_at=now - timedelta(hours=1),
                online_url="https://spotkanie.example.org/forum",
            )  # fmt: skip
        if following == CyclePhase.ONSITE:
            meeting = cycle.meetings.get(kind=MeetingKind.PREPARATORY)
            services.send_invitations(actor=None, meeting=meeting)
            services.record_attendance(
                actor=None, meeting=meeting, present=meeting.attendance.values_list("user_id", flat=True)
            )
            now = timezone.now()
            onsite = services.save_meeting(
                actor=None, cycle=cycle, kind=MeetingKind.ONSITE, title="Spotkanie stacjonarne w Kaliszu",
                starts_at=now - timedelta(minutes=30), ends_at=now + timedelta(hours=6), address="Kalisz",
            )  # fmt: skip
            services.add_agenda_item(
                actor=None, meeting=onsite, kind="plenary", title="Otwarcie",
                starts_at=onsite.starts_at, ends_at=onsite.starts_at + timedelta(minutes=30),
            )  # fmt: skip
        if following == CyclePhase.REPORT_DRAFTING:
            meeting = cycle.meetings.get(kind=MeetingKind.ONSITE)
            services.send_invitations(actor=None, meeting=meeting)
            services.record_attendance(
                actor=None, meeting=meeting, present=meeting.attendance.values_list("user_id", flat=True)
            )
        if following == CyclePhase.HOST_REVIEW:
            for challenge in cycle.challenges.filter(state="approved", recommendations__isnull=True):
                Recommendation.objects.create(
                    challenge=challenge,
                    text="Opracować wspólny plan działań.",
                    addressee="Zarząd związku ZIT",
                )
            reports.assemble(cycle=cycle, actor=None)
        if following == CyclePhase.PUBLISHED:
            for host in cycle.hosts.all():
                reports.decide_host_review(host=host, actor=None, approve=True)
        services.transition(actor=None, cycle=cycle, to_phase=following)
        cycle.refresh_from_db()
    return world.refresh()


def build_world(
    *,
    phase: str = CyclePhase.IDENTIFICATION,
    observers: int = 12,
    challenges_per_host: int = 3,
    coordinator=None,
) -> World:
    """A cycle with a leader and two partners (each with a coordinator and an expert), their challenges in
    draft, and `observers` applicants from different municipalities, moved on to `phase`."""
    coordinator = coordinator or coordinator_user()
    cycle = services.create_cycle(
        actor=None,
        title="Forum Oceny i Współpracy 2026",
        challenges_per_host=challenges_per_host,
        observers_minimum=min(observers, 30),
        observers_maximum=max(observers, 1),
        observers_per_challenge_min=2,
        observers_per_challenge_max=4,
        challenges_per_observer=2,
        max_per_organisation=1,
    )
    world = World(cycle=cycle, coordinator=coordinator)
    themes = list(ThematicArea.objects.filter(code__in=THEMES))
    for index, voivodeship in enumerate(HOST_VOIVODESHIPS):
        organisation = OrganisationFactory(voivodeship=voivodeship, name=f"Związek ZIT gospodarz {index + 1}")
        host_coordinator = MembershipFactory(
            organisation=organisation, role=MembershipRole.EDITOR, user__first_name="Gospodarz"
        ).user
        expert = grant(UserFactory(first_name="Ekspert"), GlobalRole.EXPERT)
        host = services.add_host(
            actor=None,
            cycle=cycle,
            organisation=organisation,
            role=HostRole.LEADER if index == 0 else HostRole.PARTNER,
            coordinator=host_coordinator,
            experts=[expert],
        )
        world.hosts.append(host)
        world.host_coordinators.append(host_coordinator)
        world.experts.append(expert)
    if CyclePhase.index(phase) >= CyclePhase.index(CyclePhase.IDENTIFICATION):
        services.transition(actor=None, cycle=cycle, to_phase=CyclePhase.IDENTIFICATION)
        for host in world.hosts:
            for n in range(challenges_per_host):
                world.challenges.append(
                    services.save_challenge(
                        actor=None,
                        host=host,
                        title=f"Wyzwanie {n + 1} gospodarza {host.position}",
                        guiding_question="Jak lepiej koordynować planowanie strategiczne w MOF?",
                        context="Kontekst wyzwania: opis sytuacji w obszarze funkcjonalnym.",
                        themes=[themes[n % len(themes)]] if themes else [],
                    )
                )
    if CyclePhase.index(phase) >= CyclePhase.index(CyclePhase.RECRUITMENT):
        advance(world, CyclePhase.RECRUITMENT)
        for n in range(observers):
            organisation = OrganisationFactory(
                kind=OrganisationKind.MUNICIPALITY_URBAN_RURAL,
                voivodeship=OBSERVER_VOIVODESHIPS[n % len(OBSERVER_VOIVODESHIPS)],
                name=f"Gmina obserwatora {n + 1}",
            )
            person = observer_user(organisation)
            ranked = [world.challenges[(n + i) % len(world.challenges)].pk for i in range(3)]
            world.applications.append(
                services.apply_as_observer(
                    user=person,
                    cycle=cycle,
                    organisation=organisation,
                    motivation="Chcę poznać praktyki zarządzania strategicznego w innych MOF.",
                    availability="both",
                    preferences=ranked,
                    expertise=["planowanie strategiczne"],
                    expertise_areas=themes[:1],
                )
            )
    advance(world, phase)
    return world


def accepted(world: World) -> list[ObserverApplication]:
    return [a for a in world.refresh().applications if a.status == ApplicationStatus.ACCEPTED]
