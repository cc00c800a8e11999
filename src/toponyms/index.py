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
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableSequence
from importlib import resources

import attrs

from toponyms._keytable import Codes, KeySet, Memo, membership
from toponyms._packing import PackedName, unpack_name
from toponyms._tables import parse_table
from toponyms.model import Kind, Method, Name, Place
from toponyms.text.fold import fold_key
from toponyms.text.translit import Scheme, schemes_for

_LATIN = re.compile("[A-Za-z]")


class Derivation(enum.StrEnum):
    """How a name that is not written in the gazetteer was derived from one that is."""

    # A generated Russian form of a Ukrainian name (Новоселівка → Новоселовка).
    RUSSIFIED = "russified"
    CAPITAL = "capital"  # a region found under its capital's name (Zaporizhzhia → the oblast)
    ADJECTIVE = "adjective"  # a city's relational adjective (покровский, бахмутське)
    REGION_NAME = "region_name"  # a region named after its capital (Харківщина → the oblast)


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


_Variant = tuple[Method, str | None, Derivation | None]  # how a key derives from a name
_Codes = Codes
PROGRESS_EVERY = 1_000  # places between two reports of a build's progress
FOUND_KEPT = 1 << 16  # keys whose entries are kept built
VARIANT_BITS = 12  # an entry code is name_ref << VARIANT_BITS | variant; 4,096 variants


@attrs.define
class NameIndex:
    """Keys to places, compactly: a key maps to integer codes of (name, variant) pairs.

    A gazetteer of every Ukrainian settlement has millions of keys; an object per key would
    not fit the memory budget or load in a second, so the tables are marisa-tries with their
    codes in arrays (:mod:`toponyms._keytable`), read in place from the compiled store
    (:mod:`toponyms._store`), and entries are built only when a key is found.
    """

    # name_ref → (place_id, name packed as a tuple: fast to load, built into a Name on a hit)
    names: MutableSequence[tuple[str, PackedName]] = attrs.field(factory=list)
    variants: list[_Variant] = attrs.field(factory=list)
    exact: Mapping[str, _Codes] = attrs.field(factory=dict)
    folded: Mapping[str, _Codes] = attrs.field(factory=dict)
    max_words: int = 0
    # The word prefixes of multi-word keys ("нова", "часів"): a text n-gram grows past one word
    # only while it is one of these, so most words cost a single lookup.
    prefixes: KeySet = attrs.field(factory=lambda: KeySet.of(()))
    # Every exact key and prefix: the words where a span can start (toponyms.match).
    starters: KeySet = attrs.field(factory=lambda: KeySet.of(()))
    # Units under their modifiers alone, for administrative phrases (toponyms.phrases):
    # «курской» → Kursk oblast, "pokrovsk" → Pokrovsk raion and hromada (through their capital).
    units: Mapping[str, _Codes] = attrs.field(factory=dict)
    units_folded: Mapping[str, _Codes] = attrs.field(factory=dict)
    unit_kinds: dict[str, Kind] = attrs.field(factory=dict)  # the kind of every keyed unit
    # Official codes → places: KATOTTG, P-code, KOATUU, OKTMO (a KOATUU code is shared by a
    # town and the hromada or council it gave its code to).
    codes: Mapping[str, str | tuple[str, ...]] = attrs.field(factory=dict)
    # Entries already built, by exact key: news repeats its names (України, Покровськ), and
    # building entries is most of a lookup's cost. Bounded; never pickled; emptied on change.
    _found: dict[str, tuple[IndexEntry, ...]] = attrs.field(
        factory=dict, init=False, eq=False, repr=False
    )
    # The answers of the scan's membership questions, kept (a trie probe costs ten dict ones):
    # is a word a starter, is an n-gram a key, is it a prefix of a longer key.
    is_start: Memo = attrs.field(init=False, eq=False, repr=False)
    is_key: Memo = attrs.field(init=False, eq=False, repr=False)
    is_prefix: Memo = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        self.changed()

    def __getstate__(self) -> dict[str, object]:
        return {f.name: getattr(self, f.name) for f in attrs.fields(NameIndex) if f.init}

    def __setstate__(self, state: dict[str, object]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        object.__setattr__(self, "_found", {})
        self.changed()

    @classmethod
    def build(
        cls, places: Iterable[Place], progress: Callable[[float], None] | None = None
    ) -> NameIndex:
        """Compile the index of ``places``; ``progress`` is told the fraction done."""
        from toponyms._index_build import Builder  # it builds instances of this class

        builder = Builder()
        by_id = {place.id: place for place in places}
        for number, place in enumerate(by_id.values()):
            if progress is not None and number % PROGRESS_EVERY == 0:
                progress(number / len(by_id))
            builder.add_place(place, by_id.get(place.capital) if place.capital else None)
        return builder.finish()

    def find(self, key: str) -> tuple[IndexEntry, ...]:
        """The entries under an exact key (already normalized), or an empty tuple."""
        found = self._found.get(key)
        if found is None:
            found = self._entries(self.exact.get(key))
            if len(self._found) >= FOUND_KEPT:
                self._found.clear()
            self._found[key] = found
        return found

    def changed(self) -> None:
        """Forget the entries built and the answers kept: call after changing the tables."""
        self._found.clear()
        self.is_start = Memo(membership(self.starters))
        self.is_key = Memo(membership(self.exact))
        self.is_prefix = Memo(membership(self.prefixes))

    def find_folded(self, key: str) -> tuple[IndexEntry, ...]:
        """The entries whose Latin forms share the folding key of ``key`` (normalized)."""
        return self._entries(self.folded.get(fold_key(key)))

    def find_unit(self, modifier: str) -> tuple[IndexEntry, ...]:
        """The units whose modifier is ``modifier`` (a normalized key: «курской», "pokrovsk"),
        then, for a Latin modifier with none, those meeting it under the folding key."""
        found = self._entries(self.units.get(modifier))
        if found or not _LATIN.search(modifier):
            return found
        return self._entries(self.units_folded.get(fold_key(modifier)))

    def find_unit_loose(self, modifier: str) -> tuple[IndexEntry, ...]:
        """The units whose Cyrillic modifier differs from ``modifier`` only in letters that
        Ukrainian and Russian spellings swap (Хотинська for Хотінська), not met as written."""
        if _LATIN.search(modifier):
            return ()
        exact = _codes(self.units.get(modifier))
        loose = _codes(self.units_folded.get(_loose_cyrillic(modifier))) - exact
        return self._entries(tuple(sorted(loose)) or None)

    def find_code(self, code: str) -> tuple[str, ...]:
        """The places with the official code ``code`` (KATOTTG, P-code, KOATUU or OKTMO; any
        case, spaces ignored), or an empty tuple."""
        found = self.codes.get(code_key(code))
        if found is None:
            return ()
        return (found,) if isinstance(found, str) else found

    def items(self, *, folded: bool = False) -> Iterator[tuple[str, tuple[IndexEntry, ...]]]:
        """Every exact key (or folding key) with its entries, for statistics and tests."""
        table = self.folded if folded else self.exact
        for key, codes in table.items():
            yield key, self._entries(codes)

    def __len__(self) -> int:
        return len(self.exact)

    def _entries(self, codes: _Codes | None) -> tuple[IndexEntry, ...]:
        if codes is None:
            return ()
        return tuple(self._entry(code) for code in ((codes,) if isinstance(codes, int) else codes))

    def _entry(self, code: int) -> IndexEntry:
        place_id, name = self.names[code >> VARIANT_BITS]
        method, scheme, derivation = self.variants[code & ((1 << VARIANT_BITS) - 1)]
        return IndexEntry(
            place_id=place_id,
            name=unpack_name(name),
            method=method,
            scheme=scheme,
            derivation=derivation,
        )


@functools.cache
def ordered_schemes(lang: str) -> tuple[Scheme, ...]:
    """The schemes of ``lang`` in the order of ``tables/index.yaml`` (commonest usage first)."""
    table = parse_table(
        resources.files("toponyms").joinpath("tables", "index.yaml").read_text("utf-8")
    )
    order = {name: rank for rank, name in enumerate(table["scheme_order"].get(lang, ()))}
    available = schemes_for(lang)
    return tuple(sorted(available, key=lambda s: order.get(s.name, len(order))))


_CODE_NOISE = re.compile(r"[\s.-]")


def code_key(code: str) -> str:
    """An official code as keyed: upper case, without spaces, dots and hyphens.

    >>> code_key(" ua 14 16 021 001 ")
    'UA1416021001'
    """
    return _CODE_NOISE.sub("", code).upper()


# Letters that Ukrainian and Russian spellings of one unit's adjective swap (і/и, є/е, ї/и).
_LOOSE_CYRILLIC = str.maketrans(
    {"і": "и", "ї": "и", "є": "е", "ґ": "г", "ы": "и", "э": "е", "'": ""}
)


def _loose_cyrillic(key: str) -> str:
    return key.translate(_LOOSE_CYRILLIC)


def _codes(codes: _Codes | None) -> frozenset[int]:
    if codes is None:
        return frozenset()
    return frozenset((codes,) if isinstance(codes, int) else codes)
