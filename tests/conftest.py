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
