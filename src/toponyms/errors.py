"""Every exception and warning that toponyms raises.

Each exception derives from :class:`ToponymsError` and from the builtin it refines, so callers can
catch either (``except KeyError`` still works for an unknown place id).
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs


class ToponymsError(Exception):
    """Base class of every toponyms exception."""


class ToponymsWarning(UserWarning):
    """Something worked, but not as asked: a cache that could not be written, a shadowed name."""


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with a gazetteer file: where it is and what is wrong.

    ``line`` and ``column`` are 1-based; ``field`` is a dotted path such as ``names[2].lang``.
    """

    file: str
    line: int
    column: int
    message: str
    place_id: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        what = []
        if self.place_id:
            what.append(f"place {self.place_id!r}")
        if self.field:
            what.append(f"field {self.field!r}")
        context = f" ({', '.join(what)})" if what else ""
        return f"{where}: {self.message}{context}"


class GazetteerError(ToponymsError, ValueError):
    """A gazetteer or overlay file is invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        head = "\n".join(str(p) for p in self.problems[:20])
        more = f"\n… and {count - 20} more" if count > 20 else ""
        super().__init__(f"{count} problem(s) in gazetteer data:\n{head}{more}")


class UnknownPlaceError(ToponymsError, KeyError):
    """A place id that the gazetteer does not hold; ``nearest`` lists similar ids."""

    def __init__(self, place_id: str, nearest: Sequence[str] = ()) -> None:
        self.place_id = place_id
        self.nearest = tuple(nearest)
        hint = f"; nearest ids: {', '.join(self.nearest)}" if self.nearest else ""
        super().__init__(f"no place with id {place_id!r}{hint}")

    def __str__(self) -> str:
        return str(self.args[0])


class UnknownSchemeError(ToponymsError, LookupError):
    """A transliteration scheme name that does not exist; ``available`` lists those that do."""

    def __init__(self, scheme: str, available: Sequence[str]) -> None:
        self.scheme = scheme
        self.available = tuple(available)
        super().__init__(
            f"unknown transliteration scheme {scheme!r}; available: {', '.join(self.available)}"
        )


class ResourceNotFoundError(ToponymsError, FileNotFoundError):
    """A bundled data file (the gazetteer, a scheme table) is missing from the installation."""


class UnknownLayerError(ToponymsError, LookupError):
    """A data layer name that is not bundled; ``available`` lists those that are."""

    def __init__(self, layer: str, available: Sequence[str]) -> None:
        self.layer = layer
        self.available = tuple(available)
        super().__init__(
            f"unknown data layer {layer!r}; bundled layers: {', '.join(self.available) or 'none'}"
        )
