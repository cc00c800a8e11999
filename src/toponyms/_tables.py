"""Reading the package's YAML tables, with libyaml where PyYAML has it (several times faster)."""

from __future__ import annotations

import functools
import re
from importlib import resources
from typing import Any, ClassVar

import yaml

_BASE_LOADER: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml if built in
_BOOL = "tag:yaml.org,2002:bool"


class SAFE_LOADER(_BASE_LOADER):  # type: ignore[misc]  # noqa: N801 - a loader class
    """Safe loading with YAML 1.2 booleans: only true and false. YAML 1.1 also reads yes, no, on,
    off, y and n as booleans, which made the language `no` (Norwegian) and the country `NO`
    (Norway) into False."""

    yaml_implicit_resolvers: ClassVar[dict[str, list[tuple[str, re.Pattern[str]]]]] = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL]
        for first, resolvers in _BASE_LOADER.yaml_implicit_resolvers.items()
    }


SAFE_LOADER.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


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
