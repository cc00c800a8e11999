"""Problems found while validating gazetteer YAML, each with file, line, column, place and field."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from toponyms._source import LocatedMap, Position
from toponyms.errors import Problem


@attrs.define
class Reporter:
    """Collects problems for one file, adding the file name and the place being read."""

    file: str
    problems: list[Problem] = attrs.field(factory=list)
    place_id: str | None = None

    def add(self, position: Position, message: str, field: str | None = None) -> None:
        line, column = position
        self.problems.append(
            Problem(
                file=self.file,
                line=line,
                column=column,
                message=message,
                place_id=self.place_id,
                field=field,
            )
        )


def key_position(mapping: LocatedMap, key: str) -> Position:
    """Where ``key`` is written in ``mapping``, or the mapping itself when it is absent."""
    return mapping.key_positions.get(key, mapping.position)


def check_keys(
    mapping: LocatedMap,
    allowed: Iterable[str],
    required: Iterable[str],
    report: Reporter,
    prefix: str = "",
) -> None:
    """Report unknown keys (naming the allowed ones) and missing required keys."""
    allowed = tuple(allowed)
    for key in mapping:
        if key not in allowed:
            report.add(
                key_position(mapping, key),
                f"unknown key {key!r}; allowed keys: {', '.join(allowed)}",
                prefix + key,
            )
    for key in required:
        if mapping.get(key) is None:
            report.add(mapping.position, f"missing required field {key!r}", prefix + key)
