"""Applying gazetteer files in order: add places, update them, remove them, check references.

A file is a mapping with any of ``places`` (new places), ``update`` (changes to existing ones)
and ``remove`` (ids to delete), plus ``schema`` and ``data_version``. The bundled gazetteer is
the first file; user overlays follow. See docs/gazetteer.md for the syntax.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, MutableMapping
from typing import Any

import attrs
from rapidfuzz import fuzz, process

from toponyms._schema import (
    NAME_KEYS,
    PLACE_KEYS,
    Reporter,
    check_keys,
    key_position,
    read_names,
    read_place,
    read_place_fields,
)
from toponyms._source import LocatedList, LocatedMap, Position, parse_yaml
from toponyms.errors import GazetteerError
from toponyms.model import Name, Place

FILE_KEYS = ("schema", "data_version", "places", "update", "remove")
SCHEMA_VERSION = 1
UPDATE_KEYS = (*PLACE_KEYS, "add_names", "remove_names")
NEAREST_IDS = 3  # how many similar ids a "no such place" message suggests
NEAREST_CUTOFF = 0.85  # similarity (Indel ratio) below which an id is not worth suggesting
MAX_NEAREST_POOL = 20_000  # ids compared for one hint at most


@attrs.define
class Draft:
    """The gazetteer being assembled, with where each place was defined (for messages).

    Over compiled places (``toponyms._overlay``), ``places`` reads through to them and only the
    overlays' places have a position; ``base_name`` names where the others come from.
    """

    places: MutableMapping[str, Place] = attrs.field(factory=dict)
    defined_at: dict[str, tuple[str, Position]] = attrs.field(factory=dict)
    data_version: str | None = None
    base_name: str | None = None
    removed_at: dict[str, tuple[str, Position]] = attrs.field(factory=dict)
    _by_prefix: dict[str, list[str]] | None = attrs.field(default=None, init=False)
    _indexed: int = attrs.field(default=0, init=False)
    _hints: dict[str, list[str]] = attrs.field(factory=dict, init=False)

    def nearest(self, place_id: str, *, besides: str | None = None) -> list[str]:
        """Ids that look like ``place_id`` (other than ``besides``), for "did you mean" hints.

        Compared only with the ids under the same first two path segments (``ua/donetska/…``),
        or the first, from an index built on first use: a file of 10,000 mistyped parents
        compared each with every id took minutes."""
        size = len(self.places)
        if self._by_prefix is None or not 0.9 * self._indexed <= size <= 1.1 * self._indexed:
            self._by_prefix = {}
            for known in self.places:
                for prefix in _prefixes(known):
                    self._by_prefix.setdefault(prefix, []).append(known)
            self._indexed = size
            self._hints = {}
        held = self._hints.get(place_id)  # a typo is usually repeated: every child of a parent
        if held is None:
            held = self._hints[place_id] = self._search_nearest(place_id)
        return [known for known in held if known != besides][:NEAREST_IDS]

    def _search_nearest(self, place_id: str) -> list[str]:
        assert self._by_prefix is not None
        pool: list[str] = []
        for prefix in _prefixes(place_id):
            pool = self._by_prefix.get(prefix, [])
            if pool:
                break
        found = process.extract(
            place_id,
            pool[:MAX_NEAREST_POOL],
            scorer=fuzz.ratio,
            score_cutoff=NEAREST_CUTOFF * 100,
            limit=NEAREST_IDS + 1,  # one more, in case it is the place asking
        )
        return [known for known, _, _ in found]


def apply_contents(draft: Draft, name: str, content: bytes, reporters: dict[str, Reporter]) -> None:
    """Parse one file's bytes and apply them to ``draft``, its problems to its reporter."""
    report = reporters.setdefault(name, Reporter(name))
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as error:
        report.add((1, 1), f"not UTF-8 text: {error}")
        return
    document, problems = parse_yaml(text, name)
    report.problems.extend(problems)
    apply_file(draft, document, report)


def raise_problems(reporters: dict[str, Reporter]) -> None:
    """Raise :class:`GazetteerError` with every problem reported, if there is any."""
    problems = [problem for report in reporters.values() for problem in report.problems]
    if problems:
        raise GazetteerError(problems)


def apply_file(draft: Draft, document: Any, report: Reporter) -> None:
    """Apply one parsed file to ``draft``, reporting every problem to ``report``."""
    if document is None:
        return
    if not isinstance(document, LocatedMap):
        report.add((1, 1), "a gazetteer file must be a mapping with keys: " + ", ".join(FILE_KEYS))
        return
    check_keys(document, FILE_KEYS, (), report)
    schema = document.get("schema", SCHEMA_VERSION)
    if schema != SCHEMA_VERSION:
        report.add(
            key_position(document, "schema"),
            f"unsupported schema {schema!r}; this toponyms reads schema {SCHEMA_VERSION}",
            "schema",
        )
        return
    if "data_version" in document:
        draft.data_version = str(document["data_version"])
    for section, handler in (("places", _add), ("update", _update), ("remove", _remove)):
        items = document.get(section)
        if items is None:
            continue
        if not isinstance(items, LocatedList):
            report.add(key_position(document, section), f"{section!r} must be a list", section)
            continue
        for item, position in zip(items, items.item_positions, strict=True):
            report.place_id = None
            handler(draft, item, position, report)
    report.place_id = None


def _add(draft: Draft, item: Any, position: Position, report: Reporter) -> None:
    place = read_place(item, position, report)
    if place is None:
        return
    if place.id in draft.places:
        held = draft.defined_at.get(place.id)
        where = f"{held[0]}:{held[1][0]}:{held[1][1]}" if held else f"in {draft.base_name}"
        report.add(
            key_position(item, "id"),
            f"duplicate id {place.id!r}: already defined {'at ' if held else ''}{where}"
            " (to change that place, list it under 'update')",
            "id",
        )
        return
    draft.places[place.id] = place
    draft.defined_at[place.id] = (report.file, position)


def _update(draft: Draft, item: Any, position: Position, report: Reporter) -> None:
    if not isinstance(item, LocatedMap) or not isinstance(item.get("id"), str):
        report.add(position, "an update must be a mapping with the 'id' of an existing place")
        return
    place_id = item["id"]
    report.place_id = place_id
    place = draft.places.get(place_id)
    if place is None:
        _report_missing(draft, place_id, key_position(item, "id"), "update", report)
        return
    before = len(report.problems)
    check_keys(item, UPDATE_KEYS, ("id",), report)
    fields = read_place_fields(item, report)
    if "refs" in fields:
        fields["refs"] = attrs.evolve(
            place.refs, **{k: v for k, v in attrs.asdict(fields["refs"]).items() if v is not None}
        )
    names = list(place.names)
    if "names" in item:
        names = read_names(item["names"], key_position(item, "names"), report, "names")
    names = _remove_names(names, item, report)
    names = _add_names(names, item, report)
    if len(report.problems) == before:
        draft.places[place_id] = attrs.evolve(place, names=tuple(names), **fields)
        if fields.keys() & {"parent", "capital"}:  # a broken reference is the overlay's doing
            draft.defined_at[place_id] = (report.file, position)


def _add_names(names: list[Name], item: LocatedMap, report: Reporter) -> list[Name]:
    added = read_names(item.get("add_names"), key_position(item, "add_names"), report, "add_names")
    for name in added:
        if any(n.text == name.text and n.lang == name.lang for n in names):
            report.add(
                key_position(item, "add_names"),
                f"place already has the name {name.text!r} ({name.lang}); "
                "remove it first to change it",
                "add_names",
            )
            continue
        names.append(name)
    return names


def _remove_names(names: list[Name], item: LocatedMap, report: Reporter) -> list[Name]:
    """Drop names matching each ``remove_names`` entry (text, and lang/status when given)."""
    raw = item.get("remove_names")
    if raw is None:
        return names
    if not isinstance(raw, LocatedList):
        report.add(
            key_position(item, "remove_names"), "remove_names must be a list", "remove_names"
        )
        return names
    for index, (entry, position) in enumerate(zip(raw, raw.item_positions, strict=True)):
        field = f"remove_names[{index}]"
        if not isinstance(entry, LocatedMap) or not isinstance(entry.get("text"), str):
            report.add(position, "each entry needs at least the 'text' of the name", field)
            continue
        check_keys(entry, NAME_KEYS, ("text",), report, field + ".")
        keep = [n for n in names if not _selects(entry, n)]
        if len(keep) == len(names):
            known = ", ".join(f"{n.text} ({n.lang})" for n in names)
            report.add(position, f"no name {entry['text']!r} to remove; names: {known}", field)
        names = keep
    return names


def _selects(entry: LocatedMap, name: Name) -> bool:
    return all(str(getattr(name, key)) == str(value) for key, value in entry.items())


def _remove(draft: Draft, item: Any, position: Position, report: Reporter) -> None:
    if not isinstance(item, str):
        report.add(position, f"'remove' lists place ids, not {item!r}", "remove")
        return
    report.place_id = item
    if item not in draft.places:
        _report_missing(draft, item, position, "remove", report)
        return
    del draft.places[item]
    draft.defined_at.pop(item, None)
    draft.removed_at[item] = (report.file, position)


def _report_missing(
    draft: Draft, place_id: str, position: Position, action: str, report: Reporter
) -> None:
    nearest = draft.nearest(place_id)
    hint = f"; nearest ids: {', '.join(nearest)}" if nearest else ""
    report.add(position, f"cannot {action} {place_id!r}: no such place{hint}", "id")


def check_references(
    draft: Draft,
    reporters: dict[str, Reporter],
    *,
    only: Collection[str] | None = None,
    children: Callable[[str], list[str]] | None = None,
) -> None:
    """Report parents that do not exist and chains of parents that loop (of the places ``only``
    names, all by default), and places removed while others still lie in them (at the line
    that removes them; ``children`` finds those others when not every place is checked)."""
    orphans: dict[str, list[str]] = {}
    for place_id in draft.places if only is None else list(only):
        if place_id not in draft.places:
            continue
        place = draft.places[place_id]
        file, position = draft.defined_at[place_id]
        report = reporters[file]
        report.place_id = place_id
        if place.parent is not None and place.parent in draft.removed_at:
            orphans.setdefault(place.parent, []).append(place_id)
        elif place.parent is not None and place.parent not in draft.places:
            nearest = draft.nearest(place.parent, besides=place_id)
            hint = f"; nearest ids: {', '.join(nearest)}" if nearest else ""
            report.add(position, f"parent {place.parent!r} does not exist{hint}", "parent")
        elif _in_cycle(draft.places, place_id):
            report.add(position, f"parent chain of {place_id!r} loops back to itself", "parent")
        if place.capital is not None and place.capital not in draft.places:
            nearest = draft.nearest(place.capital, besides=place_id)
            hint = f"; nearest ids: {', '.join(nearest)}" if nearest else ""
            report.add(position, f"capital {place.capital!r} does not exist{hint}", "capital")
        report.place_id = None
    if children is not None:
        for removed in draft.removed_at:
            orphans.setdefault(removed, []).extend(children(removed))
    for removed, inside in orphans.items():
        inside = sorted(set(inside))
        if not inside:
            continue
        file, position = draft.removed_at[removed]
        report = reporters[file]
        report.place_id = removed
        more = f" and {len(inside) - 1} more" if len(inside) > 1 else ""
        report.add(
            position,
            f"cannot remove {removed!r}: {inside[0]!r}{more} still lie in it "
            "(remove or move them too)",
            "remove",
        )
        report.place_id = None


def _prefixes(place_id: str) -> list[str]:
    """The id's first two path segments, then its first: where its look-alikes are."""
    parts = place_id.split("/")
    return ["/".join(parts[:2]) + "/", parts[0] + "/"] if len(parts) > 2 else [parts[0] + "/"]


def _in_cycle(places: MutableMapping[str, Place], place_id: str) -> bool:
    seen = {place_id}
    current = places[place_id].parent
    while current is not None and current in places:
        if current in seen:
            return current == place_id
        seen.add(current)
        current = places[current].parent
    return False
