"""Finding candidate spans: leftmost-longest n-gram lookups of normalized text in the name index.

A name written with a capital (every proper name) does not match a word written in lower case, so
«лиман» the lagoon stays out while «Лиман» is found. The other guards against ordinary words and
people's names run on the spans found here (:mod:`toponyms.guard`).
"""

from __future__ import annotations

import functools
import itertools
import operator
from collections.abc import Iterator, Mapping

import attrs

from toponyms._tables import read_table, table_words
from toponyms.fuzzy import FuzzyIndex
from toponyms.index import Derivation, IndexEntry, NameIndex
from toponyms.model import Kind, Method
from toponyms.ranking import method_of
from toponyms.text.context import is_capitalised, starts_sentence
from toponyms.text.normalize import Normalized
from toponyms.text.tokenize import Token


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
    first: int = 0  # the index of its first token
    words: int = 1  # its number of tokens
    fuzzy: tuple[IndexEntry, ...] = ()  # entries met only by fuzzy matching
    similarity: float = 1.0  # of a fuzzy match
    # Set by the phrase stage (toponyms.phrases): the kinds of unit an administrative phrase
    # names (None: not a phrase), and the span of the unit written to qualify this one.
    unit_kinds: frozenset[Kind] | None = None
    qualifier: int | None = None
    listed_with_next: bool = False  # the next span follows after a list separator (", ", " і ")
    # Set by the guards: the place is named inside the name of an organisation or a title; a
    # head noun after the span makes it an adjective («Покровському напрямку», «Харківського
    # університету»), so the adjective's city goes before a village of that form.
    in_name: bool = False
    prefer_adjective: bool = False


def find_spans(
    tokens: list[Token],
    text: str,
    normalized: Normalized,
    index: NameIndex,
    fuzzy: FuzzyIndex | None = None,
    methods: frozenset[Method] | None = None,
) -> list[SpanMatch]:
    """Leftmost-longest matches of ``tokens`` (of the folded ``text``) against ``index``; with
    ``fuzzy``, a capitalised word that matched nothing is tried there. ``methods`` keeps only
    matches made so (None: every method of the index)."""
    may_fold = methods is None or Method.TRANSLIT in methods
    spans = []
    free = 0  # the first token not yet inside a span
    for position in _starts(tokens, text, normalized, index, may_fold, fuzzy is not None):
        if position < free:
            continue
        span = _longest_at(text, normalized, tokens, position, index, methods)
        if span is None and fuzzy is not None:
            span = _fuzzy_at(text, normalized, tokens, position, fuzzy)
        if span is not None:
            spans.append(span)
            free = position + span.words
    return spans


def _starts(
    tokens: list[Token],
    text: str,
    normalized: Normalized,
    index: NameIndex,
    may_fold: bool,
    fuzzy: bool,
) -> list[int]:
    """The tokens where a span can start, found by C-level passes over the words; every other
    token would be tried and dropped (docs/matching.md, "The candidate scan").

    A span starts at a word that is a key or the first word of one, at a word hyphenated to
    the next (Гуляй-Поле for Гуляйполе), at a capitalised Latin word when folding keys may
    match, and at any capitalised word when misspellings are sought.
    """
    words = list(map(_TEXT, tokens))
    flags: Iterator[bool] = map(index.is_start.__getitem__, words)
    flags = map(operator.or_, flags, map(operator.eq, map(_JOIN, tokens), _HYPHENS))
    if may_fold or fuzzy:
        capital = _capitalised_flags(words, tokens, text, normalized)
        if not fuzzy:  # only Latin words fold
            capital = map(operator.and_, capital, map(operator.lt, words, _LATIN_ENDS))
        flags = map(operator.or_, flags, capital)
    return list(itertools.compress(itertools.count(), flags))


def _capitalised_flags(
    words: list[str], tokens: list[Token], text: str, normalized: Normalized
) -> Iterator[bool]:
    """For each token, whether its surface may be capitalised (see
    :func:`~toponyms.text.context.is_capitalised`): its first character is a capital, or is no
    letter and a later one may be (not in a number)."""
    starts = normalized.original_starts(list(map(_START, tokens)))
    firsts = list(map(text.__getitem__, starts))
    unlettered = map(operator.not_, map(str.isalpha, firsts))
    may_have_letters = map(operator.not_, map(str.isdigit, words))
    later = map(operator.and_, unlettered, may_have_letters)
    return map(operator.or_, map(str.isupper, firsts), later)


_START = operator.itemgetter(0)  # Token.start
_TEXT = operator.itemgetter(2)  # Token.text
_JOIN = operator.itemgetter(3)  # Token.join
_HYPHENS = itertools.repeat("-")
_LATIN_ENDS = itertools.repeat("\u0250")  # see _LATIN_END


@functools.cache
def common_words() -> frozenset[str]:
    """Name forms that are also ordinary words (curated and generated tables)."""
    curated = read_table("guard.yaml")["curated"]
    # Written by scripts/build_common_words.py, each list one string of words.
    generated = read_table("common_words.yaml")
    return frozenset(
        [word for words in curated.values() for word in words]
        + [word for words in generated.values() for word in words.split()]
    )


@functools.cache
def cues() -> frozenset[str]:
    """Words that, standing before a name, show that a place is meant."""
    return table_words("guard.yaml", "cues")


def _longest_at(
    text: str,
    normalized: Normalized,
    tokens: list[Token],
    first: int,
    index: NameIndex,
    methods: frozenset[Method] | None,
) -> SpanMatch | None:
    keys = _keys_from(tokens, first, index.is_prefix)
    # Folding keys join romanizations: only a capitalised Latin n-gram is tried through them.
    may_fold = tokens[first].text[0] < _LATIN_END and (
        methods is None or Method.TRANSLIT in methods
    )
    for words in range(len(keys), 0, -1):
        if words == 1 and tokens[first].join == "-" and first + 1 < len(tokens):
            joined = _joined_compound(text, normalized, tokens, first, index, methods)
            if joined is not None:
                return joined
        key = keys[words - 1]
        in_index = index.is_key[key]
        if not in_index and not may_fold:
            continue  # most n-grams: one dictionary probe, nothing built
        start, end = normalized.original_span(tokens[first].start, tokens[first + words - 1].end)
        surface = text[start:end]
        if in_index:
            found = _exact_span(start, end, surface, key, first, words, index, methods)
            if found is not None:
                return found
        if may_fold and is_capitalised(surface):
            folded = _agreeing(index.find_folded(key), surface)
            common = common_words()
            if folded and not any(tokens[i].text in common for i in range(first, first + words)):
                return SpanMatch(
                    start=start,
                    end=end,
                    surface=surface,
                    entries=(),
                    folded=folded,
                    first=first,
                    words=words,
                )
    return None


def _joined_compound(
    text: str,
    normalized: Normalized,
    tokens: list[Token],
    first: int,
    index: NameIndex,
    methods: frozenset[Method] | None,
) -> SpanMatch | None:
    """A hyphenated pair written as one word in the gazetteer: Гуляй-Поле for Гуляйполе."""
    key = tokens[first].text + tokens[first + 1].text
    if not index.is_key[key]:
        return None
    start, end = normalized.original_span(tokens[first].start, tokens[first + 1].end)
    return _exact_span(start, end, text[start:end], key, first, 2, index, methods)


def _exact_span(
    start: int,
    end: int,
    surface: str,
    key: str,
    first: int,
    words: int,
    index: NameIndex,
    methods: frozenset[Method] | None,
) -> SpanMatch | None:
    """The span of ``surface`` through the entries of an exact ``key`` that agree with it."""
    entries = _agreeing(_plausible(index.find(key), key), surface)
    if methods is not None:
        entries = tuple(e for e in entries if method_of(e, surface) in methods)
    if not entries:
        return None
    return SpanMatch(
        start=start, end=end, surface=surface, entries=entries, first=first, words=words
    )


def _fuzzy_at(
    text: str, normalized: Normalized, tokens: list[Token], first: int, fuzzy: FuzzyIndex
) -> SpanMatch | None:
    token = tokens[first]
    start, end = normalized.original_span(token.start, token.end)
    surface = text[start:end]
    if not is_capitalised(surface) or surface.isupper() or token.text in common_words():
        return None
    if starts_sentence(text, start) and not (first > 0 and tokens[first - 1].text in cues()):
        return None  # a capital there proves nothing, and ordinary words abound
    if _has_capitalised_neighbour(text, normalized, tokens, first):
        return None  # Ксения Собчак, Kamala Harris: a person's name, not a misspelt place
    found = fuzzy.find(token.text)
    if found is None:
        return None
    return SpanMatch(
        start=start,
        end=end,
        surface=surface,
        entries=(),
        first=first,
        fuzzy=found.entries,
        similarity=found.similarity,
    )


def _has_capitalised_neighbour(
    text: str, normalized: Normalized, tokens: list[Token], first: int
) -> bool:
    neighbours = []
    if first > 0 and tokens[first - 1].join == " ":
        neighbours.append(tokens[first - 1])
    if tokens[first].join == " " and first + 1 < len(tokens):
        neighbours.append(tokens[first + 1])
    for token in neighbours:
        start, end = normalized.original_span(token.start, token.end)
        if is_capitalised(text[start:end]) and not starts_sentence(text, start):
            return True
    return False


# Code points below this are Latin letters and digits. Cyrillic met through the folding keys
# would be a near-miss of another word (Сергей would meet the village Сергії): it is left to the
# fuzzy matcher's stricter test.
_LATIN_END = "\u0250"


def _agreeing(entries: tuple[IndexEntry, ...], surface: str) -> tuple[IndexEntry, ...]:
    """The entries whose case agrees with ``surface`` (see :func:`_case_agrees`): all of them
    unless the surface is written in lower case."""
    if not entries or not _lower_initial(surface):
        return entries
    return tuple(entry for entry in entries if _case_agrees(surface, entry))


def _plausible(entries: tuple[IndexEntry, ...], key: str) -> tuple[IndexEntry, ...]:
    """Drop relational adjectives that are common words (первомайские праздники): written in
    lower case, they have no capital to prove them anywhere."""
    if key not in common_words():
        return entries
    return tuple(e for e in entries if e.derivation is not Derivation.ADJECTIVE)


def _keys_from(tokens: list[Token], first: int, is_prefix: Mapping[str, bool]) -> list[str]:
    """Keys of the 1-, 2-, … word n-grams starting at ``first``, as far as words join and the
    n-gram is the beginning of some multi-word name (``is_prefix[n-gram]``)."""
    keys = [tokens[first].text]
    current = first
    while current + 1 < len(tokens) and is_prefix[keys[-1]]:
        join = tokens[current].join
        if join is None:
            break
        keys.append(keys[-1] + join + tokens[current + 1].text)
        current += 1
    return keys


def _case_agrees(surface: str, entry: IndexEntry) -> bool:
    """A capitalised name needs a capitalised surface (the first letters decide).

    Relational adjectives are the exception: the press writes them in lower case (покровский).
    """
    if entry.derivation is Derivation.ADJECTIVE:
        return True
    name_initial = next((c for c in entry.name.text if c.isalpha()), "")
    return not (name_initial.isupper() and _lower_initial(surface))


def _lower_initial(surface: str) -> bool:
    """Whether the first letter of ``surface`` is a small one."""
    if surface[:1].isalpha():  # almost always: skip the scan
        return surface[0].islower()
    return next((c for c in surface if c.isalpha()), "").islower()
