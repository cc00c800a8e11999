"""Where the bundled data lives. The only module that knows file locations of the package."""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path

from toponyms.errors import ResourceNotFoundError

_PACKAGED_GAZETTEER = ("data", "gazetteer.yaml")
_PACKAGED_LAYERS = ("data", "layers")
# An editable install or a source checkout has no packaged copy: the canonical files are at
# <checkout>/data/gazetteer.yaml and <checkout>/data/layers/, two levels above src/toponyms.
_CHECKOUT_DATA = Path(__file__).resolve().parents[2] / "data"
_CHECKOUT_GAZETTEER = _CHECKOUT_DATA / "gazetteer.yaml"
_CHECKOUT_LAYERS = _CHECKOUT_DATA / "layers"
LAYER_MANIFEST = "manifest.yaml"  # the list of bundled layers, in the layers folder
# Code and tables from which the index is derived: a change to any of them invalidates cached
# indexes, even between releases (a developer's checkout, a patched install).
_DERIVING_DIRS = (
    (),
    ("text",),
    ("tables",),
    ("text", "tables"),
    ("text", "schemes"),
    ("text", "rules"),
)
_DERIVING_SUFFIXES = (".yaml", ".py")


def bundled_gazetteer() -> Path:
    """The path of the bundled gazetteer: the packaged copy, else the checkout's file."""
    packaged = resources.files("toponyms").joinpath(*_PACKAGED_GAZETTEER)
    if packaged.is_file():
        return Path(str(packaged))
    if _CHECKOUT_GAZETTEER.is_file():
        return _CHECKOUT_GAZETTEER
    raise ResourceNotFoundError(
        f"the bundled gazetteer is missing: looked for {packaged} (installed package) and "
        f"{_CHECKOUT_GAZETTEER} (source checkout); reinstall toponyms"
    )


def bundled_layer_manifest() -> Path:
    """The path of the manifest of the bundled data layers: packaged, else the checkout's."""
    packaged = resources.files("toponyms").joinpath(*_PACKAGED_LAYERS, LAYER_MANIFEST)
    if packaged.is_file():
        return Path(str(packaged))
    checkout = _CHECKOUT_LAYERS / LAYER_MANIFEST
    if checkout.is_file():
        return checkout
    raise ResourceNotFoundError(
        f"the manifest of the bundled data layers is missing: looked for {packaged} (installed "
        f"package) and {checkout} (source checkout); reinstall toponyms"
    )


_PACKAGED_OUTLINES = ("data", "oblast_outlines.json")
_CHECKOUT_OUTLINES = _CHECKOUT_DATA / "oblast_outlines.json"
_ASSETS = "assets"  # the page's stylesheet and script, inside the package


def oblast_outlines() -> Path:
    """The path of the simplified oblast outlines the HTML page draws (built by
    scripts/build_oblast_outlines.py): the packaged copy, else the checkout's file."""
    packaged = resources.files("toponyms").joinpath(*_PACKAGED_OUTLINES)
    if packaged.is_file():
        return Path(str(packaged))
    if _CHECKOUT_OUTLINES.is_file():
        return _CHECKOUT_OUTLINES
    raise ResourceNotFoundError(
        f"the oblast outlines are missing: looked for {packaged} (installed package) and "
        f"{_CHECKOUT_OUTLINES} (source checkout); reinstall toponyms"
    )


def asset_text(name: str) -> str:
    """The text of a file of the package's ``assets`` folder (the page's CSS and script)."""
    return resources.files("toponyms").joinpath(_ASSETS, name).read_text(encoding="utf-8")


_SHIPPED_INDEX = ("data", "compiled", "bundled.store")


def shipped_index() -> Path:
    """Where a wheel keeps the index it compiled of the bundled data (absent in a checkout)."""
    return Path(str(resources.files("toponyms").joinpath(*_SHIPPED_INDEX)))


def code_digest() -> str:
    """A digest of the package's code and of every data table the index is derived from."""
    digest = hashlib.sha256()
    root = resources.files("toponyms")
    for parts in _DERIVING_DIRS:
        folder = root.joinpath(*parts)
        if not folder.is_dir():
            continue
        for item in sorted(folder.iterdir(), key=lambda entry: entry.name):
            if item.name.endswith(_DERIVING_SUFFIXES):
                digest.update(item.name.encode())
                digest.update(item.read_bytes())
    return digest.hexdigest()
