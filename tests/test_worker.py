"""toponyms._worker: what Dask and Spark tasks carry instead of a matcher."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from toponyms._worker import MatcherOptions
from toponyms.matcher import ALL_METHODS


def test_the_same_options_are_one_key_however_written() -> None:
    assert MatcherOptions.of(methods={"exact", "normalized"}, as_of="2014-05-01") == (
        MatcherOptions.of(methods=["normalized", "exact"], as_of="2014-05-01")
    )
    assert MatcherOptions.of() != MatcherOptions.of(methods=ALL_METHODS)
    assert hash(MatcherOptions.of(min_score=0.5)) == hash(MatcherOptions.of(min_score=0.5))


def test_options_pickle_small_and_plain() -> None:
    options = MatcherOptions.of(methods=ALL_METHODS, as_of="2014-05-01")
    assert pickle.loads(pickle.dumps(options)) == options
    assert options.as_of == "2014-05-01" and "fuzzy" in options.methods


def test_overlays_travel_as_absolute_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "extra.yaml").write_text("places: []\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert MatcherOptions.of(overlays=["extra.yaml"]).overlays == (str(tmp_path / "extra.yaml"),)


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"min_score": 1.5}, ValueError, r"min_score must be a number in \[0, 1\]"),
        ({"methods": ["guess"]}, ValueError, r"unknown method 'guess'"),
        ({"as_of": "May 2014"}, ValueError, r"as_of must be an ISO date"),
        ({"overlays": "extra.yaml"}, TypeError, r"overlays expects a sequence of paths"),
        ({"overlays": ["absent.yaml"]}, FileNotFoundError, r"overlay 'absent.yaml' does not"),
        ({"layers": "osm"}, TypeError, r"layers expects a sequence of layer names"),
    ],
    ids=["min-score", "method", "as-of", "overlay-string", "overlay-missing", "layers-string"],
)
def test_wrong_options_are_refused_where_they_are_made(
    options: dict[str, object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        MatcherOptions.of(**options)  # type: ignore[arg-type]
