"""Factories of the report part of the Forum: findings, consolidated recommendations, the report and its
sections, written as rows (quick), plus `report_world`: a cycle with hosts, challenges and an assembled-looking
report, without going through the phases."""

from dataclasses import dataclass, field

import factory
from django.utils import timezone

from peer_review.enums import (
    ApplicationStatus,
    ChallengeState,
    CyclePhase,
    FindingKind,
    FindingState,
    HostRole,
    SectionKind,
)
from peer_review.models import (
    Challenge,
    Cycle,
    Finding,
    Host,
    ObserverApplication,
    Recommendation,
    Report,
    ReportSection,
)
from zitnet.accounts.enums import GlobalRole, MembershipRole

from .accounts import MembershipFactory, UserFactory, grant
from .directory import OrganisationFactory


class CycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cycle

    title = "Forum Oceny i Współpracy 2026"
    slug = factory.Sequence(lambda n: f"forum-raport-{n}")
    phase = CyclePhase.REPORT_DRAFTING


class HostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Host

    cycle = factory.SubFactory(CycleFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = HostRole.PARTNER
    position = factory.Sequence(int)


class ChallengeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Challenge

    host = factory.SubFactory(HostFactory)
    cycle = factory.SelfAttribute("host.cycle")
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Wyzwanie {n + 1}: koordynacja usług społecznych")
    guiding_question = "Jak lepiej koordynować usługi społeczne w MOF?"
    context = "Kontekst wyzwania."
    state = ChallengeState.APPROVED


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Finding

    challenge = factory.SubFactory(ChallengeFactory)
    author = factory.SubFactory(UserFactory)
    kind = FindingKind.STRENGTH
    text = "Dobra współpraca gmin w ramach związku."
    state = FindingState.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    challenge = factory.SubFactory(ChallengeFactory)
    text = factory.Sequence(lambda n: f"Powołać zespół międzygminny ds. usług społecznych nr {n}.")
    addressee = "Zarząd związku ZIT"
    time_frame = "do końca 2027 r."
    priority = "high"
    position = factory.Sequence(int)


class ReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Report

    cycle = factory.SubFactory(CycleFactory)
    title = factory.LazyAttribute(lambda o: f"Raport z Forum: {o.cycle.title}")
    assembled_at = factory.LazyFunction(timezone.now)


class ReportSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportSection

    report = factory.SubFactory(ReportFactory)
    key = factory.Sequence(lambda n: f"sekcja-{n}")
    kind = SectionKind.INTRODUCTION
    position = factory.Sequence(int)
    title = factory.Sequence(lambda n: f"Sekcja {n}")
    body = "Treść sekcji."
    generated = factory.SelfAttribute("body")


@dataclass
class ReportWorld:
    cycle: Cycle
    report: Report
    hosts: list[Host] = field(default_factory=list)
    challenges: list[Challenge] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)
    sections: list[ReportSection] = field(default_factory=list)
    coordinator: object = None
    experts: list = field(default_factory=list)
    host_coordinators: list = field(default_factory=list)
    observer: object = None


def report_world(
    *,
    phase: str = CyclePhase.REPORT_DRAFTING,
    hosts: int = 2,
    challenges_per_host: int = 2,
    recommendations_per_challenge: int = 2,
    with_report: bool = True,
) -> ReportWorld:
    """A cycle in `phase` with a leader and partners (each with a coordinator and an expert), approved
    challenges, an accepted observer and — unless `with_report` is False — a report: an introduction, per host a
    section followed by its challenges' sections, and participation; recommendations per challenge."""
    cycle = CycleFactory(phase=phase)
    coordinator = grant(UserFactory(first_name="Koordynatorka"), GlobalRole.NETWORK_COORDINATOR)
    world = ReportWorld(cycle=cycle, report=None, coordinator=coordinator)
    for h in range(hosts):
        organisation = OrganisationFactory(name=f"Związek ZIT gospodarz {h + 1}")
        host_coordinator = MembershipFactory(
            organisation=organisation, role=MembershipRole.EDITOR, user__first_name="Gospodarz"
        ).user
        expert = grant(UserFactory(first_name="Ekspert"), GlobalRole.EXPERT)
        host = HostFactory(
            cycle=cycle,
            organisation=organisation,
            role=HostRole.LEADER if h == 0 else HostRole.PARTNER,
            coordinator=host_coordinator,
            position=h,
        )
        host.experts.add(expert)
        world.hosts.append(host)
        world.host_coordinators.append(host_coordinator)
        world.experts.append(expert)
        for c in range(challenges_per_host):
            number = h * challenges_per_host + c + 1
            challenge = ChallengeFactory(
                host=host, cycle=cycle, number=number, title=f"Wyzwanie {number}: gospodarz {h + 1}"
            )
            world.challenges.append(challenge)
            for r in range(recommendations_per_challenge):
                world.recommendations.append(
                    RecommendationFactory(
                        challenge=challenge,
                        position=r,
                        text=f"Rekomendacja {r + 1} do wyzwania {number}.",
                        priority=["high", "medium", "low"][r % 3],
                    )
                )
    observer_organisation = OrganisationFactory(name="Gmina obserwatora")
    world.observer = MembershipFactory(organisation=observer_organisation, user__first_name="Obserwator").user
    ObserverApplication.objects.create(
        cycle=cycle,
        user=world.observer,
        organisation=observer_organisation,
        motivation="Chcę się uczyć.",
        status=ApplicationStatus.ACCEPTED,
    )
    if with_report:
        world.report = ReportFactory(cycle=cycle, title=f"Raport: {cycle.title}")
        position = 0

        def section(**fields) -> ReportSection:
            nonlocal position
            position += 1
            made = ReportSectionFactory(report=world.report, position=position, **fields)
            world.sections.append(made)
            return made

        section(key="intro", kind=SectionKind.INTRODUCTION, title="Wprowadzenie", body="O cyklu i metodzie.")
        for host in world.hosts:
            section(
                key=f"host-{host.pk}",
                kind=SectionKind.HOST,
                host=host,
                title=f"Gospodarz: {host.organisation.name}",
                body="Opis gospodarza.",
            )
            for challenge in [c for c in world.challenges if c.host_id == host.pk]:
                section(
                    key=f"challenge-{challenge.pk}",
                    kind=SectionKind.CHALLENGE,
                    host=host,
                    challenge=challenge,
                    title=challenge.title,
                    body=f"**Pytanie przewodnie:** {challenge.guiding_question}",
                )
        section(key="participation", kind=SectionKind.PARTICIPATION, title="Uczestnictwo", body="60 osób.")
    return world
