"""The forum's demo: Polish spaces and threads from the seeds, written by the demo people, rebuilt without
duplicates."""

import io

import pytest
from django.core.management import call_command

from forum.enums import Visibility
from forum.models import Mention, ModerationEntry, Notification, Post, PostReaction, PostReport, Space, Thread
from zitnet.accounts.models import User

pytestmark = pytest.mark.django_db

SLUGS = {"edukacja-wlaczajaca", "centra-aktywnosci-lokalnej", "mlodziezowe-rady", "strategie-zit"}


@pytest.fixture
def seeded():
    """seed_demo twice: the second run must rebuild, not duplicate (one fixture: a run takes a while)."""
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    counts = (Thread.objects.count(), Post.objects.count(), PostReaction.objects.count())
    call_command("seed_demo", stdout=out)
    return {"first": counts, "out": out.getvalue()}


def _the_demo_is_idempotent(seeded):
    assert (Thread.objects.count(), Post.objects.count(), PostReaction.objects.count()) == seeded["first"]
    assert "forum: 4 spaces, 7 threads" in seeded["out"]
    assert ModerationEntry.objects.count() == 2  # one pin, one lock: the earlier run's entries are gone
    assert PostReport.objects.count() == 1


def _spaces_and_threads_from_the_seeds(seeded):
    spaces = {s.slug: s for s in Space.objects.filter(slug__in=SLUGS)}
    assert set(spaces) == SLUGS
    assert spaces["edukacja-wlaczajaca"].visibility == Visibility.PUBLIC
    assert spaces["strategie-zit"].visibility == Visibility.MEMBERS
    titles = set(Thread.objects.values_list("title", flat=True))
    assert "Model CAL w trzech wariantach: wiejskim, miejsko-wiejskim i miejskim" in titles
    assert "Jak angażować młodzieżowe rady gmin w sprawy całego MOF?" in titles
    moderator = User.objects.get(email="moderator@zitnet.test")
    assert all(moderator in space.moderators.all() for space in spaces.values())


def _pinned_locked_reported_mentions_replies_and_reactions(seeded):
    pinned = Thread.objects.get(is_pinned=True)
    assert pinned.title == "Wizyty studyjne w CAL – zasady udziału i pytania"
    locked = Thread.objects.get(is_locked=True)
    assert locked.space.slug == "mlodziezowe-rady"
    report = PostReport.objects.get()
    assert report.resolved_at is None
    assert report.reporter.email == "czlonek@zitnet.test"
    assert "600 123 456" in report.post.body

    ekspert = User.objects.get(email="ekspert@zitnet.test")
    assert Mention.objects.filter(user=ekspert).exists()
    assert Mention.objects.filter(organisation__short_name="ZIT WrOF").exists()
    assert Notification.objects.filter(user=ekspert, read_at__isnull=True).exists()
    assert Post.objects.filter(reply_to__isnull=False).count() >= 5
    assert PostReaction.objects.count() >= 10
    post = Post.objects.get(body__startswith="Podsumowanie w skrócie")
    assert "<ol>" in post.html and post.reply_to.author.email == "koordynator@zitnet.test"
    # Dated over the autumn, newest thread first after the pinned one.
    first = Thread.objects.filter(space__slug__in=SLUGS).order_by("-is_pinned", "-last_post_at")[:2]
    assert [t.title for t in first][0] == pinned.title
    assert all(t.post_count == t.posts.count() for t in Thread.objects.all())


def _the_review_cycle_has_its_private_space_with_a_thread(seeded):
    space = Space.objects.get(cycle__slug="forum-oceny-2025-2026")
    assert space.visibility == Visibility.PRIVATE
    assert space.members.filter(email="gospodarz@zitnet.test").exists()
    assert space.threads.filter(title="Spotkanie stacjonarne – dojazd i nocleg").exists()


def test_the_demo_forum(seeded):
    _the_demo_is_idempotent(seeded)
    _spaces_and_threads_from_the_seeds(seeded)
    _pinned_locked_reported_mentions_replies_and_reactions(seeded)
    _the_review_cycle_has_its_private_space_with_a_thread(seeded)
