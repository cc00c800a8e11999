"""Scores and priors for ordering the places a name may refer to.

The weights are data (``tables/ranking.yaml``): a match scores by its method and the status of
the name it matched; namesakes with equal scores are ordered by kind, then population.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from importlib import resources

import attrs

from toponyms._tables import parse_table
from toponyms.index import Derivation, IndexEntry
from toponyms.model import Candidate, CoordsPrecision, Kind, Method, NameStatus, Place


@attrs.frozen
class Weights:
    """The tables of ``ranking.yaml``, keyed by enum members."""

    method_score: dict[Method, float]
    status_factor: dict[NameStatus, float]
    derivation_factor: dict[Derivation, float]
    folded_factor: float
    kind_prior: dict[Kind, float]
    ambiguity: Ambiguity


@attrs.frozen
class Ambiguity:
    """When namesakes cannot be told apart (``ambiguity`` in ``ranking.yaml``)."""

    score_margin: float
    kind_prior_margin: float
    population_ratio: float
    unknown_population: int
    near_ratio: float


@functools.cache
def weights() -> Weights:
    """The ranking weights, read once from ``tables/ranking.yaml``."""
    raw = parse_table(
        resources.files("toponyms").joinpath("tables", "ranking.yaml").read_text("utf-8")
    )
    return Weights(
        method_score={Method(k): float(v) for k, v in raw["method_score"].items()},
        status_factor={NameStatus(k): float(v) for k, v in raw["status_factor"].items()},
        derivation_factor={Derivation(k): float(v) for k, v in raw["derivation_factor"].items()},
        folded_factor=float(raw["folded_factor"]),
        kind_prior={Kind(k): float(v) for k, v in raw["kind_prior"].items()},
        ambiguity=Ambiguity(**raw["ambiguity"]),
    )


def method_of(entry: IndexEntry, surface: str) -> Method:
    """The method of a match: exact when the surface is the gazetteer name as written."""
    literal = entry.derivation is None and surface == entry.name.text
    if entry.method is Method.NORMALIZED and literal:
        return Method.EXACT
    return entry.method


def entry_score(
    entry: IndexEntry, method: Method, *, folded: bool = False, similarity: float = 1.0
) -> float:
    """The score of a match through ``entry`` by ``method`` (``folded``: through the fold key;
    ``similarity``: of a fuzzy match, which scales the score)."""
    table = weights()
    score = table.method_score[method] * table.status_factor[entry.name.status] * similarity
    if entry.derivation is not None:
        score *= table.derivation_factor[entry.derivation]
    return score * table.folded_factor if folded else score


def prior(place: Place) -> tuple[float, int]:
    """How likely a place is among namesakes: its kind's prior, then its population."""
    return weights().kind_prior[place.kind], place.population or 0


def _order(
    place_id: str,
    score: float,
    by_fold: bool,
    entry: IndexEntry,
    places: Mapping[str, Place],
    adjective_first: bool,
) -> tuple[bool, bool, float, int, str]:
    """A key matched as written ranks before one met only through the folding key, and a
    name before an adjective derived from another place's name (Троїцьке the villages, then
    Troitsk by its adjective); then namesakes rank by score × kind prior (a city before a
    village that matched as well), then population."""
    kind_prior, population = prior(places[place_id])
    adjective = entry.derivation is Derivation.ADJECTIVE
    return by_fold, adjective != adjective_first, -score * kind_prior, -population, place_id


def rank_entries(
    entries: Iterable[IndexEntry],
    places: Mapping[str, Place],
    *,
    surface: str,
    folded: Iterable[IndexEntry] = (),
    fuzzy: Iterable[IndexEntry] = (),
    similarity: float = 1.0,
    adjective_first: bool = False,
) -> list[Candidate]:
    """One candidate per place, through its best entry, best first (see :func:`_order`).

    ``entries`` matched the surface's key; ``folded`` matched only its folding key; ``fuzzy``
    are within ``similarity`` of it. A candidate's ``score`` is the quality of its match; the
    order also weighs how likely the place is. ``adjective_first``: the surface stands before a
    head noun that makes it an adjective («Покровському напрямку»), so a city's adjective goes
    before a village of that form.
    """
    best: dict[str, tuple[float, bool, IndexEntry, Method]] = {}
    scored = [(e, False) for e in entries] + [(e, True) for e in folded]
    for entry in fuzzy:
        score = entry_score(entry, Method.FUZZY, similarity=similarity)
        if entry.place_id not in best or score > best[entry.place_id][0]:
            best[entry.place_id] = (score, True, entry, Method.FUZZY)
    for entry, by_fold in scored:
        method = method_of(entry, surface)
        score = entry_score(entry, method, folded=by_fold)
        held = best.get(entry.place_id)
        # A key met as written outranks one met through the folding key, whatever the scores.
        if held is None or (not by_fold, score) > (not held[1], held[0]):
            # A Latin key met only through folding is a looser transliteration.
            best[entry.place_id] = (score, by_fold, entry, Method.TRANSLIT if by_fold else method)
    ordered = sorted(
        best.items(),
        key=lambda item: _order(
            item[0], item[1][0], item[1][1], item[1][2], places, adjective_first
        ),
    )
    return [
        Candidate(
            place_id=place_id,
            score=round(score, 4),
            matched=entry.name.text,
            coords_precision=_precision(places[place_id]),
            method=method,
            name_status=entry.name.status,
        )
        for place_id, (score, _, entry, method) in ordered
    ]


def _precision(place: Place) -> CoordsPrecision | None:
    return place.coords.precision if place.coords is not None else None
