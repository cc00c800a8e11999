"""Normalization of text for matching, with a map back to the caller's offsets.

``normalize`` folds case, accents, apostrophes, dashes, spaces, invisible characters and
Latin/Cyrillic look-alikes, so that index keys and running text meet. ``normalize_with_offsets``
also returns, for every character of the folded text, the span of the original it came from.
The character tables live in ``tables/normalize.yaml``.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import operator
import re
import unicodedata
from collections.abc import Sequence
from importlib import resources
from typing import Any

import attrs

from toponyms._tables import parse_table

_TABLE_FILE = "normalize.yaml"
_CANONICAL_APOSTROPHE = "'"
_CANONICAL_DASH = "-"
_CANONICAL_SPACE = " "


@attrs.frozen
class _Tables:
    translate: dict[int, str]  # per-character folds that keep length one-to-one (or delete)
    # The same folds as (character, replacement) pairs, none of whose replacements is folded
    # again: replacing only the characters a text holds is five times faster than translate.
    replacements: tuple[tuple[str, str], ...]
    strip_marks: frozenset[str]
    letters: dict[str, str]
    to_cyrillic: dict[str, str]
    to_latin: dict[str, str]
    needs_slow_path: re.Pattern[str]
    samples: tuple[tuple[str, str], ...]


class OffsetMap:
    """Where each character of folded text came from, kept as runs: from ``breaks[i]`` up to
    the next break, folded position ``p`` came from the original ``[p + start_shift, p +
    end_shift)`` of run ``i``. Text folded one to one but for a stress mark or a repaired word
    is a few runs, not two integers per character, so a long window's map costs what its
    changes cost (docs/matching.md, "Offsets")."""

    __slots__ = ("_breaks", "_end_shifts", "_start_shifts", "length")

    def __init__(self) -> None:
        self._breaks: list[int] = []
        # Indexed by bisect_right(breaks, p), which is at least 1: entry 0 is never read.
        self._start_shifts: list[int] = [0]
        self._end_shifts: list[int] = [0]
        self.length = 0  # of the folded text

    @classmethod
    def of(cls, starts: Sequence[int], ends: Sequence[int]) -> OffsetMap:
        """The map of a dense one: ``starts[p]``, ``ends[p]`` for every folded position."""
        built = cls()
        for position, (start, end) in enumerate(zip(starts, ends, strict=True)):
            built.add_run(position, start, end, 1)
        return built

    def add_run(self, position: int, start: int, end: int, length: int) -> None:
        """Map folded ``[position, position + length)`` on: one to one from the original
        ``start`` when ``end - start`` is 1, else each character from ``[start, end)``."""
        if length <= 0:
            return
        if end - start != 1 and length > 1:  # characters of one cluster: each the same span
            for step in range(length):
                self.add_run(position + step, start, end, 1)
            return
        start_shift, end_shift = start - position, end - position
        if start_shift != self._start_shifts[-1] or end_shift != self._end_shifts[-1]:
            self._breaks.append(position)
            self._start_shifts.append(start_shift)
            self._end_shifts.append(end_shift)
        self.length = position + length

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, OffsetMap):
            return NotImplemented
        mine = (self._breaks, self._start_shifts, self._end_shifts, self.length)
        return mine == (other._breaks, other._start_shifts, other._end_shifts, other.length)

    __hash__ = None  # type: ignore[assignment]  # mutable while it is built

    def start_of(self, position: int) -> int:
        """The original start of folded character ``position``."""
        return position + self._start_shifts[bisect.bisect_right(self._breaks, position)]

    def end_of(self, position: int) -> int:
        """The original end of folded character ``position``."""
        return position + self._end_shifts[bisect.bisect_right(self._breaks, position)]

    def starts_of(self, positions: list[int]) -> list[int]:
        """:meth:`start_of` of each of ``positions``, in C-level passes (one per token)."""
        if len(self._breaks) == 1:
            return list(map(operator.add, positions, itertools.repeat(self._start_shifts[1])))
        runs = map(bisect.bisect_right, itertools.repeat(self._breaks), positions)
        return list(map(operator.add, positions, map(self._start_shifts.__getitem__, runs)))


@attrs.frozen
class Normalized:
    """Folded text and, for each of its characters, the span of the original it came from.

    ``offsets`` is None when folding kept every character in place (the common case), so the
    offsets are the identity.
    """

    text: str
    offsets: OffsetMap | None = None

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map the span ``[start, end)`` of the folded text back to the original text."""
        offsets = self.offsets
        if offsets is None:
            return start, end
        if start >= end:
            if start < offsets.length:
                anchor = offsets.start_of(start)
            else:
                anchor = offsets.end_of(offsets.length - 1) if offsets.length else 0
            return anchor, anchor
        return offsets.start_of(start), offsets.end_of(end - 1)

    def original_starts(self, positions: list[int]) -> list[int]:
        """The original offsets of the folded ``positions`` (each inside the text)."""
        return positions if self.offsets is None else self.offsets.starts_of(positions)


def normalize(text: str) -> str:
    """Fold ``text`` for matching: case, accents, apostrophes, dashes, look-alike letters.

    >>> normalize("Покро́вськ")
    'покровськ'
    >>> normalize("Слов’янськ") == normalize("Слов'янськ")
    True
    """
    if not isinstance(text, str):
        raise TypeError(f"normalize expects str, not {type(text).__name__}")
    tables = _tables()
    folded = text.casefold()
    if len(folded) == len(text) and not tables.needs_slow_path.search(text):
        return _fold_characters(folded, tables)  # the common case, without an offset map
    return _fold_slowly(text, tables).text


def normalize_with_offsets(text: str) -> Normalized:
    """Fold ``text`` like :func:`normalize` and keep a map back to the original offsets.

    >>> folded = normalize_with_offsets("у Покро́вську")
    >>> folded.text
    'у покровську'
    >>> folded.original_span(2, 12)
    (2, 13)
    """
    if not isinstance(text, str):
        raise TypeError(f"normalize expects str, not {type(text).__name__}")
    tables = _tables()
    folded = text.casefold()
    if len(folded) != len(text):  # ß, İ: case folding itself shifts offsets (rare)
        return _normalize_slowly(text, tables)
    triggers = list(tables.needs_slow_path.finditer(text))
    if not triggers:  # nothing changes length, no word mixes scripts: offsets are the identity
        return Normalized(_fold_characters(folded, tables))
    return _normalize_lines(text, tables, triggers)


def _normalize_lines(text: str, tables: _Tables, triggers: list[re.Match[str]]) -> Normalized:
    """The slow path on the words that need it, the fast one elsewhere: a stray look-alike
    letter or a stress mark costs the per-character walk of its word, not of its paragraph.
    (Every step of the slow path stays inside a word: clusters, composition, the script vote.)"""
    windows: list[list[int]] = []
    for trigger in triggers:
        if windows and trigger.start() < windows[-1][1]:
            continue  # its word is taken already
        start = _word_start(text, trigger.start())
        while start > 0 and _continues(text, start):  # a mark joins the word before
            start = _word_start(text, start - 1)
        end = _word_end(text, trigger.end())
        while end < len(text) and _continues(text, end):
            end = _word_end(text, end + 1)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], end)
        else:
            windows.append([start, end])
    pieces: list[str] = []
    offsets = OffsetMap()
    folded = 0  # the length of the folded pieces so far
    position = 0
    for start, end in [*windows, [len(text), len(text)]]:
        if position < start:  # untouched by any trigger: folds one to one
            pieces.append(_fold_characters(text[position:start].casefold(), tables))
            offsets.add_run(folded, position, position + 1, start - position)
            folded += start - position
        if start < end:
            slow = _fold_slowly(text[start:end], tables)
            pieces.append(slow.text)
            for number, (first, last) in enumerate(slow.spans):
                offsets.add_run(folded + number, start + first, start + last, 1)
            folded += len(slow.text)
        position = end
    return Normalized("".join(pieces), offsets)


def _word_start(text: str, position: int) -> int:
    """The index just after the last space before ``position`` (0 if there is none)."""
    while position > 0 and not text[position - 1].isspace():  # a word's length at most
        position -= 1
    return position


def _word_end(text: str, position: int) -> int:
    """The index of the first space at or after ``position`` (the text's end if none)."""
    found = _SPACE.search(text, position)
    return len(text) if found is None else found.start()


_SPACE = re.compile(r"\s")


def _continues(text: str, position: int) -> bool:
    """Whether the character at ``position`` attaches to what precedes it (a combining mark or
    an invisible format character), so no window may start there."""
    char = text[position]
    return bool(unicodedata.combining(char)) or unicodedata.category(char) == "Cf"


@attrs.frozen
class _Slow:
    """Text folded character by character, with each character's original span."""

    text: str
    spans: list[tuple[int, int]]

    def normalized(self) -> Normalized:
        starts, ends = zip(*self.spans, strict=True) if self.spans else ((), ())
        return Normalized(self.text, OffsetMap.of(starts, ends))


def _normalize_slowly(text: str, tables: _Tables) -> Normalized:
    return _fold_slowly(text, tables).normalized()


def _fold_slowly(text: str, tables: _Tables) -> _Slow:
    chars: list[list[Any]] = []  # [start, end, char] for every folded character
    for start, end, piece in _clusters(text, tables):
        for char in _compose(piece.casefold(), tables):
            chars.append([start, end, char])
    _repair_homoglyphs(chars, tables)
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    for span, group in itertools.groupby(chars, key=lambda c: (c[0], c[1])):
        for char in _compose("".join(c[2] for c in group), tables):
            out.append(char)
            spans.append(span)
    return _Slow("".join(out), spans)


def _compose(piece: str, tables: _Tables) -> str:
    """NFC and letter folds until neither changes anything.

    A repaired letter may compose with its mark (Latin y + breve became у + breve = ў), and a
    folded letter may too (ё + diaeresis became е + diaeresis = ё).
    """
    while True:
        folded = "".join(tables.letters.get(c, c) for c in unicodedata.normalize("NFC", piece))
        if folded == piece:
            return folded
        piece = folded


MAX_CLUSTER = 16  # characters kept of a letter and its marks (no script needs more)


def _clusters(text: str, tables: _Tables) -> list[list[Any]]:
    """Split into [start, end, folded piece] clusters: a base character and its marks."""
    pieces: list[list[Any]] = []
    index = 0
    while index < len(text):
        end = index + 1
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        cluster = unicodedata.normalize("NFC", text[index:end])
        cluster = "".join(c for c in cluster if c not in tables.strip_marks)
        cluster = cluster.translate(tables.translate)
        if cluster and pieces and unicodedata.combining(cluster[0]):
            # Marks whose base was removed (a zero-width space between) join the letter before;
            # past a few, they are noise ("Zalgo" text), kept in the span but not in the letter,
            # so that a run of them costs linear time, not a growing copy each.
            pieces[-1][1] = end
            if len(pieces[-1][2]) < MAX_CLUSTER:
                pieces[-1][2] += cluster
        elif cluster:
            pieces.append([index, end, cluster])
        index = end
    return pieces


def _repair_homoglyphs(chars: list[list[Any]], tables: _Tables) -> None:
    """Turn look-alike letters into the script that the rest of their word is written in."""
    word: list[list[Any]] = []
    for piece in [*chars, [0, 0, " "]]:
        if piece[2].isalpha() or unicodedata.combining(piece[2]):  # marks stay inside a word
            word.append(piece)
            continue
        if word:
            _repair_word(word, tables)
            word = []


def _repair_word(word: list[list[Any]], tables: _Tables) -> None:
    # Letters that exist in one script only decide; if there are none, every letter votes.
    mapping = _majority(word, tables, distinctive_only=True) or _majority(
        word, tables, distinctive_only=False
    )
    if mapping is None:
        return
    for piece in word:
        piece[2] = mapping.get(piece[2], piece[2])


def _majority(
    word: list[list[Any]], tables: _Tables, *, distinctive_only: bool
) -> dict[str, str] | None:
    cyrillic = latin = 0
    for _, _, char in word:
        if distinctive_only and (char in tables.to_cyrillic or char in tables.to_latin):
            continue
        script = _script(char)
        cyrillic += script == "cyrillic"
        latin += script == "latin"
    if cyrillic > latin:
        return tables.to_cyrillic
    if latin > cyrillic:
        return tables.to_latin
    return None


def _script(piece: str) -> str:
    name = unicodedata.name(piece[0], "")
    if name.startswith("CYRILLIC"):
        return "cyrillic"
    if name.startswith("LATIN"):
        return "latin"
    return "other"


@functools.cache
def _tables() -> _Tables:
    raw = parse_table(
        resources.files("toponyms.text").joinpath("tables", _TABLE_FILE).read_text("utf-8")
    )
    translate: dict[int, str] = {}
    for char in raw["apostrophes"]:
        translate[ord(char)] = _CANONICAL_APOSTROPHE
    for char in raw["dashes"]:
        translate[ord(char)] = _CANONICAL_DASH
    for char in raw["spaces"]:
        translate[ord(char)] = _CANONICAL_SPACE
    for char in raw["invisible"]:
        translate[ord(char)] = ""
    letters = {str(k): str(v) for k, v in raw["letters"].items()}
    for source, target in letters.items():
        translate[ord(source)] = target
    homoglyphs = {str(k): str(v) for k, v in raw["homoglyphs"].items()}
    strip_marks = frozenset(raw["strip_marks"])
    # The slow path is needed for invisible characters and combining marks (offsets shift),
    # and for a look-alike letter touching a letter of the other script.
    # The slow path is needed for invisible characters and combining marks (offsets shift),
    # and wherever a Latin letter touches a Cyrillic one (a look-alike may need repair).
    latin_letters = "A-Za-z\u00c0-\u024f"
    cyrillic_letters = "\u0400-\u04ff"
    needs_slow_path = re.compile(
        "["
        + re.escape("".join(raw["invisible"]))
        + "\u0300-\u036f]"
        + f"|[{latin_letters}][{cyrillic_letters}]|[{cyrillic_letters}][{latin_letters}]"
    )
    replacements = tuple((chr(c), r) for c, r in translate.items() if chr(c) != r)
    folded = {char for char, _ in replacements}
    if any(char in folded for _, replacement in replacements for char in replacement):
        raise ValueError(f"{_TABLE_FILE}: a replacement is folded again")
    return _Tables(
        translate=translate,
        replacements=replacements,
        strip_marks=strip_marks,
        letters=letters,
        to_cyrillic=homoglyphs,
        to_latin={v: k for k, v in homoglyphs.items()},
        needs_slow_path=needs_slow_path,
        samples=tuple((str(a), str(b)) for a, b in raw["samples"]),
    )


def _fold_characters(text: str, tables: _Tables) -> str:
    """``text.translate(tables.translate)``, by replacing only the characters it holds (each
    test a fast scan in C; str.translate looks every character up in a dict)."""
    for char, replacement in tables.replacements:
        if char in text:
            text = text.replace(char, replacement)
    return text


def samples() -> tuple[tuple[str, str], ...]:
    """The (input, expected) samples of the normalization table, for the tests."""
    return _tables().samples
