"""Looking a written name up: the places it may be, narrowed by what is written with it.

:func:`search` reads the query (:mod:`toponyms.geocoding.query`), repairs encoding damage, finds
the candidates of each name and alternative through the name index (or by official code),
keeps those of the type word, of the ``kind`` asked for and inside every parent that names a
unit (:mod:`toponyms.geocoding.scopes`), and orders them. :func:`contenders` tells which of the
best cannot be told apart, so that the table geocoder reports ambiguity instead of guessing.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

import attrs

from toponyms.geocoding.fuzzy_scope import fuzzy_candidates
from toponyms.geocoding.query import (
    Query,
    centre_kinds,
    parse_query,
    primary_kind,
    strip_type_word,
)
from toponyms.geocoding.scopes import (
    SCOPE_KINDS,
    SPECIFICITY,
    centre_kind,
    is_code,
    units_named,
)
from toponyms.index import IndexEntry
from toponyms.model import Candidate, Kind, Method, NameStatus, Place, distance_km
from toponyms.ranking import Ambiguity, prior, rank_entries, weights
from toponyms.resolve_context import Lineage
from toponyms.text.normalize import normalize
from toponyms.text.repair import repair_encoding
from toponyms.text.tokenize import index_key

if TYPE_CHECKING:
    from toponyms.gazetteer import Gazetteer

Point = tuple[float, float]
UNIT_SCORE = 0.95  # a unit found by its modifier and head («Покровський р-н») rather than a name


@attrs.frozen(kw_only=True)
class Qualifier:
    """A parent written with a name: the text and the kinds of unit it may be (all by default;
    an oblast column allows only first-level units)."""

    text: str
    kinds: frozenset[Kind] = SCOPE_KINDS


@attrs.frozen(kw_only=True)
class Found:
    """What a search found: candidates best first, how well each fits the qualifiers, the
    qualifiers that named no unit (left out), and those that named units holding no place of
    the name (so nothing was found)."""

    candidates: tuple[Candidate, ...]
    fit: dict[str, int] = attrs.field(factory=dict)  # place id → specificity of its qualifiers
    unmatched: tuple[str, ...] = ()
    contradicted: tuple[str, ...] = ()
    reading: Query | None = None


def search(
    gazetteer: Gazetteer,
    name: str,
    *,
    within: Sequence[tuple[str, ...]] = (),
    qualifiers: Sequence[Qualifier] = (),
    kind: Iterable[Kind] | None = None,
    lang: str | None = None,
    as_of: datetime.date | None = None,
    near: Point | None = None,
) -> Found:
    """Search ``name`` (see the module docstring). ``within`` holds resolved scopes, each a tuple
    of unit ids of which a candidate must lie in one; ``qualifiers`` are parents as written."""
    memo: dict[str, list[Candidate]] = {}

    def names(written: str) -> list[Candidate]:  # each string is looked up once per search
        if written not in memo:
            memo[written] = name_candidates(gazetteer, written, lang, as_of)
        return memo[written]

    text = name.strip()
    if not names(text):  # a name as written is never "repaired"
        text = repair_encoding(text)  # (Âžberenʹ is ISO 9 for Яжберень, not mojibake)
    kinds = frozenset(kind) if kind is not None else None
    lineage = Lineage(gazetteer.places)
    if is_code(text):
        coded = [_code_candidate(gazetteer, pid) for pid in gazetteer.index.find_code(text)]
        # A KOATUU code names a settlement; a hromada carries its centre's: the town first.
        candidates = sorted(coded, key=lambda c: -prior(gazetteer[c.place_id])[0])
        found = _narrow(gazetteer, lineage, candidates, None, kinds, within, qualifiers)
        return _ordered(gazetteer, found, near)
    # A name written whole in the gazetteer is that name, commas and all ("Bonaire, Sint
    # Eustatius and Saba"); only a string that is no name is read for its parts.
    whole = Query(name=text, written=text)
    known = bool(names(text))
    readings: Iterable[Query] = (
        itertools.chain([whole], _parsed(text)) if known else parse_query(text)
    )
    narrowed: Found | None = None  # the first reading that named places, none of them inside
    for reading in readings:
        candidates = _reading_candidates(gazetteer, lineage, reading, names)
        found = _narrow(gazetteer, lineage, candidates, reading, kinds, within, qualifiers)
        if found.candidates:
            return _ordered(gazetteer, found, near)
        if candidates and narrowed is None:
            narrowed = found
    if narrowed is not None:  # the name is known, but not where the row puts it: no guessing
        return narrowed
    plain = next(iter(parse_query(text)), None)
    if plain is not None:  # nothing as written: a misspelling of the plain reading, perhaps
        reading = plain
        scopes = _scopes(gazetteer, within, _all_qualifiers(reading, qualifiers))
        misspelt = fuzzy_candidates(gazetteer, reading.name, scopes)
        found = _narrow(gazetteer, lineage, misspelt, reading, kinds, within, qualifiers)
        return _ordered(gazetteer, found, near)
    return Found(candidates=())


def _parsed(text: str) -> Iterator[Query]:
    """The readings of ``text``, parsed only when the first is asked for."""
    yield from parse_query(text)


def _all_qualifiers(reading: Query, qualifiers: Sequence[Qualifier]) -> tuple[Qualifier, ...]:
    """The qualifiers given with a query and those written into it."""
    return (*qualifiers, *(Qualifier(text=parent) for parent in reading.parents))


def contenders(gazetteer: Gazetteer, found: Found, near: Point | None = None) -> list[Candidate]:
    """The candidates that cannot be told apart from the best one: as well qualified, scoring
    within a margin, and not outweighed by its kind or size (a city before villages of its
    name) or, with ``near``, by being much nearer. One contender means a decided match."""
    if not found.candidates:
        return []
    rules = weights().ambiguity
    best = found.candidates[0]
    best_place = gazetteer[best.place_id]
    tied = [best]
    for other in found.candidates[1:]:
        if found.fit.get(other.place_id, 0) < found.fit.get(best.place_id, 0):
            continue
        if best.score - other.score >= rules.score_margin:
            continue
        if _outweighs(best_place, gazetteer[other.place_id], rules, near):
            continue
        tied.append(other)
    return tied


def candidate_method(candidate: Candidate) -> str:
    """The table geocoder's word for how a candidate matched: exact, alias, translit, inflected
    or fuzzy (alias: through a former, occupation-era, colloquial or variant name)."""
    method = candidate.method
    if method is Method.FUZZY:
        return "fuzzy"
    if method is Method.TRANSLIT:
        return "translit"
    if method is Method.INFLECTED:
        return "inflected"
    if candidate.name_status not in (None, NameStatus.OFFICIAL) or method is Method.DERIVED:
        return "alias"
    return "exact"


def _outweighs(best: Place, other: Place, rules: Ambiguity, near: Point | None) -> bool:
    if near is not None and best.coords is not None and other.coords is not None:
        mine = distance_km(*near, best.coords.lat, best.coords.lon)
        theirs = distance_km(*near, other.coords.lat, other.coords.lon)
        if mine <= rules.near_ratio * theirs:
            return True
    best_prior, best_population = prior(best)
    other_prior, other_population = prior(other)
    if best_prior - other_prior >= rules.kind_prior_margin:
        return True
    smaller = max(other_population, rules.unknown_population)
    return best_prior >= other_prior and best_population >= rules.population_ratio * smaller


def _reading_candidates(
    gazetteer: Gazetteer,
    lineage: Lineage,
    reading: Query,
    names: Callable[[str], list[Candidate]],
) -> list[Candidate]:
    """The candidates of a reading's name and its alternatives (``names`` looks a string up);
    a place that several of them name goes first (Kirovsk / Holubivka: the town that had both
    names)."""
    own = names(reading.written) if reading.written else []
    if not own:
        own = names(reading.name)
    if not own:
        own = [_unit_candidate(gazetteer, unit) for unit in units_named(gazetteer, reading.name)]
    centres = centre_kinds(reading.written)
    if centres is not None:  # «Миколаївська сільська громада»: the one centred on a village
        typed = [c for c in own if _centred_as(gazetteer, c.place_id, centres)]
        own = typed or own
    if reading.with_unit is not None and own:
        own = _around(gazetteer, lineage, own, reading.with_unit, names)
    if not reading.alternatives:
        return own
    votes: dict[str, int] = {}
    best: dict[str, Candidate] = {}
    for named in (own, *(names(alternative) for alternative in reading.alternatives)):
        for candidate in named:
            votes[candidate.place_id] = votes.get(candidate.place_id, 0) + 1
            held = best.get(candidate.place_id)
            if held is None or candidate.score > held.score:
                best[candidate.place_id] = candidate
    order = {place_id: number for number, place_id in enumerate(best)}
    return sorted(best.values(), key=lambda c: (-votes[c.place_id], order[c.place_id]))


def _centred_as(gazetteer: Gazetteer, place_id: str, centres: frozenset[Kind]) -> bool:
    """Whether a place is not a hromada, or one centred on a place of ``centres``: the type
    word of «сільська громада» says nothing of a town (Mexico City is no city's hromada)."""
    if gazetteer[place_id].kind is not Kind.HROMADA:
        return True
    return centre_kind(gazetteer, place_id) in centres


def name_candidates(
    gazetteer: Gazetteer, name: str, lang: str | None = None, as_of: datetime.date | None = None
) -> list[Candidate]:
    """Every place ``name`` is a name of (as the index keys it), best first."""
    keyed = index_key(normalize(name))
    if keyed is None:
        return []
    index = gazetteer.index
    entries = _of_lang(index.find(keyed[0]), lang)
    folded = _of_lang(index.find_folded(keyed[0]), lang)
    if as_of is not None:
        entries, folded = _dated(entries, as_of), _dated(folded, as_of)
    return rank_entries(entries, gazetteer.places, surface=name, folded=folded)


def _of_lang(entries: tuple[IndexEntry, ...], lang: str | None) -> list[IndexEntry]:
    if lang is None:
        return list(entries)
    return [entry for entry in entries if entry.name.lang.split("-")[0] == lang]


def _dated(entries: list[IndexEntry], on: datetime.date) -> list[IndexEntry]:
    """Entries with their names' status as it stood on ``on``: a name in use then is official
    (Артемівськ in 2015), an official name not yet given is former."""
    dated = []
    for entry in entries:
        name = entry.name
        if name.status in (NameStatus.FORMER, NameStatus.OFFICIAL) and (
            name.since is not None or name.until is not None
        ):
            status = NameStatus.OFFICIAL if name.is_current(on) else NameStatus.FORMER
            entry = attrs.evolve(entry, name=attrs.evolve(name, status=status))
        dated.append(entry)
    return dated


def _around(
    gazetteer: Gazetteer,
    lineage: Lineage,
    units: list[Candidate],
    settlement: str,
    names: Callable[[str], list[Candidate]],
) -> list[Candidate]:
    """The units around (or centred on) a settlement written with them: «м. Хуст та Хустська
    територіальна громада» is the hromada of Хуст; all of them when none is."""
    inside = {c.place_id for c in names(settlement)}
    if not inside:
        bare, _ = strip_type_word(settlement)
        inside = {c.place_id for c in names(bare)}
    kept = [
        unit
        for unit in units
        if gazetteer[unit.place_id].capital in inside
        or any(unit.place_id in lineage.ancestors(place) for place in inside)
    ]
    return kept or units


def _narrow(
    gazetteer: Gazetteer,
    lineage: Lineage,
    candidates: list[Candidate],
    reading: Query | None,
    kinds: frozenset[Kind] | None,
    within: Sequence[tuple[str, ...]],
    qualifiers: Sequence[Qualifier],
) -> Found:
    """Keep the candidates of the kinds asked for (strictly), of the type word (when any is
    left), inside every scope of ``within`` (strictly) and every qualifier that leaves any."""
    if kinds is not None:
        candidates = [c for c in candidates if gazetteer[c.place_id].kind in kinds]
    if reading is not None and reading.kinds is not None:
        typed = [c for c in candidates if gazetteer[c.place_id].kind in reading.kinds]
        first = primary_kind(reading.kinds)
        exactly = [c for c in typed if gazetteer[c.place_id].kind is first]
        candidates = exactly or typed or candidates
    for scope in within:
        candidates = [c for c in candidates if _specificity(gazetteer, lineage, c, scope) >= 0]
    fit = {c.place_id: 0 for c in candidates}
    unmatched, contradicted = [], []
    written = set(reading.parents) if reading is not None else set()
    for qualifier in _all_qualifiers(reading, qualifiers) if reading else qualifiers:
        units = units_named(gazetteer, qualifier.text, qualifier.kinds)
        if not units:
            unmatched.append(qualifier.text)  # names no unit: it cannot narrow anything
            continue
        inside = [c for c in candidates if _specificity(gazetteer, lineage, c, units) >= 0]
        if not inside and qualifier.text in written:
            # "Kyiv (Kiev)": a bracket may hold another name of the place, not its unit.
            same = {c.place_id for c in name_candidates(gazetteer, qualifier.text)}
            if any(c.place_id in same for c in candidates):
                candidates = [c for c in candidates if c.place_id in same]
                continue
        if not inside:  # a unit's own row in a table: «Львівська область» with its oblast
            inside = [c for c in candidates if c.place_id in units]
        if not inside and candidates:
            contradicted.append(qualifier.text)
        candidates = inside
        for candidate in inside:
            fit[candidate.place_id] += 1 + max(
                0, _specificity(gazetteer, lineage, candidate, units)
            )
    return Found(
        candidates=tuple(candidates),
        fit={c.place_id: fit[c.place_id] for c in candidates},
        unmatched=tuple(unmatched),
        contradicted=tuple(contradicted),
        reading=reading,
    )


def _specificity(
    gazetteer: Gazetteer, lineage: Lineage, candidate: Candidate, units: tuple[str, ...]
) -> int:
    """How specific the most specific of ``units`` that holds the candidate is; -1 if none."""
    if not units:
        return -1
    ancestors = lineage.ancestors(candidate.place_id)
    held = [unit for unit in units if unit in ancestors]
    if not held:
        return -1
    return max(SPECIFICITY.get(gazetteer[unit].kind, 0) for unit in held)


def _ordered(gazetteer: Gazetteer, found: Found, near: Point | None) -> Found:
    """Candidates ordered by how well they fit the qualifiers, keeping the index's order among
    equals; with ``near``, the best-scoring tier of the best fit by distance."""
    order = {c.place_id: number for number, c in enumerate(found.candidates)}
    ranked = sorted(
        found.candidates, key=lambda c: (-found.fit.get(c.place_id, 0), order[c.place_id])
    )
    if near is not None and ranked:
        margin = weights().ambiguity.score_margin
        top_fit = found.fit.get(ranked[0].place_id, 0)
        tier = [
            c for c in ranked
            if found.fit.get(c.place_id, 0) == top_fit and ranked[0].score - c.score < margin
        ]  # fmt: skip
        rest = [c for c in ranked if c not in tier]
        ranked = sorted(tier, key=lambda c: _distance(gazetteer[c.place_id], near)) + rest
    return attrs.evolve(found, candidates=tuple(ranked))


def _distance(place: Place, near: Point) -> float:
    if place.coords is None:
        return float("inf")
    return distance_km(*near, place.coords.lat, place.coords.lon)


def _code_candidate(gazetteer: Gazetteer, place_id: str) -> Candidate:
    place = gazetteer[place_id]
    return Candidate(
        place_id=place_id,
        score=1.0,
        matched=place.name,
        coords_precision=place.coords.precision if place.coords else None,
        method=Method.EXACT,
        name_status=NameStatus.OFFICIAL,
    )


def _unit_candidate(gazetteer: Gazetteer, place_id: str) -> Candidate:
    return attrs.evolve(
        _code_candidate(gazetteer, place_id), score=UNIT_SCORE, method=Method.NORMALIZED
    )


def _scopes(
    gazetteer: Gazetteer, within: Sequence[tuple[str, ...]], qualifiers: Sequence[Qualifier]
) -> list[tuple[str, ...]]:
    """The scopes of ``within`` and of every qualifier that names a unit."""
    named = (units_named(gazetteer, q.text, q.kinds) for q in qualifiers)
    return [*within, *(units for units in named if units)]
