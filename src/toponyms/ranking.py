"""Scores and priors for ordering the places a name may refer to.

The weights are data (``tables/ranking.yaml``): a match scores by its method and the status of
the name it matched; namesakes with equal scores are ordered by kind, then population.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from importlib import resources

import attrs
import yaml

from toponyms.index import IndexEntry
from toponyms.model import Candidate, Kind, Method, NameStatus, Place


@attrs.frozen
class Weights:
    """The tables of ``ranking.yaml``, keyed by enum members."""

    method_score: dict[Method, float]
    status_factor: dict[NameStatus, float]
    kind_prior: dict[Kind, float]


@functools.cache
def weights() -> Weights:
    """The ranking weights, read once from ``tables/ranking.yaml``."""
    raw = yaml.safe_load(
        resources.files("toponyms").joinpath("tables", "ranking.yaml").read_text("utf-8")
    )
    return Weights(
        method_score={Method(k): float(v) for k, v in raw["method_score"].items()},
        status_factor={NameStatus(k): float(v) for k, v in raw["status_factor"].items()},
        kind_prior={Kind(k): float(v) for k, v in raw["kind_prior"].items()},
    )


def method_of(entry: IndexEntry, surface: str) -> Method:
    """The method of a match: exact when the surface is the name as written."""
    if entry.method is Method.NORMALIZED and surface == entry.name.text:
        return Method.EXACT
    return entry.method


def entry_score(entry: IndexEntry, method: Method) -> float:
    """The score of a match through ``entry`` by ``method``."""
    table = weights()
    return table.method_score[method] * table.status_factor[entry.name.status]


def prior(place: Place) -> tuple[float, int]:
    """The tie-break order of a place among namesakes: kind prior, then population."""
    return weights().kind_prior[place.kind], place.population or 0


def rank_entries(
    entries: Iterable[IndexEntry], places: Mapping[str, Place], *, surface: str
) -> list[Candidate]:
    """One candidate per place, the best entry of each, best first."""
    best: dict[str, tuple[float, IndexEntry]] = {}
    for entry in entries:
        score = entry_score(entry, method_of(entry, surface))
        if entry.place_id not in best or score > best[entry.place_id][0]:
            best[entry.place_id] = (score, entry)
    ordered = sorted(
        best.items(),
        key=lambda item: (-item[1][0], *(-x for x in prior(places[item[0]])), item[0]),
    )
    return [
        Candidate(place_id=place_id, score=round(score, 4), matched=entry.name.text)
        for place_id, (score, entry) in ordered
    ]
