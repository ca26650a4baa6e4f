"""Polish text handling shared by both engines.

Indexed text and queries go through the same steps, so the database engine and Elasticsearch see the same
terms and rank alike:

1. words are cut out of the text (letters and digits, hyphenated words split);
2. each word is lemmatised with simplemma's Polish dictionary (*edukacji* → *edukacja*, *centrów* → *centrum*);
3. lemma and surface form are folded to lower-case ASCII (*Kraków* → *krakow*, *łódź* → *lodz*).

A word yields its folded lemma and, when it differs, its folded surface form, so a word the lemmatiser gets
wrong (*Gdańsku* → *gdański*) still matches its own form. A query word typed without diacritics, which the
dictionary does not know (*wlaczajacej*), is also tried with Polish letters restored (*włączającej* →
*włączać*), within a bounded number of candidates.

Why simplemma (measured here, Python 3.11, one core): it loads its Polish dictionary in about 3 s and lemmatises
at about 0.4 µs a word, and gets place names right (*Krakowie* → *Kraków*, *Gdańsku* → *Gdańsk*). pystempel (the
Stempel stemmer) loads in about 7 s, stems at about 9.5 µs a word and splits place names apart (*Kraków* →
*kraka*, *Krakowie* → *krak*, *Gdańsk* → *gdańsko*). morfeusz2 was not taken: a native library for a gain the
relevance table does not need (recall@5 is 1.0 on both engines).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import simplemma

LANG = "pl"
WORD_RE = re.compile(r"[^\W_]+", re.UNICODE)
MAX_QUERY_WORDS = 12
MAX_WORD_LENGTH = 40
MAX_RESTORATIONS = 512

# Stop words: dropped from queries and from the index (they carry no meaning for retrieval).
STOP_WORDS = frozenset(
    """a aby albo ale bez by być czy dla do i ich jak jako jest lub ma na nad nie o od oraz po pod przez przy
    się są ta tak te tego to tu w we z za ze że the of and or not in on for""".split()
)

_FOLD_EXTRA = str.maketrans({"ł": "l", "Ł": "l", "ß": "ss", "æ": "ae", "ø": "o", "đ": "d"})
_RESTORE = {"a": "aą", "c": "cć", "e": "eę", "l": "lł", "n": "nń", "o": "oó", "s": "sś", "z": "zźż"}


def fold(text: str) -> str:
    """Lower case without diacritics: 'Łódź' → 'lodz'."""
    text = text.translate(_FOLD_EXTRA)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def words(text: str) -> list[str]:
    return [w[:MAX_WORD_LENGTH] for w in WORD_RE.findall(text or "")]


@lru_cache(maxsize=200_000)
def _lemma(word: str) -> str:
    return simplemma.lemmatize(word, lang=LANG)


@lru_cache(maxsize=1)
def _dictionary():
    from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

    return DefaultDictionaryFactory().get_dictionary(LANG)


def is_known(word: str) -> bool:
    dictionary = _dictionary()
    return word in dictionary or word.lower() in dictionary


# Nouns the dictionary does not know, by their ending: -acja and -ość words are the usual case in the
# language of public administration (deinstytucjonalizacja, partycypacyjność).
_SUFFIXES = (
    ("acjami", "acja"), ("acjach", "acja"), ("acjom", "acja"), ("acji", "acja"), ("acją", "acja"),
    ("ację", "acja"), ("acje", "acja"), ("ościami", "ość"), ("ościach", "ość"), ("ością", "ość"),
    ("ości", "ość"),
)  # fmt: skip


def _lemmas(word: str) -> list[str]:
    """Lemmas of a word as written: a capitalised word is tried as a proper noun first (Gdańsku → Gdańsk,
    where the lower-case form would be the adjective gdański); a lower-case one also as a proper noun when
    the dictionary knows it so (gdańsku → Gdańsk too)."""
    dictionary = _dictionary()
    lower = word.lower()
    lemmas = [_lemma(word)]
    if word != lower and word not in dictionary:
        lemmas.append(_lemma(lower))
    elif word == lower and (capital := word.capitalize()) in dictionary:
        lemmas.append(_lemma(capital))
    if lower not in dictionary and word not in dictionary:
        for ending, replacement in _SUFFIXES:
            if lower.endswith(ending) and len(lower) > len(ending) + 3:
                lemmas.append(lower[: -len(ending)] + replacement)
                break
    return lemmas


@lru_cache(maxsize=200_000)
def word_terms(word: str) -> tuple[str, ...]:
    """The index terms of one word: its folded lemma(s), then its folded surface form if different."""
    lower = word.lower()
    if lower in STOP_WORDS or fold(lower) in STOP_WORDS:
        return ()
    terms = [fold(lemma) for lemma in _lemmas(word)]
    terms.append(fold(lower))
    return tuple(dict.fromkeys(terms))


def index_terms(text: str) -> list[str]:
    """The terms of a text as the index stores them (order kept, for phrase-like proximity)."""
    out: list[str] = []
    for word in words(text):
        out.extend(word_terms(word))
    return out


def index_text(text: str) -> str:
    return " ".join(index_terms(text))


def _restorations(word: str) -> list[str]:
    """Spellings of an ASCII word with Polish letters restored that the dictionary knows."""
    options = [_RESTORE.get(ch, ch) for ch in word]
    count = 1
    for option in options:
        count *= len(option)
    if count <= 1 or count > MAX_RESTORATIONS:
        return []
    dictionary = _dictionary()
    found = []
    for letters in itertools.product(*options):
        candidate = "".join(letters)
        if candidate != word and candidate in dictionary:
            found.append(candidate)
    return found


@lru_cache(maxsize=20_000)
def query_word_terms(word: str) -> tuple[str, ...]:
    """Every term a query word may match: its own terms plus those of restored spellings."""
    lower = word.lower()
    terms = list(word_terms(word))
    if not terms:
        return ()
    if lower.isascii() and lower.isalpha() and len(lower) > 2:
        for candidate in _restorations(lower):
            for term in word_terms(candidate):
                if term not in terms:
                    terms.append(term)
    return tuple(terms)


@dataclass
class ParsedQuery:
    """A query as both engines use it: groups of alternative terms, all groups required (or any, relaxed)."""

    raw: str
    groups: list[tuple[str, ...]] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    prefix: str = ""  # the last, possibly unfinished word, folded (suggestions)
    corrections: dict[str, str] = field(default_factory=dict)  # typed word → vocabulary term used

    @property
    def is_empty(self) -> bool:
        return not self.groups

    @property
    def all_terms(self) -> set[str]:
        return {term for group in self.groups for term in group}


def parse_query(raw: str) -> ParsedQuery:
    """Words of a query, stop words and syntax dropped: quotes, wildcards and operators are plain text here."""
    raw = (raw or "").strip()
    parsed = ParsedQuery(raw=raw)
    seen: set[tuple[str, ...]] = set()
    for word in words(raw)[: MAX_QUERY_WORDS * 2]:
        terms = query_word_terms(word)
        if not terms or terms in seen:
            continue
        seen.add(terms)
        parsed.groups.append(terms)
        parsed.words.append(word)
        if len(parsed.groups) >= MAX_QUERY_WORDS:
            break
    all_words = words(raw)
    if all_words and raw[-1:].isalnum():
        parsed.prefix = fold(all_words[-1])
    return parsed


def warm_up() -> None:
    """Load the dictionary now (about 3 s once per process) rather than in the first request."""
    word_terms("edukacji")
    _dictionary()
