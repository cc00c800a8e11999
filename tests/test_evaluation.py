"""Scoring the annotator: span P/R/F1 by scope, resolution verdicts, and the file reader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import toponyms
from conftest import SHARED, TEST_DATA, requires_full_gazetteer, requires_shared
from toponyms.cli import main
from toponyms.evaluation import (
    ALL_LANGS,
    EvaluationFileError,
    Scope,
    Verdict,
    evaluate,
    read_documents,
)

SAMPLE = TEST_DATA / "eval_sample.jsonl"  # three documents written for these tests
# Floors under the development-set figures recorded in docs/accuracy.md: a change that loses
# more than a point fails here.
DEV_FLOORS = {
    "ru": {"exact_f1": 0.91, "resolution_accuracy": 0.96},
    "uk": {"exact_f1": 0.72, "resolution_accuracy": 0.98},
    "en": {"exact_f1": 0.90, "resolution_accuracy": 0.98},
}
# The same for the war-news paragraphs (issue #11): admin phrases, namesakes, border villages.
WAR_NEWS_FLOORS = {
    "ru": {"exact_f1": 0.96, "resolution_accuracy": 0.94},
    "uk": {"exact_f1": 0.97, "resolution_accuracy": 0.95},
    "en": {"exact_f1": 0.92, "resolution_accuracy": 0.93},
}


@pytest.fixture(scope="module")
def gazetteer() -> toponyms.Gazetteer:
    return toponyms.load()


def test_reader_sorts_gold_by_scope() -> None:
    documents = {d.id: d for d in read_documents(SAMPLE)}
    scopes = {g.surface: g.scope for d in documents.values() for g in d.gold}
    assert scopes == {
        "Покровск": Scope.IN,
        "Москве": Scope.IN,
        "Чернівцях": Scope.IN,
        "Варшави": Scope.OUT,  # no country: outside the gazetteer's depth
        "Russian": Scope.ADJECTIVE,
        "Kherson": Scope.IN,
        "Kyiv": Scope.IN,
    }
    assert documents["uk-1"].ignore == ((0, 21),)


@requires_full_gazetteer
def test_sample_figures(gazetteer: toponyms.Gazetteer) -> None:
    report = evaluate(toponyms.Matcher(gazetteer).annotate, gazetteer, read_documents(SAMPLE))
    overall = report.tallies[ALL_LANGS]
    # Every in-scope span found, nothing else predicted: «України» lies in an ignored event
    # name, Варшави is out of scope (found, counted apart), "Russian" an adjective (not found).
    assert (overall.gold, overall.found_exact, overall.predicted, overall.true_exact) == (
        5,
        5,
        5,
        5,
    )
    assert (overall.out_of_scope, overall.out_of_scope_found) == (1, 1)
    assert (overall.adjectives, overall.adjectives_found) == (1, 0)
    # Pokrovsk by its GeoNames id, Moscow by Wikidata, Kherson by its point; the gold of the
    # Kyiv span names Mykolaiv on purpose, so one judgement is wrong.
    assert overall.verdicts[Verdict.RIGHT_BY_ID] == 2
    assert overall.verdicts[Verdict.RIGHT_BY_POINT] == 1
    assert overall.verdicts[Verdict.WRONG] == 1
    assert overall.figures()["resolution_accuracy"] == 0.75
    [error] = report.errors
    assert (error.kind, error.surface) == ("wrong place", "Kyiv")
    # Nothing in the sample is inside an organisation's name: both readings agree.
    assert report.without_in_name[ALL_LANGS].figures() == overall.figures()


def test_misses_and_false_alarms_are_counted(gazetteer: toponyms.Gazetteer) -> None:
    matcher = toponyms.Matcher(gazetteer)

    def shifted(text: str) -> list[toponyms.Mention]:
        # Drop the first mention (a miss) and add Kyiv where no gold is (a false alarm).
        return matcher.annotate(text)[1:] + matcher.annotate("Kyiv")

    report = evaluate(shifted, gazetteer, [next(iter(read_documents(SAMPLE)))])
    ru = report.tallies["ru"]
    assert (ru.gold, ru.found_exact, ru.predicted, ru.true_exact) == (2, 1, 2, 1)
    figures = ru.figures()
    assert (figures["exact_precision"], figures["exact_recall"], figures["exact_f1"]) == (
        0.5,
        0.5,
        0.5,
    )
    assert sorted(e.kind for e in report.errors) == ["false alarm", "miss"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "tmp.jsonl:1: invalid JSON"),
        ('["a list"]', "tmp.jsonl:1: expected a JSON object"),
        ('{"id": "x"}', "tmp.jsonl:1: field 'text' must be a string"),
        (
            '{"text": "Київ", "mentions": [{"start": 0, "end": 3, "surface": "Київ"}]}',
            "tmp.jsonl:1: mention 0: text[0:3] is not 'Київ'",
        ),
    ],
)
def test_a_bad_file_names_file_line_and_problem(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "tmp.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(EvaluationFileError) as caught:
        list(read_documents(path))
    assert str(caught.value).startswith(f"{tmp_path / message}")


def test_cli_eval_prints_the_table_and_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(SAMPLE), "--errors"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("lang")
    assert "wrong place\ten\ten-1\t44:48\tKyiv" in out


def test_cli_eval_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(SAMPLE), "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert set(figures) == {"en", "ru", "uk", "all", "without_in_name"}
    assert set(figures["without_in_name"]) == {"en", "ru", "uk", "all"}


def test_cli_eval_bad_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("{oops\n", encoding="utf-8")
    assert main(["eval", str(path)]) == 2
    assert f"{path}:1: invalid JSON" in capsys.readouterr().err


@requires_shared
@requires_full_gazetteer
@pytest.mark.parametrize(
    ("name", "floors"), [("docs.jsonl", DEV_FLOORS), ("war_news_dev.jsonl", WAR_NEWS_FLOORS)]
)
def test_development_set_stays_above_its_floors(
    gazetteer: toponyms.Gazetteer, name: str, floors: dict[str, dict[str, float]]
) -> None:
    documents = read_documents(SHARED / "eval" / name)
    matcher = toponyms.Matcher(gazetteer)
    report = evaluate(matcher.annotate, gazetteer, documents)
    for lang, floors_of_lang in floors.items():
        figures = report.tallies[lang].figures()
        for figure, floor in floors_of_lang.items():
            value = figures[figure]
            assert isinstance(value, float) and value >= floor, (name, lang, figure, value)


@requires_shared
def test_geocoding_the_development_names_keeps_its_floors() -> None:
    """benchmarks/geocode_names.py: names.jsonl through ``toponyms geocode`` (docs/geocoding.md)."""
    import subprocess
    import sys

    script = Path(__file__).resolve().parents[1] / "benchmarks" / "geocode_names.py"
    done = subprocess.run(
        [sys.executable, str(script), "--json"], capture_output=True, text=True, check=True
    )
    figures = json.loads(done.stdout)
    assert figures["tree_level_in_oblast"] >= 0.97
    assert figures["all_top1_10km"] >= 0.70
    assert figures["qualified_listed_10km"] >= 0.9
