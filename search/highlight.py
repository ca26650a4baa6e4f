"""Snippets with the matched words marked, computed from the original text so both engines show the same
thing: a word is marked when one of its terms (see search.text.word_terms) is among the query's terms."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search.text import WORD_RE, word_terms

SNIPPET_WORDS = 32
MAX_SCAN_CHARS = 20_000


def _matches(word: str, terms: set[str]) -> bool:
    return bool(terms.intersection(word_terms(word[:40])))


def highlight(text: str, terms: set[str]) -> SafeString:
    """The whole (short) text, escaped, with matches in <mark>."""
    return _render(
        text or "", [(m.start(), m.end()) for m in WORD_RE.finditer(text or "") if _matches(m.group(), terms)]
    )


def _render(text: str, spans: list[tuple[int, int]], start: int = 0, end: int | None = None) -> SafeString:
    end = len(text) if end is None else end
    out, cursor = [], start
    for s, e in spans:
        if s < start or e > end:
            continue
        out.append(escape(text[cursor:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        cursor = e
    out.append(escape(text[cursor:end]))
    return mark_safe("".join(out))  # noqa: S308 — every piece of text is escaped above


def snippet(text: str, terms: set[str], words: int = SNIPPET_WORDS) -> SafeString:
    """About `words` words of the text around the densest cluster of matches, with them marked; the start of
    the text when nothing matches."""
    text = (text or "")[:MAX_SCAN_CHARS]
    found = list(WORD_RE.finditer(text))
    if not found:
        return mark_safe("")  # noqa: S308
    hits = [i for i, m in enumerate(found) if terms and _matches(m.group(), terms)]
    first = 0
    if hits:
        best, best_count = hits[0], 0
        j = 0
        for i, h in enumerate(hits):
            while hits[j] < h - words + 1:
                j += 1
            if i - j + 1 > best_count:
                best_count, best = i - j + 1, hits[j]
        first = max(0, best - 3)
    last = min(len(found), first + words) - 1
    start = 0 if first == 0 else found[first].start()
    end = found[last].end()
    spans = [(found[i].start(), found[i].end()) for i in hits if first <= i <= last]
    body = _render(text, spans, start, end)
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text.rstrip()) else ""
    return mark_safe(prefix + body + suffix)  # noqa: S308 — _render escaped the text
