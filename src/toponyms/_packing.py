"""Places and names as plain tuples, for a cache that unpickles fast and objects built on demand.

Unpickling tens of thousands of attrs objects costs seconds; tuples of strings and numbers load
in a fraction of that, and most uses touch only the places a text mentions. Tuples drop their
trailing empty fields, and one name packs to one tuple wherever it is used (the place and the
index share it, so the cache stores it once): the warm load keeps to its memory budget.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping
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
    """Places by id, kept packed and built into :class:`Place` objects when first read.

    The packed places are a dict, or the records of a compiled store
    (:class:`toponyms._store.PlaceRecords`), which also answer for parents, capitals, kinds and
    points from columns without decoding a record. Overlays put their changed and removed
    places on top of a shared base (:meth:`overlaid`).
    """

    def __init__(
        self,
        packed: Mapping[str, PackedPlace],
        *,
        changed: dict[str, PackedPlace] | None = None,
        removed: frozenset[str] = frozenset(),
    ) -> None:
        self._packed = packed
        self._changed = changed or {}
        self._removed = removed
        self._built: dict[str, Place] = {}

    @classmethod
    def of(cls, places: Mapping[str, Place]) -> LazyPlaces:
        """Wrap already built places (nothing to build later)."""
        lazy = cls({place_id: pack_place(place) for place_id, place in places.items()})
        lazy._built.update(places)
        return lazy

    def overlaid(self, changed: Mapping[str, Place], removed: Iterable[str]) -> LazyPlaces:
        """These places with ``changed`` put and ``removed`` taken away (a new mapping over
        the same base: this one is shared)."""
        gone = (self._removed | frozenset(removed)) - changed.keys()
        over = {k: v for k, v in self._changed.items() if k not in gone}
        over.update((place_id, pack_place(place)) for place_id, place in changed.items())
        return LazyPlaces(
            self._packed, changed=over, removed=frozenset(p for p in gone if p in self._packed)
        )

    def packed_items(self) -> Iterator[tuple[str, PackedPlace]]:
        """Every place's id and packed form, for the compiled store."""
        for place_id in self:
            yield place_id, self._record(place_id)

    def _record(self, place_id: str) -> PackedPlace:
        record = self._changed.get(place_id)
        if record is None:
            if place_id in self._removed:
                raise KeyError(place_id)
            record = self._packed[place_id]
        return record

    def _columns(self, place_id: str) -> Any:
        """The base's columns when they answer for ``place_id``, else None."""
        if place_id in self._changed or place_id in self._removed:
            return None
        return getattr(self._packed, "columns", None)

    def parent_of(self, place_id: str) -> str | None:
        """The parent id of a place, without building it."""
        columns = self._columns(place_id)
        if columns is not None:
            return columns.parent_of(place_id)  # type: ignore[no-any-return]
        parent: str | None = self._record(place_id)[PARENT_FIELD]
        return parent

    def kind_of(self, place_id: str) -> Kind:
        """The kind of a place, without building it."""
        columns = self._columns(place_id)
        if columns is not None:
            return columns.kind_of(place_id)  # type: ignore[no-any-return]
        return Kind(self._record(place_id)[KIND_FIELD])

    def point_of(self, place_id: str) -> tuple[float, float] | None:
        """The (lat, lon) of a place, without building it."""
        columns = self._columns(place_id)
        if columns is not None:
            return columns.point_of(place_id)  # type: ignore[no-any-return]
        coords = self._record(place_id)[COORDS_FIELD]
        return None if coords is None else (coords[0], coords[1])

    def capital_of(self, place_id: str) -> str | None:
        """The capital id of a place, without building it."""
        columns = self._columns(place_id)
        if columns is not None:
            return columns.capital_of(place_id)  # type: ignore[no-any-return]
        capital: str | None = self._record(place_id)[CAPITAL_FIELD]
        return capital

    def __getitem__(self, place_id: str) -> Place:
        place = self._built.get(place_id)
        if place is None:
            place = self._built[place_id] = unpack_place(self._record(place_id))
        return place

    def __contains__(self, place_id: object) -> bool:
        if place_id in self._changed:
            return True
        return place_id not in self._removed and place_id in self._packed

    def __iter__(self) -> Iterator[str]:
        removed, changed = self._removed, self._changed
        for place_id in self._packed:
            if place_id not in removed:
                yield place_id
        for place_id in changed:
            if place_id not in self._packed:
                yield place_id

    def __len__(self) -> int:
        added = sum(1 for place_id in self._changed if place_id not in self._packed)
        return len(self._packed) - len(self._removed) + added
