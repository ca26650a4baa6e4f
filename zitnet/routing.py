"""WebSocket URL patterns of all apps (the forum and notifications add theirs here)."""

websocket_urlpatterns: list = []
