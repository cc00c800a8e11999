"""The administrative-phrase table: head nouns of units and how a unit's name splits into its
modifier and its head (Гуляйпільська | територіальна громада, Pokrovsk | Raion).

Shared by the index, which keys every unit under its modifier, and by the phrase stage, which
reads "modifier [type word] head" in text (:mod:`toponyms.phrases`). The table is
``tables/phrases.yaml``.
"""

from __future__ import annotations

import functools
import re

import attrs

from toponyms._tables import read_table
from toponyms.model import Kind
from toponyms.text.normalize import normalize

# Places that administrative phrases name; only these are keyed by their modifiers.
UNIT_KINDS = frozenset({Kind.OBLAST, Kind.REGION, Kind.RAION, Kind.HROMADA})


@attrs.frozen
class Head:
    """A head noun as met in text: the class of unit it names and whether it is plural."""

    unit_class: str
    plural: bool
    words: int  # tokens it spans: «р-н» is two, "territorial community" two


@functools.cache
def _table() -> dict[str, object]:
    table: dict[str, object] = read_table("phrases.yaml")
    return table


@functools.cache
def class_kinds() -> dict[str, frozenset[Kind]]:
    """Each head class with the kinds of place it may name."""
    classes: dict[str, list[str]] = _table()["classes"]  # type: ignore[assignment]
    return {name: frozenset(Kind(kind) for kind in kinds) for name, kinds in classes.items()}


@functools.cache
def heads() -> dict[str, Head]:
    """Every head noun (as a token key, any language) → its :class:`Head`.

    A word that is a head in several languages takes the first class the table gives it.
    """
    found: dict[str, Head] = {}
    table: dict[str, dict[str, dict[str, list[str]]]] = _table()["heads"]  # type: ignore[assignment]
    for classes in table.values():
        for unit_class, numbers in classes.items():
            for number, words in numbers.items():
                for word in words:
                    key = normalize(word)
                    head = Head(unit_class, number == "plural", key.count(" ") + key.count("-") + 1)
                    found.setdefault(key, head)
    return found


@functools.cache
def head_starts() -> frozenset[str]:
    """The first words of the head nouns («р» of «р-н»): where a head can start."""
    return frozenset(re.split("[ -]", key, maxsplit=1)[0] for key in heads())


@functools.cache
def between_words() -> frozenset[str]:
    """Type words that may stand between a modifier and its head (сільська, городской)."""
    table: dict[str, list[str]] = _table()["between"]  # type: ignore[assignment]
    return frozenset(normalize(word) for words in table.values() for word in words)


@functools.cache
def _own_names() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = _table()["own_names"]  # type: ignore[assignment]
    return {name: tuple(normalize(head) for head in heads) for name, heads in table.items()}


def names_the_class(name: str, unit_class: str) -> bool:
    """Whether a unit's name may stand for a phrase of ``unit_class``: a class with names of its
    own (an occupation-era republic) takes only those; the others take every other name."""
    folded = normalize(name)
    own = _own_names()
    if unit_class in own:
        return folded.endswith(own[unit_class])
    return not any(folded.endswith(heads) for heads in own.values())


@functools.cache
def abbreviations() -> frozenset[str]:
    """Abbreviated heads whose full stop is part of the phrase («обл.»)."""
    words: list[str] = _table()["abbreviations"]  # type: ignore[assignment]
    return frozenset(words)


@functools.cache
def qualifier_gaps() -> frozenset[str]:
    """What may stand between a place and the unit written to qualify it."""
    gaps: list[str] = _table()["qualifier_gaps"]  # type: ignore[assignment]
    return frozenset(gaps)


@functools.cache
def _name_heads(lang: str) -> tuple[str, ...]:
    table: dict[str, list[str]] = _table()["name_heads"]  # type: ignore[assignment]
    return tuple(normalize(head) for head in table.get(lang, ()))


def split_unit_name(text: str, lang: str) -> tuple[str, str] | None:
    """A unit's name as (modifier, head), both as written, or None when it has no known head.

    >>> split_unit_name("Гуляйпільська територіальна громада", "uk")
    ('Гуляйпільська', 'територіальна громада')
    >>> split_unit_name("Pokrovsk Raion", "en")
    ('Pokrovsk', 'Raion')
    >>> split_unit_name("Республика Крым", "ru") is None
    True
    """
    folded = normalize(text)
    for head in _name_heads(lang.split("-")[0]):
        if folded.endswith(" " + head) and len(folded) == len(text):
            cut = len(text) - len(head)
            modifier = text[: cut - 1].strip()
            if modifier:
                return modifier, text[cut:]
    return None
