"""The units a parent or ``within`` names: «Покровський р-н», "Svatove", "Donetska", UA14.

A parent is written every way a table writes it: a unit's full name in any language, its
adjective alone (Донецька, Donetska), with an abbreviated head (р-н, обл.), the name of its centre
("Svatove" for Svatove raion and hromada), a P-code, KATOTTG or KOATUU code, or a place id. Its
namesakes are all kept: a place qualified by the parent must lie in one of them, and the other
qualifiers of the row (its oblast) narrow them further.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from toponyms.geocoding.query import centre_kinds, strip_type_word
from toponyms.index import Derivation, IndexEntry
from toponyms.model import Kind
from toponyms.text.normalize import normalize
from toponyms.text.tokenize import index_key
from toponyms.units import UNIT_KINDS, between_words, class_kinds, heads

if TYPE_CHECKING:
    from toponyms.gazetteer import Gazetteer

# Codes as tables write them: a KATOTTG code or P-code, a 10-digit KOATUU, an 8 or 11-digit OKTMO.
CODE = re.compile(r"(?i:ua)\s*\d{2}(?:[\s.-]*\d)*|\d{10}|\d{8}(?:\d{3})?")
SCOPE_KINDS = UNIT_KINDS | {Kind.COUNTRY}
# How specific a unit is as a qualifier: a place in the hromada named is surer than one in the
# oblast of the same name ("Donetsk": the raion and hromada, and the oblast through its capital).
SPECIFICITY = {Kind.HROMADA: 3, Kind.RAION: 2, Kind.OBLAST: 1, Kind.REGION: 1, Kind.COUNTRY: 0}


def is_code(text: str) -> bool:
    """Whether ``text`` is written as an official code rather than a name."""
    return CODE.fullmatch(text.strip()) is not None


def units_named(
    gazetteer: Gazetteer, text: str, kinds: frozenset[Kind] = SCOPE_KINDS
) -> tuple[str, ...]:
    """The ids of the units of ``kinds`` (any unit or country by default) that ``text`` may
    name, most specific first; an empty tuple when it names none.

    >>> from toponyms import load
    >>> units_named(load(), "Покровський р-н")
    ('ua/donetska/pokrovskyi-raion',)
    >>> units_named(load(), "Svatove")
    ('ua/luhanska/svativska-hromada', 'ua/luhanska/svativskyi-raion')
    """
    text = text.strip()
    if not text:
        return ()
    if text in gazetteer:
        return (text,)
    if is_code(text):
        coded = gazetteer.index.find_code(text)
        return tuple(unit for unit in dict.fromkeys(coded) if gazetteer[unit].kind in kinds)
    text, _ = strip_type_word(text)  # «м. Покровськ» as a parent: the units it is the centre of
    keyed = index_key(normalize(text))
    if keyed is None:
        return ()
    key = keyed[0]
    modifier, head_kinds = _split_head(key)
    if head_kinds is not None:
        kinds = kinds & head_kinds
    index = gazetteer.index
    found = _unit_ids(index.find(key), gazetteer, kinds)
    found += _unit_ids(index.find_unit(modifier or key), gazetteer, kinds)
    if not found:
        found += _unit_ids(index.find_unit_loose(modifier or key), gazetteer, kinds)
        found += _unit_ids(index.find_folded(key), gazetteer, kinds)
    unique = list(dict.fromkeys(found))
    centres = centre_kinds(text)
    if centres is not None:  # «сільська громада»: among namesakes, the one centred on a village
        typed = [
            unit
            for unit in unique
            if gazetteer[unit].kind is not Kind.HROMADA or centre_kind(gazetteer, unit) in centres
        ]
        unique = typed or unique
    return tuple(sorted(unique, key=lambda unit: -SPECIFICITY.get(gazetteer[unit].kind, 0)))


def centre_kind(gazetteer: Gazetteer, unit: str) -> Kind | None:
    """The kind of the place a unit is centred on, or None."""
    capital = gazetteer[unit].capital
    return gazetteer[capital].kind if capital is not None and capital in gazetteer else None


def _split_head(key: str) -> tuple[str | None, frozenset[Kind] | None]:
    """A unit phrase's modifier and the kinds its head allows («покровський р-н» → покровський,
    raion), or (None, None) when the key ends with no head."""
    words = key.split(" ")
    table = heads()
    for size in range(min(3, len(words) - 1), 0, -1):
        head = table.get(" ".join(words[-size:]))
        if head is None or head.plural:
            continue
        rest = words[:-size]
        while rest and rest[-1] in between_words():
            rest = rest[:-1]
        if rest:
            return " ".join(rest), class_kinds()[head.unit_class]
    return None, None


def _unit_ids(
    entries: tuple[IndexEntry, ...], gazetteer: Gazetteer, kinds: frozenset[Kind]
) -> list[str]:
    found = []
    for entry in entries:
        kind = gazetteer[entry.place_id].kind
        # "Kyiv" names the oblast through its capital, but a country is no qualifier by it.
        national = kind is Kind.COUNTRY and entry.derivation is Derivation.CAPITAL
        if kind in kinds and not national:
            found.append(entry.place_id)
    return found
