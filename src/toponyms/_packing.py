"""Places and names as plain tuples, for a cache that unpickles fast and objects built on demand.

Unpickling tens of thousands of attrs objects costs seconds; tuples of strings and numbers load
in a fraction of that, and most uses touch only the places a text mentions. Tuples drop their
trailing empty fields, and one name packs to one tuple wherever it is used (the place and the
index share it, so the cache stores it once): the warm load keeps to its memory budget.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from toponyms.model import (
    ConflictPeriod,
    ConflictStatus,
    Coords,
    CoordsPrecision,
    Kind,
    Name,
    NameStatus,
    Place,
    PlaceStatus,
    Refs,
)

PackedName = tuple[str | None, ...]  # text, lang, status, since, until, note; no trailing None
PackedPlace = tuple[Any, ...]
_REF_FIELDS = tuple(field.name for field in attrs.fields(Refs))
_NAME_FIELDS = 6


def _trimmed(values: tuple[Any, ...]) -> tuple[Any, ...]:
    end = len(values)
    while end and values[end - 1] is None:
        end -= 1
    return values[:end]


@functools.cache
def pack_name(name: Name) -> PackedName:
    """A name as a tuple of strings, the same tuple for equal names (see :func:`forget_names`)."""
    return _trimmed((name.text, name.lang, name.status.value, name.since, name.until, name.note))


def forget_names() -> None:
    """Drop the tuples :func:`pack_name` keeps for sharing, once a gazetteer is packed."""
    pack_name.cache_clear()


def unpack_name(packed: PackedName) -> Name:
    """The name a tuple of :func:`pack_name` stands for."""
    text, lang, status, since, until, note = packed + (None,) * (_NAME_FIELDS - len(packed))
    return Name(
        text=str(text),
        lang=str(lang),
        status=NameStatus(str(status)),
        since=since,
        until=until,
        note=note,
    )


def pack_place(place: Place) -> PackedPlace:
    """A place as nested tuples of strings and numbers."""
    coords = place.coords
    return (
        place.id,
        place.kind.value,
        place.country,
        tuple(pack_name(name) for name in place.names),
        place.parent,
        place.capital,
        None
        if coords is None
        else (coords.lat, coords.lon, coords.source, coords.precision and coords.precision.value),
        place.population,
        _trimmed(tuple(getattr(place.refs, field) for field in _REF_FIELDS)),
        tuple((c.status.value, c.since, c.until, c.note) for c in place.conflict),
        place.note,
        place.status.value,
        place.status_since,
    )


def unpack_place(packed: PackedPlace) -> Place:
    """The place a tuple of :func:`pack_place` stands for."""
    (
        place_id, kind, country, names, parent, capital, coords, population, refs, conflict, note,
        status, status_since,
    ) = packed  # fmt: skip
    return Place(
        id=place_id,
        kind=Kind(kind),
        country=country,
        names=tuple(unpack_name(name) for name in names),
        parent=parent,
        capital=capital,
        coords=None
        if coords is None
        else Coords(
            lat=coords[0],
            lon=coords[1],
            source=coords[2],
            precision=CoordsPrecision(coords[3]) if coords[3] else None,
        ),
        population=population,
        refs=Refs(**dict(zip(_REF_FIELDS, refs, strict=False))),
        conflict=tuple(
            ConflictPeriod(status=ConflictStatus(s), since=since, until=until, note=n)
            for s, since, until, n in conflict
        ),
        note=note,
        status=PlaceStatus(status),
        status_since=status_since,
    )


KIND_FIELD = 1  # the positions of fields in a packed place
PARENT_FIELD = 4
CAPITAL_FIELD = 5
COORDS_FIELD = 6


class LazyPlaces(Mapping[str, Place]):
    """Places by id, kept packed and built into :class:`Place` objects when first read."""

    def __init__(self, packed: dict[str, PackedPlace]) -> None:
        self._packed = packed
        self._built: dict[str, Place] = {}

    @classmethod
    def of(cls, places: Mapping[str, Place]) -> LazyPlaces:
        """Wrap already built places (nothing to build later)."""
        lazy = cls({place_id: pack_place(place) for place_id, place in places.items()})
        lazy._built.update(places)
        return lazy

    def packed(self) -> dict[str, PackedPlace]:
        """The packed form of every place, for the cache."""
        return self._packed

    def parent_of(self, place_id: str) -> str | None:
        """The parent id of a place, without building it."""
        parent: str | None = self._packed[place_id][PARENT_FIELD]
        return parent

    def kind_of(self, place_id: str) -> Kind:
        """The kind of a place, without building it."""
        return Kind(self._packed[place_id][KIND_FIELD])

    def point_of(self, place_id: str) -> tuple[float, float] | None:
        """The (lat, lon) of a place, without building it."""
        coords = self._packed[place_id][COORDS_FIELD]
        return None if coords is None else (coords[0], coords[1])

    def capital_of(self, place_id: str) -> str | None:
        """The capital id of a place, without building it."""
        capital: str | None = self._packed[place_id][CAPITAL_FIELD]
        return capital

    def __getitem__(self, place_id: str) -> Place:
        place = self._built.get(place_id)
        if place is None:
            place = self._built[place_id] = unpack_place(self._packed[place_id])
        return place

    def __contains__(self, place_id: object) -> bool:
        return place_id in self._packed

    def __iter__(self) -> Iterator[str]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)
