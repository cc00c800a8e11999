"""A best-effort Russian form of a Ukrainian place name, for names with no attested Russian one.

Олександрівка → Александровка, Покровське → Покровское, Нова Каховка → Новая Каховка. The rules
are data (``rules/uk_to_ru.yaml``); their accuracy on the official KOATUU pairs is measured by
the tests. The result is a guess: the index gives it a lower score than a real name.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

import attrs

from toponyms._tables import parse_table

_RULES_FILE = "uk_to_ru.yaml"
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'"})
# A first word with these endings, followed by another word, is an agreeing adjective (Нова
# Каховка), unless it is a possessive (Олійникова Слобода), which Russian keeps short.
_ADJECTIVE_ENDINGS = ("а", "е", "і")
_POSSESSIVE_ENDINGS = ("ова", "ева", "єва", "ина", "їна")
_SHORTEST_POSSESSIVE = 5  # letters: Нова, Стара are adjectives; Олійникова is a possessive


_Rule = tuple[re.Pattern[str], str]


@attrs.frozen
class _Rules:
    stem_rules: tuple[_Rule, ...]  # endings and beginnings of nouns
    adjective_rules: tuple[_Rule, ...]  # endings of an adjective leading a two-word name
    letter_rules: tuple[_Rule, ...]  # letter for letter, after either
    samples: tuple[tuple[str, str], ...]


def russify(name: str) -> str:
    """The regular Russian counterpart of the Ukrainian place name ``name``.

    >>> russify("Олександрівка")
    'Александровка'
    >>> russify("Велика Новосілка")
    'Великая Новоселка'
    """
    rules = _rules()
    words = list(_WORD.finditer(name.translate(_APOSTROPHES)))
    text = name.translate(_APOSTROPHES)
    pieces = []
    last = 0
    for number, match in enumerate(words):
        pieces.append(text[last : match.start()])
        leads_a_pair = (
            number + 1 < len(words) and text[match.end() : words[number + 1].start()] == " "
        )
        pieces.append(_russify_word(match.group(), rules, adjective=leads_a_pair))
        last = match.end()
    pieces.append(text[last:])
    return "".join(pieces)


def _russify_word(word: str, rules: _Rules, *, adjective: bool) -> str:
    lower = word.lower()
    possessive = lower.endswith(_POSSESSIVE_ENDINGS) and len(lower) > _SHORTEST_POSSESSIVE
    if adjective and lower.endswith(_ADJECTIVE_ENDINGS) and not possessive:
        ending_rules = rules.adjective_rules
    else:
        ending_rules = rules.stem_rules
    for pattern, replacement in (*ending_rules, *rules.letter_rules):
        lower = pattern.sub(replacement, lower)
    return _restore_case(word, lower)


def _restore_case(original: str, lower: str) -> str:
    if original.isupper() and len(original) > 1:
        return lower.upper()
    if original[:1].isupper():
        return lower[:1].upper() + lower[1:]
    return lower


@functools.cache
def _rules() -> _Rules:
    text = resources.files("toponyms.text").joinpath("rules", _RULES_FILE).read_text("utf-8")
    raw = parse_table(text)

    def compiled(*sections: str) -> tuple[_Rule, ...]:
        return tuple((re.compile(p), r) for section in sections for p, r in raw[section])

    return _Rules(
        stem_rules=compiled("endings", "beginnings"),
        adjective_rules=compiled("adjectives"),
        letter_rules=compiled("letters"),
        samples=tuple((str(a), str(b)) for a, b in raw["samples"]),
    )


def samples() -> tuple[tuple[str, str], ...]:
    """The (Ukrainian, expected Russian) samples of the rules file, for the tests."""
    return _rules().samples
