"""Administrative phrases and qualifiers: the words around a name that say which unit is meant.

Runs after the guards and before resolution. Two readings, both driven by
``tables/phrases.yaml``:

- **phrases**: a modifier followed by a head noun is one mention of a unit — «Донецької
  області», "the Kharkiv region", «Покровського району», "Huliaipole hromada", «Лиманской
  городской общины». The modifier is looked up among the units' modifiers
  (:meth:`~toponyms.index.NameIndex.find_unit`: every case form and rendering of the unit's
  adjective, and its capital's names), keeping the units the head can name. A head is shared by
  the list before it: «в Курской и Белгородской областях» gives «Курской» (Kursk oblast) and
  «Белгородской областях» (Belgorod oblast); "the Kharkiv, Sumy and Poltava regions" three
  oblasts. In English only a plural head is shared.
- **qualifiers**: a unit written right after a name («Новоселівка Покровського району»,
  "Troitske in the Svatove district", "Kamianka (Polohy raion)") is recorded on the name's span,
  so that resolution picks the namesake inside that unit.

The guard of organisation names runs here too (:mod:`toponyms.organisations`): a phrase may
have made a new span that it must see.
"""

from __future__ import annotations

import re

import attrs

from toponyms.index import Derivation, IndexEntry, NameIndex
from toponyms.match import SpanMatch
from toponyms.model import Kind
from toponyms.organisations import mark_in_name
from toponyms.text.context import CONJUNCTIONS, is_list_gap
from toponyms.text.normalize import Normalized
from toponyms.text.tokenize import SPACE, Token, word_positions
from toponyms.units import (
    Head,
    abbreviations,
    between_words,
    class_kinds,
    head_starts,
    heads,
    names_the_class,
    qualifier_gaps,
)

MAX_MODIFIER_WORDS = 3  # «Середино-Будська» is two tokens, "Velyka Pysarivka" two
MAX_BETWEEN_WORDS = 2  # «Миколаївська сільська територіальна громада»
# How wide a unit is: a qualifier must be wider than a unit it qualifies (a raion by its oblast).
_WIDTH = {Kind.HROMADA: 1, Kind.RAION: 2, Kind.OBLAST: 3, Kind.REGION: 3}
_SPACES = re.compile(r"\s+")


def read_phrases(
    text: str,
    normalized: Normalized,
    tokens: list[Token],
    spans: list[SpanMatch],
    index: NameIndex,
) -> list[SpanMatch]:
    """``spans`` with administrative phrases made whole, qualifiers linked, names in
    organisation names marked; in text order."""
    phrases = _phrases(text, normalized, tokens, index)
    merged = _merged(spans, phrases) if phrases else spans
    merged = [_listed_adjective(span, index) for span in merged]
    return _with_qualifiers(text, mark_in_name(text, normalized, tokens, merged), index)


def _phrases(
    text: str, normalized: Normalized, tokens: list[Token], index: NameIndex
) -> list[SpanMatch]:
    found: list[SpanMatch] = []
    taken = -1  # the last token of the phrases found so far
    for position in word_positions(tokens, head_starts()):
        head = _head_at(tokens, position) if position else None  # a head needs a modifier
        if head is None:
            continue
        kinds = class_kinds()[head.unit_class]
        inverted = _inverted(tokens, position, head, index, kinds)
        if inverted is not None and inverted[0] > taken:
            first, final, entries, loose = inverted  # "the border region of Voronezh"
            start, stop = normalized.original_span(tokens[first].start, tokens[final].end)
            found.append(_phrase(text, start, stop, entries, first, final, kinds, loose))
            taken = final
            continue
        end = _modifier_end(tokens, position)
        if end is None or end <= taken:
            continue
        modifier = _modifier_ending_at(tokens, end, index, kinds, head.unit_class)
        if modifier is None:
            continue
        last = position + head.words - 1
        members = [(modifier[0], last, modifier[1], modifier[2])]
        if head.plural or not tokens[position].text.isascii():
            members += _list_before(
                normalized, tokens, modifier[0], index, kinds, taken, head.unit_class
            )
        for first, final, entries, loose in members:
            start, stop = normalized.original_span(tokens[first].start, tokens[final].end)
            if tokens[final].text in abbreviations() and text[stop : stop + 1] == ".":
                stop += 1  # «Донецької обл.»
            found.append(_phrase(text, start, stop, entries, first, final, kinds, loose))
        taken = last
    return sorted(found, key=lambda span: span.first)


def _phrase(
    text: str,
    start: int,
    stop: int,
    entries: tuple[IndexEntry, ...],
    first: int,
    final: int,
    kinds: frozenset[Kind],
    loose: tuple[IndexEntry, ...] = (),
) -> SpanMatch:
    return SpanMatch(
        start=start,
        end=stop,
        surface=text[start:stop],
        entries=entries,
        folded=loose,  # ranked after what is met as written, weighed by the document alike
        first=first,
        words=final - first + 1,
        unit_kinds=kinds,
    )


def _inverted(
    tokens: list[Token], position: int, head: Head, index: NameIndex, kinds: frozenset[Kind]
) -> tuple[int, int, tuple[IndexEntry, ...], tuple[IndexEntry, ...]] | None:
    """An English head before its modifier: "the region of Voronezh", "the Kharkiv oblast"
    aside. The span is the modifier alone, as the press's own annotators mark it."""
    after = position + head.words
    if head.plural or after + 1 >= len(tokens) or tokens[after].text != "of":
        return None
    before = _modifier_end(tokens, position)
    if before is not None and _modifier_ending_at(tokens, before, index, kinds) is not None:
        return None  # "Pokrovskyi Raion of Donetsk Oblast": the head has its modifier
    if tokens[after - 1].join != SPACE or tokens[after].join != SPACE:
        return None
    for words in range(MAX_MODIFIER_WORDS, 0, -1):
        final = after + words
        if final >= len(tokens) or any(tokens[i].join is None for i in range(after + 1, final)):
            continue
        found = _modifier_ending_at(tokens, final, index, kinds, head.unit_class)
        if found is not None and found[0] == after + 1:
            if tokens[final].join == SPACE and _head_at(tokens, final + 1) is not None:
                return None  # "… of Donetsk Oblast": a phrase of its own
            return after + 1, final, found[1], found[2]
    return None


def _head_at(tokens: list[Token], position: int) -> Head | None:
    """The head noun starting at token ``position`` (two-token heads first: «р-н»)."""
    table = heads()
    token = tokens[position]
    if token.join is not None and position + 1 < len(tokens):
        pair = table.get(token.text + token.join + tokens[position + 1].text)
        if pair is not None and pair.words == 2:
            return pair
    head = table.get(token.text)
    return head if head is not None and head.words == 1 else None


def _modifier_end(tokens: list[Token], head: int) -> int | None:
    """The last token of the modifier before the head at ``head``, past any type words
    («сільська», «городской»); None when no word joins the head by a space."""
    end = _past_type_words(tokens, head - 1)
    return end if tokens[end].join == SPACE else None


def _past_type_words(tokens: list[Token], end: int) -> int:
    """The token before the type words that end at token ``end`` (or ``end`` itself)."""
    between = between_words()
    for _ in range(MAX_BETWEEN_WORDS):
        if end > 0 and tokens[end].text in between and tokens[end - 1].join == SPACE:
            end -= 1
    return end


def _modifier_ending_at(
    tokens: list[Token],
    end: int,
    index: NameIndex,
    kinds: frozenset[Kind],
    unit_class: str | None = None,
) -> tuple[int, tuple[IndexEntry, ...], tuple[IndexEntry, ...]] | None:
    """The first token of the longest modifier ending at token ``end`` that names a unit of
    ``kinds``, with those units' entries, and those met only loosely (Хотинська, Хотінська).
    A hyphenated modifier may be one word in the gazetteer («Велико-Бурлукская»)."""
    for words in range(MAX_MODIFIER_WORDS, 0, -1):
        first = end - words + 1
        if first < 0 or any(tokens[i].join is None for i in range(first, end)):
            continue
        key = "".join(tokens[i].text + (tokens[i].join or "") for i in range(first, end))
        key += tokens[end].text
        for written in dict.fromkeys((key, key.replace("-", ""))):
            entries = _of_kinds(index.find_unit(written), index, kinds, unit_class)
            loose = _of_kinds(index.find_unit_loose(written), index, kinds, unit_class)
            if entries or loose:
                return first, entries, loose
    return None


def _of_kinds(
    entries: tuple[IndexEntry, ...],
    index: NameIndex,
    kinds: frozenset[Kind],
    unit_class: str | None,
) -> tuple[IndexEntry, ...]:
    """The entries of units of ``kinds`` whose names stand for ``unit_class`` (a republic only
    by its own names, the rest by theirs)."""
    return tuple(
        e
        for e in entries
        if index.unit_kinds[e.place_id] in kinds
        and (unit_class is None or names_the_class(e.name.text, unit_class))
    )


def _list_before(
    normalized: Normalized,
    tokens: list[Token],
    first: int,
    index: NameIndex,
    kinds: frozenset[Kind],
    taken: int,
    unit_class: str,
) -> list[tuple[int, int, tuple[IndexEntry, ...], tuple[IndexEntry, ...]]]:
    """The modifiers listed before the one starting at token ``first`` that share its head."""
    members = []
    while first > 0 and first - 1 > taken:
        end = first - 1
        if tokens[end].text in CONJUNCTIONS and end > 0:
            end -= 1  # "Sumy and Poltava": the gap then holds the conjunction
        if end <= taken or not is_list_gap(normalized.text[tokens[end].end : tokens[first].start]):
            break
        end = _past_type_words(tokens, end)  # «Миколаївська сільська, Білопільська … громади»
        modifier = _modifier_ending_at(tokens, end, index, kinds, unit_class)
        if modifier is None or modifier[0] <= taken:
            break
        members.append((modifier[0], end, modifier[1], modifier[2]))
        first = modifier[0]
    return members


def _listed_adjective(span: SpanMatch, index: NameIndex) -> SpanMatch:
    """A town's adjective standing alone in a list («обстреляли Климовский, Севский и
    Трубчевский»: the guard kept it only for the list) is its district, the noun left out, where
    the town's district bears that adjective."""
    if span.unit_kinds is not None or span.prefer_adjective or not span.entries:
        return span
    if not all(e.derivation is Derivation.ADJECTIVE for e in span.entries):
        return span
    kinds = class_kinds()["raion"]
    towns = {e.place_id for e in span.entries}
    key = span.surface.lower()
    units = tuple(
        e
        for e in index.find_unit(key)
        if index.unit_kinds[e.place_id] in kinds and e.derivation is not Derivation.CAPITAL
    )
    if not units or not towns:
        return span
    return attrs.evolve(span, entries=units, unit_kinds=kinds)


def _merged(spans: list[SpanMatch], phrases: list[SpanMatch]) -> list[SpanMatch]:
    """The phrases in place of the spans they overlap; a span covering exactly a phrase's
    words keeps its own entries of the phrase's kinds (the name matched as written)."""
    covering: dict[int, SpanMatch] = {}
    for phrase in phrases:
        for token in range(phrase.first, phrase.first + phrase.words):
            covering[token] = phrase
    replaced: dict[int, SpanMatch] = {}  # id(phrase) → the phrase to keep
    kept = []
    for span in spans:
        hits = {
            id(covering[t]): covering[t]
            for t in range(span.first, span.first + span.words)
            if t in covering
        }
        if not hits:
            kept.append(span)
            continue
        for phrase in hits.values():
            if (span.first, span.words) == (phrase.first, phrase.words):
                assert phrase.unit_kinds is not None
                ids = _ids(phrase.entries) | _ids(phrase.folded)
                own = tuple(e for e in span.entries if e.place_id in ids)
                if own:
                    rest = tuple(e for e in phrase.folded if e.place_id not in _ids(own))
                    replaced[id(phrase)] = attrs.evolve(phrase, entries=own, folded=rest)
            if span.in_name:
                replaced[id(phrase)] = attrs.evolve(replaced.get(id(phrase), phrase), in_name=True)
    kept += [replaced.get(id(phrase), phrase) for phrase in phrases]
    return sorted(kept, key=lambda span: span.first)


def _ids(entries: tuple[IndexEntry, ...]) -> frozenset[str]:
    return frozenset(entry.place_id for entry in entries)


def _with_qualifiers(text: str, spans: list[SpanMatch], index: NameIndex) -> list[SpanMatch]:
    """Each span followed by a unit that qualifies it records that unit's span number; each
    followed by the next member of a list says so."""
    gaps = qualifier_gaps()
    linked = list(spans)
    for number in range(len(spans) - 1):
        span, following = spans[number], spans[number + 1]
        if is_list_gap(text[span.end : following.start]):
            linked[number] = span = attrs.evolve(span, listed_with_next=True)
        kinds = following.unit_kinds or _units_named(following, index)
        if kinds is None:
            continue
        if span.unit_kinds is not None and not _wider(kinds, span.unit_kinds):
            continue
        gap = _SPACES.sub(" ", text[span.end : following.start].lower())
        if gap in gaps:
            linked[number] = attrs.evolve(span, qualifier=number + 1)
            # «Гнатовку и Рог в ДНР»: the unit after a list qualifies each member.
            member = number - 1
            while member >= 0 and linked[member].listed_with_next:
                if linked[member].unit_kinds is not None or linked[member].qualifier is not None:
                    break
                linked[member] = attrs.evolve(linked[member], qualifier=number + 1)
                member -= 1
    return linked


def _units_named(span: SpanMatch, index: NameIndex) -> frozenset[Kind] | None:
    """The kinds of unit a span names when it names nothing but units («ДНР», "Zaporizhzhia
    Oblast"), else None."""
    kinds = {index.unit_kinds.get(entry.place_id) for entry in span.entries}
    if not kinds or None in kinds:
        return None
    return frozenset(kind for kind in kinds if kind is not None)


def _wider(outer: frozenset[Kind], inner: frozenset[Kind]) -> bool:
    return min(_WIDTH.get(k, 0) for k in outer) > max(_WIDTH.get(k, 0) for k in inner)
