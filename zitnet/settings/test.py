"""pytest: the embedded default, or PostgreSQL/Redis when DATABASE_URL/REDIS_URL are set (CI)."""

from .base import *  # noqa: F401,F403

DEBUG = False
SECRET_KEY = "test-only-key-0123456789abcdefghijklmnopqrstuvwxyz-0123456789"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed; never outside tests
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
ZITNET_REQUIRE_TWO_FACTOR = True
# Background work runs at once, so tests see its effects (tests/core/test_background.py covers the thread).
ZITNET_BACKGROUND_THREAD = False
if REDIS_URL:  # noqa: F405
    # Keep the suite's keys apart from anything else on the same server.
    CACHES["default"]["KEY_PREFIX"] = "zitnet-test"  # noqa: F405
    CACHES["forum_posts"]["KEY_PREFIX"] = "zitnet-test-forum-posts"  # noqa: F405
    CHANNEL_LAYERS["default"]["CONFIG"]["prefix"] = "zitnet-test"  # noqa: F405
LOGGING["loggers"]["zitnet.security"]["level"] = "INFO"  # noqa: F405
