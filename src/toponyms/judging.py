"""Judging one resolution against a gold link: the same id, a nearby point, or the gold's name.

A gold name may carry its namesake's units in brackets, as annotators write them: "Novoselivka
(Pokrovsk raion)", "Rih (Pokrovsk hromada, Pokrovsk raion)", "Kamianske (Vasylivka raion)". The
name must reach the found place (looked up, or read as an administrative phrase: "Huliaipole
hromada"), and every bracketed unit must contain it. A bracketed unit that cannot be read makes
the judgement impossible (None), never a free pass; a bracketed note that names no unit ("village",
"near the border") is not a test.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Mapping
from typing import Any

from toponyms.gazetteer import Gazetteer
from toponyms.model import CoordsPrecision, Kind, Mention, Place, distance_km
from toponyms.units import UNIT_KINDS

MAX_DISTANCE_KM = 10.0  # a resolution is right when the found point is this close to the gold one
# Kinds whose coordinates are a centroid or a capital: a distance to them proves nothing.
_AREA_KINDS = frozenset(
    {
        Kind.COUNTRY,
        Kind.REGION,
        Kind.OBLAST,
        Kind.RAION,
        Kind.HROMADA,
        Kind.RIVER,
        Kind.WATER_BODY,
        Kind.AREA,
        Kind.RESERVOIR,
        Kind.LAKE,
        Kind.ESTUARY,
        Kind.SPIT,
        Kind.PENINSULA,
    }
)
_BRACKETED = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<units>[^()]*)\)\s*$")
# Words that make a bracketed note a unit: it must then be read, or nothing can be judged.
_UNIT_WORDS = re.compile(
    r"\b(raion|rayon|district|hromada|community|oblast|region|okrug|krai)\b", re.IGNORECASE
)
_NOT_A_UNIT = re.compile(r"^(near|on|former|not|around|village|town|city|settlement)\b", re.I)

Annotate = Callable[[str], list[Mention]]


class Verdict(enum.StrEnum):
    """The outcome of judging one resolution, and what it rested on."""

    RIGHT_BY_ID = "right_by_id"
    RIGHT_BY_POINT = "right_by_point"
    RIGHT_BY_NAME = "right_by_name"
    WRONG = "wrong"


def judge(
    place: Place,
    link: Mapping[str, Any],
    lemma: str | None,
    gazetteer: Gazetteer,
    annotate: Annotate | None = None,
) -> Verdict | None:
    """Whether ``place`` is the place a gold ``link`` names; None when nothing can tell.

    ``annotate`` (the annotator under test) reads names and bracketed units that are phrases
    ("Huliaipole hromada", "Kupiansk raion") where a plain lookup finds nothing.
    """
    for ref in ("geonames", "wikidata"):
        ours = getattr(place.refs, ref, None)
        if link.get(ref) is not None and ours is not None and str(ours) == str(link[ref]):
            return Verdict.RIGHT_BY_ID
    has_point = (
        place.coords is not None
        and place.kind not in _AREA_KINDS
        and place.coords.precision in (None, CoordsPrecision.POINT)
    )
    if has_point and link.get("lat") is not None and link.get("lon") is not None:
        assert place.coords is not None
        distance = distance_km(place.coords.lat, place.coords.lon, link["lat"], link["lon"])
        return Verdict.RIGHT_BY_POINT if distance <= MAX_DISTANCE_KM else Verdict.WRONG
    wanted = [link.get("name_en")] + ([lemma] if "wikidata" in link else [])
    names = [str(n) for n in wanted if n]
    if not names:
        return None
    undecided = False
    for name in names:
        bare, notes = _bracketed(name)
        if not _names(place, bare, gazetteer, annotate):
            continue
        units = [_unit(note, gazetteer, annotate) for note in notes]
        if any(unit is _UNREADABLE for unit in units):
            undecided = True
            continue
        # A bracketed unit contains the place, or is the place under another name ("Graivoron
        # Okrug (Graivoronsky District)").
        ancestors = {place.id, *(p.id for p in gazetteer.ancestors(place.id))}
        if all(unit is None or ancestors & unit for unit in units):
            return Verdict.RIGHT_BY_NAME
    return None if undecided else Verdict.WRONG


_UNREADABLE: frozenset[str] = frozenset({"\0unreadable"})


def _bracketed(name: str) -> tuple[str, list[str]]:
    """A name and its bracketed notes: "Rih (Pokrovsk hromada, Pokrovsk raion)" →
    ("Rih", ["Pokrovsk hromada", "Pokrovsk raion"])."""
    match = _BRACKETED.match(name)
    if match is None:
        return name, []
    notes = [note.strip() for note in match["units"].split(",") if note.strip()]
    return match["name"].strip(), notes


def _names(place: Place, name: str, gazetteer: Gazetteer, annotate: Annotate | None) -> bool:
    if any(c.place_id == place.id for c in gazetteer.lookup(name)):
        return True
    return annotate is not None and any(
        m.place_id == place.id or place.id in {a.place_id for a in m.alternatives}
        for m in _whole(name, annotate)
    )


def _unit(note: str, gazetteer: Gazetteer, annotate: Annotate | None) -> frozenset[str] | None:
    """The units a bracketed note may name (every namesake: "Mykolaivka hromada" is one of
    many); None for a note that names none; :data:`_UNREADABLE` for one that cannot be read."""
    if _NOT_A_UNIT.match(note) or not _UNIT_WORDS.search(note):
        return None
    found = {c.place_id for c in gazetteer.lookup(note) if gazetteer[c.place_id].kind in UNIT_KINDS}
    if not found and annotate is not None:
        for mention in _whole(note, annotate):
            ids = [mention.place_id, *(a.place_id for a in mention.alternatives)]
            found.update(i for i in ids if gazetteer[i].kind in UNIT_KINDS)
    return frozenset(found) if found else _UNREADABLE


def _whole(name: str, annotate: Annotate) -> list[Mention]:
    """The mentions the annotator finds covering all of ``name``."""
    return [m for m in annotate(name) if m.start == 0 and m.end == len(name)]
