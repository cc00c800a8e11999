"""Writing the gazetteer YAML (schema 1) byte for byte the same from the same drafts.

Places are block mappings; names, refs, coords and conflict periods are flow mappings, one a
line. A scalar is quoted only where YAML would read it as something other than that string.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

import yaml

from gazetteer_build.places import NAME_FIELDS, REF_ORDER, Draft

_PLAIN_SAFE = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^,\[\]{}#]*")
_RESOLVER = yaml.resolver.Resolver()
QUOTED_REFS = frozenset({"koatuu", "oktmo"})  # digit strings that must stay strings
CONFLICT_FIELDS = ("status", "since", "until", "note")
DATE_FIELDS = frozenset({"since", "until"})
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _resolves_to_str(text: str) -> bool:
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return bool(tag == "tag:yaml.org,2002:str")


def scalar(value: Any) -> str:
    """A YAML flow scalar for ``value``: plain where that reads back as the same value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    plain_ok = (
        _PLAIN_SAFE.fullmatch(text) is not None
        and text == text.strip()
        and ": " not in text
        and " #" not in text
        and not text.endswith(":")
        and _resolves_to_str(text)
    )
    return text if plain_ok else json.dumps(text, ensure_ascii=False)


def _flow(pairs: Iterable[tuple[str, Any]]) -> str:
    return "{" + ", ".join(f"{key}: {_value(key, value)}" for key, value in pairs) + "}"


def _value(key: str, value: Any) -> str:
    # The library keeps dates as written, so years and ISO dates need no quotes.
    if key in DATE_FIELDS and _DATE.fullmatch(str(value)):
        return str(value)
    return scalar(value)


def _string(value: Any) -> str:
    return json.dumps(str(value), ensure_ascii=False)


def place_lines(draft: Draft) -> list[str]:
    """The lines of one place in the ``places`` list."""
    lines = [
        f"  - id: {scalar(draft.id)}",
        f"    kind: {draft.kind}",
        f"    country: {scalar(draft.country)}",
    ]
    if draft.parent:
        lines.append(f"    parent: {scalar(draft.parent)}")
    if draft.capital:
        lines.append(f"    capital: {scalar(draft.capital)}")
    if draft.coords:
        lat, lon = draft.coords
        lines.append(f"    coords: [{lat!r}, {lon!r}]")
        if draft.coords_source:
            lines.append(f"    coords_source: {scalar(draft.coords_source)}")
        if draft.coords_precision:
            lines.append(f"    coords_precision: {draft.coords_precision}")
    if draft.population:
        lines.append(f"    population: {draft.population}")
    if draft.refs:
        lines.append(_refs_line(draft.refs))
    lines.append("    names:")
    for name in draft.names:
        lines.append("      - " + _flow((key, name[key]) for key in NAME_FIELDS if key in name))
    if draft.conflict:
        lines.append("    conflict:")
        for period in draft.conflict:
            pairs = ((key, period[key]) for key in CONFLICT_FIELDS if key in period)
            lines.append("      - " + _flow(pairs))
    if draft.status:
        lines.append(f"    status: {draft.status}")
    if draft.status_since:
        lines.append(f"    status_since: {_value('since', draft.status_since)}")
    if draft.note:
        lines.append(f"    note: {scalar(draft.note)}")
    return lines


def _refs_line(refs: dict[str, Any]) -> str:
    pairs = [
        f"{key}: {_string(refs[key]) if key in QUOTED_REFS else scalar(refs[key])}"
        for key in REF_ORDER
        if key in refs
    ]
    return "    refs: {" + ", ".join(pairs) + "}"


UPDATE_FIELDS = ("parent", "capital", "coords", "coords_source", "coords_precision", "population")


def update_lines(place_id: str, change: dict[str, Any]) -> list[str]:
    """The lines of one entry of an ``update`` list: the fields of ``change`` in schema order
    (``coords`` as ``[lat, lon]``, ``refs`` merged into the place's, ``add_names`` a list)."""
    lines = [f"  - id: {scalar(place_id)}"]
    for key in UPDATE_FIELDS:
        if key not in change:
            continue
        if key == "coords":
            lat, lon = change[key]
            lines.append(f"    coords: [{lat!r}, {lon!r}]")
        else:
            lines.append(f"    {key}: {scalar(change[key])}")
    if change.get("refs"):
        lines.append(_refs_line(change["refs"]))
    if change.get("add_names"):
        lines.append("    add_names:")
        for name in change["add_names"]:
            lines.append("      - " + _flow((k, name[k]) for k in NAME_FIELDS if k in name))
    return lines


def render(
    header: list[str],
    data_version: str,
    drafts: Iterable[Draft],
    updates: Iterable[tuple[str, dict[str, Any]]] = (),
) -> str:
    """The whole file: the comment header, schema, data_version, the places and the updates."""
    lines = [("# " + line).rstrip() for line in header]
    lines += ["schema: 1", f"data_version: {_string(data_version)}"]
    place_list = [line for draft in drafts for line in place_lines(draft)]
    if place_list:
        lines += ["places:", *place_list]
    update_list = [line for place_id, change in updates for line in update_lines(place_id, change)]
    if update_list:
        lines += ["update:", *update_list]
    return "\n".join(lines) + "\n"
