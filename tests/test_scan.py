"""The candidate scan (issue #17) against the scan it replaced: every token tried in Python.

The compiled scan tokenizes with C-level passes and calls the per-span code only at the tokens
where a span can start. Its contract is to find exactly what trying every token finds; these
tests keep a reference of the old way and compare span for span, on sentences written here, on
generated text, and on the development texts where ../shared is present. Normalization reads
only the words that need its slow path; it is compared with the slow path over the whole text.
"""

from __future__ import annotations

import json
import re

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import toponyms
from conftest import SHARED, requires_shared
from toponyms import Method
from toponyms import match as scan
from toponyms.text import normalize as normalization
from toponyms.text.normalize import normalize_with_offsets
from toponyms.text.tokenize import Token, tokenize, word_positions

EVAL = SHARED / "eval"
EXACT_ONLY = frozenset({Method.EXACT, Method.NORMALIZED})
TRANSLIT_ONLY = frozenset({Method.TRANSLIT})
FILTERS = [None, EXACT_ONLY, TRANSLIT_ONLY]

# The tokenizer before the compiled scan: a Python loop over regular-expression matches.
_WORD_AND_GAP = re.compile(r"([^\W_]+(?:'[^\W_]+)*)([\s-]*)")


def reference_tokenize(text: str) -> list[Token]:
    matches = list(_WORD_AND_GAP.finditer(text))
    tokens = []
    for number, found in enumerate(matches):
        word, end = found.group(1), found.end(1)
        join = None
        if number < len(matches) - 1 and matches[number + 1].start() == found.end():
            gap = found.group(2)
            if not gap.strip():
                join = " " if gap else None
            elif gap.count("-") == 1 and gap.strip() == "-":
                join = "-"
        if word.endswith("'s") and word[0] < "\u0250":
            word, end = word[:-2], end - 2
        tokens.append(Token(found.start(1), end, word, join))
    return tokens


def reference_spans(
    text: str, index: toponyms.NameIndex, fuzzy: object, methods: frozenset[Method] | None
) -> list[tuple[object, ...]]:
    """Leftmost-longest spans with every token tried, as the scan did before issue #17."""
    normalized = normalize_with_offsets(text)
    tokens = reference_tokenize(normalized.text)
    spans = []
    position = 0
    while position < len(tokens):
        span = scan._longest_at(text, normalized, tokens, position, index, methods)
        if span is None and fuzzy is not None:
            span = scan._fuzzy_at(text, normalized, tokens, position, fuzzy)  # type: ignore[arg-type]
        if span is None:
            position += 1
            continue
        spans.append(attrs.astuple(span, recurse=False))
        position += span.words
    return spans


def compiled_spans(
    text: str, index: toponyms.NameIndex, fuzzy: object, methods: frozenset[Method] | None
) -> list[tuple[object, ...]]:
    normalized = normalize_with_offsets(text)
    tokens = tokenize(normalized.text)
    found = scan.find_spans(tokens, text, normalized, index, fuzzy, methods)  # type: ignore[arg-type]
    return [attrs.astuple(span, recurse=False) for span in found]


@pytest.fixture(scope="module")
def gazetteer() -> toponyms.Gazetteer:
    return toponyms.load()


SENTENCES = [
    "Бої під Покровськом, Гуляй-Полем і Часовим Яром; Kharkiv's outskirts and Kramatorsk.",
    "The Donetsk People's Republic, Krasnoarmeysk (Pokrovsk) and Volchansk, 2024 — 5Б.",
    "Обстріли Бєлгородської області: Шебекино, Грайворон, с. Новая Таволжанка.",
    "ЗСУ звільнили Куп'янськ та Слов’янськ, а також Новоселівку Покровського району.",
    "KYIV, Dec 2 (Reuters) - Zaporizhzhia and Zaporozhye, Nova Kakhovka, NovaKakhovka.",
    "у Харкові,Сумах та Києві  —  Гуляй - Поле, Ivano-Frankivsk, Івано-Франківськ",
    "Krasnoarmiisk, Artemivsk; Sloviansk-Kramatorsk agglomeration; Donbass and Donbas.",
]


@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize("methods", FILTERS, ids=["default", "exact", "translit"])
def test_scan_finds_what_trying_every_token_finds(
    gazetteer: toponyms.Gazetteer, sentence: str, methods: frozenset[Method] | None
) -> None:
    for fuzzy in (None, gazetteer.fuzzy_index()):
        expected = reference_spans(sentence, gazetteer.index, fuzzy, methods)
        assert compiled_spans(sentence, gazetteer.index, fuzzy, methods) == expected
        # Each sentence names places: the comparison is not of two empty lists.
        assert expected or methods is not None


PIECES = [
    "Покровськ", "Покровському", "Kharkiv", "Kharkov", "Гуляй", "-", "Поле", "Часів", "Яр",
    "Donetsk", "People's", "Republic", "Kyiv's", "Нова", "Каховка", "Красноармейск", "2024",
    "5Б", "the", "region", "Донецької", "області", " ", "  ", ", ", ". ", " - ", "\n", "’", "'",
    "«", "»", "\u0301", "\u200b", "А", "A", "Ivano", "Frankivsk", "Sloviansk", "лиман", "Лиман",
]  # fmt: skip
GENERATED = st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=30).map("".join)


@given(GENERATED)
@settings(max_examples=300, deadline=None, database=None)
def test_scan_agrees_on_generated_text(text: str) -> None:
    gazetteer = toponyms.load()
    fuzzy = gazetteer.fuzzy_index()
    for methods in FILTERS:
        for fuzzy_index in (None, fuzzy):
            expected = reference_spans(text, gazetteer.index, fuzzy_index, methods)
            assert compiled_spans(text, gazetteer.index, fuzzy_index, methods) == expected


@given(GENERATED)
@settings(max_examples=500, deadline=None, database=None)
def test_tokenize_agrees_with_the_regular_expression_loop(text: str) -> None:
    folded = normalize_with_offsets(text).text
    assert tokenize(folded) == reference_tokenize(folded)


def test_tokens_are_tokens() -> None:
    tokens = tokenize("під гуляй-полем")
    assert all(type(token) is Token for token in tokens)
    assert tokens[1].text == "гуляй" and tokens[1].join == "-"


def test_word_positions_merge_vocabularies_in_order() -> None:
    tokens = tokenize("бої під покровськом і харковом")
    assert word_positions(tokens, {"харковом"}, {"бої", "покровськом"}) == [0, 2, 4]
    assert word_positions([], {"x"}) == []


def _development_texts() -> list[str]:
    return [
        json.loads(line)["text"]
        for name in ("docs.jsonl", "war_news_dev.jsonl")
        for line in (EVAL / name).read_text(encoding="utf-8").split("\n")  # not U+2028
        if line.strip()
    ]


@requires_shared
@pytest.mark.parametrize("methods", FILTERS, ids=["default", "exact", "translit"])
def test_scan_agrees_on_the_development_texts(
    gazetteer: toponyms.Gazetteer, methods: frozenset[Method] | None
) -> None:
    fuzzy = gazetteer.fuzzy_index() if methods is None else None
    texts = _development_texts()
    differing = [
        number
        for number, text in enumerate(texts)
        if compiled_spans(text, gazetteer.index, fuzzy, methods)
        != reference_spans(text, gazetteer.index, fuzzy, methods)
    ]
    assert differing == [], f"{len(differing)} of {len(texts)} texts differ"


@requires_shared
def test_word_windows_of_normalization_equal_the_slow_path_on_the_development_texts() -> None:
    tables = normalization._tables()
    windowed = 0
    for text in _development_texts():
        fast = normalize_with_offsets(text)
        slow = normalization._normalize_slowly(text, tables)
        windowed += fast.offsets is not None
        assert fast.text == slow.text
        for position in range(len(fast.text)):
            assert fast.original_span(position, position + 1) == slow.original_span(
                position, position + 1
            )
    assert windowed  # some texts do take the slow path on some words
