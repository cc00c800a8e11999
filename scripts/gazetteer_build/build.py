"""The build: sources and curation in, one gazetteer YAML text out."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gazetteer_build import (
    abolished,
    alternates,
    boundaries,
    capitals,
    centres,
    conflict,
    coords,
    emit,
    features,
    former_ru,
    geonames,
    ids,
    katottg,
    layers,
    occupation,
    pcodes,
    rivers,
    russia,
    ukraine,
    world,
)
from gazetteer_build.curation import Curation
from gazetteer_build.places import Draft, name_order
from gazetteer_build.published import Published
from gazetteer_build.sources import Sources
from gazetteer_build.text import caps_key

log = logging.getLogger("build_gazetteer")


class BuildError(RuntimeError):
    """The built gazetteer would break a rule: a lost published id, a dangling parent."""


@dataclass(frozen=True)
class Inputs:
    """Where the build reads from."""

    sources: Path
    curation: Path
    previous: Path | None


@dataclass(frozen=True)
class Outputs:
    """The texts the build writes: the core gazetteer and the files of the layers folder."""

    gazetteer: str
    layers: dict[str, str]  # file name (the manifest and one file per layer) → text


def build(inputs: Inputs) -> Outputs:
    """The gazetteer YAML and its data layers built from ``inputs``."""
    sources = Sources(inputs.sources)
    curation = Curation.read(inputs.curation)
    published = Published.read(inputs.previous)
    drafts = collect(sources, curation, published)
    check(drafts, published)
    ordered = sorted(drafts.values(), key=lambda draft: draft.order)
    settings = curation.setting("settings") or {}
    version = str(settings["data_version"])
    core = emit.render(settings.get("header", []), version, ordered)
    previous_layers = inputs.previous.parent / layers.FOLDER if inputs.previous else None
    built = layers.build(sources, curation, drafts, version, previous_layers)
    return Outputs(gazetteer=core, layers=built)


def collect(sources: Sources, curation: Curation, published: Published) -> dict[str, Draft]:
    """Every place, keyed by id, after curation."""
    drafts: dict[str, Draft] = {}
    countries = world.build_countries()
    _merge(drafts, countries)
    _merge(drafts, capitals.build(curation.setting("capitals") or {}, countries))
    units = katottg.read_units(sources)
    unit_ids = ids.assign_ids(units, published.by_katottg)
    by_code = ukraine.build_units(sources, unit_ids, units)
    shapes = _locate(sources, units, by_code, [*drafts.values(), *by_code.values()])
    centres.apply(units, by_code)
    log.info("conflict periods attached: %d", conflict.apply(sources, by_code))
    taken = alternates.Taken.of([*drafts.values(), *by_code.values()])
    _merge(drafts, russia.build(sources, published.by_geonames, taken))
    _merge(drafts, rivers.build(sources, curation.setting("rivers") or []))
    oblasts = {caps_key(u.name): by_code[c].id for c, u in units.items() if u.category == "O"}
    _merge(drafts, features.build(sources, curation.setting("features") or [], oblasts))
    _merge(drafts, {draft.id: draft for draft in by_code.values()})
    # Ids published for places that are gone (abolished, evacuated) are theirs to take again.
    used = set(drafts) | (set(published.ids) - published.with_status)
    _merge(drafts, abolished.build(sources, units, by_code, shapes, used))
    curation.apply(drafts)
    forms = former_ru.apply(
        drafts, former_ru.read_pairs(sources), curation.setting("russian_forms") or {}
    )
    log.info("Russian forms of former names added: %d", forms)
    log.info("names kept by the occupation authorities: %d", occupation.apply(drafts))
    for draft in drafts.values():
        draft.names.sort(key=name_order)
    return drafts


def _locate(
    sources: Sources, units: dict[str, katottg.Unit], by_code: dict[str, Draft], known: list[Draft]
) -> dict[str, dict[str, Any]]:
    """Points, GeoNames links, populations and GeoNames alternate names of Ukraine's units;
    return the hromada polygons by code."""
    found = coords.read_settlement_points(sources)
    points = {code: (point.lat, point.lon) for code, point in found.points.items()}
    iso = {code: d.refs["iso3166"] for code, d in by_code.items() if "iso3166" in d.refs}
    centroids, shapes = boundaries.centroids(sources, units)
    links = geonames.link_settlements(sources, units, points, shapes, found.wof_geonameid, iso)
    coords.apply(by_code, units, found, links, centroids)
    taken = alternates.Taken.of(known)
    for code, place in sorted(links.items()):
        alternates.add_alternates(by_code[code], [place.name, *place.alternates], taken)
    return shapes


def _merge(drafts: dict[str, Draft], new: dict[str, Draft]) -> None:
    clash = sorted(set(drafts) & set(new))
    if clash:
        raise BuildError(f"ids built twice: {', '.join(clash[:10])}")
    drafts.update(new)


def check(drafts: dict[str, Draft], published: Published) -> None:
    """Fail on a lost published id, a dangling parent or capital, a place without names, a
    P-code that breaks the KATOTTG hierarchy."""
    problems = [f"published id {i} is missing" for i in published.missing(set(drafts))]
    problems += pcodes.check(drafts)
    for draft in drafts.values():
        for field in ("parent", "capital"):
            target = getattr(draft, field)
            if target is not None and target not in drafts:
                problems.append(f"{draft.id}: {field} {target} does not exist")
        if not draft.names:
            problems.append(f"{draft.id}: no names")
    if problems:
        raise BuildError(f"{len(problems)} problem(s):\n" + "\n".join(problems[:50]))
