"""Settings shared by every environment; the environment-specific modules import from here."""

from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import xstatic.pkg.leaflet
import xstatic.pkg.leaflet_markercluster
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY", "")  # each environment module insists on a value of its own
DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    # daphne first: its runserver replaces Django's with an ASGI one.
    "daphne",
    # Our apps come before the contrib/third-party ones so that our templates win.
    "zitnet.core",
    "zitnet.accounts",
    "zitnet.directory",
    "zitnet.privacy",
    "zitnet.events",
    "knowledge",
    "forum",
    "peer_review",
    "search",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "django.forms",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "channels",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "zitnet.core.middleware.ContentSecurityPolicyMiddleware",
    "zitnet.accounts.middleware.RequireTwoFactorMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "zitnet.urls"
ASGI_APPLICATION = "zitnet.asgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "zitnet.core.context_processors.navigation",
                "forum.context_processors.notifications",
            ],
        },
    },
]
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"


def database_from_url(url: str) -> dict:
    """One DATABASES entry from a URL; SQLite gets WAL and immediate transactions."""
    config = dj_database_url.parse(url, conn_max_age=0)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            # WAL lets readers run while one writer writes; IMMEDIATE takes the write lock at BEGIN,
            # so two writers queue on busy_timeout instead of failing with "database is locked".
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    else:
        config["CONN_HEALTH_CHECKS"] = True
    return config


DATABASES = {
    "default": database_from_url(env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL]},
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "zitnet",
        },
        "forum_posts": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "zitnet-forum-posts",
        },
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "zitnet.channel_layers.InMemoryChannelLayer"}}
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "zitnet"},
        # Rendered forum posts (forum.rendering): many small items, kept apart from the pages' caches.
        "forum_posts": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "zitnet-forum-posts",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }

# Work that must not hold up a request (forum e-mails) runs on a worker thread (zitnet.core.background).
ZITNET_BACKGROUND_THREAD = True
# Forum e-mails "at once" are an outbox in the database (forum.notifications.send_due_emails). Off: each web process
# sends them from its worker thread after a commit. On: only `manage.py forum_mail --loop`, a process of its own,
# sends them (production with several ASGI workers, or when mail must not share a CPU with the live updates).
ZITNET_FORUM_MAIL_WORKER = env_bool("FORUM_MAIL_WORKER", False)
# Origins besides the site itself allowed to open WebSockets (e.g. "https://zitnet.example"); empty: same origin.
ZITNET_WEBSOCKET_ORIGINS = env_list("ZITNET_WEBSOCKET_ORIGINS")

ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL", "")
# Search: the database engine always (and as the fallback); Elasticsearch first when ELASTICSEARCH_URL is set.
SEARCH = {
    "ELASTICSEARCH_URL": ELASTICSEARCH_URL,
    "INDEX_PREFIX": env_str("SEARCH_INDEX_PREFIX", "zitnet"),
    # Seconds; a slower answer counts as a failure and the database answers instead.
    "TIMEOUT": float(env_str("SEARCH_TIMEOUT", "2.0")),
    "BREAKER_SECONDS": 30,  # after a failure, how long the database answers before Elasticsearch is tried again
    # Dotted path of an elastic_transport node class; only tests and benchmarks set it (osmem's media types).
    "NODE_CLASS": env_str("SEARCH_NODE_CLASS", "") or None,
}

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:profile"
LOGOUT_REDIRECT_URL = "/"

ACCOUNT_ADAPTER = "zitnet.accounts.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "zitnet.accounts.forms.SignupDetailsForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[ZITnet] "
ACCOUNT_RATE_LIMITS = {
    # Brute-force protection: at most 5 failed logins per account in 30 minutes (and 10/min per IP).
    "login_failed": "10/m/ip,5/30m/key",
    "signup": "20/h/ip",
    "reset_password": "20/m/ip,5/h/key",
    "confirm_email": "1/3m/key",
}
MFA_ADAPTER = "zitnet.accounts.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "ZITnet"
# Coordinators and staff must have TOTP before they may do anything else (see RequireTwoFactorMiddleware).
ZITNET_REQUIRE_TWO_FACTOR = True

SESSION_COOKIE_AGE = 60 * 60 * 12
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# --- Language and time ----------------------------------------------------------------------
LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
# Leaflet and its clustering plugin come as Python packages (XStatic), served as our own static files.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/leaflet", xstatic.pkg.leaflet.BASE_DIR),
    ("vendor/leaflet-markercluster", xstatic.pkg.leaflet_markercluster.BASE_DIR),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "zitnet.core.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Wagtail --------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "ZITnet"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "csv", "pptx", "odp", "txt"]
# Every document is a download (Content-Disposition: attachment), never rendered in the browser.
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []
# The admin's document forms run the same content check as the front-end practice form.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "knowledge.uploads.DocumentForm"
ZITNET_DOCUMENT_MAX_BYTES = env_int("ZITNET_DOCUMENT_MAX_BYTES", 20 * 1024 * 1024)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
TAGGIT_CASE_INSENSITIVE = True

# --- API ------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so an anonymous call gets 401 with WWW-Authenticate rather than 403.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": "120/min", "user": "600/min"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ZITnet API",
    "DESCRIPTION": "API of the networking platform of Polish ZIT associations.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "PREPROCESSING_HOOKS": ["zitnet.core.openapi.only_public_api"],
}

# --- Security headers -----------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Map tiles are loaded by the browser from OpenStreetMap unless another tile server is configured.
ZITNET_MAP_TILE_URL = env_str("ZITNET_MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
_tile_origin = "{0.scheme}://{0.netloc}".format(urlsplit(ZITNET_MAP_TILE_URL))

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", _tile_origin],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
# The Wagtail editor still relies on inline scripts and styles (wagtail/wagtail#1288); it is only
# reachable by signed-in staff with two-factor authentication, so only its paths get these sources.
ZITNET_ADMIN_CSP_PATH_PREFIXES = ("/admin/", "/django-admin/")
ZITNET_ADMIN_CSP_REPLACE = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
}

FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6 behaviour now: "gmina.pl" means https://gmina.pl

# --- Partner directory ----------------------------------------------------------------------
ZITNET_DIRECTORY_PAGE_SIZE = 20
# Rendered directory listings, organisation pages and GeoJSON are cached per query (0 turns it off).
ZITNET_DIRECTORY_CACHE_SECONDS = env_int("ZITNET_DIRECTORY_CACHE_SECONDS", 600)
# Contact form: messages per signed-in user and per IP address (django-ratelimit rates).
ZITNET_CONTACT_RATE_USER = env_str("ZITNET_CONTACT_RATE_USER", "5/h")
ZITNET_CONTACT_RATE_IP = env_str("ZITNET_CONTACT_RATE_IP", "20/h")

# --- Events ---------------------------------------------------------------------------------
# Accessibility needs (special-category data) are deleted this many days after the event ends, by the
# `purge_accessibility_needs` command (run it daily).
ZITNET_ACCESSIBILITY_NEEDS_RETENTION_DAYS = env_int("ZITNET_ACCESSIBILITY_NEEDS_RETENTION_DAYS", 30)
# `send_event_reminders` (run it hourly) reminds confirmed participants of events starting within this many hours.
ZITNET_EVENT_REMINDER_HOURS = env_int("ZITNET_EVENT_REMINDER_HOURS", 48)

# --- E-mail ---------------------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ZITnet <no-reply@zitnet.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

ZITNET_PRINT_DEMO_PASSWORDS = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "zitnet.security": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.security": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

ZITNET_MEMBERSHIP_REQUESTS_PER_DAY = env_int("ZITNET_MEMBERSHIP_REQUESTS_PER_DAY", 10)
