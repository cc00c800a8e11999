"""Building the name index: every key of every name of every place (:class:`Builder`).

:meth:`toponyms.index.NameIndex.build` runs it over a gazetteer, and the overlays
(:mod:`toponyms._index_delta`) over the few places they touch, so that both derive a place's
keys the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, MutableMapping
from typing import cast

import attrs

from toponyms._keytable import Codes, KeySet, KeyTable
from toponyms._packing import pack_name
from toponyms.index import (
    VARIANT_BITS,
    Derivation,
    NameIndex,
    _loose_cyrillic,
    _Variant,
    code_key,
    ordered_schemes,
)
from toponyms.model import Kind, Method, Name, Place
from toponyms.text.fold import fold_key
from toponyms.text.inflect import FormKind, derive, inflect
from toponyms.text.normalize import normalize
from toponyms.text.russify import russify
from toponyms.text.tokenize import index_key
from toponyms.text.translit import transliterate
from toponyms.units import UNIT_KINDS, split_unit_name

_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN = re.compile("[A-Za-z]")
RUSSIFIED_FROM = "uk"  # generated Russian forms come from Ukrainian names
RUSSIFIED_LANG = "ru"
INFLECTED_LANGS = frozenset({"uk", "ru"})  # the languages with declension rules
# Relational adjectives (покровский, бахмутське направлення) are the press's for towns and
# cities; a village's adjective is rare and would mostly add noise.
ADJECTIVE_KINDS = frozenset({Kind.CITY, Kind.TOWN})
# Regions found under their capital's name alone ("Zaporizhzhia" for the oblast, ranked below
# the city). A raion or hromada is named after its centre only with a head noun ("Pokrovsk
# district"), which the unit keys serve.
CAPITAL_NAMED_KINDS = frozenset({Kind.COUNTRY, Kind.REGION, Kind.OBLAST})


_Keys = tuple[tuple[str, Method, str | None], ...]  # (key, method, scheme) of one name text


@attrs.define
class Builder:
    index: NameIndex = attrs.field(factory=NameIndex)
    variant_of: dict[_Variant, int] = attrs.field(factory=dict)
    exact: dict[str, dict[int, int]] = attrs.field(factory=dict)  # key → name_ref → code
    folded: dict[str, dict[int, int]] = attrs.field(factory=dict)
    units: dict[str, dict[int, int]] = attrs.field(factory=dict)
    units_folded: dict[str, dict[int, int]] = attrs.field(factory=dict)
    # Village names repeat (78 places are Новоселівка): derive each text's keys once.
    keys_of: dict[tuple[str, str], tuple[_Keys, _Keys]] = attrs.field(factory=dict)
    derived_of: dict[tuple[str, str, FormKind], tuple[str, ...]] = attrs.field(factory=dict)

    def add_place(self, place: Place, capital: Place | None) -> None:
        """Key every name of ``place`` (and of its ``capital``, for a region or unit)."""
        for name in place.names:
            self.add(place.id, name)
        if not any(name.lang.split("-")[0] == RUSSIFIED_LANG for name in place.names):
            for name in place.names:
                if name.lang.split("-")[0] == RUSSIFIED_FROM:
                    russian = attrs.evolve(name, text=russify(name.text), lang=RUSSIFIED_LANG)
                    self.add(place.id, russian, Derivation.RUSSIFIED)
        if capital is not None and place.kind in CAPITAL_NAMED_KINDS:
            for name in capital.names:
                self.add(place.id, name, Derivation.CAPITAL)
                self.add_derived(place.id, name, FormKind.REGION, Derivation.REGION_NAME)
        if place.kind in ADJECTIVE_KINDS:
            for name in place.names:
                self.add_derived(place.id, name, FormKind.ADJECTIVE, Derivation.ADJECTIVE)
        if place.kind in UNIT_KINDS:
            self.add_unit(place, capital)
        self.add_codes(place)

    def add(self, place_id: str, name: Name, derivation: Derivation | None = None) -> None:
        exact, folded = self._name_keys(name.text, name.lang.split("-")[0])
        if not exact:
            return
        name_ref = len(self.index.names)
        self.index.names.append((place_id, pack_name(name)))
        for key, method, scheme in exact:
            self._put(self.exact, key, name_ref, (method, scheme, derivation))
        for key, method, scheme in folded:
            self._put(self.folded, key, name_ref, (method, scheme, derivation))

    def add_derived(
        self, place_id: str, name: Name, kind: FormKind, derivation: Derivation
    ) -> None:
        """Key ``place_id`` under the words of ``kind`` derived from ``name``."""
        keys = self._derived_keys(name.text, name.lang.split("-")[0], kind)
        if not keys:
            return
        name_ref = len(self.index.names)
        self.index.names.append((place_id, pack_name(name)))
        for key in keys:
            self._put(self.exact, key, name_ref, (Method.DERIVED, None, derivation))

    def _derived_keys(self, text: str, lang: str, kind: FormKind) -> tuple[str, ...]:
        """The keys of the words of ``kind`` derived from a name (Cyrillic uk and ru only)."""
        if lang not in INFLECTED_LANGS or not _CYRILLIC.search(text):
            return ()
        keys = self.derived_of.get((text, lang, kind))
        if keys is None:
            forms = (_key(form.text) for form in derive(text, lang) if form.kind is kind)
            keys = self.derived_of[(text, lang, kind)] = tuple(
                dict.fromkeys(key for key in forms if key)
            )
        return keys

    def add_unit(self, place: Place, capital: Place | None) -> None:
        """Key a unit under its modifiers: every case form and rendering of the adjective of its
        names (Курской, Kurskaya), and the names of its capital (Pokrovsk for the raion)."""
        self.index.unit_kinds[place.id] = place.kind
        has_russian = any(name.lang.split("-")[0] == RUSSIFIED_LANG for name in place.names)
        for name in place.names:
            lang = name.lang.split("-")[0]
            split = split_unit_name(name.text, lang)
            if split is None:
                continue
            keys = self._modifier_keys(name.text, split[0], lang)
            self._add_unit_keys(place.id, name, keys, None)
            if lang == RUSSIFIED_FROM and not has_russian:
                russian = attrs.evolve(name, text=russify(name.text), lang=RUSSIFIED_LANG)
                modifier = russify(split[0])
                keys = self._modifier_keys(russian.text, modifier, RUSSIFIED_LANG)
                self._add_unit_keys(place.id, russian, keys, Derivation.RUSSIFIED)
        for name in capital.names if capital is not None else ():
            lang = name.lang.split("-")[0]
            keys = self._name_keys(name.text, lang)[0]
            literal = tuple(k for k in keys if k[1] is not Method.INFLECTED)
            self._add_unit_keys(place.id, name, literal, Derivation.CAPITAL)
            # The unit's adjective is its centre's («Гуляйпольской общины» from Гуляйполе).
            adjectives = self._derived_keys(name.text, lang, FormKind.ADJECTIVE)
            forms = tuple((key, Method.DERIVED, None) for key in adjectives)
            self._add_unit_keys(place.id, name, forms, Derivation.CAPITAL)

    def add_codes(self, place: Place) -> None:
        """Key ``place`` under each of its official codes."""
        for field in CODE_REFS:
            code = getattr(place.refs, field, None)
            if code:
                key = code_key(str(code))
                codes = cast(MutableMapping[str, str | tuple[str, ...]], self.index.codes)
                held = codes.get(key)  # a dict while building, a Layered for overlays
                ids = () if held is None else (held,) if isinstance(held, str) else held
                if place.id not in ids:
                    codes[key] = (*ids, place.id) if ids else place.id

    def _modifier_keys(self, text: str, modifier: str, lang: str) -> _Keys:
        """The keys of a unit's modifier: its own keys, and the modifier's words in every case
        form of the whole name (Донецької of Донецької області)."""
        keys = dict.fromkeys(self._name_keys(modifier, lang)[0])
        if lang in INFLECTED_LANGS and _CYRILLIC.search(text):
            words = len(modifier.split())
            for form in inflect(text, lang):
                key = _key(" ".join(form.text.split()[:words]))
                if key:
                    keys.setdefault((key, Method.INFLECTED, None))
        return tuple(keys)

    def _name_keys(self, text: str, lang: str) -> tuple[_Keys, _Keys]:
        cached = self.keys_of.get((text, lang))
        if cached is None:
            cached = self.keys_of[(text, lang)] = _keys_of(text, lang)
        return cached

    def _add_unit_keys(
        self, place_id: str, name: Name, keys: _Keys, derivation: Derivation | None
    ) -> None:
        if not keys:
            return
        name_ref = len(self.index.names)
        self.index.names.append((place_id, pack_name(name)))
        for key, method, scheme in keys:
            variant = (method, scheme, derivation)
            self._put(self.units, key, name_ref, variant)
            loose = fold_key(key) if _LATIN.search(key) else _loose_cyrillic(key)
            self._put(self.units_folded, loose, name_ref, variant)

    def _put(
        self, table: dict[str, dict[int, int]], key: str, name_ref: int, variant: _Variant
    ) -> None:
        number = self.variant_of.get(variant)
        if number is None:
            number = self.variant_of[variant] = len(self.index.variants)
            self.index.variants.append(variant)
        # The first way of reaching a name under a key is the most literal: keep only it.
        table.setdefault(key, {}).setdefault(name_ref, name_ref << VARIANT_BITS | number)

    def finish(self) -> NameIndex:
        self.index.max_words = max(
            (key.count(" ") + key.count("-") + 1 for key in self.exact), default=0
        )
        if len(self.index.variants) >= 1 << VARIANT_BITS:
            raise OverflowError(f"more than {1 << VARIANT_BITS} index variants")
        prefixes = separators_prefixes(self.exact)
        self.index.prefixes = KeySet.of(prefixes)
        self.index.starters = KeySet.of(self.exact.keys() | prefixes)
        for table in ("exact", "folded", "units", "units_folded"):
            setattr(self.index, table, KeyTable.of(_codes_of(getattr(self, table))))
        self.index.changed()
        return self.index


def _codes_of(table: dict[str, dict[int, int]]) -> dict[str, Codes]:
    """Each key's codes: one integer, or a tuple of several in the order they were added."""
    found: dict[str, Codes] = {}
    for key, codes in table.items():
        values = tuple(codes.values())
        found[key] = values[0] if len(values) == 1 else values
    return found


_SEPARATORS = re.compile(r"([ -])")
CODE_REFS = ("katottg", "pcode", "koatuu", "oktmo")  # the refs that are codes to look up by


def separators_prefixes(keys: Iterable[str]) -> frozenset[str]:
    """The word prefixes of multi-word keys (see :attr:`NameIndex.prefixes`)."""
    prefixes = set()
    for key in keys:
        parts = _SEPARATORS.split(key)  # words and the separators between them
        for end in range(1, len(parts) - 1, 2):
            prefixes.add("".join(parts[:end]))
    return frozenset(prefixes)


def _key(text: str) -> str | None:
    keyed = index_key(normalize(text))
    return keyed[0] if keyed else None


def _generic_first_forms(text: str, lang: str) -> list[str]:
    """A name that opens with its generic word keeps the rest as written while that word
    declines («острів Зміїний» → «островом Зміїний», as the press writes it)."""
    generic, _, rest = text.partition(" ")
    if not rest or not generic.isalpha() or not generic.islower():
        return []
    keys = (_key(f"{form.text} {rest}") for form in inflect(generic, lang))
    return [key for key in keys if key]


def _keys_of(text: str, lang: str) -> tuple[_Keys, _Keys]:
    """Every exact key and folding key of a name text, most literal first."""
    own = _key(text)
    if own is None:
        return (), ()
    exact: dict[str, tuple[str, Method, str | None]] = {own: (own, Method.NORMALIZED, None)}
    latin = {own} if _LATIN.search(text) else set()
    if _CYRILLIC.search(text):
        for scheme in ordered_schemes(lang):
            rendered = _key(transliterate(text, scheme.name, lang=lang))
            if rendered:
                exact.setdefault(rendered, (rendered, Method.TRANSLIT, f"{lang}:{scheme.name}"))
                latin.add(rendered)
        if lang in INFLECTED_LANGS:
            for form in inflect(text, lang):
                key = _key(form.text)
                if key:
                    exact.setdefault(key, (key, Method.INFLECTED, None))
            for key in _generic_first_forms(text, lang):
                exact.setdefault(key, (key, Method.INFLECTED, None))
    folded = tuple(dict.fromkeys((fold_key(k), Method.TRANSLIT, None) for k in sorted(latin)))
    return tuple(exact.values()), folded
