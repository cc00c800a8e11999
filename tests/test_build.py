"""The committed gazetteer and its data layers are exactly what scripts/build_gazetteer.py builds
from the sources."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT_ROOT, SHARED, requires_full_gazetteer, requires_shared

pytestmark = requires_full_gazetteer

BUILD = PROJECT_ROOT / "scripts" / "build_gazetteer.py"
COMMITTED = PROJECT_ROOT / "data" / "gazetteer.yaml"
LAYERS = PROJECT_ROOT / "data" / "layers"
BUILD_SECONDS = 600  # the build takes about 25 seconds; this only stops a hung run


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder of a fresh build: gazetteer.yaml and layers/."""
    pytest.importorskip("pycountry", reason="the build needs the build extra (pycountry)")
    if not SHARED.is_dir():
        pytest.skip(f"needs the shared data directory {SHARED}")
    out = tmp_path_factory.mktemp("build")
    _build(out / "gazetteer.yaml")
    return out


def _build(out: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            str(BUILD),
            "--sources",
            str(SHARED / "data" / "sources"),
            "--previous",
            str(COMMITTED),
            "--out",
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=BUILD_SECONDS,
    )


@requires_shared
def test_build_reproduces_the_committed_gazetteer(built: Path) -> None:
    assert (built / "gazetteer.yaml").read_bytes() == COMMITTED.read_bytes(), (
        "data/gazetteer.yaml differs from a fresh build: run python scripts/build_gazetteer.py"
    )


@requires_shared
@pytest.mark.parametrize("name", sorted(path.name for path in LAYERS.glob("*.yaml")))
def test_build_reproduces_the_committed_layer_file(built: Path, name: str) -> None:
    assert (built / "layers" / name).read_bytes() == (LAYERS / name).read_bytes(), (
        f"data/layers/{name} differs from a fresh build: run python scripts/build_gazetteer.py"
    )


@requires_shared
def test_build_writes_no_layer_file_that_is_not_committed(built: Path) -> None:
    assert sorted(p.name for p in (built / "layers").iterdir()) == sorted(
        p.name for p in LAYERS.glob("*.yaml")
    )
