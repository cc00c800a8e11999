"""Reading YAML while keeping where every value came from, for error messages.

PyYAML's composer gives nodes with line and column marks; this module turns them into plain
dicts, lists and scalars that remember their positions, and reports malformed YAML and duplicate
keys as :class:`~toponyms.errors.Problem` records instead of exceptions.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from toponyms._tables import SAFE_LOADER
from toponyms.errors import Problem

Position = tuple[int, int]  # 1-based line and column


class LocatedMap(dict[str, Any]):
    """A YAML mapping that knows its own position and that of each key."""

    position: Position
    key_positions: dict[str, Position]


class LocatedList(list[Any]):
    """A YAML sequence that knows its own position and that of each item."""

    position: Position
    item_positions: list[Position]


def read_yaml(path: Path, display_name: str | None = None) -> tuple[Any, list[Problem]]:
    """Parse ``path`` into located values; a problem list instead of a raised YAML error."""
    name = display_name or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(file=name, line=1, column=1, message=f"cannot read file: {error}")]
    return parse_yaml(text, name)


def parse_yaml(text: str, name: str) -> tuple[Any, list[Problem]]:
    """Parse YAML ``text`` (from the file called ``name``) into located values and problems."""
    try:
        node = yaml.compose(text, Loader=SAFE_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(part for part in (error.context, error.problem) if part)
        return None, [
            Problem(file=name, line=line, column=column, message=f"malformed YAML: {what}")
        ]
    except yaml.YAMLError as error:
        return None, [Problem(file=name, line=1, column=1, message=f"malformed YAML: {error}")]
    problems: list[Problem] = []
    if node is None:
        return None, problems
    distinct = _distinct_nodes(node)
    try:
        value = _convert(node, name, problems, [distinct + ALIAS_BUDGET])
    except _AliasBombError as bomb:
        line, column = position_of(bomb.node)
        message = (
            f"YAML aliases expand past {ALIAS_BUDGET:,} nodes beyond the file's own {distinct:,}; "
            "refused (aliases may repeat a value, not multiply it)"
        )
        return None, [Problem(file=name, line=line, column=column, message=message)]
    return value, problems


def position_of(node: yaml.Node) -> Position:
    """The 1-based line and column where ``node`` starts."""
    return node.start_mark.line + 1, node.start_mark.column + 1


# Aliases may repeat values (an anchor for a shared list of names), not multiply them: a
# 283-byte "billion laughs" file took 18 s and 1.76 GB before this budget.
ALIAS_BUDGET = 10_000  # nodes reached through aliases beyond the file's own
# The tags a gazetteer file may resolve to; any other (!!python/…, !!binary, !custom) is refused.
ALLOWED_TAGS = frozenset(
    f"tag:yaml.org,2002:{kind}"
    for kind in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)


class _AliasBombError(Exception):
    def __init__(self, node: yaml.Node) -> None:
        self.node = node


def _distinct_nodes(root: yaml.Node) -> int:
    """How many nodes the file itself holds (each alias target counted once)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack.extend(part for pair in node.value for part in pair)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return len(seen)


def _convert(node: yaml.Node, name: str, problems: list[Problem], budget: list[int]) -> Any:
    budget[0] -= 1
    if budget[0] < 0:
        raise _AliasBombError(node)
    if node.tag not in ALLOWED_TAGS:
        line, column = position_of(node)
        problems.append(
            Problem(
                file=name,
                line=line,
                column=column,
                message=f"YAML tag {node.tag!r} is not allowed: gazetteer files hold plain "
                "strings, numbers, lists and mappings",
            )
        )
        return None
    if isinstance(node, yaml.MappingNode):
        mapping = LocatedMap()
        mapping.position = position_of(node)
        mapping.key_positions = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            line, column = position_of(key_node)
            if not isinstance(key, str):
                problems.append(
                    Problem(file=name, line=line, column=column, message="keys must be strings")
                )
                continue
            if key in mapping:
                problems.append(
                    Problem(file=name, line=line, column=column, message=f"duplicate key {key!r}")
                )
            mapping[key] = _convert(value_node, name, problems, budget)
            mapping.key_positions[key] = (line, column)
        return mapping
    if isinstance(node, yaml.SequenceNode):
        items = LocatedList(_convert(item, name, problems, budget) for item in node.value)
        items.position = position_of(node)
        items.item_positions = [position_of(item) for item in node.value]
        return items
    return _scalar(node)


_SCALAR_TYPES = {
    "tag:yaml.org,2002:int": int,
    "tag:yaml.org,2002:float": float,
}


def _scalar(node: yaml.Node) -> Any:
    """Resolve a scalar by its tag; dates stay strings so that their spelling is kept."""
    value = node.value
    tag = node.tag
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        # YAML 1.2: only true and false. The 1.1 words stay strings: NO is Norway, no Norwegian.
        lowered = value.lower()
        return lowered == "true" if lowered in ("true", "false") else value
    convert = _SCALAR_TYPES.get(tag)
    if convert is not None:
        try:
            return convert(value.replace("_", ""))
        except ValueError:
            return value
    return value
