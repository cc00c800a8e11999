"""GeoNames alternate names, sorted into languages, with what the library derives left out.

GeoNames' alternate names carry no language. A Cyrillic name with і/ї/є/ґ is taken as
Ukrainian and one with ы/э/ё/ъ as Russian (status ``variant``); a Cyrillic name with neither
mark is Russian only when it folds like a former Ukrainian name of the place (Красноармейск
beside Красноармійськ: a Russian former name, same period); any other Cyrillic name is
skipped. A Latin name is kept as an English ``variant`` only when its folding key differs from
that of every rendering of the place's Cyrillic names in every scheme: the library derives
those itself. Names in other scripts are dropped.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

import toponyms
from gazetteer_build.places import OFFICIAL, Draft, make_name
from gazetteer_build.text import STRESS, caps_key, clean, cyrillic_lang, is_cyrillic, is_latin

_VOWELS = re.compile("[aeiouy]")
# Romanized adjective endings (Artemovskiy, Zeleny, Krasnoarmeyskoye): an alternate that ends so
# while no official name of the place does is the name of its district or an adjective.
ADJECTIVE_ENDING = re.compile(
    r"(iy|yy|yi|ij|yj|ii|sky|ski|ny|oye|oe|oie|aya|aja|aia)$", re.IGNORECASE
)
SCHEME = {"uk": "kmu2010", "ru": "bgn_pcgn"}  # the romanization that stands for a language
# Spellings impossible in Russian: ы after к/г/х/ж/ш/ч/щ, э after a consonant, ъ not before a
# iotated vowel. They mark Belarusian or Crimean Tatar forms that the letter test takes for Russian.
NOT_RUSSIAN = re.compile("[кгхжшчщ]ы|[бвгджзклмнпрстфхцчшщ]э|ъ(?![еёюя])", re.IGNORECASE)
_UNWANTED = re.compile(r"[\d(),/;:\"]")
MIN_LENGTH = 3  # shorter alternates are abbreviations and codes
CODE_LENGTH = 4  # an all-capital Latin alternate this short is a code (IATA, ICAO), not a name


@functools.cache
def _schemes(lang: str) -> tuple[str, ...]:
    return tuple(s.name for s in toponyms.schemes() if s.lang == lang)


@functools.cache
def derived_keys(text: str, lang: str) -> frozenset[str]:
    """Folding keys of every romanization of a Cyrillic name in the schemes of its language."""
    keys = {toponyms.fold_key(text)}
    for scheme in _schemes(lang):
        keys.add(toponyms.fold_key(toponyms.transliterate(text, scheme, lang=lang)))
    return frozenset(keys)


def _known_keys(draft: Draft) -> set[str]:
    keys: set[str] = set()
    for name in draft.names:
        lang = name["lang"].split("-")[0]
        if is_cyrillic(name["text"]) and lang in ("uk", "ru"):
            keys |= derived_keys(name["text"], lang)
        else:
            keys.add(toponyms.fold_key(name["text"]))
    return keys


@dataclass(frozen=True)
class Taken:
    """Official names of all places: an alternate that is another place's name is skipped, as
    GeoNames lists old names that other villages bear today (Кіровське, Новоселівка)."""

    cyrillic: frozenset[str]  # caps keys
    latin: frozenset[str]  # folding keys of their national romanizations

    @classmethod
    def of(cls, drafts: Iterable[Draft]) -> Taken:
        """The names taken by ``drafts``."""
        cyrillic, latin = set(), set()
        for draft in drafts:
            for name in draft.names:
                if name.get("status", OFFICIAL) != OFFICIAL:
                    continue
                if name["lang"] in SCHEME:
                    cyrillic.add(caps_key(name["text"]))
                    romanized = toponyms.transliterate(
                        name["text"], SCHEME[name["lang"]], lang=name["lang"]
                    )
                    latin.add(toponyms.fold_key(romanized))
                elif is_latin(name["text"]):
                    latin.add(toponyms.fold_key(name["text"]))
        return cls(frozenset(cyrillic), frozenset(latin))


def add_alternates(draft: Draft, alternates: Iterable[str], taken: Taken) -> int:
    """Add the useful ``alternates`` to ``draft``; return how many were added."""
    added = 0
    latin: list[str] = []
    own = {caps_key(name["text"]) for name in draft.names}
    for raw in alternates:
        text = raw.replace(STRESS, "").strip()
        if len(text) < MIN_LENGTH or _UNWANTED.search(text):
            continue
        if is_cyrillic(text):
            if caps_key(text) not in own and caps_key(text) in taken.cyrillic:
                continue
            added += _add_cyrillic(draft, clean(text))
        elif text.isascii() and is_latin(text) and not _is_code(text) and not _has_lower_word(text):
            latin.append(text)
    known = _known_keys(draft)
    endings = _official_endings(draft)
    for text in latin:
        ending = ADJECTIVE_ENDING.search(text)
        if ending and ending.group(1).lower() not in endings:
            continue
        key = toponyms.fold_key(text)
        if key not in known and key not in taken.latin:
            known.add(key)
            added += draft.add_name(make_name(text, "en", "variant"))
    return added


def _official_endings(draft: Draft) -> set[str]:
    """Adjective endings of the romanized official names of a place (Chervonyi → yi)."""
    endings = set()
    for name in draft.names:
        if name.get("status", OFFICIAL) == OFFICIAL and name["lang"] in SCHEME:
            romanized = toponyms.transliterate(
                name["text"], SCHEME[name["lang"]], lang=name["lang"]
            )
            found = ADJECTIVE_ENDING.search(romanized)
            if found:
                endings.add(found.group(1).lower())
        elif name.get("status", OFFICIAL) == OFFICIAL:
            found = ADJECTIVE_ENDING.search(name["text"])
            if found:
                endings.add(found.group(1).lower())
    return endings


def _has_lower_word(text: str) -> bool:
    """Whether a word is all lower case: a romanized CJK name (pokuroushiku) or a description
    in another language (Asbest i Russland, Lungsod ng Sankt-Peterburg)."""
    return any(word.islower() for word in text.split())


def _is_code(text: str) -> bool:
    return text.isupper() and len(text) <= CODE_LENGTH


def _add_cyrillic(draft: Draft, text: str) -> int:
    lang = cyrillic_lang(text)
    if lang == "ru" and NOT_RUSSIAN.search(text):
        return 0
    if lang is None:
        return _add_russian_former(draft, text)
    if any(n["lang"] == lang and caps_key(n["text"]) == caps_key(text) for n in draft.names):
        return 0
    return int(draft.add_name(make_name(text, lang, "variant")))


def _add_russian_former(draft: Draft, text: str) -> int:
    if any(caps_key(n["text"]) == caps_key(text) for n in draft.names):
        return 0
    key = skeleton(text)
    for name in list(draft.names):
        status = name.get("status", OFFICIAL)
        if name["lang"] == "uk" and status == "former" and skeleton(name["text"]) == key:
            until = name.get("until")
            note = name.get("note")
            return int(draft.add_name(make_name(text, "ru", "former", until=until, note=note)))
    return 0


def skeleton(text: str) -> str:
    """The consonants of a name's folding key: Артемовск and Артемівськ share ``rtmvsk``."""
    key = toponyms.fold_key(text).replace("g", "h")  # Russian г is g, Ukrainian г is h
    return key[:1] + _VOWELS.sub("", key[1:])
