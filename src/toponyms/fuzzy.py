"""Fuzzy candidates: names within a small edit distance of a word that matched nothing exactly.

Kramatorks, Pokrovk and «Покровськь» are misspellings no table predicts. A word is compared, with
rapidfuzz's normalized Indel similarity, against the folding keys of the index that start with the
same letter and differ in length by at most :data:`MAX_LENGTH_GAP` (the blocks are built once, on
the first fuzzy lookup). A close key's entries are kept when the word is also close to the entry's
own name form in the word's script (so the Cyrillic «Ранее» never meets Ржане through their
romanizations), at most :func:`max_edits` edits away, and not a longer or shorter word of the same
stem (Russian/Russia, Медведев/Медведеве, Александр/Александрия are other words, not typos); and
only places that the press writes about often enough to misspell qualify (:func:`is_notable`).
The similarity scales the match's score.

Measured on the development set, fuzzy matching without these tests found 3 right mentions
against 828 false ones, mostly people's names and demonyms.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from toponyms.index import IndexEntry, NameIndex
from toponyms.model import Kind, Place
from toponyms.text.fold import fold_key
from toponyms.text.normalize import normalize

MIN_FUZZY_LENGTH = 6  # shorter words have too many neighbours one edit away
MIN_SIMILARITY = 0.88  # Pokrovk/Pokrovsk 0.93, Kramatorks/Kramatorsk 0.90; Ранее/Ржане 0.60
MAX_LENGTH_GAP = 2  # a dropped, doubled or added letter or two
MAX_KEYS = 5  # close folding keys examined per word
MAX_REMEMBERED = 1 << 16  # words whose outcome is kept: a corpus repeats its names
LONG_WORD = 10  # from this length a word may have two typos, below it one
NOTABLE_POPULATION = 10_000  # smaller places are too rarely written to be misspelt in the news
NOTABLE_KINDS = frozenset(
    {Kind.COUNTRY, Kind.REGION, Kind.OBLAST, Kind.RAION, Kind.CITY, Kind.AREA, Kind.RIVER}
)
_PERCENT = 100.0
_SILENT_TAIL = "ьъ'"  # a stray sign after a name is a typo (Покровськь), a letter a suffix


@attrs.frozen(slots=True)
class FuzzyMatch:
    """The entries a word is close to, and how close (0–1)."""

    entries: tuple[IndexEntry, ...]
    similarity: float


class FuzzyIndex:
    """Blocks of the index's single-word folding keys, by first letter and length."""

    def __init__(self, index: NameIndex, places: Mapping[str, Place]) -> None:
        self._index = index
        self._places = places
        self._blocks: dict[tuple[str, int], list[str]] | None = None
        self._found: dict[str, FuzzyMatch | None] = {}

    def find(self, word: str) -> FuzzyMatch | None:
        """The best fuzzy match of a normalized single ``word``, or None below the cut-off."""
        if len(word) < MIN_FUZZY_LENGTH:
            return None
        if word in self._found:  # names and words recur through a corpus
            return self._found[word]
        if len(self._found) >= MAX_REMEMBERED:
            self._found.clear()
        found = self._found[word] = self._search(word)
        return found

    def _search(self, word: str) -> FuzzyMatch | None:
        key = fold_key(word)
        if not key:
            return None
        blocks = self._built()
        close = []
        for length in range(len(key) - MAX_LENGTH_GAP, len(key) + MAX_LENGTH_GAP + 1):
            block = blocks.get((key[0], length))
            if block:
                close += process.extract(
                    key,
                    block,
                    scorer=fuzz.ratio,
                    score_cutoff=MIN_SIMILARITY * _PERCENT,
                    limit=MAX_KEYS,
                )
        close.sort(key=lambda found: -found[1])
        best: dict[IndexEntry, float] = {}
        for candidate, _, _ in close[:MAX_KEYS]:
            for entry in self._index.find_folded(candidate):
                if not is_notable(self._places[entry.place_id]):
                    continue
                similarity = _similarity(word, key, entry)
                if similarity >= MIN_SIMILARITY and similarity > best.get(entry, 0.0):
                    best[entry] = similarity
        if not best:
            return None
        top = max(best.values())
        return FuzzyMatch(
            entries=tuple(e for e, s in best.items() if s == top), similarity=round(top, 4)
        )

    def _built(self) -> dict[tuple[str, int], list[str]]:
        if self._blocks is None:
            blocks: dict[tuple[str, int], list[str]] = {}
            for key in self._index.folded:
                if key.isalpha():  # single words only
                    blocks.setdefault((key[0], len(key)), []).append(key)
            self._blocks = blocks
        return self._blocks


def is_notable(place: Place) -> bool:
    """Whether a place is written about often enough for its misspellings to matter."""
    return (
        place.kind in NOTABLE_KINDS
        or (place.population or 0) >= NOTABLE_POPULATION
        or bool(place.conflict)
    )


def max_edits(word: str) -> int:
    """The typos a word of this length may carry."""
    return 2 if len(word) >= LONG_WORD else 1


def _similarity(word: str, key: str, entry: IndexEntry) -> float:
    """How close ``word`` is to the name form behind ``entry`` (0 when it is another word):
    letter for letter when both are in one script, else through their folding keys."""
    form = normalize(entry.name.text)
    if _is_latin(word) != _is_latin(form):
        word, form = key, fold_key(form)
    if form.startswith(word) or (word.startswith(form) and word[len(form) :].strip(_SILENT_TAIL)):
        return 0.0  # the same stem, longer or shorter: another word, not a typo
    if Levenshtein.distance(word, form) > max_edits(word):
        return 0.0
    return fuzz.ratio(word, form) / _PERCENT


def _is_latin(text: str) -> bool:
    return next((c for c in text if c.isalpha()), "a") < "\u0250"
