"""Root URLconf: the shell, accounts, privacy, API, Wagtail admin, and Wagtail's pages last."""

import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from knowledge.navigation import current_handbook
from knowledge.views import PAGE_PATH_PATTERN, serve_cached
from search.urls import api_urlpatterns as search_api_urlpatterns
from zitnet.core import views as core_views

urlpatterns = [
    path("health/", core_views.health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("konto/", include("zitnet.accounts.urls")),
    path("konto/prywatnosc/", include("zitnet.privacy.urls")),
    path("katalog/", include("zitnet.directory.urls")),
    path("wydarzenia/", include("zitnet.events.urls")),
    path("wiedza/podrecznik/", current_handbook, name="handbook_current"),
    path("wiedza/", include("knowledge.urls")),
    path("szukaj/", include("search.urls")),
    path("forum-oceny/", include("peer_review.urls")),
    path("dyskusje/", include("forum.urls")),
    path("konto/", include("allauth.urls")),
    path("api/v1/search/", include((search_api_urlpatterns, "search_api"))),
    path("api/v1/", include("zitnet.api")),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("dokumenty/", include(wagtaildocs_urls)),
]


def debug_media_patterns() -> list:
    """Uploaded media for `make run`, except documents: those only ever go through Wagtail's serve view
    (/dokumenty/), which checks collection restrictions and sends them as attachments, and private files
    (a Forum challenge's attachments), which only their permission-checking views send. A production proxy
    must likewise refuse <MEDIA_URL>documents/ and <MEDIA_URL>private/ (see the README)."""
    from django.views.static import serve as serve_media

    prefix = settings.MEDIA_URL.lstrip("/")
    return [
        re_path(
            rf"^{re.escape(prefix)}(?!documents/|private/)(?P<path>.+)$",
            serve_media,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]


if settings.DEBUG:
    urlpatterns += debug_media_patterns()

# Anonymous visitors of the good-practice library are answered from the cache before Wagtail's routing;
# a miss, and every other page, falls through to Wagtail's serve view (knowledge.views.serve_cached).
urlpatterns.append(re_path(PAGE_PATH_PATTERN, serve_cached))
urlpatterns.append(path("", include(wagtail_urls)))
