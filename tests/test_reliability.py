"""Hostile and careless input (issue #15): each test is named after what it guards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import toponyms

PLACE = """places:
  - id: no/oslo
    kind: city
    country: {country}
    names:
      - {{text: {text}, lang: {lang}}}
"""


def _problems(tmp_path: Path, text: str) -> list[toponyms.Problem]:
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    return toponyms.validate(path)


def test_nested_aliases_are_refused_not_expanded(tmp_path: Path) -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for this, last in zip("bcdefghi", "abcdefgh", strict=True):
        lines.append(f"{this}: &{this} [" + ",".join([f"*{last}"] * 9) + "]")
    (problem,) = _problems(tmp_path, "\n".join(lines) + "\n")  # 9**9 strings if expanded
    assert "aliases expand past 10,000 nodes" in problem.message
    assert problem.file.endswith("mine.yaml") and problem.line >= 1


def test_a_modest_anchor_is_still_allowed(tmp_path: Path) -> None:
    text = (
        "places:\n  - id: xx/one\n    kind: city\n    country: UA\n    names: &names\n"
        "      - {text: Одне, lang: uk}\n  - id: xx/two\n    kind: city\n    country: UA\n"
        "    names: *names\n"
    )
    assert _problems(tmp_path, text) == []


@pytest.mark.parametrize(
    "tagged", ["!!python/name:os.system village", "!!binary aGVsbG8=", "!custom village"]
)
def test_any_tag_but_plain_data_is_refused_with_its_line(tmp_path: Path, tagged: str) -> None:
    text = f"places:\n  - id: xx/one\n    kind: {tagged}\n    country: UA\n"
    problems = _problems(tmp_path, text)
    tag_problems = [p for p in problems if "YAML tag" in p.message]
    assert len(tag_problems) == 1 and tag_problems[0].line == 3


def test_yaml_1_1_booleans_stay_strings(tmp_path: Path) -> None:
    path = tmp_path / "norway.yaml"
    path.write_text(PLACE.format(country="NO", text="yes", lang="no"), encoding="utf-8")
    oslo = toponyms.load(path, bundled=False, use_cache=False, reuse=False)["no/oslo"]
    assert oslo.country == "NO"  # Norway, not False
    assert (oslo.names[0].text, oslo.names[0].lang) == ("yes", "no")  # Norwegian


def test_names_over_the_documented_length_are_refused(tmp_path: Path) -> None:
    from toponyms._schema_names import MAX_NAME_LENGTH

    long_name = "Дуже " * (MAX_NAME_LENGTH // 5 + 1)
    (problem,) = _problems(tmp_path, PLACE.format(country="UA", text=long_name.strip(), lang="uk"))
    assert f"at most {MAX_NAME_LENGTH}" in problem.message and problem.line == 6


# -- the command line never loses a document, never moves an offset, never eats its input ---------


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    from toponyms.cli import main

    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_output_over_its_own_input_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "same.jsonl"
    content = '{"text": "Бої за Покровськ"}\n'
    source.write_text(content, encoding="utf-8")
    (tmp_path / "hard.jsonl").hardlink_to(source)
    (tmp_path / "soft.jsonl").symlink_to(source)
    for output in ("same.jsonl", "hard.jsonl", "soft.jsonl"):
        status, _, err = _cli(capsys, "annotate", "--input", "jsonl", str(source),
                              "-o", str(tmp_path / output))  # fmt: skip
        assert status == 2 and "refusing to overwrite" in err
        assert source.read_text(encoding="utf-8") == content
    table = tmp_path / "rows.csv"
    table.write_text("name\nPokrovsk\n", encoding="utf-8")
    status, _, err = _cli(capsys, "geocode", str(table), "--name", "name", "-o", str(table))
    assert status == 2 and table.read_text(encoding="utf-8") == "name\nPokrovsk\n"


def test_one_bad_utf8_line_costs_one_document_with_its_own_line_number(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "docs.jsonl"
    source.write_bytes(
        b'{"text": "\xd0\x91\xd0\xbe\xd1\x97 \xd0\xb7\xd0\xb0 Pokrovsk"}\n'
        b'{"text": "bad \xff byte"}\n'
        b'{"text": "Kharkiv"}\n'
    )
    status, out, _ = _cli(capsys, "annotate", "--input", "jsonl", str(source))
    records = [json.loads(line) for line in out.splitlines()]
    assert status == 1 and len(records) == 3
    assert "error" in records[1] and "line 2" in records[1]["error"]
    assert records[0]["mentions"] and records[2]["mentions"]


def test_crlf_offsets_index_the_file_as_stored(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    raw = "Перший рядок.\r\nДругий рядок.\r\nБої за Покровськ.\r\n"
    source = tmp_path / "crlf.txt"
    source.write_bytes(raw.encode("utf-8"))
    status, out, _ = _cli(capsys, "annotate", str(source))
    (mention,) = json.loads(out)["mentions"]
    assert status == 0
    assert raw[mention["start"] : mention["end"]] == mention["surface"] == "Покровськ"


@pytest.mark.parametrize("bad_id", ["NaN", "1e400", '"\\ud800"'])
def test_an_id_that_is_not_strict_json_is_one_error_and_the_stream_goes_on(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bad_id: str
) -> None:
    source = tmp_path / "ids.jsonl"
    source.write_text(
        f'{{"id": {bad_id}, "text": "Pokrovsk"}}\n{{"id": 2, "text": "Kharkiv"}}\n',
        encoding="utf-8",
    )
    status, out, _ = _cli(capsys, "annotate", "--input", "jsonl", "--id-field", "id", str(source))
    lines = out.splitlines()
    records = [json.loads(line, parse_constant=_no_constant) for line in lines]  # strict JSON
    assert status == 1 and len(records) == 2
    assert "error" in records[0] and records[1]["id"] == 2 and records[1]["mentions"]


def _no_constant(name: str) -> None:
    raise AssertionError(f"{name} written: not JSON")


def test_a_file_of_nul_bytes_is_refused_at_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    zeros = Path("/dev/zero")
    if not zeros.exists():
        pytest.skip("no /dev/zero on this platform")
    status, out, _ = _cli(capsys, "annotate", str(zeros))
    assert status == 1 and "NUL bytes" in json.loads(out)["error"]


def test_csv_cells_read_back_row_for_row_and_never_run_as_formulas(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import csv
    import io

    source = tmp_path / "ids.jsonl"
    source.write_text(
        '{"id": "a\\rb", "text": "Pokrovsk"}\n{"id": "=HYPERLINK(\\"x\\")", "text": "Kharkiv"}\n'
        '{"id": "-5", "text": "Sumy"}\n',
        encoding="utf-8",
    )
    status, out, _ = _cli(capsys, "annotate", "--input", "jsonl", "--id-field", "id",
                          "--format", "csv", str(source))  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(out, newline="")))
    assert status == 0 and [row["id"] for row in rows] == ["a\rb", '\'=HYPERLINK("x")', "-5"]


def test_geojson_text_sequences_stay_valid_when_cut_short(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "two.txt"
    source.write_text("Бої за Покровськ і Бахмут, обстріли Харкова.", encoding="utf-8")
    status, out, _ = _cli(capsys, "annotate", "--format", "geojsonl", str(source))
    texts = out.split("\x1e")[1:]
    assert status == 0 and len(texts) == 3 and all(text.endswith("\n") for text in texts)
    features = [json.loads(text) for text in texts[:2]]  # a run cut after two features
    assert {f["properties"]["place_id"] for f in features} <= {
        "ua/donetska/pokrovsk", "ua/donetska/bakhmut", "ua/kharkivska/kharkiv",
    }  # fmt: skip


@pytest.mark.parametrize(
    "invisible",
    [
        "\u200e",
        "\u200f",
        "\u061c",
        "\u202a",
        "\u202c",
        "\u2066",
        "\u2069",
        "\u180e",
        "\u034f",
        "\ufe0f",
    ],
    ids=lambda c: f"U+{ord(c):04X}",
)
def test_invisible_marks_inside_a_name_fold_away(invisible: str) -> None:
    text = f"Бої під Покров{invisible}ськом."
    (mention,) = toponyms.annotate(text)
    assert mention.place_id == "ua/donetska/pokrovsk"
    assert text[mention.start : mention.end] == mention.surface == f"Покров{invisible}ськом"


def test_a_hyphenated_town_is_not_its_last_word() -> None:
    for text in ("Бої за Гуляй-Поле.", "Бои под Гуляй-Полем."):
        (mention,) = toponyms.annotate(text)
        assert mention.place_id == "ua/zaporizka/huliaipole", text


def test_a_run_of_stray_marks_does_not_grow_a_letter() -> None:
    from toponyms.text.normalize import MAX_CLUSTER, normalize_with_offsets

    text = "a" + "\u200b\u0308" * 10_000 + " Kyiv"
    normalized = normalize_with_offsets(text)
    assert len(normalized.text) <= MAX_CLUSTER + len(" kyiv")  # not 10,000 marks, each copied
    (mention,) = toponyms.annotate(text)
    assert text[mention.start : mention.end] == "Kyiv"


# -- pipe() across processes and threads -------------------------------------------------------


def test_threads_piping_with_their_own_matchers_get_their_own_results() -> None:
    import threading

    from toponyms.model import Method

    gazetteer = toponyms.load()
    loose = toponyms.Matcher(gazetteer)
    strict = toponyms.Matcher(gazetteer, methods={Method.EXACT})
    texts = ["Shelling of Kharkov and Sumy."] * 8  # Kharkov is a transliteration: loose only
    expected = {id(m): [m.annotate(t) for t in texts] for m in (loose, strict)}
    assert expected[id(loose)] != expected[id(strict)]
    failures: list[str] = []

    def run(matcher: toponyms.Matcher) -> None:
        for _ in range(3):
            got = list(matcher.pipe(texts, n_process=2, batch_size=2))
            if got != expected[id(matcher)]:
                failures.append("a thread got the other matcher's results")

    threads = [threading.Thread(target=run, args=(m,)) for m in (loose, strict, loose, strict)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


def test_an_item_that_cannot_be_pickled_yields_nothing_and_the_stream_goes_on() -> None:
    matcher = toponyms.Matcher(toponyms.load())
    items = ["Бої за Покровськ.", lambda: None, "Kharkiv"]
    with pytest.warns(toponyms.ToponymsWarning, match="expected a str, not function"):
        results = list(matcher.pipe(items, n_process=2))  # type: ignore[arg-type]
    assert len(results) == 3 and results[1] == []
    assert results[0][0].place_id == "ua/donetska/pokrovsk" and results[2]


def test_thousands_of_mistyped_parents_are_each_reported_with_a_hint(tmp_path: Path) -> None:
    lines = ["places:", "  - {id: ua/donetska, kind: oblast, country: UA,"
             " names: [{text: Донецька область, lang: uk}]}"]  # fmt: skip
    for number in range(10_000):
        lines.append(
            f"  - {{id: ua/donetska/v{number}, kind: village, country: UA, parent: ua/donetsk,"
            f" names: [{{text: Село {number}, lang: uk}}]}}"
        )
    problems = _problems(tmp_path, "\n".join(lines) + "\n")
    assert len(problems) == 10_000
    assert all("nearest ids: ua/donetska" in p.message for p in problems[:5])


def test_a_long_document_is_read_in_windows_with_offsets_into_the_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from toponyms import matcher as matcher_module

    monkeypatch.setattr(matcher_module, "WINDOW_CHARS", 2_000)
    paragraph = "Бої за Покровськ тривають. Russian forces shelled Kharkiv.\n\n"
    text = paragraph * 200  # 12,000 characters: six windows and more
    matcher = toponyms.Matcher(toponyms.load())
    windows = list(matcher_module.windows(text, 2_000))
    assert len(windows) > 5 and all(end - start <= 2_000 for start, end in windows)
    assert all(text[end - 2 : end] == "\n\n" for _, end in windows[:-1])  # cut at paragraphs
    read = []
    window = matcher._annotate_window
    monkeypatch.setattr(
        matcher,
        "_annotate_window",
        lambda part, offset: read.append(part) or window(part, offset),
    )
    streamed = list(matcher.iter_annotate(text))
    assert len(read) == len(windows)  # one pass per window, not the whole text at once
    assert streamed == matcher.annotate(text)
    assert len(streamed) == 400
    assert all(text[m.start : m.end] == m.surface for m in streamed)
    assert [m.place_id for m in streamed[:2]] == ["ua/donetska/pokrovsk", "ua/kharkivska/kharkiv"]
