"""Settlements that the registers no longer list, kept so that historical text finds them.

- Removed from KATOTTG between two editions (``removed`` in
  ``katottg/katottg_changes_between_editions.csv``): status ``abolished`` from the year of the
  first edition without them, under the hromada they belonged to, with their old code and the
  P-code cut from it.
- The Chornobyl exclusion zone: every locality that Who's On First lists within ``ZONE_KM`` of
  the power plant (the 30-km zone, evacuated in 1986) and that neither KATOTTG nor KOATUU 2015
  holds near it: status ``evacuated`` since 1986, under Kyiv oblast (its former Chornobyl raion
  was abolished in 1988), with the WOF point. Places of the zone that the registers still list
  (Прип'ять, Чорнобиль) are marked in the curation.

Points come from Who's On First (a locality of the same name inside the hromada's polygon, for
the removed villages), else the hromada's point (precision ``parent``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gazetteer_build import alternates, geometry, pcodes
from gazetteer_build.katottg import Unit, read_units
from gazetteer_build.places import Draft, make_name
from gazetteer_build.sources import KATOTTG_EDITIONS, Sources
from gazetteer_build.text import caps_key, clean, cyrillic_lang, is_cyrillic, slug_uk

CHANGES = "katottg/katottg_changes_between_editions.csv"
WOF = "whosonfirst/whosonfirst_ua_localities.csv"
PLANT = (51.389, 30.099)  # the Chornobyl nuclear power plant, reactor 4
ZONE_KM = 30.0  # the zone evacuated in 1986 around the plant
REGISTERED_KM = 10.0  # a WOF locality this near a KATOTTG settlement of its name is that one
SAME_KM = 3.0  # two WOF localities of one name this close are one place (Крива Гора)
ZONE_PARENT = "ua/kyivska"
ZONE_QUALIFIER = "~chornobylskyi"  # the raion the zone's villages belonged to until 1988
KIND_OF_CATEGORY = {"C": "village", "X": "settlement", "T": "settlement", "M": "city"}
SECTION = 1
EVACUATED_NOTE = (
    "in the 30-km zone around the Chornobyl nuclear power plant, evacuated in 1986; not in "
    "KOATUU 2015 or KATOTTG (Who's On First still lists it)"
)
REMOVED_NOTE = "removed from KATOTTG between the editions of {} and {}"


@dataclass(frozen=True)
class Locality:
    """A WOF locality: its id, Ukrainian and Russian names and point."""

    wof_id: str
    name_uk: str
    name_ru: str | None
    point: tuple[float, float]


def read_localities(sources: Sources) -> list[Locality]:
    """WOF localities with a Cyrillic name (``wof_name``, else ``name_uk``); a Russian name only
    where it has the consonants of the Ukrainian one (WOF's joins mislabel many)."""
    found = []
    for row in sources.csv(WOF):
        name = next(
            (clean(t) for t in (row["wof_name"], row["name_uk"]) if t and is_cyrillic(t)), None
        )
        if name is None or not row["latitude"] or cyrillic_lang(name) == "ru":
            continue
        ru = clean(row["name_ru"]) if row["name_ru"] and is_cyrillic(row["name_ru"]) else None
        if ru and alternates.skeleton(ru) != alternates.skeleton(name):
            ru = None
        point = (float(row["latitude"]), float(row["longitude"]))
        found.append(Locality(row["wof_id"], name, ru, point))
    return found


def build(
    sources: Sources,
    units: dict[str, Unit],
    by_code: dict[str, Draft],
    shapes: dict[str, dict[str, Any]],
    taken: set[str],
) -> dict[str, Draft]:
    """Drafts of the removed and the evacuated settlements, keyed by id; ``taken`` holds the
    ids already used (and grows)."""
    localities = read_localities(sources)
    drafts = _removed(sources, units, by_code, shapes, localities, taken)
    drafts.update(_evacuated(units, by_code, localities, taken))
    return drafts


def _removed(
    sources: Sources,
    units: dict[str, Unit],
    by_code: dict[str, Draft],
    shapes: dict[str, dict[str, Any]],
    localities: list[Locality],
    taken: set[str],
) -> dict[str, Draft]:
    editions = {edition: read_units(sources, edition) for edition in KATOTTG_EDITIONS}
    current = {(u.hromada, caps_key(u.name)) for u in units.values()}
    drafts = {}
    for row in sources.csv(CHANGES):
        if row["change"] != "removed" or row["katottg"] in units:
            continue
        old = editions[row["edition_before"]][row["katottg"]]
        if (old.hromada, caps_key(old.name)) in current:
            continue  # a new code for the same village (Левітанівка, 2024)
        hromada = by_code.get(old.hromada or "")
        if hromada is None or old.raion not in by_code:
            continue
        base = f"{by_code[old.oblast].id}/{slug_uk(old.name)}"
        raion = by_code[old.raion].id.rsplit("/", 1)[-1].removesuffix("-raion")
        place_id = _free([base, f"{base}~{raion}", f"{base}~{raion}~{old.code[-5:]}"], taken)
        draft = Draft(
            id=place_id,
            kind=KIND_OF_CATEGORY[old.category],
            country="UA",
            order=(SECTION, 1, by_code[old.oblast].refs["katottg"], 2, old.code),
            parent=hromada.id,
        )
        draft.add_name(make_name(old.name, "uk"))
        draft.refs["katottg"] = old.code
        if pcode := pcodes.pcode(old):
            draft.refs["pcode"] = pcode
        draft.status = "abolished"
        draft.status_since = row["edition_after"][:4]
        draft.note = REMOVED_NOTE.format(row["edition_before"], row["edition_after"])
        shape = shapes.get(hromada.refs.get("katottg", ""))
        point = next(
            (
                loc.point
                for loc in localities
                if caps_key(loc.name_uk) == caps_key(old.name)
                and shape is not None
                and geometry.contains(shape, *loc.point)
            ),
            None,
        )
        if point is not None:
            draft.set_coords(*point, "whosonfirst", "point")
        elif hromada.coords is not None:
            draft.set_coords(*hromada.coords, hromada.coords_source or "", "parent")
        drafts[place_id] = draft
    return drafts


def _evacuated(
    units: dict[str, Unit],
    by_code: dict[str, Draft],
    localities: list[Locality],
    taken: set[str],
) -> dict[str, Draft]:
    registered = [
        (caps_key(unit.name), by_code[code].coords)
        for code, unit in units.items()
        if by_code[code].coords is not None and unit.category in KIND_OF_CATEGORY
    ]
    # The zone's towns that KATOTTG keeps outside any raion (Прип'ять, Чорнобиль): Who's On
    # First has several records of each, some placed far off.
    outside = {
        caps_key(unit.name)
        for code, unit in units.items()
        if unit.category in KIND_OF_CATEGORY and by_code[code].parent == ZONE_PARENT
    }
    drafts: dict[str, Draft] = {}
    kept: list[tuple[str, tuple[float, float]]] = []
    oblast = next(d.refs["katottg"] for d in by_code.values() if d.id == ZONE_PARENT)
    zone = sorted(
        (loc for loc in localities if geometry.distance_km(PLANT, loc.point) <= ZONE_KM),
        key=lambda loc: (loc.name_uk, loc.wof_id),
    )
    for loc in zone:
        key = caps_key(loc.name_uk)
        near = any(
            name == key and geometry.distance_km(point, loc.point) <= REGISTERED_KM
            for name, point in registered
            if point is not None
        )
        twice = any(
            name == key and geometry.distance_km(point, loc.point) <= SAME_KM
            for name, point in kept
        )
        if near or twice or key in outside:
            continue
        kept.append((key, loc.point))
        base = f"{ZONE_PARENT}/{slug_uk(loc.name_uk)}"
        place_id = _free(
            [base, base + ZONE_QUALIFIER, f"{base}{ZONE_QUALIFIER}~{loc.wof_id}"], taken
        )
        draft = Draft(
            id=place_id,
            kind="village",
            country="UA",
            order=(SECTION, 1, oblast, 2, "~" + loc.name_uk),
            parent=ZONE_PARENT,
        )
        draft.add_name(make_name(loc.name_uk, "uk"))
        if loc.name_ru:
            draft.add_name(make_name(loc.name_ru, "ru"))
        draft.set_coords(*loc.point, "whosonfirst", "point")
        draft.status = "evacuated"
        draft.status_since = "1986"
        draft.note = EVACUATED_NOTE
        drafts[place_id] = draft
    return drafts


def _free(chain: list[str], taken: set[str]) -> str:
    """The first id of ``chain`` not taken; it is then taken. The bare name is taken too when
    namesakes hold qualified ids under it (ua/kyivska/andriivka~…)."""
    for place_id in chain:
        qualified = "~" not in place_id and any(t.startswith(place_id + "~") for t in taken)
        if place_id not in taken and not qualified:
            taken.add(place_id)
            return place_id
    raise ValueError(f"no free id among {chain}")
