"""The live client's catch-up after a reconnect: the posts from the first one on the page, as this reader sees them."""

import pytest

from forum.enums import Visibility
from forum.models import Post
from tests.factories import MembershipFactory
from tests.forum.moderation_world import make_post, make_space, make_thread

pytestmark = pytest.mark.django_db


def since(client, thread, first_id, **extra):
    url = f"/dyskusje/{thread.space.slug}/{thread.pk}/nowe/"
    return client.get(url, {"od": first_id}, **extra)


def test_catch_up_returns_the_page_and_what_came_after_it(client, member, thread):
    posts = [make_post(thread, member, body=f"Wpis numer {n}") for n in range(5)]
    client.force_login(member)
    response = since(client, thread, posts[2].pk)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    text = response.content.decode()
    assert "Wpis numer 1" not in text
    assert all(f"Wpis numer {n}" in text for n in (2, 3, 4))
    assert 'data-more="0"' in text
    # Forms carry this reader's CSRF token (unlike the shared live frames).
    assert "csrfmiddlewaretoken" in text


def test_a_hidden_post_is_caught_up_without_its_text(client, member, reader, thread):
    post = make_post(thread, member, body="Numer PESEL mieszkańca")
    Post.objects.filter(pk=post.pk).update(is_hidden=True, hidden_reason="Dane osobowe")
    client.force_login(reader)
    text = since(client, thread, post.pk).content.decode()
    assert "Numer PESEL" not in text
    assert f'id="post-{post.pk}"' in text


def test_more_than_the_limit_says_so(client, member, thread, settings):
    from forum.views import public

    first = make_post(thread, member)
    Post.objects.bulk_create(
        [Post(thread=thread, author=member, body="x", html="<p>x</p>") for _ in range(public.CATCH_UP_LIMIT)]
    )
    client.force_login(member)
    text = since(client, thread, first.pk).content.decode()
    assert 'data-more="1"' in text
    assert text.count('data-post="') == public.CATCH_UP_LIMIT


def test_someone_who_may_not_read_the_thread_gets_404_not_a_login_page(client):
    author = MembershipFactory().user
    outsider = MembershipFactory().user
    space = make_space("zespol-zamkniety", visibility=Visibility.PRIVATE, members=[author])
    thread = make_thread(space, author)
    post = make_post(thread, author)
    assert since(client, thread, post.pk).status_code == 404
    client.force_login(outsider)
    assert since(client, thread, post.pk).status_code == 404


@pytest.mark.parametrize("value", ["", "abc", "-1", "9" * 40])
def test_a_bad_first_post_id_is_a_400_with_a_message(client, member, thread, value):
    client.force_login(member)
    response = since(client, thread, value, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "Give the id of the first post on the page" in response.content.decode()
