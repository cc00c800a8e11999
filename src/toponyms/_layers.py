"""The bundled data layers: places and points kept out of the core gazetteer for their licence.

A layer is a gazetteer file (``places`` and ``update``, see docs/gazetteer.md) shipped beside the
core file and applied after it, before the user's overlays. The core is CC BY 4.0; a layer built
from a source under another licence (GPL, ODbL) carries that licence, so a user who cannot accept
it leaves the layer out. The manifest (``data/layers/manifest.yaml``, written by
``scripts/build_gazetteer.py``) lists every layer with its licence and attribution.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from toponyms._resources import bundled_layer_manifest
from toponyms._tables import parse_table
from toponyms.errors import UnknownLayerError

MANIFEST_KEYS = ("name", "file", "licence", "attribution", "default", "description")


@attrs.frozen(kw_only=True)
class Layer:
    """A bundled data layer: its name, file, licence and whether :func:`~toponyms.load` applies it
    by default.

    >>> import toponyms
    >>> [layer.name for layer in toponyms.layers()]
    ['ru_settlements', 'osm_points']
    >>> toponyms.layers()[1].licence
    'ODbL-1.0'
    """

    name: str
    path: Path
    licence: str  # an SPDX identifier: GPL-3.0-or-later, ODbL-1.0
    attribution: str  # the notice to reproduce with data from the layer
    default: bool
    description: str


def layers() -> tuple[Layer, ...]:
    """Every bundled data layer, in the order they are applied.

    Raises:
        ResourceNotFoundError: the installation has no layer manifest.
    """
    return _read_manifest(bundled_layer_manifest())


@functools.cache
def _read_manifest(manifest: Path) -> tuple[Layer, ...]:
    document: Any = parse_table(manifest.read_text(encoding="utf-8")) or {}
    found = []
    for entry in document.get("layers") or []:
        missing = [key for key in MANIFEST_KEYS if key not in entry]
        if missing:
            raise ValueError(f"{manifest}: a layer lacks {', '.join(missing)}: {entry}")
        found.append(
            Layer(
                name=str(entry["name"]),
                path=manifest.parent / str(entry["file"]),
                licence=str(entry["licence"]),
                attribution=str(entry["attribution"]),
                default=bool(entry["default"]),
                description=str(entry["description"]),
            )
        )
    return tuple(found)


def select(names: Sequence[str] | None, *, bundled: bool) -> tuple[Layer, ...]:
    """The layers to apply: the default ones for ``None``, else those named, in bundled order.

    Without the bundled gazetteer no layer applies (a layer updates places of the core), so
    naming one then is an error.

    Raises:
        TypeError: ``names`` is a single string rather than a sequence of names.
        UnknownLayerError: a name is not a bundled layer.
        ValueError: layers are named while ``bundled`` is False.
    """
    if isinstance(names, str):
        raise TypeError(f"layers expects a sequence of layer names, not the string {names!r}")
    if names is None:
        return tuple(layer for layer in layers() if layer.default) if bundled else ()
    wanted = list(names)
    if not wanted:
        return ()
    if not bundled:
        raise ValueError("data layers apply on top of the bundled gazetteer; drop bundled=False")
    available = layers()
    known = {layer.name for layer in available}
    for name in wanted:
        if name not in known:
            raise UnknownLayerError(name, [layer.name for layer in available])
    return tuple(layer for layer in available if layer.name in wanted)
