"""Root URLconf: the shell, accounts, privacy, API, Wagtail admin, and Wagtail's pages last."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from knowledge.navigation import current_handbook
from knowledge.views import PAGE_PATH_PATTERN, serve_cached
from zitnet.core import views as core_views

urlpatterns = [
    path("health/", core_views.health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("konto/", include("zitnet.accounts.urls")),
    path("konto/prywatnosc/", include("zitnet.privacy.urls")),
    path("katalog/", include("zitnet.directory.urls")),
    path("wiedza/podrecznik/", current_handbook, name="handbook_current"),
    path("wiedza/", include("knowledge.urls")),
    path("konto/", include("allauth.urls")),
    path("api/v1/", include("zitnet.api")),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("dokumenty/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Anonymous visitors of the good-practice library are answered from the cache before Wagtail's routing;
# a miss, and every other page, falls through to Wagtail's serve view (knowledge.views.serve_cached).
urlpatterns.append(re_path(PAGE_PATH_PATTERN, serve_cached))
urlpatterns.append(path("", include(wagtail_urls)))
