"""Compiling gazetteer files into packed places and a name index: from the index shipped in the
wheel, from the on-disk cache, or by validating and indexing the YAML (docs/architecture.md,
"Start-up"). :mod:`toponyms.gazetteer` wraps the result in a :class:`~toponyms.Gazetteer`.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

import attrs

from toponyms import _cache, _store
from toponyms._layers import Layer
from toponyms._merge import Draft, apply_contents, check_references, raise_problems
from toponyms._packing import LazyPlaces, forget_names
from toponyms._resources import bundled_gazetteer, shipped_index
from toponyms._schema import Reporter
from toponyms.errors import ToponymsWarning
from toponyms.index import NameIndex
from toponyms.progress import BuildProgress


@attrs.frozen
class Compiled:
    """Places and index of a set of files, and where they came from."""

    places: LazyPlaces
    index: NameIndex
    data_version: str | None
    from_cache: bool = False  # a compiled index served them: the cache or the wheel's
    shipped: bool = False  # the wheel's


def file_paths(
    bundled: bool, chosen: Sequence[Layer], overlays: Sequence[str | Path]
) -> list[Path]:
    """The files to read, in order: the core, the chosen layers, the overlays."""
    core = [bundled_gazetteer()] if bundled else []
    return [*core, *(layer.path for layer in chosen), *(Path(p) for p in overlays)]


def read_files(paths: Sequence[Path]) -> list[bytes]:
    """The bytes of every file; FileNotFoundError names the first that is missing."""
    contents = []
    for path in paths:
        if not path.is_file():
            raise FileNotFoundError(f"gazetteer file not found: {path}")
        contents.append(path.read_bytes())
    return contents


def compile_files(paths: list[Path], directory: Path, use_cache: bool) -> Compiled:
    """The files compiled: from the wheel's index when they are its files, else from the cache
    in ``directory`` (built and written under a lock when missing), else in memory."""
    contents = read_files(paths)
    names = tuple(str(path) for path in paths)
    if not use_cache:
        return build(names, contents)
    # A wheel ships the index of its own data: the first run after install reads it.
    shipped = _cache.read_shipped(shipped_index(), _cache.shipped_key(contents))
    if shipped is not None:
        found = _unpacked(shipped, shipped_index(), shipped=True)
        if found is not None:
            return found
    key = _cache.cache_key(contents)
    with _cache.building(directory, key):  # a concurrent first run waits, then reads
        cached = _cache.read(directory, key)
        if cached is not None:
            found = _unpacked(cached, _cache.path_of(directory, key), shipped=False)
            if found is not None:
                return found
        compiled = build(names, contents)
        _cache.write(directory, key, stored(compiled))
        return compiled


def stored(compiled: Compiled) -> bytes:
    """The compiled places and index as a store, for the cache and the wheel."""
    return _store.dump(compiled.places, compiled.index, compiled.data_version)


def _unpacked(data: memoryview, path: Path, *, shipped: bool) -> Compiled | None:
    """The store read back; None, with a warning naming ``path``, when it cannot be (a file
    that passed its checks yet does not parse: written by a faulty build)."""
    try:
        places, index, data_version = _store.load(data)
    except (_store.StoreError, KeyError, TypeError, ValueError) as error:
        warnings.warn(f"ignoring index {path} ({error}); rebuilding", ToponymsWarning, 3)
        return None
    return Compiled(places, index, data_version, from_cache=True, shipped=shipped)


def build(names: tuple[str, ...], contents: list[bytes]) -> Compiled:
    """The places and index of the files, validated and compiled (with a bar on a terminal
    when it takes a while: the bundled data takes half a minute)."""
    with BuildProgress() as progress:
        draft = merge_files(names, contents, progress.tell)
        index = NameIndex.build(
            draft.places.values(), lambda done: progress.tell(0.5 + done / 2, "indexing names")
        )
    places = LazyPlaces.of(draft.places)
    forget_names()
    return Compiled(places, index, draft.data_version)


def merge_files(
    names: tuple[str, ...],
    contents: list[bytes],
    progress: Callable[[float, str], None] | None = None,
) -> Draft:
    """The files applied in order, validated; GazetteerError lists every problem."""
    draft = Draft()
    reporters: dict[str, Reporter] = {}
    total, done = sum(map(len, contents)) or 1, 0
    for name, content in zip(names, contents, strict=True):
        if progress is not None:  # reading is the first half of a build
            progress(done / total / 2, f"reading {Path(name).name}")
        done += len(content)
        apply_contents(draft, name, content, reporters)
    check_references(draft, reporters)
    raise_problems(reporters)
    return draft
