"""Moderation services: who may pin, lock, move and hide; reasons; reports; the queue and the log."""

import pytest
from django.utils import translation
from wagtail.models import ModelLogEntry

from forum import moderation
from forum.enums import ModerationKind, Visibility
from forum.models import ModerationEntry, PostReport, Subscription
from tests.factories import MembershipFactory, UserFactory, grant
from tests.forum.moderation_world import make_post, make_space, make_thread
from zitnet.accounts.enums import GlobalRole
from zitnet.core.errors import DomainError

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_moderator(db):
    return grant(UserFactory(first_name="Moderator"), GlobalRole.MODERATOR)


def refused(call, **kwargs) -> DomainError:
    with translation.override("en"), pytest.raises(DomainError) as caught:
        call(**kwargs)
    return caught.value


def audit_actions(instance) -> list[str]:
    return list(
        ModelLogEntry.objects.filter(
            object_id=str(instance.pk), content_type__model=instance._meta.model_name
        )
        .order_by("pk")
        .values_list("action", flat=True)
    )


# --- who may moderate ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["space_moderator", "coordinator", "site_moderator"])
def test_moderators_of_the_space_and_of_the_network_pin_a_thread(request, who, thread):
    actor = request.getfixturevalue(who)
    moderation.pin(actor=actor, thread=thread)
    thread.refresh_from_db()
    assert thread.is_pinned
    entry = ModerationEntry.objects.get()
    assert (entry.space, entry.thread, entry.kind, entry.moderator) == (
        thread.space,
        thread,
        ModerationKind.PIN,
        actor,
    )
    assert audit_actions(thread) == ["forum.thread.pin"]


@pytest.mark.parametrize("who", ["member", "reader", "user", "other_space_moderator"])
def test_others_cannot_pin_lock_or_hide(request, who, thread, post):
    if who == "other_space_moderator":
        actor = UserFactory()
        make_space("inna", moderators=[actor])
    else:
        actor = request.getfixturevalue(who)
    for call, kwargs in [
        (moderation.pin, {"thread": thread}),
        (moderation.lock, {"thread": thread}),
        (moderation.hide, {"post": post, "reason": "Spam"}),
    ]:
        error = refused(call, actor=actor, **kwargs)
        assert "Only the moderators of" in error.message
    thread.refresh_from_db()
    post.refresh_from_db()
    assert not thread.is_pinned and not thread.is_locked and not post.is_hidden
    assert not ModerationEntry.objects.exists()


def test_pin_unpin_lock_unlock_each_leave_an_entry_and_refuse_a_repeat(space_moderator, thread):
    moderation.pin(actor=space_moderator, thread=thread)
    assert refused(moderation.pin, actor=space_moderator, thread=thread).code == "stale"
    moderation.unpin(actor=space_moderator, thread=thread)
    assert (
        refused(moderation.unpin, actor=space_moderator, thread=thread).message
        == "This thread is not pinned."
    )
    moderation.lock(actor=space_moderator, thread=thread)
    thread.refresh_from_db()
    assert thread.is_locked and not thread.is_pinned
    assert refused(moderation.lock, actor=space_moderator, thread=thread).code == "stale"
    moderation.unlock(actor=space_moderator, thread=thread)
    thread.refresh_from_db()
    assert not thread.is_locked
    assert [e.kind for e in moderation.moderation_log(thread.space)] == ["unlock", "lock", "unpin", "pin"]
    assert audit_actions(thread) == [
        "forum.thread.pin",
        "forum.thread.unpin",
        "forum.thread.lock",
        "forum.thread.unlock",
    ]


def test_a_locked_thread_takes_replies_only_from_moderators(space_moderator, thread, member):
    moderation.lock(actor=space_moderator, thread=thread)
    thread.refresh_from_db()
    assert not member.has_perm("forum.reply_thread", thread)
    assert space_moderator.has_perm("forum.reply_thread", thread)


# --- moving ----------------------------------------------------------------------------------------------------


def test_the_mover_must_moderate_both_spaces(space_moderator, thread):
    target = make_space("strategia-zit")
    error = refused(moderation.move, actor=space_moderator, thread=thread, to_space=target)
    assert error.message == "Only the moderators of “Przestrzeń strategia-zit” may do this."
    only_target = UserFactory()
    target.moderators.add(only_target)
    assert refused(moderation.move, actor=only_target, thread=thread, to_space=target)
    thread.refresh_from_db()
    assert thread.space.slug == "edukacja-wlaczajaca"
    assert not ModerationEntry.objects.exists()


def test_move_to_another_space_logs_in_both_and_drops_followers_who_cannot_read_it(
    space_moderator, space, thread, post, member
):
    group_member = UserFactory()
    target = make_space(
        "cykl-2026", visibility=Visibility.PRIVATE, moderators=[space_moderator], members=[group_member]
    )
    Subscription.objects.create(user=member, thread=thread)
    Subscription.objects.create(user=group_member, thread=thread)
    moderation.move(actor=space_moderator, thread=thread, to_space=target, reason="Temat cyklu oceny")
    thread.refresh_from_db()
    assert thread.space == target
    assert post.thread.pk == thread.pk
    entries = ModerationEntry.objects.filter(kind=ModerationKind.MOVE)
    assert {e.space.slug for e in entries} == {"edukacja-wlaczajaca", "cykl-2026"}
    assert {e.reason for e in entries} == {"Temat cyklu oceny"}
    assert list(Subscription.objects.filter(thread=thread).values_list("user", flat=True)) == [
        group_member.pk
    ]
    assert audit_actions(thread) == ["forum.thread.move"]
    log = ModelLogEntry.objects.get(action="forum.thread.move")
    assert (log.data["from"], log.data["to"]) == ("edukacja-wlaczajaca", "cykl-2026")


def test_move_refuses_the_same_space_and_an_archived_one(space_moderator, space, thread):
    assert refused(moderation.move, actor=space_moderator, thread=thread, to_space=space).code == "stale"
    archive = make_space("archiwum", moderators=[space_moderator], archived=True)
    error = refused(moderation.move, actor=space_moderator, thread=thread, to_space=archive)
    assert error.message == "Threads cannot be moved to an archived space."
    thread.refresh_from_db()
    assert thread.space == space


def test_a_coordinator_moves_between_any_spaces(coordinator, thread):
    target = make_space("cal")
    moderation.move(actor=coordinator, thread=thread, to_space=target)
    thread.refresh_from_db()
    assert thread.space == target


# --- hiding ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("reason", ["", "   \n  ", None])
def test_hiding_needs_a_reason(space_moderator, post, reason):
    error = refused(moderation.hide, actor=space_moderator, post=post, reason=reason)
    assert error.message == "Please give a reason."
    post.refresh_from_db()
    assert not post.is_hidden
    assert not ModerationEntry.objects.exists()


def test_a_too_long_reason_is_refused(space_moderator, post):
    error = refused(moderation.hide, actor=space_moderator, post=post, reason="x" * 501)
    assert error.message == "The reason may be at most 500 characters long."
    post.refresh_from_db()
    assert not post.is_hidden


def test_hide_records_the_reason_resolves_reports_and_the_author_still_sees_it(
    space_moderator, post, member, reader
):
    report = moderation.report_post(actor=reader, post=post, reason="Reklama firmy")
    moderation.hide(actor=space_moderator, post=post, reason="  Reklama,\n niezgodna z zasadami ")
    post.refresh_from_db()
    assert post.is_hidden
    assert post.hidden_reason == "Reklama, niezgodna z zasadami"
    assert post.hidden_by == space_moderator and post.hidden_at is not None
    report.refresh_from_db()
    assert report.resolved_by == space_moderator and report.resolved_at is not None
    entry = ModerationEntry.objects.get(kind=ModerationKind.HIDE)
    assert (entry.post, entry.reason) == (post, "Reklama, niezgodna z zasadami")
    assert "forum.post.hide" in audit_actions(post)
    # The author and the moderators still see it (with the reason); other readers do not.
    assert member.has_perm("forum.view_post", post)
    assert space_moderator.has_perm("forum.view_post", post)
    assert not reader.has_perm("forum.view_post", post)
    assert refused(moderation.hide, actor=space_moderator, post=post, reason="Znowu").code == "stale"


def test_unhide_shows_the_post_again(space_moderator, post, reader):
    moderation.hide(actor=space_moderator, post=post, reason="Dane osobowe")
    moderation.unhide(actor=space_moderator, post=post)
    post.refresh_from_db()
    assert not post.is_hidden and post.hidden_reason == "" and post.hidden_by is None
    assert reader.has_perm("forum.view_post", post)
    assert [e.kind for e in moderation.moderation_log(post.thread.space)] == ["unhide", "hide"]
    assert refused(moderation.unhide, actor=space_moderator, post=post).code == "stale"
    assert refused(moderation.unhide, actor=reader, post=post).message.startswith("Only the moderators")


# --- reports ---------------------------------------------------------------------------------------------------


def test_any_reader_reports_a_post_once_while_the_report_is_open(space_moderator, post, reader):
    report = moderation.report_post(actor=reader, post=post, reason="Obraźliwe słowa")
    assert (report.post, report.reporter, report.reason) == (post, reader, "Obraźliwe słowa")
    error = refused(moderation.report_post, actor=reader, post=post, reason="Jeszcze raz")
    assert error.message == "You have already reported this post; the moderators will look at it."
    assert PostReport.objects.count() == 1
    moderation.dismiss_report(actor=space_moderator, report=report)
    moderation.report_post(actor=reader, post=post, reason="Nadal obraźliwe")
    assert PostReport.objects.filter(resolved_at__isnull=True).count() == 1
    assert audit_actions(post).count("forum.post.report") == 2


def test_a_report_in_a_public_space_from_a_signed_in_non_member(user, member):
    public = make_space("otwarta", visibility=Visibility.PUBLIC)
    post = make_post(make_thread(public, member), member)
    moderation.report_post(actor=user, post=post, reason="Spam")
    assert PostReport.objects.get().reporter == user


@pytest.mark.parametrize("reason", ["", "  ", "x" * 1001])
def test_a_report_needs_a_reason_of_sensible_length(post, reader, reason):
    assert refused(moderation.report_post, actor=reader, post=post, reason=reason)
    assert not PostReport.objects.exists()


def test_who_cannot_report(post, member, user, space_moderator):
    from django.contrib.auth.models import AnonymousUser

    assert refused(moderation.report_post, actor=AnonymousUser(), post=post, reason="x").message == (
        "Please sign in to report a post."
    )
    # A signed-in person outside the network cannot read a members' space.
    assert refused(moderation.report_post, actor=user, post=post, reason="x").message == (
        "You cannot report this post."
    )
    assert refused(moderation.report_post, actor=member, post=post, reason="x").message == (
        "You cannot report your own post."
    )
    moderation.hide(actor=space_moderator, post=post, reason="Spam")
    assert refused(moderation.report_post, actor=space_moderator, post=post, reason="x").code == "stale"
    assert not PostReport.objects.exists()


def test_dismissing_a_report_is_for_moderators_once(space_moderator, post, reader):
    report = moderation.report_post(actor=reader, post=post, reason="Nie na temat")
    assert refused(moderation.dismiss_report, actor=reader, report=report).message.startswith("Only")
    moderation.dismiss_report(actor=space_moderator, report=report, reason="W porządku")
    report.refresh_from_db()
    assert report.resolved_by == space_moderator
    post.refresh_from_db()
    assert not post.is_hidden
    entry = ModerationEntry.objects.get()
    assert (entry.kind, entry.post, entry.reason) == (ModerationKind.DISMISS, post, "W porządku")
    assert refused(moderation.dismiss_report, actor=space_moderator, report=report).code == "stale"
    assert "forum.report.dismiss" in audit_actions(post)


# --- the queue and the log -------------------------------------------------------------------------------------


def test_the_queue_lists_open_reports_per_space_and_for_the_network(
    space_moderator, space, post, reader, member
):
    other_space = make_space("cal")
    other_post = make_post(make_thread(other_space, member), member, body="Inny wpis")
    second_reader = MembershipFactory().user
    moderation.report_post(actor=reader, post=post, reason="Pierwsze")
    moderation.report_post(actor=second_reader, post=post, reason="Drugie")
    moderation.report_post(actor=reader, post=other_post, reason="Trzecie")
    done = moderation.report_post(actor=second_reader, post=other_post, reason="Załatwione")
    moderation.dismiss_report(actor=grant(UserFactory(), GlobalRole.NETWORK_COORDINATOR), report=done)

    items = moderation.open_reports(space=space)
    assert [item["post"] for item in items] == [post]
    assert [r.reason for r in items[0]["reports"]] == ["Pierwsze", "Drugie"]
    everything = moderation.open_reports()
    assert [item["post"] for item in everything] == [post, other_post]
    assert [r.reason for r in everything[1]["reports"]] == ["Trzecie"]


def test_moderated_spaces(space_moderator, space, coordinator, site_moderator, member):
    other = make_space("cal")
    assert list(moderation.moderated_spaces(space_moderator)) == [space]
    assert set(moderation.moderated_spaces(coordinator)) == {space, other}
    assert set(moderation.moderated_spaces(site_moderator)) == {space, other}
    assert not moderation.moderated_spaces(member).exists()
    assert moderation.moderates_everything(coordinator) and not moderation.moderates_everything(
        space_moderator
    )


def test_the_log_belongs_to_its_space(space_moderator, space, thread):
    other = make_space("cal", moderators=[space_moderator])
    other_thread = make_thread(other, space_moderator)
    moderation.pin(actor=space_moderator, thread=thread)
    moderation.lock(actor=space_moderator, thread=other_thread)
    assert [(e.kind, e.thread) for e in moderation.moderation_log(space)] == [("pin", thread)]
    assert [(e.kind, e.thread) for e in moderation.moderation_log(other)] == [("lock", other_thread)]
