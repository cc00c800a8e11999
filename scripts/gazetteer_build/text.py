"""Text helpers of the build: cleaning names, restoring case, slugs, guessing a language."""

from __future__ import annotations

import functools
import re
import unicodedata

import toponyms

APOSTROPHE = "\u2019"  # the Ukrainian apostrophe as KATOTTG writes it
APOSTROPHES = "'\u2019\u02bc`\u2018"
STRESS = "\u0301"  # the acute stress mark of dictionary forms (Рейк’я́вік)
_SEPARATOR = re.compile(r"([ \-\u2013\u2014])")
_SPACES = re.compile(r"\s+")
# Words written in lower case inside a multi-word name (prepositions, conjunctions, type words).
LOWER_WORDS = frozenset(
    [
        "на",
        "над",
        "під",
        "под",
        "при",
        "біля",
        "де",
        "ла",
        "ле",
        "і",
        "й",
        "та",
        "и",
        "з",
        "із",
        "зі",
        "у",
        "в",
        "во",
        "к",
        "об",
        "область",
        "района",
        "район",
        "край",
        "громада",
        "республіка",
        "республика",
    ]
)
UK_ONLY = frozenset("іїєґ")
RU_ONLY = frozenset("ыэёъ")
COMMON_CYRILLIC = frozenset("абвгдежзийклмнопрстуфхцчшщьюя")
UK_LETTERS = COMMON_CYRILLIC | UK_ONLY
RU_LETTERS = COMMON_CYRILLIC | RU_ONLY
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
_SLUG_DROP = re.compile(r"[^a-z0-9-]+")
_DASHES = re.compile(r"-{2,}")


def clean(text: str) -> str:
    """Trim and collapse spaces, drop stress marks, and write every apostrophe as ’."""
    text = _SPACES.sub(" ", text.replace(STRESS, "")).strip()
    for mark in APOSTROPHES:
        text = text.replace(mark, APOSTROPHE)
    return text


def restore_case(caps: str, model: str | None = None) -> str:
    """Write a name given in capitals (KOATUU) in normal case.

    Where ``model`` (the same name in another language, already in normal case) splits into as
    many words, each word follows the case of the model's word; otherwise every word is
    capitalized but the prepositions and type words of ``LOWER_WORDS`` after the first.
    """
    parts = _SEPARATOR.split(clean(caps).lower())
    words = parts[0::2]
    model_words = _SEPARATOR.split(model)[0::2] if model else []
    if len(model_words) != len(words):
        model_words = []
    out = []
    for index, word in enumerate(words):
        if model_words:
            upper = model_words[index][:1].isupper()
        else:
            upper = index == 0 or word not in LOWER_WORDS
        out.append(word[:1].upper() + word[1:] if upper else word)
    parts[0::2] = out
    return "".join(parts)


def caps_key(text: str) -> str:
    """A key under which KOATUU capitals and KATOTTG names of one name meet."""
    return clean(text).casefold().replace("ё", "е")


def _slug(romanized: str) -> str:
    decomposed = unicodedata.normalize("NFKD", romanized.lower())
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    for mark in APOSTROPHES + "ʹ":
        text = text.replace(mark, "")
    text = _SLUG_DROP.sub("", text.replace(" ", "-"))
    return _DASHES.sub("-", text).strip("-")


@functools.cache
def slug_uk(name: str) -> str:
    """The id segment of a Ukrainian name: KMU 2010, lower case, [a-z0-9-] only."""
    return _slug(toponyms.transliterate(clean(name), "kmu2010", lang="uk"))


@functools.cache
def slug_ru(name: str) -> str:
    """The id segment of a Russian name: BGN/PCGN, lower case, [a-z0-9-] only."""
    return _slug(toponyms.transliterate(clean(name), "bgn_pcgn", lang="ru"))


def is_cyrillic(text: str) -> bool:
    """Whether ``text`` has a Cyrillic letter and no Latin one."""
    return bool(_CYRILLIC.search(text)) and not _LATIN.search(text)


def is_latin(text: str) -> bool:
    """Whether ``text`` has a Latin letter and no letter of another script."""
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(_LATIN.fullmatch(ch) for ch in letters)


def cyrillic_lang(text: str) -> str | None:
    """``uk`` or ``ru`` when the letters of a Cyrillic name mark it as such, else None.

    і/ї/є/ґ mark Ukrainian and ы/э/ё/ъ Russian; a name with both, or with letters of neither
    alphabet (Belarusian ў, Serbian ј …), or with neither mark, is not classified.
    """
    letters = {ch for ch in text.lower() if ch.isalpha()}
    if letters <= UK_LETTERS and letters & UK_ONLY:
        return "uk"
    if letters <= RU_LETTERS and letters & RU_ONLY:
        return "ru"
    return None


def is_neutral_cyrillic(text: str) -> bool:
    """Whether a Cyrillic name uses only letters common to Ukrainian and Russian."""
    letters = {ch for ch in text.lower() if ch.isalpha()}
    return bool(letters) and letters <= COMMON_CYRILLIC
