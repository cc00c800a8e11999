"""The ids already published in the previous gazetteer, so that a rebuild never changes one.

A published id stays with the thing it names: KATOTTG code for Ukraine's units, GeoNames id for
places built from GeoNames. Every published id must be in the new gazetteer too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml


@dataclass
class Published:
    """Ids of the previous edition, by the source code they were built from."""

    ids: list[str] = field(default_factory=list)
    by_katottg: dict[str, str] = field(default_factory=dict)
    by_geonames: dict[int, str] = field(default_factory=dict)
    with_status: set[str] = field(default_factory=set)  # ids of abolished or evacuated places

    @classmethod
    def read(cls, path: Path | None) -> Published:
        """The ids of ``path``; none when there is no previous edition."""
        published = cls()
        if path is None or not path.is_file():
            return published
        with path.open(encoding="utf-8") as handle:
            document = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        for place in document.get("places") or []:
            published.ids.append(place["id"])
            if place.get("status"):
                published.with_status.add(place["id"])
            refs = place.get("refs") or {}
            if "katottg" in refs:
                published.by_katottg[str(refs["katottg"])] = place["id"]
            elif "geonames" in refs and place.get("kind") != "country":
                published.by_geonames[int(refs["geonames"])] = place["id"]
        return published

    def missing(self, ids: set[str]) -> list[str]:
        """Published ids that ``ids`` lacks."""
        return [place_id for place_id in self.ids if place_id not in ids]
