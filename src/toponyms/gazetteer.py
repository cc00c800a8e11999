"""The gazetteer: places by id, their names, and lookup of a name to ranked candidates.

:func:`load` reads the bundled gazetteer and any user overlays, validates them (every problem,
with file and line), and compiles the name index, caching the result on disk.
"""

from __future__ import annotations

import datetime
import difflib
import hashlib
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

import attrs

from toponyms import _cache
from toponyms._compile import compile_files, file_paths, merge_files, read_files
from toponyms._layers import Layer, select
from toponyms._merge import (
    NEAREST_IDS,
)
from toponyms._overlay import apply_overlays
from toponyms._packing import LazyPlaces
from toponyms.errors import GazetteerError, Problem, UnknownPlaceError
from toponyms.fuzzy import FuzzyIndex
from toponyms.geocoding.lookup import search
from toponyms.geocoding.scopes import units_named
from toponyms.index import NameIndex
from toponyms.model import Candidate, Kind, Place, parse_period_bound


@attrs.frozen(kw_only=True)
class LoadReport:
    """How a gazetteer was loaded: the files, whether a compiled index served it (the cache, or
    the one shipped in the wheel), how long it took, and which bundled data layers were applied
    (each with its licence and attribution).

    >>> report = load().load_report
    >>> [(layer.name, layer.licence) for layer in report.layers]
    [('ru_settlements', 'GPL-3.0-or-later'), ('osm_points', 'ODbL-1.0')]
    """

    files: tuple[str, ...]
    from_cache: bool
    seconds: float
    shipped: bool = False  # served from the index compiled into the wheel
    layers: tuple[Layer, ...] = ()


class Gazetteer:
    """Places by id, with a name index for :meth:`lookup` and for the matcher.

    Build one with :func:`load`. Iterating yields :class:`~toponyms.model.Place` objects in file
    order; ``len`` counts them.

    >>> gazetteer = load()
    >>> gazetteer["ua/donetska/pokrovsk"].name
    'Pokrovsk'
    >>> gazetteer.lookup("Красноармейск")[0].place_id
    'ua/donetska/pokrovsk'
    """

    def __init__(
        self,
        places: Mapping[str, Place],
        index: NameIndex,
        *,
        data_version: str | None = None,
        report: LoadReport | None = None,
    ) -> None:
        self._places = places if isinstance(places, LazyPlaces) else LazyPlaces.of(places)
        self._children: dict[str, list[str]] | None = None  # built on first use
        self.index = index
        self._fuzzy: FuzzyIndex | None = None
        self.data_version = data_version
        self.load_report = report

    @classmethod
    def from_places(cls, places: list[Place], *, data_version: str | None = None) -> Gazetteer:
        """A gazetteer of already built places (no validation of parents; for tests and tools)."""
        by_id = {place.id: place for place in places}
        return cls(by_id, NameIndex.build(by_id.values()), data_version=data_version)

    @property
    def places(self) -> Mapping[str, Place]:
        """The places by id, read-only (built from the cache as they are read)."""
        return self._places

    def __getitem__(self, place_id: str) -> Place:
        try:
            return self._places[place_id]
        except KeyError:
            nearest = difflib.get_close_matches(place_id, self._places, n=NEAREST_IDS)
            raise UnknownPlaceError(place_id, nearest) from None

    def get(self, place_id: str, default: Place | None = None) -> Place | None:
        """The place with ``place_id``, or ``default`` when there is none."""
        return self._places.get(place_id, default)

    def __contains__(self, place_id: object) -> bool:
        return place_id in self._places

    def __len__(self) -> int:
        return len(self._places)

    def __iter__(self) -> Iterator[Place]:
        return iter(self._places.values())

    def children(self, place_id: str) -> list[Place]:
        """The places whose parent is ``place_id``."""
        if self._children is None:
            self._children = {}
            for child in self._places:
                parent = self._places.parent_of(child)
                if parent is not None:
                    self._children.setdefault(parent, []).append(child)
        return [self._places[child] for child in self._children.get(place_id, ())]

    def ancestors(self, place_id: str) -> list[Place]:
        """The chain of parents of ``place_id``, nearest first."""
        chain = []
        parent = self[place_id].parent
        while parent is not None and parent in self._places:
            chain.append(self._places[parent])
            parent = self._places[parent].parent
        return chain

    def lookup(
        self,
        name: str,
        *,
        within: str | Sequence[str] | None = None,
        kind: Kind | str | Iterable[Kind | str] | None = None,
        lang: str | None = None,
        as_of: datetime.date | str | None = None,
        near: tuple[float, float] | str | None = None,
        limit: int | None = None,
    ) -> list[Candidate]:
        """Every place that ``name`` may refer to, best first; an empty list when none.

        The name is read as tables write it (docs/geocoding.md): a type word or abbreviation
        (с., смт, м., village, raion, obl.), parents after commas or in brackets
        ("Troitske, Svatove", "Kamianka (Polohy raion)"), alternatives after a slash, an official
        code (P-code, KATOTTG, KOATUU). Encoding damage is repaired first.

        Args:
            name: a place name in any case, spelling or script the index knows.
            within: a place id, a unit's name in any language or spelling («Покровський район»,
                "Svatove", "Donetsk Oblast", UA14), or a sequence of them narrowest first: only
                places inside each are returned.
            kind: only places of this kind (or of these kinds).
            lang: keep only matches on names of this language (``uk``, ``ru``, ``en`` …).
            as_of: a date (or ISO string): names count as they stood then (Артемівськ in 2015).
            near: a point ``(lat, lon)`` or place id: namesakes that match equally well are
                ordered by distance from it.
            limit: return at most this many candidates (all when None); at least 1.

        Raises:
            ValueError: ``within`` names no unit, ``limit`` is below 1, or a ``kind`` is unknown.

        >>> load().lookup("Troitske, Svatove")[0].place_id
        'ua/luhanska/troitske~svativskyi'
        """
        if not isinstance(name, str):
            raise TypeError(f"lookup expects a str name, not {type(name).__name__}")
        if limit is not None and limit < 1:
            raise ValueError(f"limit must be at least 1, not {limit}")
        found = search(
            self,
            name,
            within=self._scopes(within),
            kind=_kinds(kind),
            lang=lang,
            as_of=_date(as_of),
            near=self.point_of(near),
        )
        candidates = list(found.candidates)
        return candidates if limit is None else candidates[:limit]

    def fuzzy_index(self) -> FuzzyIndex:
        """The fuzzy index over this gazetteer's names, built on first use."""
        if self._fuzzy is None:
            self._fuzzy = FuzzyIndex(self.index, self._places)
        return self._fuzzy

    def _scopes(self, within: str | Sequence[str] | None) -> list[tuple[str, ...]]:
        """Each ``within`` unit as the ids it may name; an unknown one is an error."""
        if within is None:
            return []
        scopes = []
        for text in [within] if isinstance(within, str) else within:
            units = units_named(self, text)
            if not units:
                raise ValueError(f"within: {text!r} names no unit of the gazetteer")
            scopes.append(units)
        return scopes

    def point_of(self, near: tuple[float, float] | str | None) -> tuple[float, float] | None:
        """A point given as ``(lat, lon)`` or as a place id (its coordinates)."""
        if near is None or isinstance(near, tuple):
            return near
        coords = self[near].coords
        if coords is None:
            raise ValueError(f"near: {near!r} has no coordinates")
        return coords.lat, coords.lon


def _kinds(kind: Kind | str | Iterable[Kind | str] | None) -> frozenset[Kind] | None:
    if kind is None:
        return None
    kinds = [kind] if isinstance(kind, str) else list(kind)
    try:
        return frozenset(Kind(k) for k in kinds)
    except ValueError:
        known = ", ".join(k.value for k in Kind)
        raise ValueError(f"unknown kind in {kinds!r}; known kinds: {known}") from None


def _date(as_of: datetime.date | str | None) -> datetime.date | None:
    if as_of is None or isinstance(as_of, datetime.date):
        return as_of
    parsed = parse_period_bound(as_of, end=False)
    return parsed


# One gazetteer per process and set of arguments: load() and the module-level annotate() share
# it, and threads that load at once build it once.
_LOADED: dict[tuple[object, ...], Gazetteer] = {}
_LOADING = threading.RLock()  # re-entered: an overlaid gazetteer loads its base first


def load(
    *overlays: str | Path,
    layers: Sequence[str] | None = None,
    cache_dir: str | Path | None = None,
    use_cache: bool = True,
    bundled: bool = True,
    reuse: bool = True,
) -> Gazetteer:
    """Load the bundled gazetteer, its data layers and the user ``overlays`` on top, in order.

    The same arguments return the same object for the life of the process, as long as no file
    changed (its size or modification time): a gazetteer is read-only, so every caller shares
    one copy. ``reuse=False`` loads anew and keeps nothing; :func:`forget_loaded` drops them all.

    Args:
        overlays: YAML files that add, change or remove places (see docs/gazetteer.md).
        layers: the bundled data layers to apply after the gazetteer (see :func:`layers`):
            None applies every default layer, ``()`` none, a sequence of names those layers.
        cache_dir: where to cache the compiled index (default: ``$TOPONYMS_CACHE_DIR`` or
            ``~/.cache/toponyms``).
        use_cache: read and write the cache (and read the index shipped in the wheel); False
            always builds in memory.
        bundled: start from the bundled gazetteer; False loads only ``overlays`` (and no layer).
        reuse: return the gazetteer already loaded with these arguments, if any.

    Raises:
        GazetteerError: listing every problem in every file, with file, line and column.
        FileNotFoundError: an overlay does not exist.
        UnknownLayerError: a name in ``layers`` is not a bundled layer.

    >>> core = load(layers=())
    >>> core.load_report.layers
    ()
    >>> load(layers=()) is core
    True
    """
    chosen = select(layers, bundled=bundled)
    paths = file_paths(bundled, chosen, overlays)

    def loaded() -> Gazetteer:
        if bundled and overlays and use_cache:  # the compiled bundled data, then the overlays
            base = load(layers=layers, cache_dir=cache_dir, reuse=reuse)
            return _overlaid(base, paths[len(paths) - len(overlays) :])
        return _load(paths, chosen, cache_dir, use_cache)

    if not reuse:
        return loaded()
    directory = cache_dir if cache_dir is not None else _cache.default_cache_dir()
    shipped = len(paths) - len(overlays)  # the core and its layers, then the user's overlays
    signatures = tuple(
        _signature(path, read=number >= shipped) for number, path in enumerate(paths)
    )
    key = (signatures, str(directory), use_cache)
    with _LOADING:
        held = _LOADED.get(key)
        if held is None:
            held = _LOADED[key] = loaded()
        return held


def forget_loaded() -> None:
    """Drop every gazetteer :func:`load` keeps, so the next call loads anew."""
    with _LOADING:
        _LOADED.clear()


def _signature(path: Path, *, read: bool) -> tuple[str, int, int | str]:
    """What tells one version of a file from another: the digest of a user's overlay (small,
    and edited in place), the size and time of a file shipped with the package (large)."""
    try:
        stat = path.stat()
        if read:
            return str(path.resolve()), stat.st_size, hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return str(path), -1, -1  # _load reports the missing file
    return str(path.resolve()), stat.st_size, stat.st_mtime_ns


def _load(
    paths: list[Path], chosen: Sequence[Layer], cache_dir: str | Path | None, use_cache: bool
) -> Gazetteer:
    started = time.perf_counter()
    directory = Path(cache_dir) if cache_dir is not None else _cache.default_cache_dir()
    compiled = compile_files(paths, directory, use_cache)
    report = LoadReport(
        files=tuple(str(path) for path in paths),
        from_cache=compiled.from_cache,
        shipped=compiled.shipped,
        seconds=time.perf_counter() - started,
        layers=tuple(chosen),
    )
    return Gazetteer(
        compiled.places, compiled.index, data_version=compiled.data_version, report=report
    )


def _overlaid(base: Gazetteer, overlays: list[Path]) -> Gazetteer:
    """``base`` (the compiled bundled data) with ``overlays`` compiled on their own and merged
    in (:mod:`toponyms._overlay`); ``base`` is left as it was."""
    started = time.perf_counter()
    files = list(zip(map(str, overlays), read_files(overlays), strict=True))
    places, index, data_version = apply_overlays(
        base._places, base.index, base.data_version, files, base_name="the bundled data"
    )
    report = base.load_report
    return Gazetteer(
        places,
        index,
        data_version=data_version,
        report=LoadReport(
            files=(*(report.files if report else ()), *(name for name, _ in files)),
            from_cache=bool(report and report.from_cache),
            shipped=bool(report and report.shipped),
            seconds=(report.seconds if report else 0.0) + time.perf_counter() - started,
            layers=report.layers if report else (),
        ),
    )


def validate(
    *paths: str | Path, bundled: bool = False, layers: Sequence[str] | None = None
) -> list[Problem]:
    """Every problem in ``paths`` read in order (after the bundled gazetteer and its data layers
    if ``bundled``: the default layers for ``layers=None``, else those named)."""
    chosen = select(layers, bundled=bundled)
    files = file_paths(bundled, chosen, paths)
    contents = []
    for path in files:
        try:
            contents.append(path.read_bytes())
        except OSError as error:
            return [Problem(file=str(path), line=1, column=1, message=f"cannot read file: {error}")]
    try:
        if bundled and paths:  # on the compiled bundled data: only the overlays are read
            base = load(layers=layers)
            overlays = list(zip(map(str, files), contents, strict=True))[len(files) - len(paths) :]
            apply_overlays(
                base._places, base.index, base.data_version, overlays, base_name="the bundled data"
            )
        else:
            merge_files(tuple(str(path) for path in files), contents)
    except GazetteerError as error:
        return list(error.problems)
    return []
