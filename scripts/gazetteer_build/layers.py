"""The data layers: files beside the core gazetteer for data under another licence.

Which layers exist, with their licence, attribution, header and whether ``toponyms.load()``
applies them by default, is set in the curation (``layers`` in ``settings.yaml``); the build
writes each layer's file and the manifest the library reads (``data/layers/manifest.yaml``).
A layer's ids are kept for ever like the core's: the previous layer file is read and every id it
published must be built again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from gazetteer_build import emit, osm_points, ru_settlements
from gazetteer_build.curation import Curation
from gazetteer_build.places import Draft
from gazetteer_build.sources import Sources

FOLDER = "layers"  # beside the core gazetteer
MANIFEST = "manifest.yaml"
MANIFEST_FIELDS = ("name", "file", "licence", "attribution", "default", "description")
MANIFEST_HEADER = (
    "Data layers bundled with the toponyms gazetteer, applied after data/gazetteer.yaml in this",
    "order. GENERATED FILE by scripts/build_gazetteer.py from the layers setting of",
    "data/curation/settings.yaml; each layer has its own licence (docs/sources.md).",
)


def build(
    sources: Sources,
    curation: Curation,
    core: dict[str, Draft],
    version: str,
    previous: Path | None,
) -> dict[str, str]:
    """File name → text of every layer file and of the manifest."""
    settings = curation.setting("settings") or {}
    by_katottg = {d.refs["katottg"]: d for d in core.values() if "katottg" in d.refs}
    texts = {}
    for spec in settings.get("layers") or []:
        old = _published(previous / spec["file"]) if previous else {}
        if spec["name"] == "ru_settlements":
            curated = curation.setting("ru_settlements") or {}
            layer = ru_settlements.build(sources, core, curated, old)
            updates = {**layer.updates, **osm_points.crimea_points(sources, by_katottg)}
            places = sorted(layer.places.values(), key=lambda draft: draft.order)
            lost = sorted(set(old.values()) - set(layer.places))
            if lost:
                raise ValueError(f"layer {spec['name']}: published ids missing: {lost[:10]}")
        elif spec["name"] == "osm_points":
            places, updates = [], osm_points.build(sources, by_katottg)
        else:
            raise ValueError(f"no builder for the layer {spec['name']!r}")
        ordered = sorted(updates.items())
        texts[spec["file"]] = emit.render(spec["header"], version, places, ordered)
    texts[MANIFEST] = _manifest(settings.get("layers") or [])
    return texts


def _manifest(specs: list[dict[str, Any]]) -> str:
    lines = [("# " + line).rstrip() for line in MANIFEST_HEADER] + ["layers:"]
    for spec in specs:
        lines.append(f"  - name: {emit.scalar(spec['name'])}")
        for key in MANIFEST_FIELDS[1:]:
            lines.append(f"    {key}: {emit.scalar(spec[key])}")
    return "\n".join(lines) + "\n"


def _published(path: Path) -> dict[str, str]:
    """The key of each place a previous layer file published (see
    :func:`ru_settlements.published_key`) → its id."""
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as handle:
        document = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    found = {}
    for place in document.get("places") or []:
        if place["kind"] == "raion":
            found[place["id"]] = place["id"]
            continue
        refs = place.get("refs") or {}
        if place.get("coords_precision") == "parent" and "oktmo" not in refs:
            continue  # a stray point replaced by its district's: no key to find it by
        name = next(n["text"] for n in place["names"] if n["lang"] == "ru")
        lat, lon = place["coords"]
        found[ru_settlements.published_key(refs.get("oktmo"), name, (lat, lon))] = place["id"]
    return found
