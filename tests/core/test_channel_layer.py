"""The in-memory channel layer of `make run` (zitnet.channel_layers): what a consumer receives is what Channels'
own layer would give it."""

import asyncio

import pytest
from channels.exceptions import ChannelFull

from zitnet.channel_layers import InMemoryChannelLayer


def run(coroutine):
    # In a thread of its own: the browser tests keep an event loop in the main thread.
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_a_group_message_reaches_every_member_as_its_own_copy():
    async def scenario():
        layer = InMemoryChannelLayer()
        names = [await layer.new_channel() for _ in range(3)]
        for name in names:
            await layer.group_add("forum.thread.1", name)
        await layer.group_send("forum.thread.1", {"type": "forum.post", "reactions": {"thanks": 1}})
        received = [await asyncio.wait_for(layer.receive(name), 1) for name in names]
        received[0]["reactions"]["thanks"] = 99
        return received

    first, second, third = run(scenario())
    assert second == third == {"type": "forum.post", "reactions": {"thanks": 1}}
    assert first["reactions"]["thanks"] == 99


def test_a_left_group_sends_nothing_and_other_groups_are_untouched():
    async def scenario():
        layer = InMemoryChannelLayer()
        reader, other = await layer.new_channel(), await layer.new_channel()
        await layer.group_add("forum.thread.1", reader)
        await layer.group_add("forum.thread.2", other)
        await layer.group_discard("forum.thread.1", reader)
        await layer.group_send("forum.thread.1", {"type": "forum.post"})
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(layer.receive(reader), 0.1)
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(layer.receive(other), 0.1)

    run(scenario())


def test_a_full_channel_refuses_a_direct_send_and_is_skipped_by_a_group_send():
    async def scenario():
        layer = InMemoryChannelLayer(capacity=2)
        full, free = await layer.new_channel(), await layer.new_channel()
        for name in (full, free):
            await layer.group_add("forum.thread.1", name)
        await layer.send(full, {"type": "a"})
        await layer.send(full, {"type": "b"})
        with pytest.raises(ChannelFull):
            await layer.send(full, {"type": "c"})
        await layer.group_send("forum.thread.1", {"type": "d"})  # no error for the full one
        return [(await layer.receive(full))["type"] for _ in range(2)], (await layer.receive(free))["type"]

    assert run(scenario()) == (["a", "b"], "d")


def test_expired_messages_are_dropped():
    async def scenario():
        layer = InMemoryChannelLayer(expiry=0)
        layer.CLEAN_INTERVAL_S = 0
        name = await layer.new_channel()
        await layer.send(name, {"type": "old"})
        await asyncio.sleep(0.01)
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(layer.receive(name), 0.1)

    run(scenario())


def test_the_queue_of_a_channel_nobody_receives_on_is_dropped():
    async def scenario():
        layer = InMemoryChannelLayer()
        layer.CLEAN_INTERVAL_S = 0
        name = await layer.new_channel()
        await layer.send(name, {"type": "a"})
        assert (await layer.receive(name))["type"] == "a"
        waiting = asyncio.ensure_future(layer.receive(name))
        await asyncio.sleep(0)
        await layer.group_send("forum.thread.9", {"type": "other"})  # runs the clean-up
        kept = name in layer.channels  # a consumer waits on it
        waiting.cancel()
        await asyncio.gather(waiting, return_exceptions=True)
        layer._clean_expired()
        return kept, name in layer.channels

    assert run(scenario()) == (True, False)
