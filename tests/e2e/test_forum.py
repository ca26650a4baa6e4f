"""A member starts a thread in the browser, replies, edits the first post and reads its history; axe checks the
spaces index, the space, the thread and the history page. A network coordinator creates a working group and
adds a member; axe checks the new-space and settings pages."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from forum.enums import Visibility
from forum.models import Post, Space, Thread
from tests.e2e.conftest import assert_accessible
from tests.e2e.test_account_flow import log_in
from tests.e2e.test_knowledge import log_in_with_code
from tests.factories import MembershipFactory, UserFactory, grant, with_totp
from tests.factories.forum import SpaceFactory
from zitnet.accounts.enums import GlobalRole

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


def test_a_coordinator_creates_a_working_group_and_adds_a_member(page):
    coordinator = grant(
        UserFactory(first_name="Ewa", last_name="Koordynator"), GlobalRole.NETWORK_COORDINATOR
    )
    member = MembershipFactory(user__first_name="Maria", user__last_name="Zielińska").user
    log_in_with_code(page, coordinator, with_totp(coordinator))

    page.goto("/dyskusje/")
    page.locator(f'a[href="{reverse("forum:space_create")}"]').click()
    expect(page).to_have_url(re.compile(r"/dyskusje/przestrzenie/nowa/$"))
    assert_accessible(page)
    page.locator("#id_title").fill("Grupa robocza ds. młodzieży")
    page.locator("#id_description").fill("Wspólny program rad młodzieżowych w MOF.")
    page.locator("#id_visibility_2").check()  # a private group
    page.locator("form.forum-form button[type=submit]").click()

    space = Space.objects.get(title="Grupa robocza ds. młodzieży")
    assert space.visibility == Visibility.PRIVATE
    expect(page).to_have_url(re.compile(rf"/dyskusje/{space.slug}/ustawienia/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Grupa robocza ds. młodzieży")
    assert_accessible(page)

    page.locator("#id_people-add").fill(member.email)
    page.locator("input[name=part][value=people] ~ p button[type=submit]").click()
    expect(page.locator("#id_people-remove_members")).to_contain_text("Maria Zielińska")
    assert_accessible(page)
    assert list(space.members.all()) == [member]
