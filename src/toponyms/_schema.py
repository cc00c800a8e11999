"""Validation of gazetteer YAML: turns located YAML values into places, or into problems.

Every check appends a :class:`~toponyms.errors.Problem` naming file, line, column, place id and
field; nothing stops at the first problem. The allowed keys and values are listed here once and
quoted in the messages.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import attrs

from toponyms._reporting import Reporter, check_keys, key_position
from toponyms._schema_names import (
    NAME_KEYS,
    ends_before_it_starts,
    read_date,
    read_enum,
    read_names,
)
from toponyms._source import LocatedList, LocatedMap, Position
from toponyms.model import (
    ConflictPeriod,
    ConflictStatus,
    Coords,
    CoordsPrecision,
    Kind,
    Place,
    PlaceStatus,
    Refs,
    parse_period_bound,
)

__all__ = [  # what the rest of the package takes from here
    "NAME_KEYS",
    "PLACE_KEYS",
    "Reporter",
    "check_keys",
    "key_position",
    "read_names",
    "read_place",
    "read_place_fields",
]

PLACE_KEYS = (
    "id", "kind", "country", "parent", "capital", "coords", "coords_source", "coords_precision",
    "population", "refs", "names", "conflict", "status", "status_since", "note",
)  # fmt: skip
CONFLICT_KEYS = ("status", "since", "until", "note")
REQUIRED_PLACE_KEYS = ("id", "kind", "country", "names")
REF_PATTERNS = {
    "katottg": re.compile(r"UA\d{17}"),
    "pcode": re.compile(r"UA\d{2}(\d{2}(\d{3}(\d{3})?)?)?"),
    "koatuu": re.compile(r"\d{10}"),
    "geonames": re.compile(r"\d+"),
    "wikidata": re.compile(r"Q\d+"),
    "osm": re.compile(r"(node|way|relation)/\d+"),
    "iso3166": re.compile(r"[A-Z]{2}(-[A-Z0-9]{1,3})?"),
    "oktmo": re.compile(r"\d{8}(\d{3})?"),
}
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9~-]*(/[a-z0-9][a-z0-9~-]*)*")
COUNTRY_PATTERN = re.compile(r"[A-Z]{2}")
LAT_RANGE = (-90.0, 90.0)
LON_RANGE = (-180.0, 180.0)


def read_place(raw: Any, position: Position, report: Reporter) -> Place | None:
    """Validate one place mapping; return the Place, or None when it cannot be built."""
    if not isinstance(raw, LocatedMap):
        report.add(position, "a place must be a mapping with keys: " + ", ".join(PLACE_KEYS))
        return None
    place_id = raw.get("id")
    report.place_id = place_id if isinstance(place_id, str) else None
    before = len(report.problems)
    check_keys(raw, PLACE_KEYS, REQUIRED_PLACE_KEYS, report)
    fields = read_place_fields(raw, report)
    names = read_names(raw.get("names"), key_position(raw, "names"), report, "names")
    if len(report.problems) > before or not isinstance(place_id, str):
        return None
    return Place(id=place_id, names=tuple(names), **fields)


def read_place_fields(raw: LocatedMap, report: Reporter) -> dict[str, Any]:
    """Validate every field of a place but its names; return the valid ones as Place kwargs."""
    fields: dict[str, Any] = {}
    for key, reader in _FIELD_READERS.items():
        if key in raw and raw[key] is not None:
            value = reader(raw[key], key_position(raw, key), report)
            if value is not None:
                fields[key] = value
    fields.pop("id", None)
    _attach_coords_provenance(raw, fields, report)
    return fields


def _attach_coords_provenance(raw: LocatedMap, fields: dict[str, Any], report: Reporter) -> None:
    """Fold ``coords_source`` and ``coords_precision`` into the Coords they describe."""
    extra: dict[str, Any] = {}
    source = raw.get("coords_source")
    if source is not None:
        if isinstance(source, str) and source.strip():
            extra["source"] = source
        else:
            report.add(
                key_position(raw, "coords_source"), "coords_source must be text", "coords_source"
            )
    if raw.get("coords_precision") is not None:
        precision = read_enum(
            CoordsPrecision,
            raw["coords_precision"],
            key_position(raw, "coords_precision"),
            report,
            "coords_precision",
        )
        if precision is not None:
            extra["precision"] = precision
    if not extra:
        return
    if "coords" not in raw:
        report.add(raw.position, "coords_source and coords_precision need coords", "coords")
    elif "coords" in fields:
        fields["coords"] = attrs.evolve(fields["coords"], **extra)


def _read_id(value: Any, position: Position, report: Reporter) -> str | None:
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        report.add(
            position,
            f"invalid id {value!r}: use lowercase ASCII segments [a-z0-9~-] joined by '/'",
            "id",
        )
        return None
    return value


def _read_kind(value: Any, position: Position, report: Reporter) -> Kind | None:
    kind: Kind | None = read_enum(Kind, value, position, report, "kind")
    return kind


def _read_country(value: Any, position: Position, report: Reporter) -> str | None:
    if not isinstance(value, str) or not COUNTRY_PATTERN.fullmatch(value):
        report.add(
            position, f"invalid country {value!r}: use ISO 3166-1 alpha-2, e.g. UA", "country"
        )
        return None
    return value


def _read_parent(value: Any, position: Position, report: Reporter) -> str | None:
    return _read_reference(value, position, report, "parent")


def _read_capital(value: Any, position: Position, report: Reporter) -> str | None:
    return _read_reference(value, position, report, "capital")


def _read_reference(value: Any, position: Position, report: Reporter, field: str) -> str | None:
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        report.add(position, f"invalid {field} id {value!r}", field)
        return None
    return value


def _read_coords(value: Any, position: Position, report: Reporter) -> Coords | None:
    numbers = isinstance(value, list) and len(value) == 2
    numbers = numbers and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    if not numbers:
        report.add(position, f"coords must be [lat, lon] in degrees, not {value!r}", "coords")
        return None
    lat, lon = float(value[0]), float(value[1])
    if not LAT_RANGE[0] <= lat <= LAT_RANGE[1]:
        report.add(position, f"latitude {lat} out of range {LAT_RANGE}", "coords")
        return None
    if not LON_RANGE[0] <= lon <= LON_RANGE[1]:
        report.add(position, f"longitude {lon} out of range {LON_RANGE}", "coords")
        return None
    return Coords(lat=lat, lon=lon)


def _read_population(value: Any, position: Position, report: Reporter) -> int | None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        report.add(position, f"population must be a whole number ≥ 0, not {value!r}", "population")
        return None
    return value


def _read_refs(value: Any, position: Position, report: Reporter) -> Refs | None:
    if not isinstance(value, LocatedMap):
        report.add(position, "refs must be a mapping: " + ", ".join(REF_PATTERNS), "refs")
        return None
    check_keys(value, REF_PATTERNS, (), report, "refs.")
    refs: dict[str, Any] = {}
    for key, pattern in REF_PATTERNS.items():
        if key not in value:
            continue
        text = str(value[key])
        if not pattern.fullmatch(text):
            report.add(
                key_position(value, key),
                f"invalid {key} reference {text!r} (expected {pattern.pattern})",
                f"refs.{key}",
            )
            continue
        refs[key] = int(text) if key == "geonames" else text
    return Refs(**refs)


def _read_status(value: Any, position: Position, report: Reporter) -> PlaceStatus | None:
    status: PlaceStatus | None = read_enum(PlaceStatus, value, position, report, "status")
    return status


def _read_status_since(value: Any, position: Position, report: Reporter) -> str | None:
    text = str(value)
    try:
        parse_period_bound(text, end=False)
    except ValueError:
        report.add(
            position,
            f"bad date {value!r}: use a year (1986) or an ISO date (1986-04-27)",
            "status_since",
        )
        return None
    return text


def _read_note(value: Any, position: Position, report: Reporter) -> str | None:
    if not isinstance(value, str):
        report.add(position, "note must be text", "note")
        return None
    return value


def _read_conflict(
    value: Any, position: Position, report: Reporter
) -> tuple[ConflictPeriod, ...] | None:
    if not isinstance(value, LocatedList):
        report.add(position, "conflict must be a list of periods", "conflict")
        return None
    periods = []
    for index, (item, item_position) in enumerate(zip(value, value.item_positions, strict=True)):
        field = f"conflict[{index}]"
        if not isinstance(item, LocatedMap):
            report.add(item_position, "a period needs: " + ", ".join(CONFLICT_KEYS), field)
            continue
        before = len(report.problems)
        check_keys(item, CONFLICT_KEYS, ("status", "since"), report, field + ".")
        status = read_enum(
            ConflictStatus,
            item.get("status"),
            key_position(item, "status"),
            report,
            field + ".status",
        )
        since = read_date(item, "since", report, field)
        until = read_date(item, "until", report, field)
        if since and until and ends_before_it_starts(since, until):
            report.add(key_position(item, "until"), f"until {until} is before since {since}", field)
        if len(report.problems) == before and status is not None and since is not None:
            periods.append(
                ConflictPeriod(status=status, since=since, until=until, note=item.get("note"))
            )
    return tuple(periods)


_FIELD_READERS: dict[str, Callable[[Any, Position, Reporter], Any]] = {
    "id": _read_id,
    "kind": _read_kind,
    "country": _read_country,
    "parent": _read_parent,
    "capital": _read_capital,
    "coords": _read_coords,
    "population": _read_population,
    "refs": _read_refs,
    "conflict": _read_conflict,
    "status": _read_status,
    "status_since": _read_status_since,
    "note": _read_note,
}
