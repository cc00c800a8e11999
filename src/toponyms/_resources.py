"""Where the bundled data lives. The only module that knows file locations of the package."""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path

from toponyms.errors import ResourceNotFoundError

_PACKAGED_GAZETTEER = ("data", "gazetteer.yaml")
# An editable install or a source checkout has no packaged copy: the canonical file is at
# <checkout>/data/gazetteer.yaml, two levels above src/toponyms.
_CHECKOUT_GAZETTEER = Path(__file__).resolve().parents[2] / "data" / "gazetteer.yaml"
# Tables from which index keys are derived: a change to any of them invalidates cached indexes.
_TABLE_DIRS = (("tables",), ("text", "tables"), ("text", "schemes"), ("text", "rules"))


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


def tables_digest() -> str:
    """A digest of every data table the index is derived from."""
    digest = hashlib.sha256()
    root = resources.files("toponyms")
    for parts in _TABLE_DIRS:
        folder = root.joinpath(*parts)
        if not folder.is_dir():
            continue
        for item in sorted(folder.iterdir(), key=lambda entry: entry.name):
            if item.name.endswith(".yaml"):
                digest.update(item.name.encode())
                digest.update(item.read_bytes())
    return digest.hexdigest()
