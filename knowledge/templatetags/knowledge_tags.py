"""Template helpers of the knowledge library."""

from django import template

from knowledge.sanitise import clean_rich_text

register = template.Library()


@register.filter
def safe_richtext(value) -> str:
    """Stored rich text (a RichTextField value) as sanitised HTML; use instead of Wagtail's |richtext."""
    return clean_rich_text(str(value) if value is not None else "")


# --- Good practices (knowledge.views) ------------------------------------------------------------


@register.simple_tag(takes_context=True)
def practice_body(context, page):
    """The practice page's body (cached for anonymous visitors; see knowledge.views.practice_body)."""
    from knowledge.views import practice_body as render_body

    return render_body(context["request"], page)


@register.filter
def practice_verified(practice) -> bool:
    """Whether a practice carries the label: from the listing's annotation when present, else one query."""
    flag = getattr(practice, "verified_flag", None)
    return practice.is_verified if flag is None else bool(flag)


def _group_thousands(digits: str) -> str:
    groups = []
    while digits:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    return " ".join(groups)


@register.filter
def pln(value) -> str:
    """An amount in złoty written the Polish way whatever the language: 1250000 -> "1 250 000,00 zł"."""
    from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

    if value in (None, ""):
        return ""
    try:
        amount = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    whole, _dot, cents = f"{abs(amount):.2f}".partition(".")
    sign = "-" if amount < 0 else ""
    return f"{sign}{_group_thousands(whole)},{cents} zł"


@register.filter
def percent_pl(value) -> str:
    """A share written the Polish way: Decimal("85.0") -> "85,0%"."""
    if value in (None, ""):
        return ""
    return f"{value}".replace(".", ",") + "%"


# --- Handbook and reports (knowledge.handbook) ---------------------------------------------------


@register.simple_tag(takes_context=True)
def chapter_navigation(context, chapter) -> dict:
    """Everything a chapter page shows around its body: handbook, number, breadcrumbs, TOCs, previous/next."""
    from knowledge.handbook import chapter_headings, current_edition, handbook_of, handbook_outline

    handbook = handbook_of(chapter)
    if handbook is None:
        return {"handbook": None, "headings": chapter_headings(chapter)}
    request = context.get("request")
    outline = handbook_outline(handbook).with_urls(handbook.get_url(request) or "")
    entry = outline.get(chapter.pk)
    current = current_edition(handbook)
    return {
        "handbook": handbook,
        "handbook_url": handbook.get_url(request),
        "outline": outline,
        "entry": entry,
        "headings": chapter_headings(chapter),
        "current_edition": current if current and current.pk != handbook.pk else None,
    }


@register.simple_tag(takes_context=True)
def handbook_overview(context, handbook) -> dict:
    """The handbook page's table of contents (chapters and their headings) and edition notice."""
    from knowledge.handbook import current_edition, handbook_outline

    request = context.get("request")
    outline = handbook_outline(handbook, with_headings=True).with_urls(handbook.get_url(request) or "")
    current = current_edition(handbook)
    return {
        "outline": outline,
        "authors": list(handbook.authors.all()),
        "current_edition": current if current and current.pk != handbook.pk else None,
    }


@register.simple_tag(takes_context=True)
def handbook_fragment_cache(context, page) -> dict:
    """{seconds, key} for {% cache %} around a handbook or chapter page's content; see knowledge.handbook."""
    from knowledge.handbook import fragment_cache

    return fragment_cache(context.get("request"), page)


@register.simple_tag
def live_reports(index_page) -> list:
    """The published reports under a report library, newest first."""
    from knowledge.models import ReportPage

    return list(
        ReportPage.objects.live()
        .child_of(index_page)
        .order_by("-published_on", "-first_published_at")
        .only("id", "title", "url_path", "cycle_name", "hosts", "published_on", "summary", "is_demo")
    )


@register.filter
def stream_sections(stream) -> list:
    """(title, anchor) of each section of a report stream, read from the raw data."""
    from knowledge.blocks import heading_anchor

    found = []
    for block in getattr(stream, "raw_data", None) or []:
        value = block.get("value")
        if block.get("type") == "section" and isinstance(value, dict) and value.get("title"):
            found.append({"title": value["title"], "anchor": heading_anchor(value["title"])})
    return found


@register.filter
def safe_link(value) -> str:
    """The link if it is a path on this site or an http(s) address, else an empty string (never javascript:)."""
    from django.core.exceptions import ValidationError

    from knowledge.validators import validate_safe_link

    value = str(value or "").strip()
    try:
        validate_safe_link(value)
    except ValidationError:
        return ""
    return value


@register.filter
def priority_label(value) -> str:
    """The translated label of a priority value stored in a block ("high" -> "High")."""
    from knowledge.enums import Priority

    try:
        return Priority(value).label
    except ValueError:
        return ""
