"""Places named inside the names of organisations, laws, courts, cups and newspapers.

«Закону України», «Господарського суду м. Києва», «Кубка України», газети «Житомирщина»,
«Інтерфакс-Україна»: the place is part of a name, not a place spoken of. Such spans are kept and
marked ``in_name`` (a matcher may leave them out). Two readings, from ``tables/organisations.yaml``:

- a head word of an organisation or a title (закон, суд, кубок, міністерство…) stands within a few
  words before the place, in the same clause;
- the place is inside quotes with other words («Сильна Україна», «LNG-Україна»), or is the whole
  quoted name after a word that names a company, party or newspaper (партії «Батьківщина»).
"""

from __future__ import annotations

import functools
import re

import attrs

from toponyms._tables import read_table
from toponyms.index import Derivation
from toponyms.match import SpanMatch
from toponyms.text.normalize import Normalized
from toponyms.text.tokenize import Token

# Punctuation that ends the name before a place (a full stop may be an abbreviation: «м. Києва»).
_CLAUSE_BREAK = re.compile(r"[,;:!?()\[\]«»\"“”„\n]")
_OPENING = '«“„"'
_CLOSING = {"«": "»", "“": "”", "„": "“", '"': '"'}
MAX_QUOTE = 80  # characters: a name in quotes is short; farther back, a quote opens something else


def mark_in_name(
    text: str, normalized: Normalized, tokens: list[Token], spans: list[SpanMatch]
) -> list[SpanMatch]:
    """``spans`` with those inside an organisation's name or a title marked ``in_name``."""
    marked = []
    for span in spans:
        if span.in_name:
            pass
        elif _adjective_before_head(text, normalized, tokens, span):
            span = attrs.evolve(span, in_name=True, prefer_adjective=True)
        elif (
            _after_head(text, normalized, tokens, span)
            or _names_around(tokens, span)
            or _in_quoted_name(text, span)
        ):
            span = attrs.evolve(span, in_name=True)
        marked.append(span)
    return marked


def _after_head(text: str, normalized: Normalized, tokens: list[Token], span: SpanMatch) -> bool:
    """Whether the name of an organisation or a title begins a few words before the span, in
    its clause: a head word (закон, суд, кубок) that is, or follows, a capitalised word
    («Закону України», «Господарського суду м. Києва»; a «закон про …» is no name)."""
    table = _table()
    first = span.first
    for back in range(1, table.max_words + 1):
        number = first - back
        if number < 0:
            return False
        if _CLAUSE_BREAK.search(normalized.text[tokens[number].end : tokens[first].start]):
            return False
        if _is_head(tokens[number].text, table.stems, table.max_ending) and (
            _capitalised(text, normalized, tokens[number])
            or (number > 0 and _capitalised(text, normalized, tokens[number - 1]))
        ):
            return True
    return False


def _names_around(tokens: list[Token], span: SpanMatch) -> bool:
    """Whether an English name follows its place ("Kyiv Independent") or precedes it
    ("Shakhtar Donetsk")."""
    table = _table()
    last = span.first + span.words - 1
    following = tokens[last + 1].text if last + 1 < len(tokens) and tokens[last].join else None
    if following in table.names_after:
        return True
    before = tokens[span.first - 1] if span.first > 0 else None
    return before is not None and before.join is not None and before.text in table.names_before


def _adjective_before_head(
    text: str, normalized: Normalized, tokens: list[Token], span: SpanMatch
) -> bool:
    """Whether a place's adjective opens an organisation's name («Харківського національного
    університету», «Херсонське управління»)."""
    table = _table()
    last = span.first + span.words - 1
    if not any(e.derivation is Derivation.ADJECTIVE for e in span.entries):
        return False
    for ahead in range(1, table.max_words):
        number = last + ahead
        if number >= len(tokens) or tokens[number - 1].join is None:
            return False
        if _is_head(tokens[number].text, table.stems, table.max_ending):
            return _capitalised(text, normalized, tokens[span.first])
    return False


def _capitalised(text: str, normalized: Normalized, token: Token) -> bool:
    start, _ = normalized.original_span(token.start, token.end)
    return text[start : start + 1].isupper()


def _in_quoted_name(text: str, span: SpanMatch) -> bool:
    """Whether the span is inside quotes with other words, or is a quoted name after a word
    naming a company, party or newspaper."""
    window = text[max(0, span.start - MAX_QUOTE) : span.start]
    opened = max(window.rfind(mark) for mark in _OPENING)
    if opened < 0:
        return False
    opener = window[opened]
    if _CLOSING[opener] in window[opened + 1 :] and opener != '"':
        return False  # the quote before closed already
    close = text.find(_CLOSING[opener], span.end, span.end + MAX_QUOTE)
    if close < 0:
        return False
    quote_start = span.start - len(window) + opened
    inside = text[quote_start + 1 : close]
    own = text[span.start : span.end]
    if inside.strip(" -") != own:
        return any(c.isalpha() for c in inside.replace(own, "", 1))
    before = text[max(0, quote_start - 30) : quote_start].split()
    return bool(before) and before[-1].lower().strip(".") in _table().quote_heads


@attrs.frozen
class _Table:
    stems: frozenset[str]
    quote_heads: frozenset[str]
    names_after: frozenset[str]
    names_before: frozenset[str]
    max_ending: int
    max_words: int


@functools.cache
def _table() -> _Table:
    raw = read_table("organisations.yaml")
    return _Table(
        stems=frozenset(stem for stems in raw["heads"].values() for stem in stems),
        quote_heads=frozenset(word for words in raw["quote_heads"].values() for word in words),
        names_after=frozenset(raw["names_after"]),
        names_before=frozenset(raw["names_before"]),
        max_ending=int(raw["max_ending"]),
        max_words=int(raw["max_words"]),
    )


def _is_head(word: str, stems: frozenset[str], max_ending: int) -> bool:
    shortest = max(1, len(word) - max_ending)
    return any(word[:cut] in stems for cut in range(shortest, len(word) + 1))
