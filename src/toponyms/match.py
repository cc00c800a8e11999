"""Finding candidate spans: leftmost-longest n-gram lookups of normalized text in the name index.

Two guards keep ordinary words out. A name written with a capital (every proper name) does not
match a word written in lower case, so «лиман» the lagoon stays out while «Лиман» is found. And a
name that is also a common word (``tables/guard.yaml``) does not count where its capital proves
nothing, at the start of a sentence or in capitals, unless a cue stands before it.
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import attrs

from toponyms._tables import parse_table
from toponyms.index import Derivation, IndexEntry, NameIndex
from toponyms.text.normalize import Normalized
from toponyms.text.tokenize import Token, tokenize


@attrs.frozen(slots=True)
class SpanMatch:
    """A span of the original text and the index entries its words match.

    ``folded`` holds entries that match only through the folding key, tried when no key
    matched exactly.
    """

    start: int
    end: int
    surface: str
    entries: tuple[IndexEntry, ...]
    folded: tuple[IndexEntry, ...] = ()


def find_spans(text: str, normalized: Normalized, index: NameIndex) -> list[SpanMatch]:
    """Leftmost-longest matches of ``normalized`` (the folded ``text``) against ``index``."""
    tokens = tokenize(normalized.text)
    spans = []
    position = 0
    while position < len(tokens):
        found = _longest_at(text, normalized, tokens, position, index)
        if found is None or _is_unproven_common_word(text, tokens, position, found):
            position += 1
            continue
        span, words = found
        spans.append(span)
        position += words
    return spans


def _is_unproven_common_word(
    text: str, tokens: list[Token], first: int, found: tuple[SpanMatch, int]
) -> bool:
    span, words = found
    if words != 1 or tokens[first].text not in _common_words():
        return False
    capital_proves_nothing = span.surface.isupper() or _starts_sentence(text, span.start)
    return capital_proves_nothing and not _has_cue_before(tokens, first)


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(_OPENERS)
    return not before or before[-1] in _SENTENCE_ENDS


def _has_cue_before(tokens: list[Token], first: int) -> bool:
    return first > 0 and tokens[first - 1].text in _cues()


_OPENERS = " \t\r«»\"'“”„‘’([—–-*•"
_SENTENCE_ENDS = ".!?…\n:"


@functools.cache
def _table(name: str) -> dict[str, Any]:
    raw: dict[str, Any] = parse_table(
        resources.files("toponyms").joinpath("tables", name).read_text("utf-8")
    )
    return raw


@functools.cache
def _common_words() -> frozenset[str]:
    curated = _table("guard.yaml")["curated"]
    generated = _table("common_words.yaml")  # written by scripts/build_common_words.py
    return frozenset(
        word for table in (curated, generated) for words in table.values() for word in words
    )


@functools.cache
def _cues() -> frozenset[str]:
    return frozenset(word for words in _table("guard.yaml")["cues"].values() for word in words)


def _longest_at(
    text: str, normalized: Normalized, tokens: list[Token], first: int, index: NameIndex
) -> tuple[SpanMatch, int] | None:
    keys = _keys_from(tokens, first, index.max_words)
    for words in range(len(keys), 0, -1):
        start, end = normalized.original_span(tokens[first].start, tokens[first + words - 1].end)
        surface = text[start:end]
        exact = _agreeing(_plausible(index.find(keys[words - 1]), keys[words - 1]), surface)
        if exact:
            return SpanMatch(start=start, end=end, surface=surface, entries=exact), words
        if _is_capitalised(surface):
            folded = _agreeing(index.find_folded(keys[words - 1]), surface)
            if folded:
                span = SpanMatch(start=start, end=end, surface=surface, entries=(), folded=folded)
                return span, words
    return None


def _agreeing(entries: tuple[IndexEntry, ...], surface: str) -> tuple[IndexEntry, ...]:
    return tuple(entry for entry in entries if _case_agrees(surface, entry))


def _plausible(entries: tuple[IndexEntry, ...], key: str) -> tuple[IndexEntry, ...]:
    """Drop relational adjectives that are common words (первомайские праздники): written in
    lower case, they have no capital to prove them anywhere."""
    if key not in _common_words():
        return entries
    return tuple(e for e in entries if e.derivation is not Derivation.ADJECTIVE)


def _is_capitalised(surface: str) -> bool:
    return next((c for c in surface if c.isalpha()), "").isupper()


def _keys_from(tokens: list[Token], first: int, max_words: int) -> list[str]:
    """Keys of the 1-, 2-, … word n-grams starting at ``first``, as far as words join."""
    keys = [tokens[first].text]
    current = first
    while len(keys) < max_words and tokens[current].join and current + 1 < len(tokens):
        keys.append(keys[-1] + (tokens[current].join or "") + tokens[current + 1].text)
        current += 1
    return keys


def _case_agrees(surface: str, entry: IndexEntry) -> bool:
    """A capitalised name needs a capitalised surface (the first letters decide).

    Relational adjectives are the exception: the press writes them in lower case (покровский).
    """
    if entry.derivation is Derivation.ADJECTIVE:
        return True
    name_initial = next((c for c in entry.name.text if c.isalpha()), "")
    surface_initial = next((c for c in surface if c.isalpha()), "")
    return not (name_initial.isupper() and surface_initial.islower())
