"""The name index: every key under which a gazetteer name can be found, and the places behind it.

For every name of every place the index holds its normalized form, its rendering in every
transliteration scheme of its language, and a folding key of every Latin form; a Ukrainian name
of a place with no Russian name also gets a generated Russian form, and a region is also keyed by
the names of its capital. Each entry records how it was derived, so a match can report its
method, scheme and a fitting score. The compiled index is cached on disk by :mod:`toponyms._cache`.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Iterable
from importlib import resources

import attrs
import yaml

from toponyms.model import Method, Name, Place
from toponyms.text.fold import fold_key
from toponyms.text.normalize import normalize
from toponyms.text.russify import russify
from toponyms.text.tokenize import index_key
from toponyms.text.translit import Scheme, schemes_for, transliterate

_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN = re.compile("[A-Za-z]")
RUSSIFIED_FROM = "uk"  # generated Russian forms come from Ukrainian names
RUSSIFIED_LANG = "ru"


class Derivation(enum.StrEnum):
    """How a name that is not written in the gazetteer was derived from one that is."""

    RUSSIFIED = (
        "russified"  # a generated Russian form of a Ukrainian name (Новоселівка → Новоселовка)
    )
    CAPITAL = "capital"  # a region found under its capital's name (Zaporizhzhia → the oblast)


@attrs.frozen(slots=True)
class IndexEntry:
    """One way to reach a place: the name it derives from and how the key was derived.

    ``scheme`` is the transliteration scheme (``uk:kmu2010``) of a ``translit`` entry.
    """

    place_id: str
    name: Name
    method: Method
    scheme: str | None = None
    derivation: Derivation | None = None


@attrs.define
class NameIndex:
    """Keys to entries, folding keys to entries, and the longest key in words."""

    entries: dict[str, tuple[IndexEntry, ...]] = attrs.field(factory=dict)
    folded: dict[str, tuple[IndexEntry, ...]] = attrs.field(factory=dict)
    max_words: int = 0

    @classmethod
    def build(cls, places: Iterable[Place]) -> NameIndex:
        """Compile the index of ``places``."""
        builder = _Builder()
        by_id = {place.id: place for place in places}
        for place in by_id.values():
            for name in place.names:
                builder.add(place.id, name)
            if not any(name.lang.split("-")[0] == RUSSIFIED_LANG for name in place.names):
                for name in place.names:
                    if name.lang.split("-")[0] == RUSSIFIED_FROM:
                        russian = attrs.evolve(name, text=russify(name.text), lang=RUSSIFIED_LANG)
                        builder.add(place.id, russian, Derivation.RUSSIFIED)
            capital = by_id.get(place.capital) if place.capital else None
            if capital is not None:
                for name in capital.names:
                    builder.add(place.id, name, Derivation.CAPITAL)
        return cls(
            builder.freeze(builder.entries), builder.freeze(builder.folded), builder.max_words
        )

    def find(self, key: str) -> tuple[IndexEntry, ...]:
        """The entries under an exact key (already normalized), or an empty tuple."""
        return self.entries.get(key, ())

    def find_folded(self, key: str) -> tuple[IndexEntry, ...]:
        """The entries whose Latin forms share the folding key of ``key`` (normalized)."""
        return self.folded.get(fold_key(key), ())

    def __len__(self) -> int:
        return len(self.entries)


@functools.cache
def ordered_schemes(lang: str) -> tuple[Scheme, ...]:
    """The schemes of ``lang`` in the order of ``tables/index.yaml`` (commonest usage first)."""
    table = yaml.safe_load(
        resources.files("toponyms").joinpath("tables", "index.yaml").read_text("utf-8")
    )
    order = {name: rank for rank, name in enumerate(table["scheme_order"].get(lang, ()))}
    available = schemes_for(lang)
    return tuple(sorted(available, key=lambda s: order.get(s.name, len(order))))


@attrs.define
class _Builder:
    entries: dict[str, dict[tuple[str, str, str], IndexEntry]] = attrs.field(factory=dict)
    folded: dict[str, dict[tuple[str, str, str], IndexEntry]] = attrs.field(factory=dict)
    max_words: int = 0

    def add(self, place_id: str, name: Name, derivation: Derivation | None = None) -> None:
        keyed = index_key(normalize(name.text))
        if keyed is None:
            return
        self._put(self.entries, keyed[0], IndexEntry(
            place_id=place_id, name=name, method=Method.NORMALIZED, derivation=derivation
        ))  # fmt: skip
        self.max_words = max(self.max_words, keyed[1])
        latin_keys = {keyed[0]} if _LATIN.search(name.text) else set()
        lang = name.lang.split("-")[0]
        if _CYRILLIC.search(name.text):
            for scheme in ordered_schemes(lang):
                rendered = index_key(normalize(transliterate(name.text, scheme.name, lang=lang)))
                if rendered is None:
                    continue
                entry = IndexEntry(
                    place_id=place_id,
                    name=name,
                    method=Method.TRANSLIT,
                    scheme=f"{lang}:{scheme.name}",
                    derivation=derivation,
                )
                self._put(self.entries, rendered[0], entry)
                latin_keys.add(rendered[0])
        folded_entry = IndexEntry(
            place_id=place_id, name=name, method=Method.TRANSLIT, derivation=derivation
        )
        for key in latin_keys:
            self._put(self.folded, fold_key(key), folded_entry)

    @staticmethod
    def _put(
        table: dict[str, dict[tuple[str, str, str], IndexEntry]], key: str, entry: IndexEntry
    ) -> None:
        # The first way of reaching a (place, name) under a key is the most literal: keep it.
        identity = (entry.place_id, entry.name.text, entry.name.lang)
        table.setdefault(key, {}).setdefault(identity, entry)

    @staticmethod
    def freeze(
        table: dict[str, dict[tuple[str, str, str], IndexEntry]],
    ) -> dict[str, tuple[IndexEntry, ...]]:
        return {key: tuple(bucket.values()) for key, bucket in table.items()}
