"""Markdown written by people (report sections, later forum posts) to safe HTML.

CommonMark by markdown-it-py with raw HTML switched off (a `<script>` in the text stays text), tables on; the
result then goes through the same nh3 allow-list as rich text, so nothing outside it reaches a page.
"""

from functools import lru_cache

from django.utils.safestring import SafeString
from markdown_it import MarkdownIt

from knowledge.sanitise import clean_html


@lru_cache(maxsize=1)
def parser() -> MarkdownIt:
    # "js-default": CommonMark without raw HTML and with markdown-it's own link validation (no javascript:).
    return MarkdownIt("js-default").enable("table").enable("strikethrough")


def render_markdown(text: str) -> SafeString:
    """The HTML of `text`; headings in user text start at <h3> so they sit under the page's own headings."""
    html = parser().render(text or "")
    for level in (5, 4, 3, 2, 1):
        html = html.replace(f"<h{level}>", f"<h{min(level + 2, 5)}>").replace(
            f"</h{level}>", f"</h{min(level + 2, 5)}>"
        )
    return clean_html(html)


def tokens(text: str):
    """The parsed token stream (for writers of other formats, e.g. DOCX)."""
    return parser().parse(text or "")
