"""ASGI entry point: pages through Django, WebSockets (the forum's live updates) through Channels."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zitnet.settings.production")

django_asgi_app = get_asgi_application()

# The Polish dictionary of search (about 3 s to load) is read now, not in some visitor's first search.
from search.text import warm_up  # noqa: E402

warm_up()

from channels.routing import ProtocolTypeRouter  # noqa: E402

from zitnet.routing import websocket_application  # noqa: E402

application = ProtocolTypeRouter({"http": django_asgi_app, "websocket": websocket_application()})

# Everything loaded so far (Django, the URLconf, templates, the search dictionary) lives as long as the process:
# moved out of the garbage collector's sight, so its full collections stop walking it (pauses of ~0.2 s under
# load, seen in bench/results/forum-live.md).
import gc  # noqa: E402

gc.collect()
gc.freeze()
