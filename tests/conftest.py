"""Shared fixtures: the bundled gazetteer, a matcher, and the path to ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]
TEST_DATA = PROJECT_ROOT / "tests" / "data"
# CI checks the project out with ../shared beside it; a user's fresh clone has none.
SHARED = PROJECT_ROOT.parent / "shared"

requires_shared = pytest.mark.skipif(
    not SHARED.is_dir(),
    reason=f"needs the shared data directory {SHARED} (present in CI, absent in a fresh clone)",
)

BUNDLED = PROJECT_ROOT / "data" / "gazetteer.yaml"
# The hand-made seed edition says so in its data_version; the built one does not.
_IS_SEED = "-seed" in next(
    (line for line in BUNDLED.read_text(encoding="utf-8").splitlines() if "data_version" in line),
    "",
)
requires_full_gazetteer = pytest.mark.skipif(
    _IS_SEED,
    reason="needs the full gazetteer built by scripts/build_gazetteer.py; "
    "data/gazetteer.yaml is still the hand-made seed edition",
)
