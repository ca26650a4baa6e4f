"""Live updates over real sockets (channels.testing) on the configured channel layer: the in-memory one by default,
Redis when REDIS_URL is set (CI's second run). Writes go through the services, so every broadcast here happened
after a real commit."""

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.contrib.auth import HASH_SESSION_KEY
from django.contrib.auth.signals import user_logged_out
from django.test import Client, RequestFactory
from django.utils import timezone

from forum import live, moderation, notifications, services
from forum.enums import Visibility
from forum.models import NotificationSettings, ThreadReader
from tests.factories import MembershipFactory
from tests.forum.moderation_world import make_post, make_space, make_thread
from zitnet.routing import websocket_application

# serialized_rollback: the data of migrations survives for the tests after these (the e2e ones need it).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ORIGIN = b"http://testserver"


_cookies: dict[int, bytes] = {}


def log_in(*users) -> None:
    """Sessions for these people (sync code, before a scenario opens sockets with them)."""
    for user in users:
        client = Client()
        client.force_login(user)
        _cookies[user.pk] = f"{settings.SESSION_COOKIE_NAME}={client.session.session_key}".encode()


def socket(path: str, user=None, *, origin: bytes | None = ORIGIN, lang: str = "pl") -> WebsocketCommunicator:
    headers = [(b"host", b"testserver")]
    if origin is not None:
        headers.append((b"origin", origin))
    if user is not None:
        headers.append((b"cookie", _cookies[user.pk]))
    return WebsocketCommunicator(websocket_application(), f"{path}?lang={lang}", headers=headers)


def thread_path(thread) -> str:
    return f"/ws/dyskusje/watki/{thread.pk}/"


async def receive(communicator, kind: str, timeout: float = 3) -> dict:
    """The next frame of this type (presence and other frames in between are skipped)."""
    while True:
        output = await communicator.receive_output(timeout)
        if output["type"] == "websocket.close":
            raise AssertionError(f"closed ({output.get('code')}) while waiting for {kind}")
        frame = json.loads(output["text"])
        if frame["type"] == kind:
            return frame


async def closed_with(communicator, timeout: float = 3) -> int:
    while True:
        output = await communicator.receive_output(timeout)
        if output["type"] == "websocket.close":
            return output["code"]


def run(scenario):
    """Run the scenario's event loop in a thread of its own: the browser tests' Playwright keeps a loop running in
    this one for the whole session. The database is reached from other threads, hence transaction=True."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, scenario()).result()


@pytest.fixture
def world(db):
    moderator = MembershipFactory(user__first_name="Moderatorka", user__last_name="Nowak").user
    # Older than a week: the rate limit of new accounts does not slow these tests down.
    author = MembershipFactory(
        user__first_name="Anna",
        user__last_name="Autorska",
        user__date_joined=timezone.now() - timedelta(days=30),
    ).user
    reader = MembershipFactory(user__first_name="Czesław", user__last_name="Czytelnik").user
    outsider = MembershipFactory(user__first_name="Olga", user__last_name="Obca").user
    space = make_space(
        "grupa-robocza", visibility=Visibility.PRIVATE, moderators=[moderator], members=[author, reader]
    )
    thread = make_thread(space, author)
    make_post(thread, author)
    public = make_space("otwarta", visibility=Visibility.PUBLIC, moderators=[moderator])
    public_thread = make_thread(public, author, title="Aktualizacja strategii ZIT")
    make_post(public_thread, author, body="Kto już zaktualizował strategię?")
    log_in(moderator, author, reader, outsider)
    return {
        "moderator": moderator,
        "author": author,
        "reader": reader,
        "outsider": outsider,
        "space": space,
        "thread": thread,
        "public_thread": public_thread,
    }


def test_a_reader_of_the_thread_sees_a_new_post_arrive_rendered_for_them(world):
    thread, author = world["thread"], world["author"]

    async def scenario():
        reader = socket(thread_path(thread), world["reader"])
        moderator = socket(thread_path(thread), world["moderator"])
        for communicator in (reader, moderator):
            connected, _ = await communicator.connect()
            assert connected
            assert (await receive(communicator, "hello"))["thread"] == thread.pk
        post = await database_sync_to_async(services.reply)(
            actor=author, thread=thread, body="Mamy **nowy** projekt uchwały o radzie młodzieżowej."
        )
        for_reader = await receive(reader, "post")
        for_moderator = await receive(moderator, "post")
        assert for_reader["kind"] == "created" and for_reader["id"] == post.pk
        assert "<strong>nowy</strong>" in for_reader["html"]
        assert "Anna Autorska" in for_reader["html"]
        # Each sees what the page would show them: a reader may report it, only the moderator may hide it.
        assert "/ukryj/" not in for_reader["html"] and f"/wpisy/{post.pk}/zglos/" in for_reader["html"]
        assert f"/wpisy/{post.pk}/ukryj/" in for_moderator["html"]
        # Nobody's CSRF token travels in a shared frame; the page adds its own.
        assert "csrfmiddlewaretoken" not in for_reader["html"]
        for communicator in (reader, moderator):
            await communicator.disconnect()

    run(scenario)


def test_a_hidden_post_reaches_readers_without_its_text(world):
    thread, author = world["thread"], world["author"]
    post = make_post(thread, author, body="Tajne dane osobowe mieszkańca")

    async def scenario():
        sockets = {
            name: socket(thread_path(thread), world[name]) for name in ("reader", "moderator", "author")
        }
        for communicator in sockets.values():
            assert (await communicator.connect())[0]
            await receive(communicator, "hello")
        await database_sync_to_async(moderation.hide)(
            actor=world["moderator"], post=post, reason="Dane osobowe w treści"
        )
        frames = {name: await receive(communicator, "post") for name, communicator in sockets.items()}
        assert all(frame["kind"] == "hidden" for frame in frames.values())
        assert "Tajne dane" not in frames["reader"]["html"]
        assert "Tajne dane" in frames["moderator"]["html"]
        # Its author sees the text and why it was hidden.
        assert (
            "Tajne dane" in frames["author"]["html"] and "Dane osobowe w treści" in frames["author"]["html"]
        )
        for communicator in sockets.values():
            await communicator.disconnect()

    run(scenario)


def test_reactions_arrive_as_counts(world):
    thread, author = world["thread"], world["author"]
    post = make_post(thread, author)

    async def scenario():
        reader = socket(thread_path(thread), world["reader"])
        assert (await reader.connect())[0]
        await database_sync_to_async(services.react)(actor=world["reader"], post=post, kind="thanks")
        frame = await receive(reader, "reactions")
        assert frame == {"type": "reactions", "id": post.pk, "counts": {"thanks": 1}}
        await reader.disconnect()

    run(scenario)


@pytest.mark.parametrize(
    "origin",
    [b"http://evil.example", b"https://testserver", b"null", b"http://testserver.evil.example", None],
    ids=["other site", "other scheme", "null", "lookalike", "missing"],
)
def test_a_socket_from_another_origin_is_refused_at_the_handshake(world, origin):
    async def scenario():
        communicator = socket(thread_path(world["public_thread"]), world["reader"], origin=origin)
        connected, _code = await communicator.connect()
        assert not connected

    run(scenario)


def test_who_may_not_read_the_thread_gets_no_socket(world):
    thread = world["thread"]

    async def scenario():
        for user in (None, world["outsider"]):
            communicator = socket(thread_path(thread), user)
            assert (await communicator.connect())[0]
            assert await closed_with(communicator) == 4403
        missing = socket("/ws/dyskusje/watki/999999/", world["reader"])
        assert (await missing.connect())[0]
        assert await closed_with(missing) == 4404
        # A public thread is open to anonymous readers.
        anonymous = socket(thread_path(world["public_thread"]))
        assert (await anonymous.connect())[0]
        assert (await receive(anonymous, "hello"))["thread"] == world["public_thread"].pk
        await anonymous.disconnect()

    run(scenario)


def test_an_outsider_never_receives_a_post_of_a_private_thread(world):
    """Subscribing to someone else's thread fails; their public socket gets nothing of the private thread."""
    thread, author = world["thread"], world["author"]

    async def scenario():
        outsider = socket(thread_path(world["public_thread"]), world["outsider"])
        assert (await outsider.connect())[0]
        await receive(outsider, "hello")
        await database_sync_to_async(services.reply)(
            actor=author, thread=thread, body="Tylko dla grupy roboczej"
        )
        assert await outsider.receive_nothing(timeout=0.5)
        await outsider.disconnect()

    run(scenario)


@pytest.mark.parametrize(
    "frame",
    [
        {"text_data": "not json"},
        {"text_data": json.dumps({"type": "subscribe", "thread": 1})},
        {"text_data": json.dumps([1, 2, 3])},
        {"text_data": json.dumps({"type": "ping", "pad": "x" * 1000})},
        {"bytes_data": b"\x00\x01"},
    ],
    ids=["not json", "unknown type", "not an object", "oversized", "binary"],
)
def test_a_malformed_frame_closes_the_socket_with_4400(world, frame):
    async def scenario():
        communicator = socket(thread_path(world["public_thread"]), world["reader"])
        assert (await communicator.connect())[0]
        await receive(communicator, "hello")
        await communicator.send_to(**frame)
        assert (await receive(communicator, "error"))["code"] == "malformed"
        assert await closed_with(communicator) == 4400

    run(scenario)


def test_a_heartbeat_is_answered_and_keeps_the_reader_present(world, monkeypatch):
    monkeypatch.setattr(live, "PRESENCE_FLUSH_S", 0.05)
    long_ago = timezone.now() - timedelta(minutes=5)

    async def scenario():
        communicator = socket(thread_path(world["public_thread"]), world["reader"])
        assert (await communicator.connect())[0]
        await receive(communicator, "hello")
        await database_sync_to_async(ThreadReader.objects.update)(seen_at=long_ago)
        await communicator.send_to(text_data='{"type": "ping"}')
        assert (await receive(communicator, "pong")) == {"type": "pong"}
        await asyncio.sleep(0.5)  # heartbeats are written together, PRESENCE_FLUSH_S after the first
        row = await database_sync_to_async(ThreadReader.objects.get)(user=world["reader"])
        assert row.seen_at > long_ago + timedelta(minutes=4)
        await communicator.disconnect()

    run(scenario)


def test_removing_a_member_closes_their_open_thread(world):
    thread, space = world["thread"], world["space"]

    async def scenario():
        reader = socket(thread_path(thread), world["reader"])
        assert (await reader.connect())[0]
        await receive(reader, "hello")
        await database_sync_to_async(space.members.remove)(world["reader"])
        assert (await receive(reader, "gone")) == {"type": "gone"}
        assert await closed_with(reader) == 4403

    run(scenario)


def test_locking_the_thread_tells_the_open_views(world):
    thread = world["thread"]

    async def scenario():
        reader = socket(thread_path(thread), world["reader"])
        assert (await reader.connect())[0]
        await database_sync_to_async(moderation.lock)(actor=world["moderator"], thread=thread)
        frame = await receive(reader, "thread")
        assert frame["locked"] is True and frame["can_reply"] is False
        await reader.disconnect()

    run(scenario)


def test_logging_out_closes_the_sockets_of_that_session(world):
    reader = world["reader"]

    async def scenario():
        communicator = socket(thread_path(world["thread"]), reader)
        assert (await communicator.connect())[0]
        await receive(communicator, "hello")
        session_key = communicator.scope["headers"][-1][1].decode().split("=", 1)[1]

        def log_out():
            request = RequestFactory().post("/konto/logout/")
            request.session = type("S", (), {"session_key": session_key})()
            user_logged_out.send(sender=type(reader), request=request, user=reader)

        await database_sync_to_async(log_out)()
        assert await closed_with(communicator) == 4401

    run(scenario)


def test_a_password_change_closes_the_sockets_of_the_other_sessions_only(world):
    reader = world["reader"]
    here, elsewhere = Client(), Client()
    here.force_login(reader)
    elsewhere.force_login(reader)

    def open_socket(client):
        cookie = f"{settings.SESSION_COOKIE_NAME}={client.session.session_key}".encode()
        headers = [(b"host", b"testserver"), (b"origin", ORIGIN), (b"cookie", cookie)]
        return WebsocketCommunicator(websocket_application(), thread_path(world["thread"]), headers=headers)

    def change_password():
        # What the password change page does: save the new password, then keep its own session signed in.
        reader.set_password("Nowe-haslo-2026!")
        reader.save()
        store = here.session
        store[HASH_SESSION_KEY] = reader.get_session_auth_hash()
        store.save()

    async def scenario():
        mine, other = open_socket(here), open_socket(elsewhere)
        for communicator in (mine, other):
            assert (await communicator.connect())[0]
            await receive(communicator, "hello")
        await database_sync_to_async(change_password)()
        assert await closed_with(other, timeout=5) == 4401
        await mine.send_to(text_data='{"type": "ping"}')
        assert (await receive(mine, "pong")) == {"type": "pong"}
        await mine.disconnect()

    run(scenario)


def test_presence_lists_who_reads_the_thread_unless_they_opted_out(world, monkeypatch):
    monkeypatch.setattr(live, "PRESENCE_DEBOUNCE_S", 0.05)
    thread = world["thread"]
    NotificationSettings.objects.create(user=world["moderator"], show_presence=False)

    async def scenario():
        sockets = [socket(thread_path(thread), world[name]) for name in ("reader", "author", "moderator")]
        for communicator in sockets:
            assert (await communicator.connect())[0]
        frame = await receive(sockets[0], "presence")
        while len(frame["readers"]) < 2:
            frame = await receive(sockets[0], "presence")
        assert [reader["name"] for reader in frame["readers"]] == ["Anna Autorska", "Czesław Czytelnik"]
        await sockets[1].disconnect()
        frame = await receive(sockets[0], "presence")
        assert [reader["name"] for reader in frame["readers"]] == ["Czesław Czytelnik"] and frame[
            "total"
        ] == 1
        for communicator in (sockets[0], sockets[2]):
            await communicator.disconnect()

    run(scenario)
    assert not ThreadReader.objects.exists()


def test_the_bell_counts_live(world):
    reader, thread = world["reader"], world["thread"]

    async def scenario():
        bell = socket("/ws/powiadomienia/", reader, lang="en")
        assert (await bell.connect())[0]
        first = await receive(bell, "unread")
        assert first["count"] == 0 and first["text"] == "Notifications (0)"
        await database_sync_to_async(services.reply)(
            actor=world["author"], thread=thread, body=f"@{reader.email.split('@')[0]} co o tym sądzisz?"
        )
        frame = await receive(bell, "unread")
        assert frame["count"] == 1
        assert frame["latest"]["text"] == f"Anna Autorska mentioned you: {thread.title}"
        assert frame["latest"]["url"].startswith(thread.get_absolute_url())
        await database_sync_to_async(notifications.mark_thread_read)(user=reader, thread=thread)
        frame = await receive(bell, "unread")
        assert frame["count"] == 0 and "latest" not in frame
        await bell.disconnect()

    run(scenario)


def test_the_bell_needs_a_signed_in_person(world):
    async def scenario():
        bell = socket("/ws/powiadomienia/")
        assert (await bell.connect())[0]
        assert await closed_with(bell) == 4401

    run(scenario)


def test_a_coordinator_without_two_factor_gets_no_socket(world):
    from tests.factories import UserFactory, grant
    from zitnet.accounts.enums import GlobalRole

    coordinator = grant(UserFactory(first_name="Koordynatorka"), GlobalRole.NETWORK_COORDINATOR)
    log_in(coordinator)

    async def scenario():
        bell = socket("/ws/powiadomienia/", coordinator)
        assert (await bell.connect())[0]
        assert await closed_with(bell) == 4401

    run(scenario)


def test_a_deactivated_account_loses_its_sockets(world):
    reader = world["reader"]

    async def scenario():
        bell = socket("/ws/powiadomienia/", reader)
        assert (await bell.connect())[0]
        await receive(bell, "unread")

        def deactivate():
            reader.is_active = False
            reader.save(update_fields=["is_active"])

        await database_sync_to_async(deactivate)()
        assert await closed_with(bell) == 4401

    run(scenario)


def test_a_session_that_does_not_exist_is_an_anonymous_visitor(world):
    async def scenario():
        headers = [(b"host", b"testserver"), (b"origin", ORIGIN), (b"cookie", b"sessionid=doesnotexist")]
        communicator = WebsocketCommunicator(
            websocket_application(), thread_path(world["thread"]), headers=headers
        )
        assert (await communicator.connect())[0]
        assert await closed_with(communicator) == 4403

    run(scenario)


def test_moving_the_thread_where_the_reader_may_not_follow_closes_their_view(world):
    thread, moderator = world["thread"], world["moderator"]
    elsewhere = make_space(
        "zarzad", visibility=Visibility.PRIVATE, moderators=[moderator], members=[world["author"]]
    )

    async def scenario():
        reader = socket(thread_path(thread), world["reader"])
        author = socket(thread_path(thread), world["author"])
        for communicator in (reader, author):
            assert (await communicator.connect())[0]
            await receive(communicator, "hello")
        await database_sync_to_async(moderation.move)(actor=moderator, thread=thread, to_space=elsewhere)
        assert (await receive(reader, "gone")) == {"type": "gone"}
        assert await closed_with(reader) == 4403
        # Whoever may follow learns the new address, and hears the space's changes from now on.
        frame = await receive(author, "thread")
        assert frame["url"] == f"/dyskusje/zarzad/{thread.pk}/"
        await database_sync_to_async(elsewhere.members.remove)(world["author"])
        assert await closed_with(author) == 4403

    run(scenario)


def test_losing_the_membership_closes_a_members_only_thread(world):
    from zitnet.accounts.models import Membership

    space = make_space("dla-czlonkow", visibility=Visibility.MEMBERS, moderators=[world["moderator"]])
    thread = make_thread(space, world["author"])
    outsider = world["outsider"]

    async def scenario():
        communicator = socket(thread_path(thread), outsider)
        assert (await communicator.connect())[0]
        await receive(communicator, "hello")

        def revoke():
            for membership in Membership.objects.filter(user=outsider):
                membership.delete()  # the organisation removes her

        await database_sync_to_async(revoke)()
        assert await closed_with(communicator) == 4403

    run(scenario)
