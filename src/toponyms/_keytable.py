"""Key tables that load without unpickling: keys in a marisa-trie, their values in flat arrays.

The name index has over half a million keys. As a dict of strings they cost 0.7 s to unpickle
and a hundred megabytes; as a trie they are 2 MB read in milliseconds, and forked workers share
them (nothing in them has a reference count). A trie probe costs a microsecond where a dict's
costs a tenth of that, so the hot paths ask through a :class:`Memo`: a dict of the answers
already given, which news, repeating its words, mostly hits.

Overlays change a few keys of an immutable table: :class:`Layered` keeps the changes beside it.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Final

import marisa_trie  # type: ignore[import-not-found]  # no stubs

Codes = int | tuple[int, ...]  # one entry code, or several: most keys have one
MEMO_KEPT = 1 << 18  # answers a Memo keeps before starting over
_CODE_TYPE: Final = "I"  # 32-bit unsigned: an entry code is name_ref << 12 | variant


class KeyTable(Mapping[str, Codes]):
    """Keys to entry codes: the trie gives a key's id, ``starts[id]:starts[id + 1]`` its codes."""

    __slots__ = ("_codes", "_starts", "_trie")

    def __init__(self, trie: marisa_trie.Trie, starts: Sequence[int], codes: Sequence[int]) -> None:
        self._trie = trie
        self._starts = starts
        self._codes = codes

    @classmethod
    def of(cls, table: Mapping[str, Codes]) -> KeyTable:
        """The table of a dict of keys to codes."""
        trie = marisa_trie.Trie(table)
        by_id: list[Codes] = [0] * len(trie)
        for key, key_id in trie.items():
            by_id[key_id] = table[key]
        starts, codes = array(_CODE_TYPE, [0]), array(_CODE_TYPE)
        for held in by_id:
            if isinstance(held, int):
                codes.append(held)
            else:
                codes.extend(held)
            starts.append(len(codes))
        return cls(trie, starts, codes)

    @classmethod
    def from_parts(
        cls, trie: bytes | memoryview, starts: bytes | memoryview, codes: bytes | memoryview
    ) -> KeyTable:
        """The table of :meth:`parts` read back; the arrays are read in place, not copied."""
        return cls(
            marisa_trie.Trie().frombytes(bytes(trie)),
            memoryview(starts).cast(_CODE_TYPE),
            memoryview(codes).cast(_CODE_TYPE),
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (KeyTable.from_parts, self.parts())

    def parts(self) -> tuple[bytes, bytes, bytes]:
        """The trie and the two arrays, as bytes to store."""
        return self._trie.tobytes(), _bytes(self._starts), _bytes(self._codes)

    def get(self, key: str, default: Codes | None = None) -> Codes | None:  # type: ignore[override]
        key_id = self._trie.get(key)
        if key_id is None:
            return default
        start, end = self._starts[key_id], self._starts[key_id + 1]
        return self._codes[start] if end - start == 1 else tuple(self._codes[start:end])

    def __getitem__(self, key: str) -> Codes:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return key in self._trie

    def __iter__(self) -> Iterator[str]:
        return iter(self._trie.keys())

    def __len__(self) -> int:
        return len(self._trie)


class KeySet:
    """A set of strings in a marisa-trie, with strings added by overlays beside it."""

    __slots__ = ("_added", "_trie")

    def __init__(self, trie: marisa_trie.Trie, added: frozenset[str] = frozenset()) -> None:
        self._trie = trie
        self._added = added

    @classmethod
    def of(cls, keys: Iterable[str]) -> KeySet:
        return cls(marisa_trie.Trie(keys))

    @classmethod
    def from_bytes(cls, trie: bytes | memoryview) -> KeySet:
        return cls(marisa_trie.Trie().frombytes(bytes(trie)))

    def to_bytes(self) -> bytes:
        """The trie, as bytes to store (a set with added strings is never stored)."""
        if self._added:
            raise ValueError("an overlaid key set is not stored")
        return bytes(self._trie.tobytes())

    def union(self, keys: Iterable[str]) -> KeySet:
        """This set with ``keys`` added (a new set; this one is shared)."""
        return KeySet(self._trie, self._added | {k for k in keys if k not in self._trie})

    def __contains__(self, key: object) -> bool:
        return key in self._added or key in self._trie

    def __reduce__(self) -> tuple[object, ...]:
        return (KeySet, (self._trie, self._added))

    def __iter__(self) -> Iterator[str]:
        yield from self._trie.keys()
        yield from self._added

    def __len__(self) -> int:
        return len(self._trie) + len(self._added)


class Layered(Mapping[str, Any]):
    """A shared mapping with changes on top: a value of None in ``changed`` removes a key."""

    __slots__ = ("base", "changed")

    def __init__(self, base: Mapping[str, Any], changed: dict[str, Any] | None = None) -> None:
        if isinstance(base, Layered):  # changes of changes: one layer over the first base
            changed = {**base.changed, **(changed or {})}
            base = base.base
        self.base: Mapping[str, Any] = base
        self.changed: dict[str, Any] = changed or {}

    def get(self, key: str, default: Any = None) -> Any:
        if key in self.changed:
            found = self.changed[key]
            return default if found is None else found
        return self.base.get(key, default)

    def __getitem__(self, key: str) -> Any:
        found = self.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __setitem__(self, key: str, value: Any) -> None:
        self.changed[key] = value

    def __delitem__(self, key: str) -> None:
        self.changed[key] = None

    def __contains__(self, key: object) -> bool:
        if key in self.changed:
            return self.changed[key] is not None
        return key in self.base

    def __iter__(self) -> Iterator[str]:
        for key in self.base:
            if key not in self.changed:
                yield key
        for key, value in self.changed.items():
            if value is not None:
                yield key

    def __len__(self) -> int:
        return sum(1 for _ in self)


def membership(keys: Mapping[str, Any] | KeySet) -> Callable[[str], bool]:
    """The quickest ``in`` of a key table or set: the trie's own (in C) when nothing is layered
    over it."""
    if isinstance(keys, KeyTable):
        return keys._trie.__contains__  # type: ignore[no-any-return]
    if isinstance(keys, KeySet) and not keys._added:
        return keys._trie.__contains__  # type: ignore[no-any-return]
    return keys.__contains__


class Memo(dict[str, bool]):
    """The answers of ``probe`` by key, kept: ``memo[key]`` is a dict lookup for a key seen
    before (``map(memo.__getitem__, words)`` runs in C), a probe for a new one."""

    __slots__ = ("_probe",)

    def __init__(self, probe: Callable[[str], bool]) -> None:
        super().__init__()
        self._probe = probe

    def __missing__(self, key: str) -> bool:
        if len(self) >= MEMO_KEPT:
            self.clear()
        found = self[key] = self._probe(key)
        return found

    def __reduce__(self) -> tuple[object, ...]:  # the answers are not worth shipping
        return (Memo, (self._probe,))


def _bytes(values: Sequence[int]) -> bytes:
    if isinstance(values, array):
        return values.tobytes()
    return bytes(memoryview(values))  # type: ignore[arg-type]
