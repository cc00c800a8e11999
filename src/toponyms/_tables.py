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
