"""Correcting typing errors: a query word that matches no indexed term is replaced by the nearest term the
index has seen (edit distance 1, or 2 for long words; two swapped letters count as one edit), shared by both
engines."""

from __future__ import annotations

import threading
import uuid

from django.core.cache import cache
from django.db import transaction
from rapidfuzz import process
from rapidfuzz.distance import OSA

from search.text import ParsedQuery, fold, word_terms

VERSION_KEY = "search:vocabulary"
_lock = threading.Lock()
_loaded: dict = {"version": None, "terms": frozenset(), "by_length": {}}


def _new_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def vocabulary_changed() -> None:
    """Every process reloads the vocabulary at its next query (a random version: never mistaken for an
    older one, even after the cache was emptied)."""
    _new_version()
    transaction.on_commit(_new_version)


def _current_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        _new_version()
        version = cache.get(VERSION_KEY)
    return version


def _vocabulary() -> tuple[frozenset[str], dict[int, list[str]]]:
    version = _current_version()
    if _loaded["version"] != version:
        from search.models import SearchTerm

        with _lock:
            if _loaded["version"] != version:
                terms = list(SearchTerm.objects.values_list("term", flat=True).iterator(chunk_size=5000))
                by_length: dict[int, list[str]] = {}
                for term in terms:
                    by_length.setdefault(len(term), []).append(term)
                _loaded.update(version=version, terms=frozenset(terms), by_length=by_length)
    return _loaded["terms"], _loaded["by_length"]


def max_distance(word: str) -> int:
    if len(word) < 4:
        return 0
    return 1 if len(word) < 8 else 2


def nearest(term: str) -> str | None:
    distance = max_distance(term)
    if not distance:
        return None
    _terms, by_length = _vocabulary()
    candidates: list[str] = []
    for length in range(len(term) - distance, len(term) + distance + 1):
        candidates.extend(by_length.get(length, ()))
    if not candidates:
        return None
    found = process.extractOne(term, candidates, scorer=OSA.distance, score_cutoff=distance)
    return found[0] if found else None


def correct(parsed: ParsedQuery) -> ParsedQuery:
    """Adds, to each group none of whose terms the index knows, the nearest known term (in place)."""
    terms, _ = _vocabulary()
    if not terms:
        return parsed
    for position, group in enumerate(parsed.groups):
        if any(term in terms for term in group):
            continue
        typed = fold(parsed.words[position])
        replacement = None
        for term in dict.fromkeys((typed, *group)):
            replacement = nearest(term)
            if replacement:
                break
        if replacement:
            parsed.groups[position] = tuple(dict.fromkeys((*group, replacement, *word_terms(replacement))))
            parsed.corrections[parsed.words[position]] = replacement
    return parsed
