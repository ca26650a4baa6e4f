"""A published cycle ready for follow-up: hosts, their challenges and recommendations, an accepted observer.

The cycle is built through the services up to challenge identification, then arranged directly as rows (the
report published on a chosen day, the recommendations written) so the tests do not depend on the report part.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone

from peer_review.enums import ApplicationStatus, ChallengeState, CyclePhase, ResponseStatus
from peer_review.models import (
    FollowUpAction,
    ObserverApplication,
    Recommendation,
    RecommendationResponse,
    Report,
)

from .peer_review import World, build_world, observer_user

TEXTS = [
    "Powołać zespół ds. planowania strategicznego MOF z udziałem wszystkich gmin.",
    "Przygotować wspólny system monitorowania wskaźników strategii ZIT.",
    "Wprowadzić stałe konsultacje z organizacjami pozarządowymi przy wyborze projektów.",
]


@dataclass
class FollowUpWorld:
    world: World
    recommendations: list[Recommendation] = field(default_factory=list)
    observer: object = None

    @property
    def cycle(self):
        return self.world.cycle

    @property
    def hosts(self):
        return self.world.hosts

    @property
    def host_coordinators(self):
        return self.world.host_coordinators

    @property
    def experts(self):
        return self.world.experts

    @property
    def coordinator(self):
        return self.world.coordinator

    def of_host(self, index: int) -> list[Recommendation]:
        host = self.world.hosts[index]
        return [r for r in self.recommendations if r.challenge.host_id == host.pk]


def move_to(world: World, phase: str, *, at: datetime | None = None) -> None:
    """Put the cycle in `phase` directly (arranging a state, not testing the transition)."""
    cycle = world.cycle
    cycle.phase = phase
    cycle.phase_changed_at = at or timezone.now()
    cycle.save(update_fields=["phase", "phase_changed_at"])


def publish(world: World, *, at: datetime) -> Report:
    report, _created = Report.objects.update_or_create(
        cycle=world.cycle, defaults={"title": f"Raport: {world.cycle.title}", "published_at": at}
    )
    return report


def recommend(challenge, count: int) -> list[Recommendation]:
    return [
        Recommendation.objects.create(
            challenge=challenge,
            text=TEXTS[n % len(TEXTS)],
            addressee="Zarząd związku ZIT",
            time_frame="12 miesięcy",
            priority="high" if n == 0 else "medium",
            position=n + 1,
        )
        for n in range(count)
    ]


def answer(
    recommendation, status=ResponseStatus.ACCEPTED, reason: str = "", by=None
) -> RecommendationResponse:
    response, _created = RecommendationResponse.objects.update_or_create(
        recommendation=recommendation, defaults={"status": status, "reason": reason, "responded_by": by}
    )
    return response


def action_for(recommendation, *, due_in_days: int = 30, owner=None, owner_name: str = "", **kwargs):
    return FollowUpAction.objects.create(
        recommendation=recommendation,
        description=kwargs.pop("description", "Przygotować projekt uchwały zarządu."),
        owner=owner,
        owner_name=owner_name or ("" if owner is not None else "Wydział Strategii"),
        due_on=timezone.localdate() + timedelta(days=due_in_days),
        **kwargs,
    )


def followup_world(
    *,
    phase: str = CyclePhase.PUBLISHED,
    published_days_ago: int = 0,
    per_challenge: int = 2,
    challenges_per_host: int = 3,
) -> FollowUpWorld:
    """A cycle of three hosts (a coordinator and an expert each) whose report was published
    `published_days_ago` days ago, with `per_challenge` recommendations on each challenge, now in `phase`."""
    world = build_world(phase=CyclePhase.IDENTIFICATION, observers=0, challenges_per_host=challenges_per_host)
    for challenge in world.challenges:
        challenge.state = ChallengeState.APPROVED
        challenge.save(update_fields=["state"])
    published_at = timezone.now() - timedelta(days=published_days_ago)
    publish(world, at=published_at)
    move_to(world, phase, at=published_at)
    person = observer_user()
    ObserverApplication.objects.create(
        cycle=world.cycle,
        user=person,
        organisation=person.memberships.get().organisation,
        motivation="Chcę poznać praktyki zarządzania strategicznego w innych MOF.",
        status=ApplicationStatus.ACCEPTED,
    )
    recommendations = []
    for challenge in world.challenges:
        recommendations.extend(recommend(challenge, per_challenge))
    return FollowUpWorld(world=world.refresh(), recommendations=recommendations, observer=person)
