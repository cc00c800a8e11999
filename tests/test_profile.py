"""Naming profiles: which kinds of names a source uses, per document and per corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toponyms import Matcher, load
from toponyms.cli import main
from toponyms.profile import FACETS, Profile, profile, profile_corpus, profile_record

RUSSIAN = "Бои шли под Красноармейском и Артемовском, а в Донецке было тихо."
OCCUPATION = "Оккупационная администрация переименовала город в Артёмовск."
UKRAINIAN = "Уночі ворог обстріляв Покровськ, Бахмут і Харків."
ENGLISH = "Shelling hit Kharkov overnight; Kharkiv officials said Zaporozhye was calm."


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(load())


@pytest.fixture(scope="module")
def profiles(matcher: Matcher) -> dict[str, Profile]:
    texts = {"ru": RUSSIAN, "occupation": OCCUPATION, "uk": UKRAINIAN, "en": ENGLISH}
    return {key: profile(matcher.annotate(text)) for key, text in texts.items()}


@pytest.mark.parametrize(
    ("document", "facet", "values", "count", "examples"),
    [
        pytest.param(
            "ru", "form", {"name_status": "former", "name_lang": "ru"}, 2,
            ("Красноармейск", "Артемовск"), id="pre-2016-russian-forms",
        ),
        pytest.param(
            "ru", "form", {"name_status": "official", "name_lang": "ru"}, 1, ("Донецк",),
            id="official-russian-form",
        ),
        pytest.param(
            "occupation", "form", {"name_status": "occupation", "name_lang": "ru"}, 1,
            ("Артёмовск",), id="occupation-russian-form",
        ),
        pytest.param(
            "uk", "form", {"name_status": "official", "name_lang": "uk"}, 3,
            ("Покровськ", "Бахмут", "Харків"), id="official-ukrainian-forms",
        ),
        pytest.param(
            "en", "scheme", {"scheme": "ru:wikipedia"}, 2, ("Kharkov", "Zaporozhye"),
            id="russian-romanization",
        ),
        pytest.param(
            "en", "scheme", {"scheme": "uk:kmu2010"}, 1, ("Kharkiv",), id="ukrainian-romanization"
        ),
        pytest.param("en", "method", {"method": "translit"}, 3, None, id="all-transliterated"),
        pytest.param("uk", "method", {"method": "exact"}, 3, None, id="all-exact"),
    ],
)  # fmt: skip
def test_profile_reports_the_kinds_of_names_used(
    profiles: dict[str, Profile],
    document: str,
    facet: str,
    values: dict[str, str],
    count: int,
    examples: tuple[str, ...] | None,
) -> None:
    found = profiles[document]
    (usage,) = [u for u in found.of(facet) if dict(u.values) == values]
    assert usage.count == count == found.count(facet, **values)
    if examples is not None:
        assert usage.examples == examples


def test_a_cyrillic_document_has_no_scheme(profiles: dict[str, Profile]) -> None:
    assert profiles["uk"].of("scheme") == []


def test_examples_are_capped_by_limit(matcher: Matcher) -> None:
    found = profile(matcher.annotate(UKRAINIAN), limit=1)
    assert found.of("form")[0].examples == ("Покровськ",)
    assert found.of("form")[0].count == 3


def test_unknown_facet_is_refused(profiles: dict[str, Profile]) -> None:
    with pytest.raises(ValueError, match="unknown facet 'lang'; known: form, name_status"):
        profiles["uk"].of("lang")


def test_corpus_total_adds_the_documents(matcher: Matcher) -> None:
    corpus = matcher.profile([RUSSIAN, UKRAINIAN, ENGLISH])
    assert [p.mentions for p in corpus.documents] == [3, 3, 3]
    assert corpus.total.documents == 3 and corpus.total.mentions == 9
    assert corpus.total.count("name_lang", name_lang="ru") == 5  # 3 Cyrillic, 2 romanized
    assert corpus.total.count("form", name_status="former", name_lang="ru") == 2
    # Харків and Kharkiv and Kharkov are one place: places are counted once over the corpus.
    assert corpus.total.places < sum(p.places for p in corpus.documents)


def test_profile_corpus_reads_any_lists_of_mentions(matcher: Matcher) -> None:
    corpus = profile_corpus([matcher.annotate(UKRAINIAN), []])
    assert corpus.documents[1].mentions == 0 and corpus.documents[1].usages == ()
    assert corpus.total.documents == 2


def test_record_has_every_facet_with_its_fields(profiles: dict[str, Profile]) -> None:
    record = profile_record(profiles["ru"])
    assert set(record) == {"documents", "mentions", "places", *FACETS}
    assert record["form"][0] == {
        "name_status": "former",
        "name_lang": "ru",
        "count": 2,
        "examples": ["Красноармейск", "Артемовск"],
    }


def test_cli_profile_json_per_document_and_total(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    russian, english = tmp_path / "ru.txt", tmp_path / "en.txt"
    russian.write_text(RUSSIAN, encoding="utf-8")
    english.write_text(ENGLISH, encoding="utf-8")
    status = main(["profile", "--format", "json", str(russian), str(english)])
    record = json.loads(capsys.readouterr().out)
    assert status == 0
    assert [d["id"] for d in record["documents"]] == [str(russian), str(english)]
    assert record["documents"][1]["scheme"][0]["examples"] == ["Kharkov", "Zaporozhye"]
    assert record["total"]["documents"] == 2 and record["total"]["mentions"] == 6


def test_cli_profile_text_and_a_missing_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    russian = tmp_path / "ru.txt"
    russian.write_text(RUSSIAN, encoding="utf-8")
    status = main(["profile", str(russian), str(tmp_path / "missing.txt")])
    captured = capsys.readouterr()
    assert status == 1
    assert "former ru 2 (Красноармейск, Артемовск)" in captured.out
    assert "total (1 document(s)): 3 mention(s)" in captured.out
    assert "missing.txt" in captured.err
