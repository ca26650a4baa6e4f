"""A member starts a thread in the browser, replies, edits the first post and reads its history; axe checks the
spaces index, the space, the thread and the history page."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from forum.enums import Visibility
from forum.models import Post, Thread
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_account_flow import log_in
from tests.factories import MembershipFactory
from tests.factories.forum import SpaceFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_member_starts_a_thread_replies_and_edits(page):
    member = MembershipFactory(user__first_name="Maria", user__last_name="Zielińska").user
    member.date_joined = timezone.now() - timedelta(days=60)
    member.save(update_fields=["date_joined"])
    space = SpaceFactory(
        title="Edukacja włączająca", slug="edukacja-wlaczajaca", visibility=Visibility.MEMBERS
    )
    log_in(page, member)

    page.goto("/dyskusje/")
    expect(page.get_by_role("link", name="Edukacja włączająca")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Edukacja włączająca").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edukacja włączająca")
    assert_accessible(page)

    page.goto(f"/dyskusje/{space.slug}/nowy-watek/")
    assert_accessible(page)
    page.locator("#id_title").fill("Asystent ucznia ze specjalnymi potrzebami")
    page.locator("#id_body").fill("Jak **finansujecie** asystentów w szkołach? @[MOF](o:brak)")
    page.locator("form.forum-form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Asystent ucznia ze specjalnymi potrzebami")
    expect(page.locator(".forum-post__body strong")).to_have_text("finansujecie")
    assert_accessible(page)

    page.locator("#id_body").fill("Z programu FERS, w partnerstwie z gminami.")
    page.locator("form.forum-form button[type=submit]").click()
    expect(page.get_by_text("Z programu FERS, w partnerstwie z gminami.")).to_be_visible()
    thread = Thread.objects.get(space=space)
    assert thread.posts.count() == 2

    first = Post.objects.filter(thread=thread).order_by("pk").first()
    page.goto(f"/dyskusje/wpisy/{first.pk}/edycja/")
    page.locator("#id_body").fill("Jak finansujecie asystentów uczniów w szkołach?")
    page.locator("form.forum-form button[type=submit]").click()
    expect(page.locator(f"#post-{first.pk} .forum-post__body")).to_contain_text("asystentów uczniów")
    assert_accessible(page)

    page.goto(f"/dyskusje/wpisy/{first.pk}/historia/")
    expect(page.locator(".forum-source").nth(1)).to_contain_text("**finansujecie**")
    assert_accessible(page)
