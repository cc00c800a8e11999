"""Tests for toponyms.text.translit: scheme samples, the shared vectors, errors and invariants."""

from __future__ import annotations

import csv
import unicodedata
from importlib import resources
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import SHARED, TEST_DATA, requires_shared
from toponyms.errors import UnknownSchemeError
from toponyms.text.translit import Scheme, schemes, schemes_for, transliterate

VECTORS = SHARED / "data" / "translit_vectors.tsv"
DISPUTED = TEST_DATA / "translit_vectors_disputed.tsv"
SCHEME_DIR = resources.files("toponyms.text").joinpath("schemes")
# Exonym rows name the scheme whose rules the established form departs from.
EXONYM_BASE = {
    ("uk", "exonym_en"): "kmu2010",
    ("ru", "exonym_en"): "wikipedia",
    ("uk", "exonym_pl"): "pl",
    ("ru", "exonym_pl"): "pl",
    ("uk", "exonym_de"): "de",
    ("ru", "exonym_de"): "de",
    ("uk", "exonym_fr"): "fr",
    ("ru", "exonym_fr"): "fr",
}


def ascii_id(*parts: str) -> str:
    """A readable ASCII test id: marks dropped, other non-ASCII characters escaped."""
    text = "-".join(parts)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return text.encode("ascii", "backslashreplace").decode("ascii")


def scheme_files() -> list[tuple[str, dict[str, object]]]:
    """Every scheme file, read directly (not through the loader under test)."""
    entries = sorted(SCHEME_DIR.iterdir(), key=lambda e: e.name)
    return [
        (e.name, yaml.safe_load(e.read_text("utf-8")))
        for e in entries
        if e.name.endswith(".yaml") and not e.name.startswith("_")
    ]


def sample_cases() -> list[object]:
    cases = []
    for file, raw in scheme_files():
        samples = raw["samples"]
        assert isinstance(samples, dict), file
        for cyrillic, latin in samples.items():
            case = (raw["lang"], raw["name"], cyrillic, latin)
            cases.append(pytest.param(*case, id=ascii_id(file.removesuffix(".yaml"), latin)))
    return cases


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def vector_cases(*, exonyms: bool) -> list[object]:
    if not VECTORS.is_file():
        return [pytest.param("", "", "", "", id="no-shared-vectors")]
    disputed = {
        (r["lang"], r["scheme"], r["cyrillic"], r["latin"]): r["rule"] for r in read_tsv(DISPUTED)
    }
    cases = []
    for row in read_tsv(VECTORS):
        if row["scheme"].startswith("exonym_") != exonyms:
            continue
        key = (row["lang"], row["scheme"], row["cyrillic"], row["latin"])
        marks = [pytest.mark.xfail(strict=True, reason=disputed[key])] if key in disputed else []
        cases.append(pytest.param(*key, id=ascii_id(*key[:2], key[3]), marks=marks))
    return cases


@pytest.mark.parametrize(("lang", "scheme", "cyrillic", "latin"), sample_cases())
def test_scheme_sample(lang: str, scheme: str, cyrillic: str, latin: str) -> None:
    assert transliterate(cyrillic, scheme, lang=lang) == latin


@requires_shared
@pytest.mark.parametrize(("lang", "scheme", "cyrillic", "latin"), vector_cases(exonyms=False))
def test_shared_vector(lang: str, scheme: str, cyrillic: str, latin: str) -> None:
    assert transliterate(cyrillic, scheme, lang=lang) == latin


@requires_shared
@pytest.mark.parametrize(("lang", "scheme", "cyrillic", "latin"), vector_cases(exonyms=True))
def test_exonym_is_not_a_rule_output(lang: str, scheme: str, cyrillic: str, latin: str) -> None:
    # Reference §4: established exonyms are names the gazetteer carries, not scheme output.
    assert transliterate(cyrillic, EXONYM_BASE[lang, scheme], lang=lang) != latin


def test_every_scheme_file_is_loaded() -> None:
    loaded = {s.file for s in schemes()}
    assert loaded == {file for file, _ in scheme_files()}


def test_disputed_rows_exist_in_the_vectors() -> None:
    if not VECTORS.is_file():
        pytest.skip("needs the shared vectors")
    vectors = {tuple(r.values()) for r in read_tsv(VECTORS)}
    for row in read_tsv(DISPUTED):
        assert (row["lang"], row["scheme"], row["cyrillic"], row["latin"]) in vectors


@pytest.mark.parametrize(
    ("lang", "name"),
    [("uk", "kmu2010"), ("uk", "bgn_pcgn"), ("uk", "bgn_pcgn_1965"), ("ru", "bgn_pcgn")],
)
def test_scheme_is_found_by_lang_and_name(lang: str, name: str) -> None:
    found = [s for s in schemes_for(lang) if s.name == name]
    assert len(found) == 1
    assert isinstance(found[0], Scheme)
    assert found[0].title and found[0].source


def test_schemes_for_a_language_without_schemes_is_empty() -> None:
    assert schemes_for("be") == ()


def test_unknown_scheme_lists_the_available_ones() -> None:
    with pytest.raises(UnknownSchemeError) as raised:
        transliterate("Київ", "kmu1996")
    assert "kmu2010" in raised.value.available
    assert "kmu2010" in str(raised.value)
    assert isinstance(raised.value, LookupError)


def test_unknown_scheme_for_a_lang_lists_that_lang() -> None:
    with pytest.raises(UnknownSchemeError) as raised:
        transliterate("Москва", "kmu2010", lang="ru")
    assert "icao" in raised.value.available
    assert "kmu2010" not in raised.value.available


def test_a_name_of_two_languages_needs_lang() -> None:
    with pytest.raises(TypeError, match="lang"):
        transliterate("Донецьк", "bgn_pcgn")


@pytest.mark.parametrize(
    ("text", "scheme", "lang"),
    [
        (b"Kyiv", "kmu2010", None),
        (None, "kmu2010", None),
        ("Київ", 2010, None),
        ("Київ", "iso9", 1),
    ],
    ids=["bytes-text", "none-text", "int-scheme", "int-lang"],
)
def test_non_str_arguments_raise_type_error(text: object, scheme: object, lang: object) -> None:
    with pytest.raises(TypeError):
        transliterate(text, scheme, lang=lang)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "latin"),
    [
        ("Слов'янськ", "Sloviansk"),  # U+0027
        ("Слов’янськ", "Sloviansk"),  # U+2019
        ("Словʼянськ", "Sloviansk"),  # U+02BC
        ("Slov’yansk’s", "Slov’yansk’s"),  # Latin apostrophes are not the letter
        ("Нова Каховка 2", "Nova Kakhovka 2"),
        ("Донецьк", "Donetsk"),
        ("Ки\u0456\u0308в", "Kyiv"),  # ї as і + combining diaeresis
    ],
    ids=["ascii-apostrophe", "u2019", "u02bc", "latin", "digits", "soft-sign", "decomposed"],
)
def test_apostrophes_and_pass_through(text: str, latin: str) -> None:
    assert transliterate(text, "kmu2010") == latin


SCHEME_KEYS = [pytest.param(s.lang, s.name, id=f"{s.lang}-{s.name}") for s in schemes()]
NOT_CYRILLIC = st.text(
    st.characters(
        blacklist_categories=("Cs",), blacklist_characters="".join(map(chr, range(0x400, 0x530)))
    )
)


@pytest.mark.parametrize(("lang", "name"), SCHEME_KEYS)
@given(text=st.text())
def test_transliterate_never_raises(lang: str, name: str, text: str) -> None:
    assert isinstance(transliterate(text, name, lang=lang), str)


@pytest.mark.parametrize(("lang", "name"), SCHEME_KEYS)
@given(text=NOT_CYRILLIC)
def test_text_without_cyrillic_is_unchanged(lang: str, name: str, text: str) -> None:
    assert transliterate(text, name, lang=lang) == unicodedata.normalize("NFC", text)


@pytest.mark.parametrize(("lang", "name"), SCHEME_KEYS)
@given(
    edge=NOT_CYRILLIC.map(lambda s: unicodedata.normalize("NFC", s)),
    cyrillic=st.text(st.characters(min_codepoint=0x400, max_codepoint=0x4FF)),
)
def test_non_cyrillic_around_a_name_is_kept(lang: str, name: str, edge: str, cyrillic: str) -> None:
    guard = "\x00"  # no combining mark of the edge can join the name's last letter
    out = transliterate(guard + edge + guard + cyrillic + guard + edge, name, lang=lang)
    assert out.startswith(guard + edge + guard)
    assert out.endswith(guard + edge)
