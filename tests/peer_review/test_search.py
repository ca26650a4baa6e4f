"""The Forum's challenges in site search: approved challenges of public cycles by their summary only."""

import pytest
from django.contrib.auth.models import AnonymousUser

from peer_review.enums import CyclePhase
from search import api
from tests.factories.peer_review import build_world
from tests.factories.search import index_everything


def found(text: str, user=None) -> list[str]:
    result = api.search(api.make_query(text, user=user or AnonymousUser(), types=["challenge"]))
    return [hit.title for hit in result.hits]


@pytest.mark.django_db
def test_challenges_are_findable_once_the_cycle_recruits_and_only_by_their_summary():
    world = build_world(phase=CyclePhase.IDENTIFICATION, observers=0)
    challenge = world.challenges[0]
    challenge.guiding_question = "Jak włączyć mieszkańców w monitorowanie strategii ZIT?"
    challenge.context = "Poufna analiza wskaźników rewitalizacji"
    challenge.save()
    index_everything()
    assert found("monitorowanie strategii") == []  # identification: the cycle is not public yet

    world = build_world(phase=CyclePhase.RECRUITMENT, observers=0)
    challenge = world.challenges[0]
    challenge.guiding_question = "Jak włączyć mieszkańców w monitorowanie strategii ZIT?"
    challenge.context = "Poufna analiza wskaźników rewitalizacji"
    challenge.save()
    index_everything()
    assert found("monitorowaniu strategii") == [challenge.title]
    # The material (context) is for the cycle's people only: never in the index.
    assert found("poufna analiza wskaźników") == []
