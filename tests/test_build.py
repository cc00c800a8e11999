"""The committed gazetteer is exactly what scripts/build_gazetteer.py builds from the sources."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT_ROOT, SHARED, requires_full_gazetteer, requires_shared

pytestmark = requires_full_gazetteer

BUILD = PROJECT_ROOT / "scripts" / "build_gazetteer.py"
COMMITTED = PROJECT_ROOT / "data" / "gazetteer.yaml"
BUILD_SECONDS = 600  # the build takes about ten seconds; this only stops a hung run


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
def test_build_reproduces_the_committed_gazetteer(tmp_path: Path) -> None:
    pytest.importorskip("pycountry", reason="the build needs the build extra (pycountry)")
    out = tmp_path / "gazetteer.yaml"
    _build(out)
    assert out.read_bytes() == COMMITTED.read_bytes(), (
        "data/gazetteer.yaml differs from a fresh build: run python scripts/build_gazetteer.py"
    )
