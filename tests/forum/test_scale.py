"""The benchmark's long discussion (`seed_demo --forum-scale`): a 500-post thread that reads like a real one,
reader accounts for the WebSocket load and a poster whose token may post again at once; seeding again puts the
thread back to its 500 posts with the same ids."""

import io

import pytest
from allauth.account.models import EmailAddress
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from forum.enums import Visibility
from forum.models import Mention, ModerationEntry, Post, PostReaction, PostRevision, Thread
from forum.scale import POSTER_EMAIL, SPACE_SLUG, bench_targets, seed_forum_scale
from tests.factories import OrganisationFactory
from zitnet.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    OrganisationFactory()  # the poster and the synthetic writers are its members
    out = io.StringIO()
    result = seed_forum_scale(out, readers=12)
    return result.thread, out.getvalue()


def test_one_public_thread_of_500_posts_with_what_a_long_thread_carries(seeded):
    thread, out = seeded
    assert thread.space.slug == SPACE_SLUG
    assert thread.space.visibility == Visibility.PUBLIC
    posts = Post.objects.filter(thread=thread)
    assert posts.count() == thread.post_count == 500
    last = posts.order_by("-pk").first()
    assert thread.last_post_at == last.created_at
    assert list(posts.order_by("pk").values_list("created_at", flat=True)) == sorted(
        posts.values_list("created_at", flat=True)
    )
    assert posts.values("author").distinct().count() == 40
    assert posts.filter(reply_to__isnull=False).count() > 100
    assert posts.filter(body__startswith="> ").exists()
    assert posts.filter(html__contains="<li>").exists()
    assert posts.filter(html__contains="<blockquote>").exists()
    assert posts.filter(html__contains='<a href="https://').exists()
    assert Mention.objects.filter(post__thread=thread).count() >= 10
    assert 200 <= PostReaction.objects.filter(post__thread=thread).count() <= 400
    edited = posts.filter(version__gt=1)
    assert edited.count() >= 10
    assert all(p.revisions.count() == p.version - 1 and p.edited_at for p in edited)
    assert PostRevision.objects.filter(post__thread=thread).count() >= 10
    hidden = posts.filter(is_hidden=True)
    assert hidden.count() == 2
    assert ModerationEntry.objects.filter(post__in=hidden).count() == 2
    assert "500 posts by 40 people" in out


def test_readers_are_verified_and_the_poster_may_post_twice_in_a_row_with_its_token(seeded):
    thread, _out = seeded
    targets = bench_targets()
    assert targets["thread"] == thread.pk
    assert len(targets["readers"]) == 12
    readers = User.objects.filter(email__in=targets["readers"], is_active=True)
    assert readers.count() == 12
    assert EmailAddress.objects.filter(user__in=readers, verified=True, primary=True).count() == 12
    ids = list(Post.objects.filter(thread=thread).order_by("pk").values_list("pk", flat=True))
    assert targets["after"] == ids[449]
    poster = User.objects.get(email=POSTER_EMAIL)
    assert Token.objects.get(user=poster).key == targets["token"]

    api = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    api.credentials(HTTP_AUTHORIZATION=f"Token {targets['token']}")
    url = f"/api/v1/forum/threads/{thread.pk}/posts/"
    for number in (1, 2):  # an account younger than a week would be told to wait 30 s the second time
        answer = api.post(url, {"body": f"Pomiar nr {number}"}, format="json")
        assert answer.status_code == 201, answer.content
    later = api.get(f"{url}?after={targets['after']}").json()
    assert [row["id"] for row in later["results"]][:50] == ids[450:]


def test_seeding_again_removes_the_later_posts_and_keeps_the_thread(seeded):
    thread, _out = seeded
    ids = list(Post.objects.filter(thread=thread).order_by("pk").values_list("pk", flat=True))
    poster = User.objects.get(email=POSTER_EMAIL)
    api = APIClient()
    api.force_authenticate(poster)
    api.post(f"/api/v1/forum/threads/{thread.pk}/posts/", {"body": "Nowy wpis z pomiaru"}, format="json")
    assert Post.objects.filter(thread=thread).count() == 501

    out = io.StringIO()
    again = seed_forum_scale(out, readers=12)
    assert again.thread.pk == thread.pk and not again.created and again.removed == 1
    assert list(Post.objects.filter(thread=thread).order_by("pk").values_list("pk", flat=True)) == ids
    assert Thread.objects.get(pk=thread.pk).post_count == 500
    assert Thread.objects.filter(space__slug=SPACE_SLUG).count() == 1
    assert User.objects.filter(email__startswith="czytelnik-").count() == 12
    assert "later posts removed: 1" in out.getvalue()
