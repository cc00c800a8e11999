"""The name index: every key under which a gazetteer name can be found, and the places behind it.

Keys are derived from the names (today: their normalized form); each entry records the place, the
name and how the key was derived, so that a match can report its method. The compiled index is
cached on disk by :mod:`toponyms._cache`.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from toponyms.model import Method, Name, Place
from toponyms.text.normalize import normalize
from toponyms.text.tokenize import index_key


@attrs.frozen(slots=True)
class IndexEntry:
    """One way to reach a place: the name it derives from and how the key was derived."""

    place_id: str
    name: Name
    method: Method
    scheme: str | None = None


@attrs.define
class NameIndex:
    """Keys to entries, plus the longest name in words (how far n-gram lookups must reach)."""

    entries: dict[str, tuple[IndexEntry, ...]] = attrs.field(factory=dict)
    max_words: int = 0

    @classmethod
    def build(cls, places: Iterable[Place]) -> NameIndex:
        """Compile the index of ``places``."""
        collected: dict[str, list[IndexEntry]] = {}
        max_words = 0
        for place in places:
            for name in place.names:
                keyed = index_key(normalize(name.text))
                if keyed is None:
                    continue
                key, words = keyed
                max_words = max(max_words, words)
                bucket = collected.setdefault(key, [])
                entry = IndexEntry(place_id=place.id, name=name, method=Method.NORMALIZED)
                if entry not in bucket:
                    bucket.append(entry)
        return cls({key: tuple(bucket) for key, bucket in collected.items()}, max_words)

    def find(self, key: str) -> tuple[IndexEntry, ...]:
        """The entries under an exact key (already normalized), or an empty tuple."""
        return self.entries.get(key, ())

    def __len__(self) -> int:
        return len(self.entries)
