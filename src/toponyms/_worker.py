"""The matcher of a worker process, for the Dask and Spark integrations.

A task carries :class:`MatcherOptions` (a few strings and numbers), never a Matcher: a gazetteer
is hundreds of megabytes, and pickling it into every task would cost more than annotating. Each
worker process builds one matcher per options, on first use, and keeps it for every later task
(:func:`load` itself is one per process and arguments).
"""

from __future__ import annotations

import datetime
import threading
from collections.abc import Collection, Sequence
from pathlib import Path

import attrs

from toponyms._layers import select
from toponyms.gazetteer import load
from toponyms.matcher import DEFAULT_METHODS, Matcher, _date, _methods, _min_score
from toponyms.model import Method


@attrs.frozen(kw_only=True)
class MatcherOptions:
    """What a worker needs to build the matcher: the gazetteer's files and the Matcher's
    options, validated and made absolute where they are made (on the driver), hashable."""

    overlays: tuple[str, ...] = ()
    layers: tuple[str, ...] | None = None
    methods: tuple[str, ...] = tuple(sorted(m.value for m in DEFAULT_METHODS))
    min_score: float = 0.0
    as_of: str | None = None
    in_names: bool = True

    @classmethod
    def of(
        cls,
        *,
        overlays: Sequence[str | Path] = (),
        layers: Sequence[str] | None = None,
        methods: Collection[Method | str] = DEFAULT_METHODS,
        min_score: float = 0.0,
        as_of: datetime.date | str | None = None,
        in_names: bool = True,
    ) -> MatcherOptions:
        """Options checked as :func:`~toponyms.load` and :class:`~toponyms.Matcher` check them,
        before any task runs; overlays must exist and are given by absolute path, since a
        worker's working directory may differ.

        Raises:
            FileNotFoundError: an overlay does not exist.
            TypeError, ValueError: as the Matcher and ``load`` raise them.
        """
        if isinstance(overlays, str | Path):
            raise TypeError(f"overlays expects a sequence of paths, not the path {overlays!r}")
        paths = []
        for overlay in overlays:
            path = Path(overlay).resolve()
            if not path.is_file():
                raise FileNotFoundError(f"overlay {overlay!r} does not exist (looked at {path})")
            paths.append(str(path))
        select(layers, bundled=True)
        date = _date(as_of)
        return cls(
            overlays=tuple(paths),
            layers=None if layers is None else tuple(layers),
            methods=tuple(sorted(m.value for m in _methods(methods))),
            min_score=_min_score(min_score),
            as_of=None if date is None else date.isoformat(),
            in_names=bool(in_names),
        )


_MATCHERS: dict[MatcherOptions, Matcher] = {}  # this process's matchers
_BUILDING = threading.Lock()  # a worker with several threads still builds each matcher once


def matcher(options: MatcherOptions) -> Matcher:
    """This process's matcher for ``options``, built on first use."""
    with _BUILDING:
        found = _MATCHERS.get(options)
        if found is None:
            gazetteer = load(*options.overlays, layers=options.layers)
            found = _MATCHERS[options] = Matcher(
                gazetteer,
                methods=options.methods,
                min_score=options.min_score,
                as_of=options.as_of,
                in_names=options.in_names,
            )
        return found


def built() -> int:
    """How many matchers this process has built (what a test asks each worker)."""
    return len(_MATCHERS)
