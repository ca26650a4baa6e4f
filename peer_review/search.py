"""The Forum's challenges in site search: the summary of approved challenges of public cycles, never the
material (context, documents), which only the cycle's people may read."""

from django.utils.translation import gettext_lazy as _

from search.registry import ContentType, make_key, register
from search.types import PUBLIC, SearchDocument

from .enums import ChallengeState, CyclePhase

TYPE = "challenge"


def _findable():
    from .models import Challenge

    return Challenge.objects.filter(state=ChallengeState.APPROVED, cycle__phase__in=CyclePhase.public())


def challenge_documents(ids: list[int]) -> list[SearchDocument]:
    challenges = (
        _findable()
        .filter(pk__in=ids)
        .select_related("cycle", "host__organisation")
        .prefetch_related("themes")
        .order_by()
    )
    return [
        SearchDocument(
            key=make_key(TYPE, c.pk),
            type=TYPE,
            object_id=c.pk,
            title=c.title,
            url=c.get_absolute_url(),
            summary=c.guiding_question[:400],
            body="\n".join([c.guiding_question, c.host.organisation.name, c.cycle.title]),
            audience=PUBLIC,
            facets={
                "thematic_area": [t.code for t in c.themes.all()],
                "voivodeship": [c.host.organisation.voivodeship],
            },
            date=c.approved_at.date() if c.approved_at else None,
        )
        for c in challenges
    ]


def queue_cycle(cycle) -> None:
    """Re-index a cycle's challenges (after approval or a phase change), once the transaction commits."""
    from search import indexing

    indexing.queue(TYPE, list(cycle.challenges.values_list("pk", flat=True)))


def register_search() -> None:
    register(
        ContentType(
            TYPE,
            _("Forum challenge"),
            _("Forum challenges"),
            challenge_documents,
            lambda: _findable().order_by("pk").values_list("pk", flat=True),
            position=6,
        )
    )
