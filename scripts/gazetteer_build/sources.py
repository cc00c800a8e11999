"""Readers for the raw source tables under ``shared/data/sources`` (see its README.md).

Every reader returns plain lists of dicts with the source's own column names, in file order;
the files are read once per build.
"""

from __future__ import annotations

import csv
import functools
import json
import lzma
from pathlib import Path
from typing import Any

csv.field_size_limit(1 << 30)

KATOTTG_EDITIONS = ("2021-01-12", "2024-01-19", "2025-05-16", "2026-07-07")
CURRENT_EDITION = KATOTTG_EDITIONS[-1]


class Sources:
    """The source directory, with one cached reader per file."""

    def __init__(self, root: Path) -> None:
        if not (root / "README.md").is_file():
            raise FileNotFoundError(f"no source directory at {root} (expected its README.md)")
        self.root = root

    @functools.cache  # noqa: B019 - one Sources object lives for one build
    def csv(self, relative: str, delimiter: str = ",") -> list[dict[str, str]]:
        """A CSV (or quoted TSV) file as dicts."""
        with (self.root / relative).open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle, delimiter=delimiter))

    @functools.cache  # noqa: B019
    def plain_tsv(self, relative: str) -> list[dict[str, str]]:
        """A tab-separated file without quoting (the GeoNames extracts)."""
        path = self.root / relative
        opener = lzma.open if path.suffix == ".xz" else open
        with opener(path, "rt", encoding="utf-8") as handle:
            lines = handle.read().split("\n")
        header = lines[0].split("\t")
        return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:] if line]

    @functools.cache  # noqa: B019
    def json(self, relative: str) -> Any:
        """A JSON file."""
        with (self.root / relative).open(encoding="utf-8") as handle:
            return json.load(handle)

    @functools.cache  # noqa: B019
    def geojson(self, relative: str) -> list[dict[str, Any]]:
        """The features of a GeoJSON file."""
        with (self.root / relative).open(encoding="utf-8") as handle:
            features: list[dict[str, Any]] = json.load(handle)["features"]
        return features

    def katottg(self, edition: str = CURRENT_EDITION) -> list[dict[str, str]]:
        """One KATOTTG edition (``katottg/katottg_<edition>.csv``)."""
        return self.csv(f"katottg/katottg_{edition}.csv")
