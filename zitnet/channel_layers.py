"""The in-memory channel layer of `make run` and the test suite, fit for one thread with hundreds of sockets.

Channels' InMemoryChannelLayer does three things per message that add up when a post goes to 500 sockets of one
process (bench/results/forum-live.md):

- it looks for expired messages and group memberships in every channel and group on each send and receive: 1,000
  scans of 500 channels per broadcast. Here that scan runs at most once per CLEAN_INTERVAL_S; expiry is about
  messages and memberships a minute or a day old, so nothing waits on it;
- a group send starts one task per member channel and waits for them all; putting a message on an in-memory
  queue never waits, so here it is put directly;
- every send and receive builds a new queue even when the channel has one (`setdefault`), and a receive that
  empties its queue deletes it, so a socket's next message builds one again (building an asyncio.Queue was a
  tenth of a broadcast); here a queue lives while its consumer is receiving, and empty queues nobody waits on are
  dropped with the expiry scan;
- each member gets a `deepcopy` of the message, the slowest part left of a group send; here strings, numbers and
  the like are shared (they cannot be changed) and only containers are copied.

What a consumer sees is unchanged: its own copy of each message, ChannelFull when its queue is full (a group send
skips such a channel, as Channels' does), expiry after `expiry` seconds.
"""

import asyncio
import time
from copy import deepcopy

from channels.exceptions import ChannelFull
from channels.layers import InMemoryChannelLayer as ChannelsInMemoryChannelLayer

_IMMUTABLE = (str, int, float, bool, bytes, type(None))


def _copy(message: dict) -> dict:
    """A copy of the message that the receiver may change freely, as deepcopy makes it, at a fraction of the
    cost for the flat messages of this project."""
    return {
        key: value if isinstance(value, _IMMUTABLE) else deepcopy(value) for key, value in message.items()
    }


class InMemoryChannelLayer(ChannelsInMemoryChannelLayer):
    CLEAN_INTERVAL_S = 1.0

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._cleaned_at = 0.0
        self._receiving: dict[str, int] = {}

    def _clean_expired(self) -> None:
        now = time.monotonic()
        if now - self._cleaned_at < self.CLEAN_INTERVAL_S:
            return
        self._cleaned_at = now
        super()._clean_expired()
        for channel, queue in list(self.channels.items()):
            if queue.empty() and not self._receiving.get(channel):
                del self.channels[channel]

    def _queue(self, channel: str) -> asyncio.Queue:
        queue = self.channels.get(channel)
        if queue is None:
            queue = self.channels[channel] = asyncio.Queue(maxsize=self.get_capacity(channel))
        return queue

    def _put(self, channel: str, message: dict) -> None:
        try:
            self._queue(channel).put_nowait((time.time() + self.expiry, _copy(message)))
        except asyncio.QueueFull:
            raise ChannelFull(channel) from None

    @staticmethod
    def _check_message(message) -> None:
        if not isinstance(message, dict):
            raise TypeError("A channel message is a dict.")
        if "__asgi_channel__" in message:
            raise ValueError("A channel message carries no __asgi_channel__ key.")

    async def send(self, channel, message):
        self._check_message(message)
        self.require_valid_channel_name(channel)
        self._put(channel, message)

    async def receive(self, channel):
        self.require_valid_channel_name(channel)
        self._clean_expired()
        queue = self._queue(channel)
        self._receiving[channel] = self._receiving.get(channel, 0) + 1
        try:
            _expires, message = await queue.get()
        finally:
            left = self._receiving[channel] - 1
            if left:
                self._receiving[channel] = left
            else:
                del self._receiving[channel]
        return message

    async def group_send(self, group, message):
        self._check_message(message)
        self.require_valid_group_name(group)
        self._clean_expired()
        for channel in list(self.groups.get(group, ())):
            try:
                self._put(channel, message)
            except ChannelFull:
                pass
