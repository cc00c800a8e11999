"""The compiled store: places and name index in one file of data, read in place, never unpickled.

A pickle of the bundled gazetteer took 0.5–1.2 s to load and 250 MB: millions of objects made
whole before the first word was read. The store keeps every table as bytes that are used where
they lie: the keys of the index in marisa-tries (:mod:`toponyms._keytable`), their codes, the
places' parents, capitals, kinds and points in flat arrays, and each place and name as a JSON
record decoded when first read. Loading is slicing; the file (memory-mapped by the cache) is
shared by every process that maps it, and nothing in it can run code.

Layout: ``MAGIC``, the length of a JSON header (8 bytes, little-endian), the header, then the
sections it lists as ``name: [offset, length]`` from the end of the header, each 8-byte aligned.
"""

from __future__ import annotations

import json
import math
import struct
from array import array
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from toponyms._keytable import KeySet, KeyTable
from toponyms._packing import (
    CAPITAL_FIELD,
    COORDS_FIELD,
    KIND_FIELD,
    PARENT_FIELD,
    LazyPlaces,
    PackedName,
    PackedPlace,
)
from toponyms.index import Derivation, NameIndex
from toponyms.model import Kind, Method

MAGIC = b"toponyms-store\n"
FORMAT = 1  # bump when the layout changes
TABLES = ("exact", "folded", "units", "units_folded")
_LENGTH = struct.Struct("<Q")
_NO_PLACE = -1
_KINDS = tuple(Kind)
_KIND_NUMBER = {kind: number for number, kind in enumerate(_KINDS)}


class StoreError(ValueError):
    """A store that is not one, or not of this format."""


def dump(places: LazyPlaces, index: NameIndex, data_version: str | None) -> bytes:
    """The places and index as one store."""
    ids = list(places)
    ordinal = {place_id: number for number, place_id in enumerate(ids)}
    sections: dict[str, bytes] = {"places.ids": "\n".join(ids).encode()}
    parents, capitals, kinds = array("i"), array("i"), bytearray()
    lats, lons = array("d"), array("d")
    records = []
    for _, record in places.packed_items():
        parents.append(ordinal.get(record[PARENT_FIELD], _NO_PLACE))
        capitals.append(ordinal.get(record[CAPITAL_FIELD], _NO_PLACE))
        kinds.append(_KIND_NUMBER[Kind(record[KIND_FIELD])])
        coords = record[COORDS_FIELD]
        lats.append(math.nan if coords is None else coords[0])
        lons.append(math.nan if coords is None else coords[1])
        records.append(_json(record))
    sections["places.offsets"], sections["places.records"] = _joined(records)
    sections.update({"places.parent": parents.tobytes(), "places.capital": capitals.tobytes()})
    sections.update({"places.kind": bytes(kinds), "places.lat": lats.tobytes()})
    sections["places.lon"] = lons.tobytes()
    name_places = array("I", (ordinal[place_id] for place_id, _ in index.names))
    sections["names.place"] = name_places.tobytes()
    sections["names.offsets"], sections["names.records"] = _joined(
        _json(name) for _, name in index.names
    )
    for table in TABLES:
        found = getattr(index, table)
        parts = (found if isinstance(found, KeyTable) else KeyTable.of(found)).parts()
        for part, data in zip(("trie", "starts", "codes"), parts, strict=True):
            sections[f"{table}.{part}"] = data
    sections["prefixes"] = index.prefixes.to_bytes()
    sections["starters"] = index.starters.to_bytes()
    codes = {
        key: tuple(ordinal[p] for p in ((held,) if isinstance(held, str) else held))
        for key, held in index.codes.items()
    }
    for part, data in zip(
        ("trie", "starts", "codes"), KeyTable.of(_single(codes)).parts(), strict=True
    ):
        sections[f"codes.{part}"] = data
    header = {
        "format": FORMAT,
        "data_version": data_version,
        "max_words": index.max_words,
        "variants": [[m.value, s, d and d.value] for m, s, d in index.variants],
        "unit_kinds": {place_id: kind.value for place_id, kind in index.unit_kinds.items()},
    }
    return _pack(header, sections)


def load(data: memoryview) -> tuple[LazyPlaces, NameIndex, str | None]:
    """The places, index and data version of a store (``data`` stays referenced by them)."""
    header, sections = _unpack(data)
    ids = bytes(sections["places.ids"]).decode().split("\n") if sections["places.ids"] else []
    records = PlaceRecords(ids, sections)
    tables = {
        table: KeyTable.from_parts(
            sections[f"{table}.trie"], sections[f"{table}.starts"], sections[f"{table}.codes"]
        )
        for table in TABLES
    }
    codes = KeyTable.from_parts(
        sections["codes.trie"], sections["codes.starts"], sections["codes.codes"]
    )
    index = NameIndex(
        names=NameRecords(ids, sections),  # type: ignore[arg-type]
        variants=[
            (Method(m), s, None if d is None else Derivation(d)) for m, s, d in header["variants"]
        ],
        max_words=header["max_words"],
        prefixes=KeySet.from_bytes(sections["prefixes"]),
        starters=KeySet.from_bytes(sections["starters"]),
        unit_kinds={place_id: Kind(kind) for place_id, kind in header["unit_kinds"].items()},
        codes=CodeTable(codes, ids),
        **tables,
    )
    return LazyPlaces(records), index, header["data_version"]


class PlaceRecords(Mapping[str, PackedPlace]):
    """The packed places of a store by id; ``columns`` answers for a place without decoding
    its record (see :class:`~toponyms._packing.LazyPlaces`)."""

    def __init__(self, ids: list[str], sections: dict[str, memoryview]) -> None:
        self._ids = ids
        self._ordinal = {place_id: number for number, place_id in enumerate(ids)}
        self._offsets = sections["places.offsets"].cast("Q")
        self._records = sections["places.records"]
        self._parents = sections["places.parent"].cast("i")
        self._capitals = sections["places.capital"].cast("i")
        self._kinds = sections["places.kind"]
        self._lats = sections["places.lat"].cast("d")
        self._lons = sections["places.lon"].cast("d")
        self.columns = self

    def __getitem__(self, place_id: str) -> PackedPlace:
        number = self._ordinal[place_id]
        return _record(self._records, self._offsets, number)  # type: ignore[no-any-return]

    def __contains__(self, place_id: object) -> bool:
        return place_id in self._ordinal

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def parent_of(self, place_id: str) -> str | None:
        return self._place(self._parents[self._ordinal[place_id]])

    def capital_of(self, place_id: str) -> str | None:
        return self._place(self._capitals[self._ordinal[place_id]])

    def kind_of(self, place_id: str) -> Kind:
        return _KINDS[self._kinds[self._ordinal[place_id]]]

    def point_of(self, place_id: str) -> tuple[float, float] | None:
        number = self._ordinal[place_id]
        lat = self._lats[number]
        return None if math.isnan(lat) else (lat, self._lons[number])

    def _place(self, number: int) -> str | None:
        return None if number == _NO_PLACE else self._ids[number]


class NameRecords(Sequence[tuple[str, PackedName]]):
    """The index's names (name_ref → place id and packed name), decoded when read; names that
    overlays add are kept beside the stored ones."""

    def __init__(self, ids: list[str], sections: dict[str, memoryview]) -> None:
        self._ids = ids
        self._places = sections["names.place"].cast("I")
        self._offsets = sections["names.offsets"].cast("Q")
        self._records = sections["names.records"]
        self._stored = len(self._places)
        # Names decoded so far, by ref: a folding key's entries are read again on every lookup.
        self._decoded: list[tuple[str, PackedName] | None] = [None] * self._stored
        self._added: list[tuple[str, PackedName]] = []

    def __getitem__(self, ref: int) -> tuple[str, PackedName]:  # type: ignore[override]
        if ref >= self._stored:
            return self._added[ref - self._stored]
        found = self._decoded[ref]
        if found is None:
            record = _record(self._records, self._offsets, ref)
            found = self._decoded[ref] = (self._ids[self._places[ref]], record)
        return found

    def __len__(self) -> int:
        return self._stored + len(self._added)

    def append(self, item: tuple[str, PackedName]) -> None:
        self._added.append(item)

    def copy(self) -> NameRecords:
        """A copy to add to; the stored names are shared."""
        copy = object.__new__(NameRecords)
        copy.__dict__.update(self.__dict__)
        copy._added = list(self._added)
        return copy

    def refs_of(self, place_ids: set[str]) -> set[int]:
        """The refs of the names of ``place_ids``, without decoding a name."""
        wanted = {n for n, place_id in enumerate(self._ids) if place_id in place_ids}
        found = {ref for ref, place in enumerate(self._places) if place in wanted}
        added = enumerate(self._added, self._stored)
        return found | {ref for ref, (place_id, _) in added if place_id in place_ids}


class CodeTable(Mapping[str, str | tuple[str, ...]]):
    """Official codes → place ids, over a key table of place numbers."""

    def __init__(self, table: KeyTable, ids: list[str]) -> None:
        self._table = table
        self._ids = ids

    def get(self, key: str, default: Any = None) -> Any:
        held = self._table.get(key)
        if held is None:
            return default
        if isinstance(held, int):
            return self._ids[held]
        return tuple(self._ids[number] for number in held)

    def __getitem__(self, key: str) -> str | tuple[str, ...]:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found  # type: ignore[no-any-return]

    def __contains__(self, key: object) -> bool:
        return key in self._table

    def __iter__(self) -> Iterator[str]:
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def _record(records: memoryview, offsets: memoryview, number: int) -> Any:
    return _tuples(json.loads(bytes(records[offsets[number] : offsets[number + 1]])))


def _tuples(value: Any) -> Any:
    """JSON arrays back into the tuples they were packed from."""
    if isinstance(value, list):
        return tuple(_tuples(item) for item in value)
    return value


def _joined(records: Any) -> tuple[bytes, bytes]:
    offsets, blob = array("Q", [0]), bytearray()
    for record in records:
        blob += record
        offsets.append(len(blob))
    return offsets.tobytes(), bytes(blob)


def _single(table: dict[str, tuple[int, ...]]) -> dict[str, int | tuple[int, ...]]:
    return {key: held[0] if len(held) == 1 else held for key, held in table.items()}


def _pack(header: dict[str, Any], sections: dict[str, bytes]) -> bytes:
    layout, body, offset = {}, bytearray(), 0
    for name, data in sections.items():
        layout[name] = [offset, len(data)]
        padding = -len(data) % 8
        body += data + b"\0" * padding
        offset += len(data) + padding
    encoded = _json({**header, "sections": layout})
    encoded += b" " * (-(len(MAGIC) + _LENGTH.size + len(encoded)) % 8)
    return MAGIC + _LENGTH.pack(len(encoded)) + encoded + bytes(body)


def _unpack(data: memoryview) -> tuple[dict[str, Any], dict[str, memoryview]]:
    if bytes(data[: len(MAGIC)]) != MAGIC:
        raise StoreError("not a toponyms store")
    start = len(MAGIC) + _LENGTH.size
    if len(data) < start:
        raise StoreError("cut short")
    (length,) = _LENGTH.unpack(data[len(MAGIC) : start])
    try:
        header = json.loads(bytes(data[start : start + length]))
    except ValueError as error:
        raise StoreError(f"unreadable header ({error})") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise StoreError("a store of another format")
    body = data[start + length :]
    sections = {}
    for name, (offset, size) in header["sections"].items():
        if offset + size > len(body):
            raise StoreError(f"section {name} runs past the end")
        sections[name] = body[offset : offset + size]
    return header, sections
