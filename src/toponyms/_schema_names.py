"""Validation of the names of a place (and of the dates every period of the schema uses).

Part of :mod:`toponyms._schema`: a name is a mapping of ``text``, ``lang``, ``status`` and a
period; each problem is reported with its field path (``names[2].lang``).
"""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import Any

from toponyms._reporting import Reporter, check_keys, key_position
from toponyms._source import LocatedList, LocatedMap, Position
from toponyms._tables import parse_table
from toponyms.model import Name, NameStatus, parse_period_bound

NAME_KEYS = ("text", "lang", "status", "since", "until", "note")
REQUIRED_NAME_KEYS = ("text", "lang")
# The longest names of the gazetteer are hromadas and occupation-era entities of some 60
# characters; a longer one is a mistake, and a 32 KB one took a minute to index.
MAX_NAME_LENGTH = 200
LANG_PATTERN = re.compile(r"([a-z]{2,3})(-[A-Za-z0-9]{2,8})*")


@functools.cache
def known_languages() -> frozenset[str]:
    """Primary language subtags accepted in ``lang`` (from ``tables/languages.yaml``)."""
    raw = parse_table(
        resources.files("toponyms").joinpath("tables", "languages.yaml").read_text("utf-8")
    )
    return frozenset(raw["iso639_1"]) | frozenset(raw["iso639_3"])


def read_enum(enum: Any, value: Any, position: Position, report: Reporter, field: str) -> Any:
    """The member of ``enum`` named by ``value``, or None after reporting the allowed values."""
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        label = field.rsplit(".", 1)[-1]
        report.add(position, f"unknown {label} {value!r}; allowed: {allowed}", field)
        return None


def read_names(raw: Any, position: Position, report: Reporter, field: str) -> list[Name]:
    """Validate a list of names; report an empty list as a problem."""
    if not isinstance(raw, LocatedList) or not raw:
        if raw is not None:
            report.add(position, "names must be a non-empty list of names", field)
        return []
    names = []
    for index, (item, item_position) in enumerate(zip(raw, raw.item_positions, strict=True)):
        name = read_name(item, item_position, report, f"{field}[{index}]")
        if name is not None:
            names.append(name)
    return names


def read_name(raw: Any, position: Position, report: Reporter, field: str) -> Name | None:
    """Validate one name mapping; return the Name, or None after reporting its problems."""
    if not isinstance(raw, LocatedMap):
        report.add(position, "a name must be a mapping with keys: " + ", ".join(NAME_KEYS), field)
        return None
    before = len(report.problems)
    check_keys(raw, NAME_KEYS, REQUIRED_NAME_KEYS, report, field + ".")
    text = raw.get("text")
    if text is not None and (not isinstance(text, str) or not text.strip()):
        report.add(key_position(raw, "text"), "name text must be non-empty", field + ".text")
    elif isinstance(text, str) and len(text) > MAX_NAME_LENGTH:
        report.add(
            key_position(raw, "text"),
            f"name text is {len(text):,} characters long; names are at most {MAX_NAME_LENGTH}",
            field + ".text",
        )
    elif isinstance(text, str) and text != text.strip():
        report.add(
            key_position(raw, "text"), f"name text {text!r} has surrounding spaces", field + ".text"
        )
    lang = raw.get("lang")
    if lang is not None:
        _check_lang(lang, key_position(raw, "lang"), report, field + ".lang")
    status = NameStatus.OFFICIAL
    if "status" in raw:
        status = read_enum(
            NameStatus, raw["status"], key_position(raw, "status"), report, field + ".status"
        )
    period = {key: read_date(raw, key, report, field) for key in ("since", "until")}
    since, until = period["since"], period["until"]
    if since and until and ends_before_it_starts(since, until):
        report.add(key_position(raw, "until"), f"until {until} is before since {since}", field)
    note = raw.get("note")
    if note is not None and not isinstance(note, str):
        report.add(key_position(raw, "note"), "note must be text", field + ".note")
    if len(report.problems) > before or not isinstance(text, str) or not isinstance(lang, str):
        return None
    return Name(text=text, lang=lang, status=status, since=since, until=until, note=note)


def ends_before_it_starts(since: str, until: str) -> bool:
    start = parse_period_bound(since, end=False)
    end = parse_period_bound(until, end=True)
    return start is not None and end is not None and end < start


def _check_lang(lang: Any, position: Position, report: Reporter, field: str) -> None:
    match = LANG_PATTERN.fullmatch(lang) if isinstance(lang, str) else None
    if match is None or match.group(1) not in known_languages():
        report.add(
            position,
            f"unknown lang {lang!r}: use a BCP 47 tag with an ISO 639 language (uk, ru, en, crh…)",
            field,
        )


def read_date(raw: LocatedMap, key: str, report: Reporter, field: str) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    text = str(value)
    try:
        parse_period_bound(text, end=False)
    except ValueError:
        report.add(
            key_position(raw, key),
            f"bad date {value!r}: use a year (2016) or an ISO date (2016-05-12)",
            f"{field}.{key}",
        )
        return None
    return text
