"""Rich text as it leaves the database: Wagtail's links expanded, then cleaned by nh3 with a strict allow-list.

Editors are semi-trusted and rich text may also arrive by the API or an import, so the HTML is cleaned when it
is rendered, not only when an editor saves it."""

import nh3
from django.utils.safestring import SafeString, mark_safe
from wagtail.rich_text import expand_db_html

ALLOWED_TAGS = {
    "p", "br", "b", "strong", "i", "em", "u", "s", "sub", "sup", "a", "ul", "ol", "li",
    "h2", "h3", "h4", "h5", "blockquote", "table", "thead", "tbody", "tr", "th", "td", "code", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": {"colspan", "rowspan"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_html(html: str) -> SafeString:
    return mark_safe(  # noqa: S308 - nh3 has just removed everything outside the allow-list
        nh3.clean(
            html or "",
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel="noopener noreferrer",
        )
    )


def clean_rich_text(source: str) -> SafeString:
    """Stored Wagtail rich text (with <a linktype=…>) to safe HTML."""
    return clean_html(expand_db_html(source or ""))
