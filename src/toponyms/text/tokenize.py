"""Word tokens with offsets, and how each token joins the next one inside a multi-word name.

Works on normalized text (see :mod:`toponyms.text.normalize`), where apostrophes are already
``'``, dashes ``-`` and spaces `` ``. A word is a run of letters or digits with inner apostrophes
(слов'янськ); a hyphen or a space between two words may continue a name (гуляй-поле, часів яр),
any other character ends it.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_WORD_AND_GAP = re.compile(r"([^\W_]+(?:'[^\W_]+)*)([\s-]*)")  # a word, then spaces or hyphens
_POSSESSIVE = "'s"  # the English possessive ending, not part of a name
_LATIN_END = "\u0250"  # code points below this are Latin letters (and digits)
SPACE = " "
HYPHEN = "-"


class Token(NamedTuple):
    """A word of normalized text: ``text[start:end]``, and how it joins the next word.

    ``join`` is ``" "`` or ``"-"`` when the next word may continue a name, else None. (A named
    tuple: a text has a token per word, and tuples are built several times faster.)
    """

    start: int
    end: int
    text: str
    join: str | None


def tokenize(text: str) -> list[Token]:
    """Split normalized ``text`` into word tokens that know how they join the next one.

    >>> [(t.text, t.join) for t in tokenize("під гуляй-полем, у часів яру")]
    [('під', ' '), ('гуляй', '-'), ('полем', None), ('у', ' '), ('часів', ' '), ('яру', None)]
    >>> [t.text for t in tokenize("russia's embassy")]
    ['russia', 'embassy']
    """
    matches = list(_WORD_AND_GAP.finditer(text))
    tokens = []
    last = len(matches) - 1
    for number, match in enumerate(matches):
        word, end = match.group(1), match.end(1)
        join = None
        if number < last and matches[number + 1].start() == match.end():
            gap = match.group(2)
            if not gap.strip():
                join = SPACE if gap else None
            elif gap.count(HYPHEN) == 1 and gap.strip() == HYPHEN:
                join = HYPHEN
        if word.endswith(_POSSESSIVE) and word[0] < _LATIN_END:  # Russia's, Kyiv's
            # The name may go on (Donetsk People's Republic): the join is kept.
            word, end = word[: -len(_POSSESSIVE)], end - len(_POSSESSIVE)
        tokens.append(Token(match.start(1), end, word, join))
    return tokens


def index_key(normalized_name: str) -> tuple[str, int] | None:
    """The index key of an already normalized name and its number of words, or None if empty.

    Separators are canonicalized the way :func:`tokenize` joins words, so that a name and the
    same words in running text produce the same key.

    >>> index_key("гуляй - поле")
    ('гуляй-поле', 2)
    """
    if _WORD.fullmatch(normalized_name):  # most names are one word: skip the tokenizer
        return normalized_name, 1
    tokens = tokenize(normalized_name)
    if not tokens:
        return None
    parts = []
    for token in tokens:
        parts.append(token.text)
        parts.append(token.join or SPACE)
    return "".join(parts[:-1]), len(tokens)
