"""The administrative centres of Ukraine's raions and hromadas, and the English hromada names.

A raion or hromada is named after its centre with an adjective (Покровський район, Гуляйпільська
громада); its centre is the settlement of the unit whose adjective
(``toponyms.text.inflect.derive``) is the unit's name. KATOTTG numbers a hromada's centre 001,
which settles a hromada whose centre's adjective the rules do not derive. The centre becomes the
unit's ``capital``, so that the index also finds the unit under the centre's names ("the Pokrovsk
district"), and names the hromada in English as English text writes it: "Huliaipole hromada".
"""

from __future__ import annotations

import functools
import logging
import re
from collections import defaultdict

import toponyms
from gazetteer_build.katottg import SETTLEMENT_CATEGORIES, Unit
from gazetteer_build.places import Draft, make_name
from gazetteer_build.text import caps_key
from toponyms.text.inflect import Case, FormKind, derive

log = logging.getLogger("build_gazetteer")
EN_HROMADA = "{} hromada"
CATEGORY_RANK = {"M": 0, "X": 1, "C": 2}  # a city before a selyshche before a village
ADJECTIVE_ENDING = re.compile("(ий|ій|а|я)$")  # masculine (raion) and feminine (hromada)
STEM_LETTERS = 4  # a hromada's number 001 that begins like its name is its centre


def apply(units: dict[str, Unit], by_code: dict[str, Draft]) -> None:
    """Set the capital of every raion and hromada that has a known centre, and the English
    name of every hromada from its centre."""
    in_unit: dict[str, list[Unit]] = defaultdict(list)
    for unit in units.values():
        if unit.category in SETTLEMENT_CATEGORIES:
            for level in (unit.raion, unit.hromada):
                if level:
                    in_unit[level].append(unit)
    found: dict[str, Unit] = {}
    for code, unit in units.items():
        centre = _hromada_centre(unit, in_unit[code]) if unit.category == "H" else None
        if centre is not None:
            found[code] = centre
            english = EN_HROMADA.format(_english(by_code[centre.code]))
            by_code[code].add_name(make_name(english, "en"))
    stems = {(u.raion, _stem(u.name)): c for c, u in units.items() if c in found and u.raion}
    for code, unit in units.items():
        if unit.category == "P":
            hromada = stems.get((code, _stem(unit.name)))
            centre = found[hromada] if hromada else _named(unit, in_unit[code])
            if centre is not None:
                found[code] = centre
    for code, centre in found.items():
        by_code[code].capital = by_code[centre.code].id
    unplaced = [u.name for c, u in units.items() if u.category in ("P", "H") and c not in found]
    log.info("raions and hromadas without a known centre: %d %s", len(unplaced), unplaced[:10])


def _hromada_centre(unit: Unit, settlements: list[Unit]) -> Unit | None:
    """The centre of a hromada: its settlement number 001 when that is named like it (or begins
    like it: Іллінці of Іллінецька громада, beside a village Іллінецьке), else the settlement
    named like it, else number 001."""
    numbered = [s for s in settlements if s.is_centre]
    first = numbered[0] if len(numbered) == 1 else None
    name = caps_key(unit.name)
    if first and (name in _adjectives(first.name) or _shares_stem(first.name, unit.name)):
        return first
    return _named(unit, settlements) or first


def _named(unit: Unit, settlements: list[Unit]) -> Unit | None:
    """The settlement of ``settlements`` whose adjective is the unit's name (a city first)."""
    name = caps_key(unit.name)
    named = [s for s in settlements if name in _adjectives(s.name)]
    if not named:
        return None
    return min(named, key=lambda s: (CATEGORY_RANK[s.category], s.code))


def _stem(adjective: str) -> str:
    """An adjective without its ending, so that Покровський (raion) meets Покровська (hromada)."""
    return ADJECTIVE_ENDING.sub("", caps_key(adjective))


def _shares_stem(name: str, adjective: str) -> bool:
    return caps_key(name)[:STEM_LETTERS] == caps_key(adjective)[:STEM_LETTERS]


@functools.cache
def _adjectives(name: str) -> frozenset[str]:
    return frozenset(
        caps_key(form.text)
        for form in derive(name, "uk")
        if form.kind == FormKind.ADJECTIVE and form.case == Case.NOM
    )


def _english(draft: Draft) -> str:
    """The centre's name in English: its official English name, else its KMU 2010 romanization."""
    english = draft.official("en")
    if english:
        return english
    return toponyms.transliterate(
        draft.official("uk") or draft.names[0]["text"], "kmu2010", lang="uk"
    )
