"""Reading the package's YAML tables, with libyaml where PyYAML has it (several times faster)."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml

SAFE_LOADER: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml if built in


def parse_table(text: str) -> Any:
    """The data of one YAML table (safe loading: plain data types only)."""
    return yaml.load(text, Loader=SAFE_LOADER)


@functools.cache
def read_table(name: str) -> Any:
    """The table ``tables/<name>`` of the package, read once."""
    return parse_table(resources.files("toponyms").joinpath("tables", name).read_text("utf-8"))


@functools.cache
def table_words(name: str, section: str) -> frozenset[str]:
    """The words of a table section kept per language (``{uk: [...], ru: [...]}``), or of a
    plain list, as one set."""
    entries = read_table(name)[section]
    if isinstance(entries, dict):
        return frozenset(word for words in entries.values() for word in words)
    return frozenset(entries)
