"""The on-disk index cache and the gazetteers a process keeps: a hit, a rebuild when a file
changes, one copy per process, and a cache that cannot be turned against its user."""

from __future__ import annotations

import io
import os
import pickle
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import toponyms
from conftest import PROJECT_ROOT, TEST_DATA
from toponyms import _cache
from toponyms.gazetteer import forget_loaded


@pytest.fixture
def base_copy(tmp_path: Path) -> Path:
    path = tmp_path / "base.yaml"
    shutil.copy(TEST_DATA / "base.yaml", path)
    return path


@pytest.fixture(autouse=True)
def private_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test signs its cache with a key of its own, as a user of its own."""
    config = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    return config / "toponyms" / "cache-key"


def _load(base: Path, cache: Path) -> toponyms.Gazetteer:
    return toponyms.load(base, bundled=False, cache_dir=cache, reuse=False)


def _entry(cache: Path) -> Path:
    (entry,) = cache.glob("*.cache")
    return entry


def test_second_load_is_served_from_the_cache(base_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _load(base_copy, cache)
    second = _load(base_copy, cache)
    assert first.load_report is not None and not first.load_report.from_cache
    assert second.load_report is not None and second.load_report.from_cache
    assert list(second) == list(first)


def test_cached_and_fresh_gazetteers_agree(base_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _load(base_copy, cache)
    cached = _load(base_copy, cache)
    fresh = toponyms.load(base_copy, bundled=False, use_cache=False, reuse=False)
    assert dict(cached.index.items()) == dict(fresh.index.items())
    assert dict(cached.index.items(folded=True)) == dict(fresh.index.items(folded=True))
    assert dict(cached.places) == dict(fresh.places)


def test_a_changed_file_rebuilds(base_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    before = toponyms.load(base_copy, bundled=False, cache_dir=cache)
    text = base_copy.read_text(encoding="utf-8").replace(
        "{text: Bakhmut, lang: en}", "{text: Bakhmut, lang: en}\n      - {text: Bachmut, lang: de}"
    )
    base_copy.write_text(text, encoding="utf-8")
    changed = toponyms.load(base_copy, bundled=False, cache_dir=cache)  # reused unless changed
    assert changed is not before
    assert changed.load_report is not None and not changed.load_report.from_cache
    assert "Bachmut" in {name.text for name in changed["ua/donetska/bakhmut"].names}


def test_unwritable_cache_warns_and_builds_in_memory(base_copy: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    with pytest.warns(toponyms.ToponymsWarning, match="cannot write the index cache"):
        gazetteer = _load(base_copy, blocker / "cache")
    assert gazetteer.lookup("Покровськ")[0].place_id == "ua/donetska/pokrovsk"


def test_cache_dir_comes_from_the_environment(
    base_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TOPONYMS_CACHE_DIR", str(tmp_path / "from-env"))
    toponyms.load(base_copy, bundled=False, reuse=False)
    assert list((tmp_path / "from-env").glob("*.cache"))


# -- one gazetteer per process ---------------------------------------------------------------


def test_load_returns_one_object_per_arguments(base_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = toponyms.load(base_copy, bundled=False, cache_dir=cache)
    assert toponyms.load(base_copy, bundled=False, cache_dir=cache) is first
    assert toponyms.load(str(base_copy), bundled=False, cache_dir=cache) is first
    assert toponyms.load(base_copy, bundled=False, cache_dir=cache, reuse=False) is not first
    other = toponyms.load(base_copy, bundled=False, cache_dir=tmp_path / "elsewhere")
    assert other is not first
    forget_loaded()
    assert toponyms.load(base_copy, bundled=False, cache_dir=cache) is not first


def test_the_module_annotate_shares_the_loaded_gazetteer(monkeypatch: pytest.MonkeyPatch) -> None:
    from toponyms.matcher import _bundled_matcher

    monkeypatch.undo()  # the bundled data in the user's own cache, under the user's own key
    _bundled_matcher.cache_clear()  # other tests forget what load() kept
    toponyms.annotate("Бої за Покровськ")
    assert _bundled_matcher().gazetteer is toponyms.load()


def test_threads_loading_at_once_get_one_gazetteer(base_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    found: list[toponyms.Gazetteer] = []
    threads = [
        threading.Thread(
            target=lambda: found.append(toponyms.load(base_copy, bundled=False, cache_dir=cache))
        )
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(found) == 8 and all(g is found[0] for g in found)


# -- a cache that cannot be turned against its user --------------------------------------------


class _Payload:
    """What a planted cache file would run on unpickling: here, only the creation of a file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def test_a_planted_cache_file_is_not_run(base_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "shared-cache"
    _load(base_copy, cache)
    entry = _entry(cache)
    marker = tmp_path / "ran"
    planted = pickle.dumps(_Payload(marker))
    for content in (planted, entry.read_bytes()[: len(b"toponyms-cache\n") + 32] + planted):
        entry.write_bytes(content)
        with pytest.warns(toponyms.ToponymsWarning, match="ignoring index cache .*rebuilding"):
            rebuilt = _load(base_copy, cache)
        assert not marker.exists()
        assert rebuilt.lookup("Артемовск")[0].place_id == "ua/donetska/bakhmut"


def test_a_cache_file_others_may_write_is_not_read(base_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    _load(base_copy, cache)
    entry = _entry(cache)
    entry.chmod(0o666)
    with pytest.warns(toponyms.ToponymsWarning, match="writable by other users"):
        rebuilt = _load(base_copy, cache)
    assert rebuilt.load_report is not None and not rebuilt.load_report.from_cache


def test_the_key_is_private(base_copy: Path, tmp_path: Path, private_key: Path) -> None:
    _load(base_copy, tmp_path / "cache")
    assert private_key.stat().st_mode & 0o777 == 0o600
    private_key.chmod(0o644)
    with pytest.warns(toponyms.ToponymsWarning, match="readable by other users"):
        _load(base_copy, tmp_path / "cache")


def test_every_single_byte_corruption_is_caught_and_rebuilt(
    base_copy: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    _load(base_copy, cache)
    entry = _entry(cache)
    good = entry.read_bytes()
    positions = sorted({int(len(good) * n / 40) for n in range(40)})
    for position in positions:
        damaged = bytearray(good)
        damaged[position] ^= 0xFF
        entry.write_bytes(bytes(damaged))
        with pytest.warns(toponyms.ToponymsWarning, match=str(entry)):
            rebuilt = _load(base_copy, cache)
        assert rebuilt.lookup("Артемовск")[0].place_id == "ua/donetska/bakhmut"
        assert _load(base_copy, cache).load_report.from_cache  # type: ignore[union-attr]


def test_old_entries_are_evicted_and_no_temporary_file_is_left(
    base_copy: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    for number in range(_cache.KEEP + 3):
        overlay = tmp_path / f"overlay{number}.yaml"
        overlay.write_text(f"data_version: v{number}\nplaces: []\n", encoding="utf-8")
        toponyms.load(base_copy, overlay, bundled=False, cache_dir=cache, reuse=False)
    assert len(list(cache.glob("*.cache"))) == _cache.KEEP
    assert not list(cache.glob("*.tmp")) and not list(cache.glob(".*.tmp"))


_FIRST_RUN = """
import sys, toponyms
g = toponyms.load(sys.argv[1], bundled=False, cache_dir=sys.argv[2])
print(g.load_report.from_cache, g.lookup("Артемовск")[0].place_id)
"""


def test_concurrent_first_runs_build_once(base_copy: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT / "src")}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", _FIRST_RUN, str(base_copy), str(cache)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(3)
    ]
    outputs = sorted(run.communicate(timeout=300)[0].split()[0] for run in runs)
    assert all(run.returncode == 0 for run in runs)
    assert outputs == ["False", "True", "True"]  # one built it, the others waited and read it
    assert len(list(cache.glob("*.cache"))) == 1 and not list(cache.glob(".*.tmp"))


def test_warm_load_parses_no_yaml(
    base_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    _load(base_copy, cache)

    def refuse(*_: object) -> None:
        raise AssertionError("the warm path parsed YAML")

    monkeypatch.setattr("toponyms._merge.parse_yaml", refuse)
    warm = _load(base_copy, cache)
    assert warm.load_report is not None and warm.load_report.from_cache


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_slow_build_shows_a_bar_on_a_terminal_only(
    base_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from toponyms import progress
    from toponyms._compile import build

    monkeypatch.setattr(progress, "BUILD_SILENT_SECONDS", 0.0)
    monkeypatch.setattr(progress, "REFRESH_SECONDS", 0.001)
    terminal, pipe = _Terminal(), io.StringIO()
    contents = [base_copy.read_bytes()]
    for stream in (terminal, pipe):
        monkeypatch.setattr(sys, "stderr", stream)
        build((str(base_copy),), contents)
    shown = terminal.getvalue()
    assert "compiling the gazetteer" in shown and ("[#" in shown or "[." in shown)
    assert shown.endswith("\r")  # the bar is erased when the build ends
    assert pipe.getvalue() == ""  # a log or a pipe gets no carriage returns
