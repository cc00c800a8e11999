"""Misspelt names in tables: close to a name of a place inside the unit the row names.

A table's oblast and raion columns make fuzzy matching safe where running text cannot: a raion
holds a few hundred names, so «Новоселівкa» or "Novoselivks" one letter off is that village, not
one of 78 namesakes or a surname. Without a unit, only the notable places of the annotator's fuzzy
matcher (:mod:`toponyms.fuzzy`) are considered, and only for one-word names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from toponyms.geocoding.scopes import SPECIFICITY
from toponyms.index import ordered_schemes
from toponyms.model import Candidate, Method, Place
from toponyms.ranking import rank_entries, weights
from toponyms.text.fold import fold_key
from toponyms.text.normalize import normalize
from toponyms.text.translit import transliterate

if TYPE_CHECKING:
    from toponyms.gazetteer import Gazetteer

MIN_SIMILARITY = 85  # percent: one letter off in a name of seven
MAX_SCOPE_PLACES = 5_000  # an oblast at most; a country is too wide to compare name by name
_LATIN = re.compile("[a-z]")


def fuzzy_candidates(
    gazetteer: Gazetteer, name: str, scopes: Sequence[tuple[str, ...]]
) -> list[Candidate]:
    """Places with a name close to ``name``, best first: inside the most specific of ``scopes``
    when there is one, else notable places only."""
    key = normalize(name).strip()
    if not key:
        return []
    if scopes:
        narrowest = max(scopes, key=lambda units: _specificity(gazetteer, units))
        places = _descendants(gazetteer, narrowest)
        if 0 < len(places) <= MAX_SCOPE_PLACES:
            return _closest(key, places)
        return []
    found = gazetteer.fuzzy_index().find(key) if " " not in key else None
    if found is None:
        return []
    return rank_entries(
        (), gazetteer.places, surface=name, fuzzy=found.entries, similarity=found.similarity
    )


def _specificity(gazetteer: Gazetteer, units: tuple[str, ...]) -> int:
    return max(SPECIFICITY.get(gazetteer[unit].kind, 0) for unit in units)


def _descendants(gazetteer: Gazetteer, units: tuple[str, ...]) -> list[Place]:
    found: list[Place] = []
    stack = list(units)
    while stack and len(found) <= MAX_SCOPE_PLACES:
        children = gazetteer.children(stack.pop())
        found += children
        stack += [child.id for child in children]
    return found


def _closest(key: str, places: list[Place]) -> list[Candidate]:
    """The places with a name form within :data:`MIN_SIMILARITY` of ``key``, best first."""
    latin = _LATIN.search(key) is not None
    query = fold_key(key) if latin else key
    forms: list[str] = []
    owners: list[tuple[Place, str]] = []
    for place in places:
        for name in place.names:
            for form in _forms(name.text, name.lang.split("-")[0], latin):
                forms.append(form)
                owners.append((place, name.text))
    best: dict[str, tuple[float, Place, str]] = {}
    matches = process.extract(
        query, forms, scorer=fuzz.ratio, score_cutoff=MIN_SIMILARITY, limit=None
    )
    for _, similarity, position in matches:
        place, matched = owners[position]
        if place.id not in best or similarity > best[place.id][0]:
            best[place.id] = (similarity, place, matched)
    ceiling = weights().method_score[Method.FUZZY]
    ranked = sorted(best.values(), key=lambda found: (-found[0], found[1].id))
    return [
        Candidate(
            place_id=place.id,
            score=round(ceiling * similarity / 100, 4),
            matched=matched,
            coords_precision=place.coords.precision if place.coords else None,
            method=Method.FUZZY,
            name_status=next(n.status for n in place.names if n.text == matched),
        )
        for similarity, place, matched in ranked
    ]


def _forms(text: str, lang: str, latin: bool) -> list[str]:
    """A name as compared with a query: in the query's script (Latin: every scheme's
    rendering, folded)."""
    normalized = normalize(text)
    if not latin:
        return [] if _LATIN.search(normalized) else [normalized]
    if _LATIN.search(normalized):
        return [fold_key(normalized)]
    return list(
        dict.fromkeys(
            fold_key(normalize(transliterate(text, scheme.name, lang=lang)))
            for scheme in ordered_schemes(lang)[:3]
        )
    )
