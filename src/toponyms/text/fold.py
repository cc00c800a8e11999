"""Folding keys: lossy ASCII keys under which different romanizations of one name meet.

``fold_key`` is the spelling key of the shared reference (§6.1): Krasnoarmeysk, Krasnoarmiisk and
Krasnoarmijsk all give ``krasnoarmisk``; Kharkiv and Kharkov stay apart (the reference folds no
o/i alternation), and so do Kharkiv and Charkiw (х written kh against ch). ``fold_key_loose`` also
merges ж=ш, х=ч=h and ц=s=z, so Charkiw meets Kharkiv; it is meant for proposing fuzzy candidates,
never for an exact match. The steps and their tables are in ``tables/folding.yaml``.

Cyrillic text is first romanized with the schemes that the table names: at present the Ukrainian
national system (KMU 2010) when the text has a letter that only Ukrainian has, then Russian
BGN/PCGN for whatever Cyrillic is left. So Харків folds like Kharkiv and Харьков like Kharkov.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from importlib import resources
from typing import Any

import attrs

from toponyms._tables import parse_table
from toponyms.text.translit import transliterate

_TABLE_FILE = ("tables", "folding.yaml")
_CYRILLIC = re.compile("[\u0400-\u052f]")
_RUNS = re.compile(r"(.)\1+")
# Written back, some symbol pairs spell another class (s + ч is "sch", which is ш), so the key is
# folded again until it settles: two or three passes in all that Hypothesis found; the bound only
# guards against a table edit that would make the rewrites cycle.
_MAX_PASSES = 4
_CACHED_KEYS = 1 << 16  # words of running text repeat: their keys are worth keeping


@attrs.frozen(kw_only=True, eq=False)
class _Folding:
    romanize: tuple[tuple[str, str, frozenset[str]], ...]  # (lang, scheme, letters that trigger)
    expand: dict[int, str]  # and deletions, to ""
    touched: re.Pattern[str]  # any character that `expand` changes
    classes: re.Pattern[str]
    class_of: dict[str, str]
    rewrites: tuple[tuple[re.Pattern[str], str], ...]
    spell: dict[int, str]
    loose_merge: dict[int, str]
    loose_spell: dict[int, str]


def fold_key(text: str) -> str:
    """The spelling key of ``text``: romanizations of one name that differ in spelling meet.

    Raises TypeError for a non-str argument.

    >>> fold_key("Krasnoarmeysk") == fold_key("Krasnoarmijsk") == fold_key("Красноармійськ")
    True
    >>> fold_key("Zaporizhzhya")
    'zaporizha'
    """
    return _settled(text, loose=False)


def fold_key_loose(text: str) -> str:
    """The loose key of ``text``: the spelling key with ж=ш, х=ч=h and ц=s=z merged.

    Use it only to propose candidates for fuzzy matching. Raises TypeError for a non-str argument.

    >>> fold_key_loose("Charkiw") == fold_key_loose("Kharkiv")
    True
    """
    return _settled(text, loose=True)


def _settled(text: str, *, loose: bool) -> str:
    if not isinstance(text, str):
        raise TypeError(f"fold_key expects str, not {type(text).__name__}")
    return _settled_cached(text, loose)


@functools.lru_cache(maxsize=_CACHED_KEYS)
def _settled_cached(text: str, loose: bool) -> str:
    folding = _folding()
    key = _fold(folding, text, loose=loose)
    for _ in range(_MAX_PASSES):
        again = _fold(folding, key, loose=loose)
        if again == key:
            break
        key = again
    return key


def _fold(folding: _Folding, text: str, *, loose: bool) -> str:
    if _CYRILLIC.search(text):
        text = _romanize(folding, text)
    ascii_only = text.isascii()
    text = text.lower() if ascii_only else unicodedata.normalize("NFKC", text).casefold()
    if folding.touched.search(text):
        text = text.translate(folding.expand)  # expansions and deletions
    if not ascii_only:
        text = _strip_marks(text)
    text = folding.classes.sub(lambda match: folding.class_of[match.group()], text)
    text = _RUNS.sub(_first, text)
    for pattern, replace in folding.rewrites:
        text = pattern.sub(replace, text)
    if loose:
        text = text.translate(folding.loose_merge)
    text = _RUNS.sub(_first, text)
    if text.isascii():  # no class symbol left to spell
        return text
    return text.translate(folding.loose_spell if loose else folding.spell)


def _strip_marks(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _first(match: re.Match[str]) -> str:
    return match.group(1)


def _romanize(folding: _Folding, text: str) -> str:
    for lang, scheme, trigger in folding.romanize:
        if _CYRILLIC.search(text) and (not trigger or not trigger.isdisjoint(text.lower())):
            text = transliterate(text, scheme, lang=lang)
    return text


@functools.cache
def _folding() -> _Folding:
    raw: dict[str, Any] = parse_table(
        resources.files("toponyms.text").joinpath(*_TABLE_FILE).read_text("utf-8")
    )
    class_of = {spelling: symbol for symbol, items in raw["classes"].items() for spelling in items}
    longest_first = sorted(class_of, key=lambda s: (-len(s), s))
    vowels = re.escape(raw["vowels"])
    letter_classes = {"V": f"[{vowels}]", "C": rf"[^\W\d_{vowels}]"}
    spell = str.maketrans(raw["spell"])
    return _Folding(
        romanize=tuple(
            (p["lang"], p["scheme"], frozenset(p.get("when_any", ""))) for p in raw["cyrillic"]
        ),
        expand=str.maketrans({**raw["expand"], **dict.fromkeys(raw["delete"], "")}),
        touched=re.compile("[" + re.escape("".join([*raw["expand"], *raw["delete"]])) + "]"),
        classes=re.compile("|".join(map(re.escape, longest_first))),
        class_of=class_of,
        rewrites=tuple(
            (re.compile(r["pattern"].format(**letter_classes)), r["replace"])
            for r in raw["rewrites"]
        ),
        spell=spell,
        loose_merge=str.maketrans(raw["loose"]["merge"]),
        loose_spell={**spell, **str.maketrans(raw["loose"]["spell"])},
    )
