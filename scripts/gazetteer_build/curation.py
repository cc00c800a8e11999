"""Hand-kept curation (``data/curation/*.yaml``): places no source has, and changes to built ones.

A curation file uses the overlay syntax of docs/gazetteer.md: ``places`` adds places as
written, ``update`` changes built places (fields replace, ``refs`` merge, ``add_names`` adds
names and replaces a built name of the same text and language, ``remove_names`` removes,
``names`` replaces the list), ``remove`` drops built places. Files are applied in name order.
Other top-level keys are settings that the build modules read (``settings``, ``rivers``,
``capitals`` …).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from gazetteer_build.places import NAME_FIELDS, Draft

FIELDS = (
    "kind", "country", "parent", "capital", "coords", "coords_source", "coords_precision",
    "population", "note", "conflict", "status", "status_since",
)  # fmt: skip
FEATURE_KINDS = (
    "river", "water_body", "reservoir", "lake", "estuary", "island", "spit", "peninsula",
    "facility",
)  # fmt: skip
SECTION_OF_KIND = {"country": 0, "area": 4, **dict.fromkeys(FEATURE_KINDS, 5)}
SECTION_RU = 2
SECTION_OTHER = 3


class CurationError(ValueError):
    """A curation file names a place that does not exist, or adds one that does."""


@dataclass
class Curation:
    """All curation files, read in name order."""

    files: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    @classmethod
    def read(cls, folder: Path) -> Curation:
        """Read every ``*.yaml`` of ``folder``."""
        files = []
        for path in sorted(folder.glob("*.yaml")):
            with path.open(encoding="utf-8") as handle:
                files.append((path.name, yaml.safe_load(handle) or {}))
        return cls(files)

    def setting(self, key: str) -> Any:
        """The value of a top-level ``key``; lists and mappings of several files are joined."""
        found: Any = None
        for _, document in self.files:
            if key not in document:
                continue
            value = document[key]
            if isinstance(value, list):
                found = (found or []) + value
            elif isinstance(value, dict):
                found = {**(found or {}), **value}
            else:
                found = value
        return found

    def apply(self, drafts: dict[str, Draft]) -> None:
        """Add, change and remove places of ``drafts`` (keyed by id), file by file."""
        for name, document in self.files:
            for raw in document.get("places") or []:
                if raw["id"] in drafts:
                    raise CurationError(f"{name}: place {raw['id']!r} exists; use update")
                drafts[raw["id"]] = draft_from_yaml(raw)
            for raw in document.get("update") or []:
                if raw["id"] not in drafts:
                    raise CurationError(f"{name}: cannot update {raw['id']!r}: no such place")
                update(drafts[raw["id"]], raw)
            for place_id in document.get("remove") or []:
                if drafts.pop(place_id, None) is None:
                    raise CurationError(f"{name}: cannot remove {place_id!r}: no such place")


def draft_from_yaml(raw: dict[str, Any]) -> Draft:
    """A draft from a place written in curation."""
    draft = Draft(id=raw["id"], kind=raw["kind"], country=raw["country"], order=())
    update(draft, raw)
    draft.order = curated_order(draft)
    return draft


def curated_order(draft: Draft) -> tuple[Any, ...]:
    """Where a curated place goes: countries first, then RU, others, areas, rivers."""
    section = SECTION_OF_KIND.get(draft.kind)
    if section is None and draft.country == "RU":
        return (SECTION_RU, 1, draft.id)  # among the built Russian towns, by id
    return (SECTION_OTHER if section is None else section, draft.id)


def update(draft: Draft, raw: dict[str, Any]) -> None:
    """Apply one curation mapping (a place or an update) to ``draft``."""
    for key in FIELDS:
        if raw.get(key) is not None:
            value = raw[key]
            if key == "coords":
                value = (float(value[0]), float(value[1]))
            setattr(draft, key, value)
    if raw.get("refs"):
        draft.refs.update(raw["refs"])
    if draft.status_since is not None:  # a year reads as a number
        draft.status_since = str(draft.status_since)
    if raw.get("names") is not None:
        draft.names = [_name(name) for name in raw["names"]]
    for name in raw.get("remove_names") or []:
        before = len(draft.names)
        draft.names = [n for n in draft.names if not all(n.get(k) == v for k, v in name.items())]
        if len(draft.names) == before:
            raise CurationError(f"{draft.id}: no name {name} to remove")
    for written in raw.get("add_names") or []:
        name = _name(written)
        text_lang = (name["text"], name["lang"])
        same = [i for i, n in enumerate(draft.names) if (n["text"], n["lang"]) == text_lang]
        if same:
            draft.names[same[0]] = name
        elif "status" not in name:
            # A curated official name is preferred to the built ones of its language.
            first = [i for i, n in enumerate(draft.names) if n["lang"] == name["lang"]]
            draft.names.insert(first[0] if first else len(draft.names), name)
        else:
            draft.names.append(name)


def _name(raw: dict[str, Any]) -> dict[str, Any]:
    name = {key: raw[key] for key in NAME_FIELDS if key in raw}
    if name.get("status") == "official":
        del name["status"]
    for key in ("since", "until"):
        if key in name:
            name[key] = str(name[key])
    return name
