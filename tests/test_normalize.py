"""Normalization: the table's samples, offsets back to the original, and idempotence."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from toponyms.text import normalize as module
from toponyms.text.normalize import normalize, normalize_with_offsets
from toponyms.text.tokenize import tokenize

# Text drawn from the alphabets the library meets, plus the characters that shift offsets.
_ALPHABET = st.sampled_from(
    list("абвгґдеєжзиіїйклмнопрстуфхцчшщьюяёыэъАБВГҐЕЄІЇЙЁЫ")
    + list("abcdefhiklmnoprstuxyzACEHIKMOPTXY")
    + list(" \u00a0\t\n-–—'’ʼ`.,«»()")
    + ["\u0301", "\u0306", "\u0308", "\u00ad", "\u200b", "\ufeff", "ß", "İ", "ﬁ", "😀", "7"]
)
_TEXT = st.text(_ALPHABET, max_size=60)


@pytest.mark.parametrize(("text", "expected"), module.samples(), ids=lambda v: repr(v))
def test_table_sample(text: str, expected: str) -> None:
    assert normalize(text) == expected


@given(_TEXT)
@example("Ё\u0308")  # a letter fold must not be undone by a later composition
@example("ßЄ")  # an expanded case fold must not join the other script
@example("A\u200b\u0306")  # a mark cut from its letter by an invisible character
@settings(max_examples=400)
def test_normalize_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@given(_TEXT)
@settings(max_examples=400)
def test_token_spans_map_back_to_valid_ordered_original_spans(text: str) -> None:
    folded = normalize_with_offsets(text)
    previous_end = 0
    for token in tokenize(folded.text):
        start, end = folded.original_span(token.start, token.end)
        assert 0 <= start < end <= len(text)
        assert start >= previous_end
        previous_end = end


@given(_TEXT)
@settings(max_examples=400)
def test_fast_path_agrees_with_the_slow_path(text: str) -> None:
    fast = normalize_with_offsets(text)
    slow = module._normalize_slowly(text, module._tables())
    assert fast.text == slow.text
    for index in range(len(fast.text)):
        assert fast.original_span(index, index + 1) == slow.original_span(index, index + 1)


def test_offsets_skip_a_stress_accent() -> None:
    text = "бої під Покро́вськом"
    folded = normalize_with_offsets(text)
    start = folded.text.index("покровськом")
    assert folded.original_span(start, len(folded.text)) == (8, len(text))


def test_expanding_case_fold_keeps_offsets() -> None:
    text = "Straße nach Kharkiv"
    folded = normalize_with_offsets(text)
    start = folded.text.index("kharkiv")
    original = folded.original_span(start, start + len("kharkiv"))
    assert text[original[0] : original[1]] == "Kharkiv"


def test_rejects_non_string() -> None:
    with pytest.raises(TypeError, match="expects str"):
        normalize(b"bytes")  # type: ignore[arg-type]


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(1, 3)), max_size=80))
@settings(max_examples=300)
def test_the_offset_map_answers_as_the_dense_one_it_was_built_from(steps: list) -> None:
    """Runs of kept, dropped and expanded characters (a skipped mark, ß → ss): the compact map
    gives every folded character the span a list per character gives it."""
    starts: list[int] = []
    ends: list[int] = []
    original = 0
    for gap, width in steps:  # skip ``gap`` characters, then one character folds to ``width``
        original += gap
        starts.extend([original] * width)
        ends.extend([original + 1] * width)
        original += 1
    offsets = module.OffsetMap.of(starts, ends)
    positions = list(range(len(starts)))
    assert [offsets.start_of(p) for p in positions] == starts
    assert [offsets.end_of(p) for p in positions] == ends
    assert offsets.starts_of(positions) == starts
    assert offsets.length == len(starts)


def test_a_long_text_with_one_stress_mark_keeps_a_few_runs() -> None:
    text = "Бої під Покро\u0301вськом. " * 2 + "Харків і Суми. " * 5_000
    folded = normalize_with_offsets(text)
    # a run for the accented letter and one after it, per mark
    assert folded.offsets is not None and len(folded.offsets._breaks) == 1 + 2 * 2
    start = folded.text.rindex("суми")
    assert text[slice(*folded.original_span(start, start + 4))] == "Суми"
