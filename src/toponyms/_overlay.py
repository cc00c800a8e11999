"""User overlays compiled on their own and merged into the compiled bundled gazetteer.

The bundled data is compiled once (into the wheel, or into the cache on first use); an overlay
of a few places changes only their keys. :func:`apply_overlays` validates the overlay files
against the compiled places, with the same file:line messages as a full build, and returns
new places and a new index that equal a full rebuild of the bundled data with the overlays
(a test compares them). The compiled base is never changed: it is copied, and it stays shared
by every gazetteer loaded in the process.

A place's keys depend on other places in one way only: a region or unit is also keyed by the
names of its capital. So the places re-keyed are those the overlays add, change or remove, and
the regions and units whose capital is among them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path

from toponyms._index_delta import add_places, without
from toponyms._merge import Draft, apply_contents, check_references, raise_problems
from toponyms._packing import LazyPlaces
from toponyms._schema import Reporter
from toponyms.index import NameIndex
from toponyms.model import Place


class OverlaidPlaces(MutableMapping[str, Place]):
    """The compiled places with an overlay's changes on top: reads fall through to the base,
    writes and deletions stay here."""

    def __init__(self, base: LazyPlaces) -> None:
        self.base = base
        self.changed: dict[str, Place] = {}
        self.removed: set[str] = set()

    def __getitem__(self, place_id: str) -> Place:
        if place_id in self.changed:
            return self.changed[place_id]
        if place_id in self.removed:
            raise KeyError(place_id)
        return self.base[place_id]

    def __setitem__(self, place_id: str, place: Place) -> None:
        self.changed[place_id] = place
        self.removed.discard(place_id)

    def __delitem__(self, place_id: str) -> None:
        if place_id not in self:
            raise KeyError(place_id)
        self.changed.pop(place_id, None)
        if place_id in self.base:
            self.removed.add(place_id)

    def __contains__(self, place_id: object) -> bool:
        if place_id in self.changed:
            return True
        return place_id not in self.removed and place_id in self.base

    def __iter__(self) -> Iterator[str]:
        for place_id in self.base:
            if place_id not in self.removed:
                yield place_id
        for place_id in self.changed:
            if place_id not in self.base:
                yield place_id

    def __len__(self) -> int:
        added = sum(1 for place_id in self.changed if place_id not in self.base)
        return len(self.base) - len(self.removed) + added

    def touched(self) -> set[str]:
        """The ids the overlays added, changed or removed."""
        return set(self.changed) | self.removed


def apply_overlays(
    base_places: LazyPlaces,
    base_index: NameIndex,
    base_version: str | None,
    files: list[tuple[str, bytes]],
    base_name: str,
) -> tuple[LazyPlaces, NameIndex, str | None]:
    """The places, index and data version of the compiled base with ``files`` applied in order.

    Raises:
        GazetteerError: every problem of every overlay, with file, line and column.
    """
    overlaid = OverlaidPlaces(base_places)
    draft = Draft(places=overlaid, data_version=base_version, base_name=base_name)
    reporters: dict[str, Reporter] = {}
    for name, content in files:
        apply_contents(draft, name, content, reporters)
    check_references(draft, reporters, only=draft.defined_at.keys(), children=_children(overlaid))
    raise_problems(reporters)
    rekeyed = _rekeyed(overlaid)
    index = without(base_index, rekeyed, base_places.get)
    add_places(index, [overlaid[p] for p in sorted(rekeyed) if p in overlaid], overlaid.get)
    return base_places.overlaid(overlaid.changed, overlaid.removed), index, draft.data_version


def _rekeyed(overlaid: OverlaidPlaces) -> set[str]:
    """The places whose keys change: those touched, and those whose capital was touched
    (before or after the change)."""
    touched = overlaid.touched()
    capitals = {pid: overlaid.base.capital_of(pid) for pid in overlaid.base} if touched else {}
    for place_id, place in overlaid.changed.items():
        capitals[place_id] = place.capital
    return touched | {pid for pid, capital in capitals.items() if capital in touched}


def _children(overlaid: OverlaidPlaces) -> Callable[[str], list[str]]:
    """A function giving the places (of the base and the overlays) whose parent is an id."""
    index: dict[str, list[str]] = {}
    for place_id in overlaid.base:
        parent = overlaid.base.parent_of(place_id)
        if parent is not None:
            index.setdefault(parent, []).append(place_id)
    for place_id, place in overlaid.changed.items():
        if place.parent is not None:
            index.setdefault(place.parent, []).append(place_id)
    return lambda place_id: [c for c in index.get(place_id, []) if c in overlaid]


def base_files(paths: list[Path], overlays: int) -> tuple[list[Path], list[Path]]:
    """The shipped files (core and layers) and the user's overlays of a load's file list."""
    cut = len(paths) - overlays
    return paths[:cut], paths[cut:]
