"""KOATUU, the pre-2020 classifier: KOATUU codes, Russian names and the pre-2016 names.

The 2021 KATOTTG→KOATUU map gives each unit a KOATUU code, but about 6,400 villages had been
moved to another council by then and carry a code that the 2019 edition does not have; those
are found in the 2019 edition by name within the same pre-2020 raion (the first five digits).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from gazetteer_build.katottg import SETTLEMENT_CATEGORIES, Rename, Unit
from gazetteer_build.sources import Sources
from gazetteer_build.text import caps_key

KOATUU_DIGITS = 10
RAION_PREFIX = 5  # oblast (2) + raion or city of oblast significance (3)
SETTLEMENT_TYPES = frozenset("МТСЩ")  # KOATUU np: city, смт, village, selyshche
DISTRICT_TYPE = "Р"
GROUP_SEPARATOR = "/"
RAION_WORD_UK = " район"


@dataclass(frozen=True)
class Entry:
    """One row of KOATUU 2019."""

    code: str
    kind: str
    name_uk: str  # capitals; for group rows the part before "/"
    name_ru: str


def read_map(sources: Sources) -> dict[str, str]:
    """KATOTTG code → KOATUU code, from the map published with KATOTTG in 2020–2021."""
    return {
        row["katottg"]: row["koatuu"]
        for row in sources.csv("katottg/katottg_koatuu_map_2021.csv")
        if row["koatuu"].isdigit() and len(row["koatuu"]) == KOATUU_DIGITS
    }


def read_2019(sources: Sources) -> dict[str, Entry]:
    """KOATUU 2019 by code; group rows keep only their own name (before the "/")."""
    entries = {}
    for row in sources.csv("koatuu/koatuu_2019-05-30.csv"):
        entries[row["koatuu"]] = Entry(
            code=row["koatuu"],
            kind=row["np"],
            name_uk=row["name_uk"].split(GROUP_SEPARATOR)[0],
            name_ru=row["name_ru"].split(GROUP_SEPARATOR)[0],
        )
    return entries


def link_2019(
    units: dict[str, Unit],
    koatuu_of: dict[str, str],
    entries: dict[str, Entry],
    renames: dict[str, list[Rename]],
) -> dict[str, Entry]:
    """KATOTTG code → its KOATUU 2019 row: by code, else by name in the same pre-2020 raion.

    A name is one the unit has now or had before a KATOTTG rename; the row must be unique in
    the raion and not claimed by another unit through its own code.
    """
    linked = {code: entries[k] for code, k in koatuu_of.items() if k in entries}
    claimed = {entry.code for entry in linked.values()}
    by_raion_name: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for entry in entries.values():
        if entry.kind in SETTLEMENT_TYPES and entry.code not in claimed:
            by_raion_name[(entry.code[:RAION_PREFIX], caps_key(entry.name_uk))].append(entry)
    for code, unit in units.items():
        if code in linked or unit.category not in SETTLEMENT_CATEGORIES or code not in koatuu_of:
            continue
        names = [unit.name, *(rename.before for rename in renames.get(code, ()))]
        for name in names:
            found = by_raion_name.get((koatuu_of[code][:RAION_PREFIX], caps_key(name)), [])
            if len(found) == 1:
                linked[code] = found[0]
                break
    return linked


def own_name_uk(unit: Unit) -> str:
    """The unit's name as KOATUU writes it: raions and city districts with the word "район"."""
    if unit.category == "P":
        return unit.name + RAION_WORD_UK
    if unit.category == "O":
        return unit.name + " область" if unit.name != "Автономна Республіка Крим" else unit.name
    return unit.name


@dataclass(frozen=True)
class FormerName:
    """A Ukrainian name of a unit in KOATUU 2015 that had changed by 2016 or 2019."""

    caps: str
    until: str


def read_decommunization(
    sources: Sources, linked: dict[str, Entry], units: dict[str, Unit]
) -> dict[str, list[FormerName]]:
    """KATOTTG code → its pre-2016 names (``koatuu_name_changes_2015_2019.csv``).

    Only settlements and city districts: the raions and councils of KOATUU are not today's
    units. ``until`` is the year of the KOATUU edition where the new name first appears.
    """
    by_koatuu = {entry.code: code for code, entry in linked.items()}
    wanted = SETTLEMENT_CATEGORIES | {"B", "K"}
    former: dict[str, list[FormerName]] = defaultdict(list)
    for row in sources.csv("koatuu/koatuu_name_changes_2015_2019.csv"):
        if GROUP_SEPARATOR in row["name_2015"]:
            continue
        codes = [by_koatuu[row["koatuu"]]] if row["koatuu"] in by_koatuu else []
        codes += [c for c in row["katottg_codes"].split() if c in units and c not in codes]
        for code in codes:
            if units[code].category in wanted:
                until = "2016" if row["changed_by_2016_11"] == "yes" else "2019"
                former[code].append(FormerName(caps=row["name_2015"], until=until))
    return former
