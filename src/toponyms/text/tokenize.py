"""Word tokens with offsets, and how each token joins the next one inside a multi-word name.

Works on normalized text (see :mod:`toponyms.text.normalize`), where apostrophes are already
``'``, dashes ``-`` and spaces `` ``. A word is a run of letters or digits with inner apostrophes
(слов'янськ); a hyphen or a space between two words may continue a name (гуляй-поле, часів яр),
any other character ends it.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Container, Iterator
from typing import NamedTuple

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
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

    The per-character and per-word work runs in C: one regular-expression split, offsets as
    running sums of the parts' lengths, each gap's join looked up by its text, and the tokens
    built by ``zip``. No Python runs per word (docs/matching.md, "The candidate scan").

    >>> [(t.text, t.join) for t in tokenize("під гуляй-полем, у часів яру")]
    [('під', ' '), ('гуляй', '-'), ('полем', None), ('у', ' '), ('часів', ' '), ('яру', None)]
    >>> [t.text for t in tokenize("russia's embassy")]
    ['russia', 'embassy']
    """
    parts = _WORD_SPLIT.split(text)  # gap, word, gap, word, …, gap
    if len(parts) == 1:
        return []
    bounds = list(itertools.accumulate(map(len, parts)))
    words = parts[1::2]
    starts = bounds[0:-1:2]  # a word starts where the gap before it ends
    ends = bounds[1::2]
    joins = list(map(_JOINS.__getitem__, parts[2::2]))
    joins[-1] = None  # the last word joins nothing
    if _POSSESSIVE in text:
        _drop_possessives(words, ends)
    fields = zip(starts, ends, words, joins, strict=True)
    return list(map(_new_tuple, itertools.repeat(Token), fields))


def word_positions(tokens: list[Token], *vocabularies: Container[str]) -> list[int]:
    """The positions of the tokens whose text is in any of ``vocabularies``, in order.

    A C-level pass (membership tests mapped over the words): the stages that look for index
    keys or head nouns run Python only where one stands.

    >>> word_positions(tokenize("бої під покровськом"), {"покровськом"}, {"бої"})
    [0, 2]
    """
    words = list(map(_TEXT, tokens))
    flags: Iterator[bool] = map(vocabularies[0].__contains__, words)
    for vocabulary in vocabularies[1:]:
        flags = map(operator.or_, flags, map(vocabulary.__contains__, words))
    return list(itertools.compress(itertools.count(), flags))


class _JoinTable(dict[str, str | None]):
    """The join of the gap between two words, by the gap's text: a gap of spaces is a space,
    one hyphen among spaces a hyphen, anything else ends a name. Gaps repeat (" ", ", "), so
    each distinct one is classified once; the table stops growing at a bound."""

    def __missing__(self, gap: str) -> str | None:
        join: str | None = None
        if _SPACES_AND_HYPHENS.fullmatch(gap):
            hyphens = gap.count(HYPHEN)
            join = SPACE if hyphens == 0 else HYPHEN if hyphens == 1 else None
        if len(self) < _MAX_GAPS_KEPT:
            self[gap] = join
        return join


def _drop_possessives(words: list[str], ends: list[int]) -> None:
    """Cut the English possessive ending from Latin words (Russia's, Kyiv's); the join is
    kept, for the name may go on (Donetsk People's Republic)."""
    ending = operator.methodcaller("endswith", _POSSESSIVE)
    for number in itertools.compress(itertools.count(), map(ending, words)):
        word = words[number]
        if word[0] < _LATIN_END:
            words[number] = word[: -len(_POSSESSIVE)]
            ends[number] -= len(_POSSESSIVE)


_WORD_SPLIT = re.compile(r"([^\W_]+(?:'[^\W_]+)*)")  # words, kept, and the gaps between
_SPACES_AND_HYPHENS = re.compile(r"[\s-]+")
_MAX_GAPS_KEPT = 4096
_JOINS = _JoinTable()
_TEXT = operator.itemgetter(2)  # Token.text
_new_tuple = tuple.__new__  # builds a Token from a tuple in C, skipping the Python __new__


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
