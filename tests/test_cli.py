"""The command line: annotate in every format, lookup, validate, info, and failures."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from conftest import TEST_DATA
from toponyms.cli import main

PARAGRAPH = (
    "Бої за Покровськ не вщухають. Російські джерела досі пишуть Красноармейск. "
    "Kharkiv was shelled again; Moscow calls the region «Донбасс»."
)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def document(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(PARAGRAPH, encoding="utf-8")
    return path


def test_annotate_file_to_jsonl(capsys: pytest.CaptureFixture[str], document: Path) -> None:
    status, out, _ = _run(capsys, "annotate", str(document))
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert status == 0
    assert record["id"] == str(document)
    assert [(m["surface"], m["place_id"]) for m in record["mentions"]] == [
        ("Покровськ", "ua/donetska/pokrovsk"),
        ("Красноармейск", "ua/donetska/pokrovsk"),
        ("Kharkiv", "ua/kharkivska/kharkiv"),
        ("Moscow", "ru/moskva"),
        ("Донбасс", "ua/donbas"),
    ]
    for mention in record["mentions"]:
        assert PARAGRAPH[mention["start"] : mention["end"]] == mention["surface"]


def test_annotate_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("Покровськ"))
    status, out, _ = _run(capsys, "annotate")
    assert status == 0
    assert json.loads(out)["mentions"][0]["place_id"] == "ua/donetska/pokrovsk"


def test_annotate_jsonl_input_keeps_ids_order_and_bad_lines(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "docs.jsonl"
    source.write_text(
        json.dumps({"doc": "a", "body": "Бахмут"}, ensure_ascii=False)
        + "\n"
        + "{not json\n"
        + json.dumps({"doc": "c", "other": "no body"})
        + "\n"
        + json.dumps({"doc": "d", "body": "Нічого"}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    status, out, err = _run(
        capsys,
        "annotate",
        "--input",
        "jsonl",
        "--text-field",
        "body",
        "--id-field",
        "doc",
        str(source),
    )
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == ["a", 2, "c", "d"]
    assert records[0]["mentions"][0]["place_id"] == "ua/donetska/bakhmut"
    assert "invalid JSON" in records[1]["error"]
    assert "no text in field 'body'" in records[2]["error"]
    assert records[3] == {"id": "d", "mentions": []}
    assert status == 1 and "2 document(s)" in err


def test_unreadable_file_gets_an_error_object(
    capsys: pytest.CaptureFixture[str], document: Path, tmp_path: Path
) -> None:
    missing = tmp_path / "missing.txt"
    status, out, _ = _run(capsys, "annotate", str(missing), str(document))
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == [str(missing), str(document)]
    assert "cannot read" in records[0]["error"]
    assert status == 1


def test_annotate_csv(capsys: pytest.CaptureFixture[str], document: Path) -> None:
    status, out, _ = _run(capsys, "annotate", "--format", "csv", str(document))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert status == 0
    assert [row["place_id"] for row in rows][:2] == ["ua/donetska/pokrovsk"] * 2


def test_annotate_geojson_to_file(
    capsys: pytest.CaptureFixture[str], document: Path, tmp_path: Path
) -> None:
    output = tmp_path / "out.geojson"
    status, _, _ = _run(capsys, "annotate", "--format", "geojson", "-o", str(output), str(document))
    collection = json.loads(output.read_text(encoding="utf-8"))
    assert status == 0
    assert collection["features"][0]["properties"]["place_id"] == "ua/donetska/pokrovsk"


def test_annotate_with_overlay(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = tmp_path / "t.txt"
    text.write_text("Krasnoarmysk fell.", encoding="utf-8")
    overlay = TEST_DATA / "overlays" / "add_names.yaml"
    _, out, _ = _run(capsys, "annotate", "--overlay", str(overlay), str(text))
    assert json.loads(out)["mentions"][0]["place_id"] == "ua/donetska/pokrovsk"


def test_lookup_json_one_line_per_query(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "lookup", "--json", "Артемовск", "Nowhere-on-earth")
    first, second = (json.loads(line) for line in out.splitlines())
    assert status == 0
    assert first["query"] == "Артемовск"
    best = first["candidates"][0]
    assert (best["place_id"], best["kind"]) == ("ua/donetska/bakhmut", "city")
    assert best["parent"].startswith("ua/donetska")  # the oblast, or its hromada in the full data
    assert set(best) == {
        "place_id",
        "name",
        "kind",
        "country",
        "parent",
        "lat",
        "lon",
        "coords_precision",
        "score",
        "matched",
        "match",
        "pcode",
    }
    assert best["match"] == "alias"  # Артемовск is a former name of Bakhmut
    assert best["coords_precision"] in {"point", "centroid", "parent", "approximate"}
    assert second == {"query": "Nowhere-on-earth", "candidates": []}


def test_lookup_narrows_by_within_and_kind(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(
        capsys, "lookup", "--json", "Novoselivka", "--within", "Pokrovskyi raion",
        "--within", "Donetsk Oblast",
    )  # fmt: skip
    assert status == 0
    ids = [c["place_id"] for c in json.loads(out)["candidates"]]
    assert ids == ["ua/donetska/novoselivka~pokrovskyi"]
    status, out, _ = _run(capsys, "lookup", "--json", "Zaporizhzhia", "--kind", "oblast")
    assert [c["place_id"] for c in json.loads(out)["candidates"]] == ["ua/zaporizka"]
    with pytest.raises(SystemExit) as refused:
        main(["lookup", "Kyiv", "--limit", "-1"])
    assert refused.value.code == 2


def test_lookup_reads_names_from_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("Харків\n\nKharkiv\n"))
    status, out, _ = _run(capsys, "lookup", "--json")
    answers = [json.loads(line) for line in out.splitlines()]
    assert status == 0
    assert [a["query"] for a in answers] == ["Харків", "Kharkiv"]
    assert [a["candidates"][0]["place_id"] for a in answers] == ["ua/kharkivska/kharkiv"] * 2


def test_validate_reports_problems_one_a_line_and_exits_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    bad = TEST_DATA / "invalid" / "unknown_kind.yaml"
    status, out, _ = _run(capsys, "validate", "--no-bundled", str(bad))
    assert status == 2
    assert out.splitlines() == [
        line.format(file=bad)
        for line in (TEST_DATA / "invalid" / "unknown_kind.expected").read_text().splitlines()
    ]


def test_validate_valid_overlay_on_the_bundled_gazetteer(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = _run(capsys, "validate", str(TEST_DATA / "overlays" / "add_names.yaml"))
    assert (status, out) == (0, "ok: 1 file(s) valid\n")


def test_validate_the_bundled_gazetteer_itself(capsys: pytest.CaptureFixture[str]) -> None:
    from toponyms._resources import bundled_gazetteer

    status, out, _ = _run(capsys, "validate", str(bundled_gazetteer()))
    assert (status, out) == (0, "ok: 1 file(s) valid\n")


def test_validate_missing_file_is_one_line_on_stderr(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    status, out, err = _run(capsys, "validate", str(tmp_path / "nope.yaml"))
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and "nope.yaml" in err


def test_info_json_counts_and_times(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _run(capsys, "info", "--json")
    info = json.loads(out)
    assert status == 0
    assert info["places_by_kind"]["oblast"] >= 24
    assert {"uk", "ru", "en"} <= set(info["names_by_lang"])
    assert info["cold_load_seconds"] > 0 and info["warm_load_seconds"] > 0


def test_no_command_prints_help_and_fails(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = _run(capsys)
    assert status == 2 and "annotate" in err


def test_annotate_options_fuzzy_as_of_and_workers(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lines = ['{"text": "Shelling of Kramatorks."}', '{"text": "Вибухи в Дніпропетровську."}']
    source = tmp_path / "news.jsonl"
    source.write_text("\n".join(lines * 3) + "\n", encoding="utf-8")
    args = ["annotate", str(source), "--input", "jsonl", "--fuzzy", "--as-of", "2015-01-01"]
    assert main([*args, "--n-process", "2", "--batch-size", "2"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in records] == [1, 2, 3, 4, 5, 6]
    kramatorsk, dnipro = records[0]["mentions"][0], records[1]["mentions"][0]
    assert (kramatorsk["place_id"], kramatorsk["method"]) == ("ua/donetska/kramatorsk", "fuzzy")
    assert (dnipro["place_id"], dnipro["name_as_of"]) == (
        "ua/dnipropetrovska/dnipro",
        "Dnipropetrovsk",
    )


def test_progress_line_goes_to_stderr_only(
    capsys: pytest.CaptureFixture[str], document: Path
) -> None:
    assert main(["annotate", str(document), "--progress", "always"]) == 0
    captured = capsys.readouterr()
    assert "1 documents" in captured.err and "characters/s" in captured.err
    assert "characters/s" not in captured.out
    assert main(["annotate", str(document)]) == 0  # auto: not a terminal, so silent
    assert capsys.readouterr().err == ""


def test_unknown_method_is_one_line_on_stderr(
    capsys: pytest.CaptureFixture[str], document: Path
) -> None:
    assert main(["annotate", str(document), "--methods", "exact,soundex"]) == 2
    assert "unknown method 'soundex'" in capsys.readouterr().err
