"""`make run`: the embedded default — SQLite, in-memory channel layer, console e-mail, local media."""

from .base import *  # noqa: F401,F403
from .env import env_bool, env_str

DEBUG = True
SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-never-use-in-production-0123456789abcdef")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
CSRF_TRUSTED_ORIGINS = ["http://127.0.0.1:8000", "http://localhost:8000"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# The demo coordinator can look around without an authenticator app; production and the test suite
# enforce two-factor authentication for coordinators and staff.
ZITNET_REQUIRE_TWO_FACTOR = env_bool("ZITNET_REQUIRE_TWO_FACTOR", False)
ZITNET_PRINT_DEMO_PASSWORDS = True
LOGGING["loggers"]["zitnet"] = {"handlers": ["console"], "level": "INFO", "propagate": False}  # noqa: F405
