"""Packaging: the wheel ships the gazetteer, and an installed (non-editable) copy loads it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import PROJECT_ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--quiet",
            "-w",
            str(out),
            str(PROJECT_ROOT),
        ],
        check=True,
    )
    (built,) = out.glob("toponyms-*.whl")
    return built


def test_wheel_contains_the_gazetteer_and_no_tests(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "toponyms/data/gazetteer.yaml" in names
    assert "toponyms/data/compiled/bundled.store" in names  # compiled by hatch_build.py
    assert "toponyms/py.typed" in names
    assert "toponyms/data/oblast_outlines.json" in names  # the HTML page's map
    assert {"toponyms/assets/page.css", "toponyms/assets/page.js"} <= set(names)
    assert any(name.startswith("toponyms/text/tables/") for name in names)
    assert not any(name.startswith(("tests/", "scripts/", "data/curation")) for name in names)


def test_wheel_registers_the_spacy_component_and_needs_spacy_only_for_the_extra(
    wheel: Path,
) -> None:
    archive = zipfile.ZipFile(wheel)
    info = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA")).rsplit("/", 1)
    entry_points = archive.read(f"{info[0]}/entry_points.txt").decode()
    assert "[spacy_factories]\ntoponyms = toponyms.spacy:make_toponyms" in entry_points
    requires = [
        line.removeprefix("Requires-Dist: ")
        for line in archive.read("/".join(info)).decode().splitlines()
        if line.startswith("Requires-Dist: spacy")
    ]
    assert "spacy>=3.7; extra == 'spacy'" in requires
    assert all("extra ==" in requirement for requirement in requires)


def test_installed_wheel_loads_the_bundled_gazetteer_from_elsewhere(
    wheel: Path, tmp_path: Path
) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--quiet",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    script = (
        "import json, toponyms\n"
        "from toponyms._resources import bundled_gazetteer\n"
        "g = toponyms.load(use_cache=False)\n"
        "first = toponyms.load()\n"
        "print(json.dumps({'module': toponyms.__file__, 'data': str(bundled_gazetteer()),\n"
        "  'pokrovsk': g.lookup('Красноармейск')[0].place_id,\n"
        "  'shipped': first.load_report.shipped,\n"
        "  'same': first.lookup('Красноармейск') == g.lookup('Красноармейск')}))\n"
    )
    cache = tmp_path / "empty-cache"
    env = {
        **os.environ,
        "PYTHONPATH": str(target),
        "TOPONYMS_CACHE_DIR": str(cache),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(result.stdout)
    assert report["module"].startswith(str(target))
    assert report["data"].startswith(str(target))
    assert report["pokrovsk"] == "ua/donetska/pokrovsk"
    # The first run after install reads the index compiled into the wheel: no build, no cache.
    assert report["shipped"] and report["same"]
    assert not cache.exists()
