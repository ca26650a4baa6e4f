"""`make bench`: production settings served over plain HTTP on loopback, with a query counter."""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-key-0123456789abcdefghijklmnopqrstuvwxyz-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("DATABASE_URL", "sqlite:///bench/bench.sqlite3")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
# As in production: forum e-mails go from `manage.py forum_mail --loop`, which bench/run.py starts beside daphne.
os.environ.setdefault("FORUM_MAIL_WORKER", "true")

from .production import *  # noqa: E402,F401,F403

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# X-Query-Count on every response, read by the load generator.
MIDDLEWARE = ["zitnet.core.middleware.QueryCountMiddleware", *MIDDLEWARE]  # noqa: F405
# The load generator is one client hammering one URL: API throttling would answer it with 429s.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}  # noqa: F405
