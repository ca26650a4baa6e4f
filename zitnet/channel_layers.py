"""The in-memory channel layer of `make run` and the test suite, fit for one thread with hundreds of sockets.

Channels' InMemoryChannelLayer looks for expired messages and group memberships in every channel and group on
each send and receive. A broadcast to 500 sockets is 500 sends and 500 receives, so that scan ran 1,000 times
over 500 channels: most of the time of a broadcast (bench/results/forum-live.md). Here it runs at most once per
CLEAN_INTERVAL_S; expiry is about messages and memberships a minute or a day old, so nothing waits on it.
"""

import time

from channels.layers import InMemoryChannelLayer as ChannelsInMemoryChannelLayer


class InMemoryChannelLayer(ChannelsInMemoryChannelLayer):
    CLEAN_INTERVAL_S = 1.0

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._cleaned_at = 0.0

    def _clean_expired(self) -> None:
        now = time.monotonic()
        if now - self._cleaned_at < self.CLEAN_INTERVAL_S:
            return
        self._cleaned_at = now
        super()._clean_expired()
