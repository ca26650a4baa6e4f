"""Posts rendered once and reused (forum.rendering): each reader still sees their own page."""

import re

import pytest
from django.test import Client

from forum import services
from forum.enums import Visibility
from tests.forum.moderation_world import make_post, make_space, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_thread(member, space_moderator):
    space = make_space("otwarta-rozmowa", visibility=Visibility.PUBLIC, moderators=[space_moderator])
    thread = make_thread(space, member)
    make_post(thread, member, body="Pierwszy wpis o radach młodzieżowych")
    return thread


def thanks_button(html: str, post_pk: int) -> str:
    item = html[html.index(f'id="post-{post_pk}"') :]
    return re.search(r'<input type="hidden" name="kind" value="thanks">\s*<button[^>]*>', item).group(0)


def test_each_reader_sees_their_own_reactions_and_counts_follow(member, reader, public_thread):
    post = public_thread.posts.get()
    url = public_thread.get_absolute_url()
    alice, bob = Client(), Client()
    alice.force_login(reader)
    bob.force_login(member)
    assert 'aria-pressed="false"' in thanks_button(alice.get(url).content.decode(), post.pk)
    services.react(actor=reader, post=post, kind="thanks")
    mine = alice.get(url).content.decode()
    theirs = bob.get(url).content.decode()
    assert 'aria-pressed="true"' in thanks_button(mine, post.pk)
    assert 'aria-pressed="false"' in thanks_button(theirs, post.pk)
    assert '<span class="forum-reaction__count">1</span>' in theirs
    # The author edits: every reader gets the new text at once.
    services.edit_post(actor=member, post=post, body="Poprawiony wpis", expected_version=post.version)
    assert "Poprawiony wpis" in alice.get(url).content.decode()


def test_the_forms_of_a_reused_post_carry_the_readers_own_csrf_token(member, reader, public_thread):
    post = public_thread.posts.get()
    url = public_thread.get_absolute_url()
    first = Client()
    first.force_login(member)
    first.get(url)  # renders and stores the post for a reader of this kind
    second = Client(enforce_csrf_checks=True)
    second.force_login(reader)
    page = second.get(url).content.decode()
    form = page[page.index(f"/dyskusje/wpisy/{post.pk}/reakcja/") :]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    answer = second.post(
        f"/dyskusje/wpisy/{post.pk}/reakcja/", {"kind": "agree", "csrfmiddlewaretoken": token}
    )
    assert answer.status_code == 302
    assert post.reactions.filter(user=reader, kind="agree").exists()
