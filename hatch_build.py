"""Wheel build hook: compile the bundled gazetteer once, at build time, into the wheel.

Without it every user's first run would validate and index the 20 MB of bundled YAML (about
half a minute on two cores, a gigabyte at its peak); with it the first run reads the compiled
index like a warm cache. Editable installs and source checkouts skip it and cache on first use.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

SHIPPED = "toponyms/data/compiled/bundled.store"  # as toponyms._resources.shipped_index()


class CompiledGazetteerHook(BuildHookInterface):  # type: ignore[misc]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        sys.path.insert(0, str(Path(self.root) / "src"))
        from toponyms import _cache
        from toponyms._compile import build, file_paths, read_files, stored
        from toponyms._layers import select

        paths = file_paths(True, select(None, bundled=True), ())
        contents = read_files(paths)
        self.app.display_info("toponyms: compiling the bundled gazetteer into the wheel")
        compiled = build(tuple(map(str, paths)), contents)
        out = Path(tempfile.mkdtemp(prefix="toponyms-wheel-")) / "bundled.store"
        _cache.write_shipped(out, _cache.shipped_key(contents), stored(compiled))
        build_data["force_include"][str(out)] = SHIPPED
