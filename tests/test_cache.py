"""The on-disk index cache: a hit, a rebuild when a file changes, and fallbacks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import toponyms
from conftest import TEST_DATA


@pytest.fixture
def base_copy(tmp_path: Path) -> Path:
    path = tmp_path / "base.yaml"
    shutil.copy(TEST_DATA / "base.yaml", path)
    return path


def test_second_load_is_served_from_the_cache(base_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = toponyms.load(base_copy, bundled=False, cache_dir=cache)
    second = toponyms.load(base_copy, bundled=False, cache_dir=cache)
    assert first.load_report is not None and not first.load_report.from_cache
    assert second.load_report is not None and second.load_report.from_cache
    assert list(second) == list(first)


def test_cached_and_fresh_gazetteers_agree(base_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    toponyms.load(base_copy, bundled=False, cache_dir=cache)
    cached = toponyms.load(base_copy, bundled=False, cache_dir=cache)
    fresh = toponyms.load(base_copy, bundled=False, use_cache=False)
    assert dict(cached.index.items()) == dict(fresh.index.items())
    assert dict(cached.index.items(folded=True)) == dict(fresh.index.items(folded=True))
    assert dict(cached.places) == dict(fresh.places)


def test_a_changed_file_rebuilds(base_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    toponyms.load(base_copy, bundled=False, cache_dir=cache)
    text = base_copy.read_text(encoding="utf-8").replace(
        "{text: Bakhmut, lang: en}", "{text: Bakhmut, lang: en}\n      - {text: Bachmut, lang: de}"
    )
    base_copy.write_text(text, encoding="utf-8")
    changed = toponyms.load(base_copy, bundled=False, cache_dir=cache)
    assert changed.load_report is not None and not changed.load_report.from_cache
    assert "Bachmut" in {name.text for name in changed["ua/donetska/bakhmut"].names}


def test_unwritable_cache_warns_and_builds_in_memory(base_copy: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    with pytest.warns(toponyms.ToponymsWarning, match="cannot write the index cache"):
        gazetteer = toponyms.load(base_copy, bundled=False, cache_dir=blocker / "cache")
    assert gazetteer.lookup("Покровськ")[0].place_id == "ua/donetska/pokrovsk"


def test_corrupt_cache_file_warns_and_rebuilds(base_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    toponyms.load(base_copy, bundled=False, cache_dir=cache)
    (cached_file,) = cache.glob("*.pickle")
    cached_file.write_bytes(b"garbage")
    with pytest.warns(toponyms.ToponymsWarning, match="unreadable index cache"):
        rebuilt = toponyms.load(base_copy, bundled=False, cache_dir=cache)
    assert rebuilt.lookup("Артемовск")[0].place_id == "ua/donetska/bakhmut"
    assert toponyms.load(base_copy, bundled=False, cache_dir=cache).load_report.from_cache  # type: ignore[union-attr]


def test_cache_dir_comes_from_the_environment(
    base_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TOPONYMS_CACHE_DIR", str(tmp_path / "from-env"))
    toponyms.load(base_copy, bundled=False)
    assert list((tmp_path / "from-env").glob("*.pickle"))
