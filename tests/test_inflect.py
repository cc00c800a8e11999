"""Tests for toponyms.text.inflect: rules samples, the shared vectors, invariants and errors."""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from conftest import SHARED, TEST_DATA, requires_shared
from toponyms.text.inflect import Case, Form, FormKind, derive, inflect, lemmas
from toponyms.text.normalize import normalize

VECTORS = SHARED / "data" / "inflection_vectors.tsv"
MISSES = TEST_DATA / "inflection_vectors_misses.tsv"
KOATUU_2019 = SHARED / "data" / "sources" / "koatuu" / "koatuu_2019-05-30.csv"
SETTLEMENT_TYPES = {"М", "Т", "С", "Щ"}  # city, urban-type settlement, village, selyshche
RULES_DIR = resources.files("toponyms.text").joinpath("rules")
LANGUAGE_FILE = re.compile(r"[a-z]{2}\.yaml")
DERIVED = {"adjective": FormKind.ADJECTIVE, "region": FormKind.REGION}
VECTOR_KINDS = {"adj": FormKind.ADJECTIVE, "region": FormKind.REGION}
FUNCTIONS: list[Callable[[str, str], tuple[Any, ...]]] = [inflect, derive, lemmas]


def ascii_id(*parts: str) -> str:
    """A readable ASCII test id: marks dropped, other non-ASCII characters escaped."""
    text = "-".join(parts)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return text.encode("ascii", "backslashreplace").decode("ascii")


def rules_files() -> list[tuple[str, dict[str, Any]]]:
    """Every language's rules file, read directly (not through the loader under test)."""
    entries = sorted(RULES_DIR.iterdir(), key=lambda e: e.name)
    return [
        (e.name.removesuffix(".yaml"), yaml.safe_load(e.read_text("utf-8")))
        for e in entries
        if LANGUAGE_FILE.fullmatch(e.name)
    ]


def class_cases() -> list[object]:
    return [
        pytest.param(lang, spec, id=ascii_id(lang, spec["name"]))
        for lang, raw in rules_files()
        for spec in raw["classes"]
    ]


def derivation_specs(raw: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    sections = (("adjective", raw["relational"]), ("region", raw["region"]))
    return [
        (label, spec)
        for label, section in sections
        for spec in (*section["rules"], *section.get("compound", []))
    ]


def sample_cases() -> list[object]:
    cases: list[object] = []
    for lang, raw in rules_files():
        rows = [row for spec in raw["classes"] for row in spec["samples"]]
        rows += [
            [name, label, form]
            for label, spec in derivation_specs(raw)
            for name, form in spec["samples"]
        ]
        rows += raw["samples"]
        for name, label, form in rows:
            case = (lang, str(name), str(label), str(form))
            cases.append(pytest.param(*case, id=ascii_id(lang, name, label, form)))
    return cases


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def vector_cases() -> list[object]:
    if not VECTORS.is_file():
        return [pytest.param("", "", "", "", id="no-shared-vectors")]
    misses = {(r["lang"], r["lemma"], r["form"], r["case"]): r["reason"] for r in read_tsv(MISSES)}
    cases: list[object] = []
    for row in read_tsv(VECTORS):
        key = (row["lang"], row["lemma"], row["form"], row["case"])
        marks = [pytest.mark.xfail(strict=True, reason=misses[key])] if key in misses else []
        cases.append(pytest.param(*key, id=ascii_id(*key), marks=marks))
    return cases


def title(name: str) -> str:
    """KOATUU writes names in capitals; text writes each word and hyphenated part capitalised."""
    return re.sub(r"[^\s-]+", lambda m: m.group()[:1] + m.group()[1:].lower(), name)


def koatuu_names() -> list[tuple[str, str]]:
    if not KOATUU_2019.is_file():
        return [("uk", "Покровськ")]
    with KOATUU_2019.open(encoding="utf-8") as stream:
        rows = [r for r in csv.DictReader(stream) if r["np"] in SETTLEMENT_TYPES]
    names = {(lang, title(r[f"name_{lang}"])) for r in rows for lang in ("uk", "ru")}
    return sorted((lang, name) for lang, name in names if name and "(" not in name)


def texts(forms: tuple[Form, ...], kind: FormKind | None = None) -> set[str]:
    return {normalize(f.text) for f in forms if kind is None or f.kind is kind}


# --- the rules files ----------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "name", "label", "form"), sample_cases())
def test_rules_sample(lang: str, name: str, label: str, form: str) -> None:
    if label in DERIVED:
        assert form in {f.text for f in derive(name, lang) if f.kind is DERIVED[label]}
    elif label == FormKind.INDECLINABLE:
        assert Form(text=form, case=None, kind=FormKind.INDECLINABLE) in inflect(name, lang)
    else:
        assert Form(text=form, case=Case(label), kind=FormKind.CASE) in inflect(name, lang)


@pytest.mark.parametrize(("lang", "spec"), class_cases())
def test_class_is_well_formed(lang: str, spec: dict[str, Any]) -> None:
    assert spec["samples"], "every class carries samples"
    assert {Case(c) for c in spec["cases"]} <= set(Case) - {Case.NOM}
    for ending in (*spec["match"], *spec.get("alone", [])):
        assert ending.endswith(spec["ending"]), f"{ending!r} must end in {spec['ending']!r}"


@pytest.mark.parametrize(
    ("lang", "label", "spec"),
    [
        pytest.param(lang, label, spec, id=ascii_id(lang, label, *spec["match"]))
        for lang, raw in rules_files()
        for label, spec in derivation_specs(raw)
    ],
)
def test_derivation_rule_is_well_formed(lang: str, label: str, spec: dict[str, Any]) -> None:
    assert spec["samples"], "every rule carries samples"
    for ending in spec["match"]:
        assert ending.endswith(spec["ending"]), f"{ending!r} must end in {spec['ending']!r}"


def test_both_languages_have_rules() -> None:
    assert [lang for lang, _ in rules_files()] == ["ru", "uk"]


# --- the shared vectors -------------------------------------------------------------------


@requires_shared
@pytest.mark.parametrize(("lang", "lemma", "form", "case"), vector_cases())
def test_shared_vector(lang: str, lemma: str, form: str, case: str) -> None:
    if case in VECTOR_KINDS:
        assert normalize(form) in texts(derive(lemma, lang), VECTOR_KINDS[case])
    else:
        assert normalize(form) in texts(inflect(lemma, lang))


@requires_shared
def test_misses_are_rows_of_the_vectors() -> None:
    vectors = {tuple(r.values()) for r in read_tsv(VECTORS)}
    for row in read_tsv(MISSES):
        assert (row["lang"], row["lemma"], row["form"], row["case"]) in vectors


# --- facts --------------------------------------------------------------------------------


def test_the_nominative_comes_first_and_forms_are_unique() -> None:
    forms = inflect("Покровськ", "uk")
    assert forms[0] == Form(text="Покровськ", case=Case.NOM, kind=FormKind.CASE)
    assert len(set(forms)) == len(forms)


def test_russian_ovo_names_are_also_undeclined() -> None:
    assert Form(text="Курахово", case=None, kind=FormKind.INDECLINABLE) in inflect("Курахово", "ru")
    assert all(f.kind is FormKind.CASE for f in inflect("Курахове", "uk"))


@pytest.mark.parametrize(
    ("form", "lang", "lemma"),
    [
        ("Покровском", "ru", "Покровск"),  # instrumental of the town …
        ("Покровском", "ru", "Покровское"),  # … locative of the village: the homograph of §2
        ("Харкова", "uk", "Харків"),
        ("Новой Каховке", "ru", "Новая Каховка"),
        ("Часового Яру", "uk", "Часів Яр"),
        ("Лопанню", "uk", "Лопань"),
        ("Ростове-на-Дону", "ru", "Ростов-на-Дону"),
        ("ХАРКОВА", "uk", "ХАРКІВ"),
        ("Курахово", "ru", "Курахово"),
    ],
)
def test_lemmas_undo_the_endings(form: str, lang: str, lemma: str) -> None:
    assert lemma in lemmas(form, lang)


@pytest.mark.parametrize(
    ("name", "lang", "form"),
    [("ХАРКІВ", "uk", "ХАРКОВА"), ("покровськ", "uk", "покровську"), ("Ріг", "uk", "Рогу")],
)
def test_capitals_are_kept(name: str, lang: str, form: str) -> None:
    assert form in {f.text for f in inflect(name, lang)}


def test_relational_adjectives_are_lower_case_and_agree() -> None:
    forms = {(f.text, f.case) for f in derive("Бахмут", "uk") if f.kind is FormKind.ADJECTIVE}
    assert {
        ("бахмутський", Case.NOM),
        ("бахмутському", Case.LOC),
        ("бахмутська", Case.NOM),
    } <= forms


# --- errors and junk ----------------------------------------------------------------------


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize(("text", "lang"), [(None, "uk"), (b"\xd0\x90", "ru"), ("Бахмут", 1)])
def test_non_str_arguments_raise_type_error(
    function: Callable[[object, object], object], text: object, lang: object
) -> None:
    with pytest.raises(TypeError):
        function(text, lang)


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("lang", ["en", "", "UK", "pl"])
def test_other_languages_give_nothing(function: Callable[[str, str], object], lang: str) -> None:
    assert function("Бахмут", lang) == ()


@pytest.mark.parametrize("name", ["", " ", "\n\t"])
def test_blank_names_give_nothing(name: str) -> None:
    assert (inflect(name, "uk"), derive(name, "uk"), lemmas(name, "uk")) == ((), (), ())


@pytest.mark.parametrize("name", ["Kharkiv", "12", "😀", "Б"])
def test_a_word_no_class_matches_gives_its_nominative(name: str) -> None:
    assert inflect(name, "uk") == (Form(text=name, case=Case.NOM, kind=FormKind.CASE),)


JUNK = ["-", "--", "Ростов-", "-на-", "İstanbul", "Покро́вськ", "ﬁ", "a\u0301", "я" * 5000, "’я"]


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("lang", ["uk", "ru"])
@pytest.mark.parametrize("text", JUNK, ids=ascii_id)
def test_junk_is_handled(function: Callable[[str, str], object], lang: str, text: str) -> None:
    assert isinstance(function(text, lang), tuple)


# --- invariants ---------------------------------------------------------------------------

CYRILLIC_WORD = st.text(st.characters(min_codepoint=0x430, max_codepoint=0x45F), min_size=1)
NAME_WORD = st.text(st.characters(min_codepoint=0x430, max_codepoint=0x45F) | st.sampled_from("’'"))
CYRILLIC_NAME = st.lists(
    st.tuples(st.sampled_from([" ", "-"]), NAME_WORD.filter(bool).map(str.capitalize)),
    min_size=1,
    max_size=3,
).map(lambda pairs: "".join(sep + word for sep, word in pairs)[1:])
REAL_NAMES = koatuu_names()


@pytest.mark.parametrize("function", FUNCTIONS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("lang", ["uk", "ru"])
@given(text=st.text())
def test_never_raises(function: Callable[[str, str], object], lang: str, text: str) -> None:
    assert isinstance(function(text, lang), tuple)


@pytest.mark.parametrize("lang", ["uk", "ru"])
@given(name=CYRILLIC_NAME)
def test_the_nominative_is_always_a_form(lang: str, name: str) -> None:
    assert Form(text=name, case=Case.NOM, kind=FormKind.CASE) in inflect(name, lang)


@pytest.mark.parametrize("lang", ["uk", "ru"])
@given(word=CYRILLIC_WORD.map(str.capitalize))
def test_one_word_declines_as_it_does_before_a_frozen_tail(lang: str, word: str) -> None:
    # The one-word fast path and the general path of names with several words must agree.
    tail = "-на-Дону"
    alone = [(f.text + tail, f.case, f.kind) for f in inflect(word, lang)]
    assert alone == [(f.text, f.case, f.kind) for f in inflect(word + tail, lang)]


@pytest.mark.parametrize("lang", ["uk", "ru"])
@given(name=CYRILLIC_NAME)
def test_lemmas_recover_every_case_form_of_any_name(lang: str, name: str) -> None:
    lost = [f.text for f in inflect(name, lang) if name not in lemmas(f.text, lang)]
    assert not lost


@given(entry=st.sampled_from(REAL_NAMES))
def test_lemmas_recover_every_case_form(entry: tuple[str, str]) -> None:
    lang, name = entry
    lost = [f.text for f in inflect(name, lang) if name not in lemmas(f.text, lang)]
    assert not lost
