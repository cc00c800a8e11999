"""The place being built: a mutable record with the fields of the gazetteer schema (v1)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

OFFICIAL = "official"
NAME_FIELDS = ("text", "lang", "status", "since", "until", "note")
REF_ORDER = ("katottg", "pcode", "koatuu", "oktmo", "geonames", "wikidata", "osm", "iso3166")
COORD_DIGITS = 5  # decimal places of a coordinate: about a metre


def make_name(text: str, lang: str, status: str = OFFICIAL, **period: Any) -> dict[str, Any]:
    """A name mapping in schema order, without the default status."""
    name: dict[str, Any] = {"text": text, "lang": lang}
    if status != OFFICIAL:
        name["status"] = status
    for key in ("since", "until", "note"):
        if period.get(key) is not None:
            name[key] = period[key]
    return name


LANG_ORDER = ("uk", "ru", "en")  # official names are written in this order, then the others


def name_order(name: dict[str, Any]) -> tuple[int, int]:
    """Sort key of a name: official names first, by language; the others keep their order."""
    if name.get("status", OFFICIAL) != OFFICIAL:
        return (1, 0)
    lang = name["lang"]
    return (0, LANG_ORDER.index(lang) if lang in LANG_ORDER else len(LANG_ORDER))


@dataclass
class Draft:
    """One place under construction; ``order`` sorts the output."""

    id: str
    kind: str
    country: str
    order: tuple[Any, ...]
    parent: str | None = None
    capital: str | None = None
    coords: tuple[float, float] | None = None
    coords_source: str | None = None
    coords_precision: str | None = None
    population: int | None = None
    refs: dict[str, Any] = field(default_factory=dict)
    names: list[dict[str, Any]] = field(default_factory=list)
    conflict: list[dict[str, Any]] = field(default_factory=list)
    status: str | None = None  # None: current (the default, not written)
    status_since: str | None = None
    note: str | None = None

    def add_name(self, name: dict[str, Any]) -> bool:
        """Add ``name`` unless the place has one with its text and language; say whether added."""
        key = (name["text"], name["lang"])
        if any((known["text"], known["lang"]) == key for known in self.names):
            return False
        self.names.append(name)
        return True

    def has_text(self, text: str, lang: str | None = None) -> bool:
        """Whether some name (of ``lang``, if given) is written ``text``."""
        return any(n["text"] == text and (lang is None or n["lang"] == lang) for n in self.names)

    def official(self, lang: str) -> str | None:
        """The first official name in ``lang``."""
        for name in self.names:
            if name["lang"] == lang and name.get("status", OFFICIAL) == OFFICIAL:
                return str(name["text"])
        return None

    def set_coords(self, lat: float, lon: float, source: str, precision: str) -> None:
        """Set the point, rounded, with where it came from and how precise it is."""
        self.coords = (round(lat, COORD_DIGITS), round(lon, COORD_DIGITS))
        self.coords_source = source
        self.coords_precision = precision
