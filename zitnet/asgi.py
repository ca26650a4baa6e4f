"""ASGI entry point: HTTP through Django; WebSocket routes join here as the forum grows."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zitnet.settings.production")

django_asgi_app = get_asgi_application()

# The Polish dictionary of search (about 3 s to load) is read now, not in some visitor's first search.
from search.text import warm_up  # noqa: E402

warm_up()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from zitnet.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
    }
)
