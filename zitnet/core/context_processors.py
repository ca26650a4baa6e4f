"""Template context for the page chrome: navigation entries and the fixed site pages."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .site_pages import (
    ACCESSIBILITY_STATEMENT_PATH,
    PRACTICE_LIBRARY_PATH,
    PRIVACY_NOTICE_PATH,
    REPORT_LIBRARY_PATH,
)


def navigation(request) -> dict:
    # Only sections that exist appear; later apps add theirs here.
    main = [
        {"label": _("Home"), "url": "/"},
        {"label": _("Good practices"), "url": PRACTICE_LIBRARY_PATH},
        {"label": _("Handbook"), "url": reverse("handbook_current")},
        {"label": _("Assessment and Cooperation Forum"), "url": reverse("peer_review:index")},
        {"label": _("Forum reports"), "url": REPORT_LIBRARY_PATH},
        {"label": _("Partner directory"), "url": reverse("directory:list")},
        {"label": _("Map of services"), "url": reverse("directory:map")},
        {"label": _("Events"), "url": reverse("events:list")},
        {"label": _("Discussions"), "url": reverse("forum:index")},
    ]
    return {
        "main_navigation": main,
        "accessibility_statement_url": ACCESSIBILITY_STATEMENT_PATH,
        "privacy_notice_url": PRIVACY_NOTICE_PATH,
        "api_schema_url": reverse("api:schema"),
    }
