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
