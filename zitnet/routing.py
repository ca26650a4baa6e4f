"""The WebSocket side of the ASGI application: routes of all apps, behind the same checks as the pages."""

from urllib.parse import urlsplit

from channels.auth import AuthMiddlewareStack
from channels.routing import URLRouter
from django.conf import settings
from django.http.request import split_domain_port, validate_host
from django.urls import path

from forum import consumers

# What Django accepts as hosts when DEBUG is on and ALLOWED_HOSTS is empty.
_DEBUG_HOSTS = [".localhost", "127.0.0.1", "[::1]"]

websocket_urlpatterns = [
    path("ws/dyskusje/watki/<int:pk>/", consumers.ThreadConsumer.as_asgi()),
    path("ws/powiadomienia/", consumers.NotificationConsumer.as_asgi()),
]


class SameOriginOnly:
    """Refuse a WebSocket handshake (403) unless its Origin is the site itself: the scheme and host the browser
    connected to (the Host header), or one of ZITNET_WEBSOCKET_ORIGINS. A page on another site cannot open a socket
    with a visitor's cookies; a request without an Origin (not a browser) is refused too."""

    def __init__(self, application):
        self.application = application

    async def __call__(self, scope, receive, send):
        if scope["type"] == "websocket" and not self.allowed(scope):
            # Before accepting: daphne answers the handshake with 403.
            await send({"type": "websocket.close", "code": 4403})
            return None
        return await self.application(scope, receive, send)

    @staticmethod
    def allowed(scope) -> bool:
        headers = dict(scope.get("headers") or [])
        origin = headers.get(b"origin", b"").decode("latin-1").strip()
        host = headers.get(b"host", b"").decode("latin-1").strip().lower()
        if not origin or origin == "null":
            return False
        parts = urlsplit(origin)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return False
        if origin.rstrip("/").lower() in {o.rstrip("/").lower() for o in settings.ZITNET_WEBSOCKET_ORIGINS}:
            return True
        secure = scope.get("scheme") in ("wss", "https")
        expected_scheme = "https" if secure else "http"
        # Behind a TLS-terminating proxy the socket arrives as ws: but the page was https.
        if parts.scheme != expected_scheme and not (
            parts.scheme == "https" and settings.SECURE_PROXY_SSL_HEADER
        ):
            return False
        if not host or parts.netloc.lower() != host:
            return False
        domain, _port = split_domain_port(host)
        allowed_hosts = settings.ALLOWED_HOSTS or (_DEBUG_HOSTS if settings.DEBUG else [])
        return bool(domain) and validate_host(domain, allowed_hosts)


def websocket_application():
    """Origin first, then the session and user (AuthMiddlewareStack), then the routes."""
    return SameOriginOnly(AuthMiddlewareStack(URLRouter(websocket_urlpatterns)))
