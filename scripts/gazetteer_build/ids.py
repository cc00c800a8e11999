"""Place ids of Ukraine's units, by the rule of docs/gazetteer.md, never changing once published.

An id published in the previous gazetteer stays with its KATOTTG code for ever. A unit that has
none gets one from its name: ``<oblast>/<slug>`` for a settlement, ``<oblast>/<slug>-raion`` and
``<oblast>/<slug>-hromada`` for raions and hromadas, ``<city>/<slug>-raion`` for a city district.
Where namesakes share the oblast, each new one takes qualifiers after ``~`` (its raion, then its
hromada, then the last digits of its code) until it is unique and not already published.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from gazetteer_build.katottg import SETTLEMENT_CATEGORIES, SPECIAL_CITY, Unit
from gazetteer_build.text import slug_uk

CODE_DIGITS = 5  # how many last digits of a KATOTTG code the last-resort qualifier takes
RAION_SUFFIX = "-raion"
HROMADA_SUFFIX = "-hromada"
FIRST_LEVEL = frozenset({"O", SPECIAL_CITY})


def assign_ids(units: dict[str, Unit], published: dict[str, str]) -> dict[str, str]:
    """An id for every unit: the published one, else one derived by the rule."""
    taken = set(published.values())
    ids: dict[str, str] = {}
    for unit in units.values():
        if unit.category in FIRST_LEVEL:
            ids[unit.code] = published.get(unit.code) or "ua/" + slug_uk(_adjective(unit.name))
    by_category: dict[str, list[Unit]] = defaultdict(list)
    for unit in units.values():
        by_category[unit.category].append(unit)
    for unit in by_category["P"]:
        chain = [f"{ids[unit.oblast]}/{slug_uk(unit.name)}{RAION_SUFFIX}", _digits(unit)]
        _resolve([(unit, chain)], published, taken, ids)
    hromadas = [
        (unit, [f"{ids[unit.oblast]}/{slug_uk(unit.name)}{HROMADA_SUFFIX}", _raion(unit, units)])
        for unit in by_category["H"]
    ]
    for group in _groups(hromadas):
        _resolve([(u, [*q, _digits(u)]) for u, q in group], published, taken, ids)
    settlements = [
        (unit, [f"{ids[unit.oblast]}/{slug_uk(unit.name)}", _raion(unit, units)])
        for unit in units.values()
        if unit.category in SETTLEMENT_CATEGORIES
    ]
    for group in _groups(settlements):
        chains = [(u, [*q, _hromada(u, units), _digits(u)]) for u, q in group]
        _resolve(chains, published, taken, ids)
    for unit in by_category["B"]:
        city = ids[unit.parent_code] if unit.parent_code else ids[unit.oblast]
        chain = [f"{city}/{slug_uk(unit.name)}{RAION_SUFFIX}", _digits(unit)]
        _resolve([(unit, chain)], published, taken, ids)
    return ids


def _adjective(name: str) -> str:
    return name.removeprefix("Автономна Республіка ")


def _raion(unit: Unit, units: dict[str, Unit]) -> str:
    return "~" + slug_uk(units[unit.raion].name) if unit.raion in units else ""


def _hromada(unit: Unit, units: dict[str, Unit]) -> str:
    return "~" + slug_uk(units[unit.hromada].name) if unit.hromada in units else ""


def _digits(unit: Unit) -> str:
    return "~" + unit.code[-CODE_DIGITS:]


def _groups(
    items: Iterable[tuple[Unit, list[str]]],
) -> list[list[tuple[Unit, list[str]]]]:
    """Units sharing a base id, each with its qualifiers; groups in order of first code."""
    groups: dict[str, list[tuple[Unit, list[str]]]] = {}
    for unit, (base, *qualifiers) in items:
        groups.setdefault(base, []).append((unit, [base, *qualifiers]))
    return list(groups.values())


def _resolve(
    group: list[tuple[Unit, list[str]]],
    published: dict[str, str],
    taken: set[str],
    ids: dict[str, str],
) -> None:
    """Give each unit of a namesake group its published id or the shortest unique new one."""
    candidates = []
    for unit, chain in group:
        if unit.code in published:
            ids[unit.code] = published[unit.code]
            continue
        levels, current = [], ""
        for part in chain:
            current += part
            levels.append(current)
        candidates.append((unit, levels))
    shared = len(group) > 1
    for unit, levels in candidates:
        others = [other for u, other in candidates if u is not unit]
        start = 1 if shared else 0
        for depth in range(start, len(levels)):
            proposal = levels[depth]
            clash = any(len(o) > depth and o[depth] == proposal for o in others)
            if not clash and proposal not in taken:
                break
        else:
            raise ValueError(f"no unique id for {unit.code} ({unit.name}): {levels}")
        ids[unit.code] = proposal
        taken.add(proposal)
