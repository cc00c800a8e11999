"""Guards: dropping spans that match a name but are not a place here.

Runs between matching and resolution. Three tests:

- **common words** (``guard.yaml``, ``common_words.yaml``): a name that is also an ordinary word
  counts only where its capital means something; at the start of a sentence or in capitals it
  needs a cue before it ("місто Щастя", "в Счастье").
- **bare adjectives** (``guard.yaml``): a relational adjective is its place only before a head
  noun such as «направление» (Покровское направление); Харківської обласної ради is a council.
- **person names** (``person_names.yaml``): a name that is also a given name or surname
  (Владимир, Медведева, Сергій, Maria) counts only after a cue or in a list of places; and a
  name right after a given name is a surname (Сергієм Кислицею, Dmitry Peskov).

A place named inside the name of an organisation or a title (Президент России, Кубок України,
«Наше радио Москва») is kept: it refers to the place, though some annotated corpora leave such
names out (see docs/accuracy.md).
"""

from __future__ import annotations

import functools

import attrs

from toponyms._tables import read_table, table_words
from toponyms.index import Derivation
from toponyms.match import SpanMatch, common_words, cues
from toponyms.text.context import is_list_gap, starts_sentence
from toponyms.text.fold import fold_key
from toponyms.text.normalize import Normalized
from toponyms.text.tokenize import Token
from toponyms.units import between_words, heads


def guard(
    text: str, normalized: Normalized, tokens: list[Token], spans: list[SpanMatch]
) -> list[SpanMatch]:
    """The spans of ``text`` that pass every guard, in order."""
    kept = []
    for number, span in enumerate(spans):
        if _is_unproven_common_word(text, normalized, tokens, span):
            continue
        if _names_army_group(text, normalized, tokens, span):
            continue
        if (
            _is_cue_only(tokens, span)
            and not _has_cue_before(tokens, span.first)
            and not _in_list(text, spans, number)
            and not _before_unit(text, normalized, tokens, span)
        ):
            continue
        if _is_bare_adjective(tokens, span) and not _in_list(text, spans, number):
            continue
        if _is_person_name(tokens, span) and not (
            _has_cue_before(tokens, span.first)
            or (
                _in_list(text, spans, number) and not _before_a_name(text, normalized, tokens, span)
            )
        ):
            continue
        if _after_given_name(tokens, span) and not _has_cue_before(tokens, span.first):
            continue
        if _folded_after_a_name(text, normalized, tokens, span):
            continue
        if _before_adjective_head(tokens, span):
            span = attrs.evolve(span, prefer_adjective=True)
        kept.append(span)
    return _shared_adjective_heads(text, kept)


def _shared_adjective_heads(text: str, spans: list[SpanMatch]) -> list[SpanMatch]:
    """A head noun after the last of listed adjectives makes each of them an adjective («на
    Покровському та Куп'янському напрямках»)."""
    for number in range(len(spans) - 2, -1, -1):
        span, following = spans[number], spans[number + 1]
        if (
            following.prefer_adjective
            and not span.prefer_adjective
            and any(e.derivation is Derivation.ADJECTIVE for e in span.entries)
            and is_list_gap(text[span.end : following.start])
        ):
            spans[number] = attrs.evolve(span, prefer_adjective=True)
    return spans


def _is_unproven_common_word(
    text: str, normalized: Normalized, tokens: list[Token], span: SpanMatch
) -> bool:
    if span.words != 1 or tokens[span.first].text not in common_words():
        return False
    if _before_unit(text, normalized, tokens, span):
        return False  # «Зелене Покровської громади»
    if tokens[span.first].text in _village_words():
        # Only villages far from the war have this name: a capital proves nothing anywhere,
        # nor does a preposition («в Сети»); the kind of settlement does («село Первый»).
        return not (span.first > 0 and tokens[span.first - 1].text in _kind_cues())
    capital_proves_nothing = span.surface.isupper() or starts_sentence(text, span.start)
    return capital_proves_nothing and not _has_cue_before(tokens, span.first)


def _is_cue_only(tokens: list[Token], span: SpanMatch) -> bool:
    return span.words == 1 and tokens[span.first].text in _cue_only()


def _names_army_group(
    text: str, normalized: Normalized, tokens: list[Token], span: SpanMatch
) -> bool:
    """Whether a word naming an army group or unit stands just before the span («угруповання
    «Схід»», «группировки войск "Днепр"»), in the same clause."""
    if span.words != 1 or tokens[span.first].text not in _army_groups():
        return False
    window = read_table("guard.yaml")["military_window"]
    # "the Dnipro group of forces", "Khortytsia operational-strategic group"
    for following in range(span.first + 1, min(span.first + 1 + window, len(tokens))):
        if tokens[following - 1].join is None:
            break
        if tokens[following].text in _military_heads_after():
            return True
    heads = _military_heads()
    for back in range(1, window + 1):
        number = span.first - back
        if number < 0:
            return False
        gap = normalized.text[tokens[number].end : tokens[number + 1].start]
        if any(mark in gap for mark in ",;:.!?()\n"):
            return False
        if tokens[number].text in heads:
            return True
    return False


def _is_bare_adjective(tokens: list[Token], span: SpanMatch) -> bool:
    """A relational adjective that no head noun after it makes a place (see ``guard.yaml``)."""
    if not span.entries or not all(e.derivation is Derivation.ADJECTIVE for e in span.entries):
        return False
    return not _before_adjective_head(tokens, span)


def _before_adjective_head(tokens: list[Token], span: SpanMatch) -> bool:
    """Whether a head noun of relational adjectives follows the span («напрямку», «области»)
    and the span can be read as an adjective."""
    if not any(e.derivation is Derivation.ADJECTIVE for e in span.entries):
        return False
    last = span.first + span.words - 1
    following = tokens[last + 1].text if tokens[last].join == " " else None
    return following in _adjective_heads()


def _is_person_name(tokens: list[Token], span: SpanMatch) -> bool:
    if span.words != 1:
        return False
    word = tokens[span.first].text
    if word in _person_names():
        return True
    return word.isascii() and fold_key(word) in _person_latin_keys()


def _after_given_name(tokens: list[Token], span: SpanMatch) -> bool:
    """Whether a given name stands just before the span (Сергієм Кислицею, Dmitry Peskov).

    Only before: after a place a given name starts the next phrase (президент России Владимир
    Путин)."""
    previous = tokens[span.first - 1] if span.first > 0 else None
    return previous is not None and previous.join == " " and _is_given_name(previous.text)


def _folded_after_a_name(
    text: str, normalized: Normalized, tokens: list[Token], span: SpanMatch
) -> bool:
    """A word met only through the folding key, right after a capitalised word, is a surname
    more often than a spelling of a village ("Stefan Bocchino" is not Boshino)."""
    if span.entries or not span.folded or span.first == 0:
        return False
    previous = tokens[span.first - 1]
    if previous.join != " ":
        return False
    start, end = normalized.original_span(previous.start, previous.end)
    return text[start:end][:1].isupper()


def _before_a_name(text: str, normalized: Normalized, tokens: list[Token], span: SpanMatch) -> bool:
    """Whether a capitalised word follows the span: Покровск и Владимир Путин is no list."""
    last = span.first + span.words - 1
    if tokens[last].join != " " or last + 1 >= len(tokens):
        return False
    start, end = normalized.original_span(tokens[last + 1].start, tokens[last + 1].end)
    return text[start:end][:1].isupper()


def _is_given_name(word: str) -> bool:
    if word.isascii():
        return word.isalpha() and fold_key(word) in _person_latin_keys()
    return word in _given_names()


def _in_list(text: str, spans: list[SpanMatch], number: int) -> bool:
    """Whether the span stands in a list with another place (Москва, Владимир и Тверь; Одеську,
    Херсонську і Запорізьку області)."""
    span = spans[number]
    if number > 0:
        gap = text[spans[number - 1].end : span.start]
        if is_list_gap(gap):
            return True
    if number + 1 < len(spans):
        gap = text[span.end : spans[number + 1].start]
        if is_list_gap(gap):
            return True
    return False


def _has_cue_before(tokens: list[Token], first: int) -> bool:
    return first > 0 and tokens[first - 1].text in cues()


def _before_unit(text: str, normalized: Normalized, tokens: list[Token], span: SpanMatch) -> bool:
    """Whether a unit follows: a capitalised word, then a head noun within a few words
    («Зелене Покровської громади», "Zelene, Huliaipole hromada"). The name is then a place
    that the unit qualifies."""
    last = span.first + span.words - 1
    if last + 1 >= len(tokens):
        return False
    start, end = normalized.original_span(tokens[last + 1].start, tokens[last + 1].end)
    if not text[start:end][:1].isupper():
        return False
    position = last + 1
    while tokens[position].join == "-" and position + 1 < len(tokens):
        position += 1  # «Середино-Будської громади»
    position += 1
    between = between_words()
    while position < len(tokens) and tokens[position].text in between:
        position += 1  # «Миколаївської сільської громади»
    return position < len(tokens) and tokens[position].text in heads()


def _adjective_heads() -> frozenset[str]:
    return table_words("guard.yaml", "adjective_heads")


def _kind_cues() -> frozenset[str]:
    return table_words("guard.yaml", "kind_cues")


@functools.cache
def _village_words() -> frozenset[str]:
    """Common words that name only villages outside the war zone (generated: ``strict``)."""
    return frozenset(read_table("common_words.yaml").get("strict", "").split())


def _cue_only() -> frozenset[str]:
    return table_words("guard.yaml", "cue_only")


def _military_heads_after() -> frozenset[str]:
    return table_words("guard.yaml", "military_heads_after")


def _army_groups() -> frozenset[str]:
    return table_words("guard.yaml", "army_groups")


def _military_heads() -> frozenset[str]:
    return table_words("guard.yaml", "military_heads")


@functools.cache
def _person_names() -> frozenset[str]:
    table = read_table("person_names.yaml")  # written by scripts/build_common_words.py
    return frozenset(table["ru"].split()) | frozenset(table["uk"].split())


@functools.cache
def _given_names() -> frozenset[str]:
    return frozenset(read_table("person_names.yaml")["given"].split())


@functools.cache
def _person_latin_keys() -> frozenset[str]:
    return frozenset(read_table("person_names.yaml")["latin_keys"].split())
