"""Two editors saving the same section at once: exactly one wins, the other is refused as stale with the merge
view, and no text is lost (the loser's is kept as a "conflict" revision)."""

import threading

import pytest
from django.db import OperationalError, connection, connections
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from peer_review import report as reports
from peer_review.enums import RevisionKind
from peer_review.models import ReportSection
from tests.factories import with_totp
from tests.peer_review.test_report import drafting_world, section


def _save_at_once(item, attempts) -> list:
    """Each editor saves from their own thread and database connection, released together."""
    barrier = threading.Barrier(len(attempts))
    outcomes: list = [None] * len(attempts)

    def attempt(index, person, body):
        try:
            barrier.wait(timeout=10)
            for _try in range(50):
                try:
                    reports.save_section(section=item, actor=person, body=body, based_on_version=1)
                    outcomes[index] = "saved"
                    return
                except reports.StaleSection:
                    outcomes[index] = "stale"
                    return
                except OperationalError as exc:
                    # SQLite's shared in-memory test database answers a second writer at once with "locked"
                    # instead of waiting (PostgreSQL queues it on the row lock); the editor tries again, as a
                    # browser would. The service itself is never retried or changed.
                    if connection.vendor != "sqlite" or "locked" not in str(exc):
                        raise
                    threading.Event().wait(0.02)
            outcomes[index] = "gave up"
        except Exception as exc:  # noqa: BLE001 - reported to the main thread as the outcome
            outcomes[index] = exc
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=attempt, args=(n, person, body)) for n, (person, body) in enumerate(attempts)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_editors_saving_the_same_section_at_the_same_moment():
    world = drafting_world()
    reports.assemble(cycle=world.cycle, actor=None)
    item = section(world, "introduction")
    expert, coordinator = world.experts[0], world.coordinator
    texts = {expert.pk: "Wstęp według ekspertki.", coordinator.pk: "Wstęp według koordynatorki."}

    outcomes = _save_at_once(item, [(expert, texts[expert.pk]), (coordinator, texts[coordinator.pk])])

    assert sorted(outcomes) == ["saved", "stale"], outcomes
    winner, loser = (expert, coordinator) if outcomes[0] == "saved" else (coordinator, expert)
    item = ReportSection.objects.get(pk=item.pk)
    assert item.version == 2 and item.body == texts[winner.pk] and item.updated_by == winner
    revisions = list(item.revisions.values_list("kind", "version", "body", "author"))
    assert sorted(revisions, key=lambda r: (r[1], r[0])) == sorted(
        [
            (RevisionKind.ASSEMBLED, 1, item.generated, None),
            (RevisionKind.EDITED, 2, texts[winner.pk], winner.pk),
            (RevisionKind.CONFLICT, 1, texts[loser.pk], loser.pk),
        ],
        key=lambda r: (r[1], r[0]),
    )


@pytest.mark.django_db
def test_two_browsers_on_the_same_version_the_second_gets_the_merge_page():
    world = drafting_world()
    reports.assemble(cycle=world.cycle, actor=None)
    item = section(world, "participation")
    with_totp(world.coordinator)
    first, second = Client(HTTP_ACCEPT_LANGUAGE="en"), Client(HTTP_ACCEPT_LANGUAGE="en")
    first.force_login(world.experts[0])
    second.force_login(world.coordinator)
    edit = reverse("peer_review:report_section_edit", args=[world.cycle.slug, item.pk])
    assert 'name="version" value="1"' in first.get(edit).content.decode()
    assert 'name="version" value="1"' in second.get(edit).content.decode()

    assert first.post(edit, {"body": "Tekst ekspertki <o udziale>.", "version": 1}).status_code == 302
    response = second.post(edit, {"body": "Tekst koordynatorki & uwagi.", "version": 1})

    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone saved this section while you were editing it" in html
    assert "Their current text (version 2)" in html and "Your text" in html
    assert escape("Tekst ekspertki <o udziale>.") in html  # theirs, side by side
    assert (
        html.count(escape("Tekst koordynatorki & uwagi.")) >= 3
    )  # yours: beside theirs, in the diff, in the form
    assert '<th scope="col">Their current text</th>' in html and "<del>" in html and "<ins>" in html
    assert 'name="version" value="2"' in html and 'name="merging" value="True"' in html
    assert f"{escape('Tekst koordynatorki & uwagi.')}</textarea>" in html
    item.refresh_from_db()
    assert item.body == "Tekst ekspertki <o udziale>." and item.version == 2

    merged = "Tekst ekspertki <o udziale>.\n\nTekst koordynatorki & uwagi."
    saved = second.post(edit, {"body": merged, "version": 2, "merging": "True"})
    assert saved.status_code == 302
    item.refresh_from_db()
    assert item.body == merged and item.version == 3
    kinds = list(item.revisions.values_list("kind", "version"))
    assert kinds == [
        (RevisionKind.MERGED, 3),
        (RevisionKind.EDITED, 2),
        (RevisionKind.CONFLICT, 1),
        (RevisionKind.ASSEMBLED, 1),
    ]
