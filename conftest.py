"""Collection of the examples that need an optional extra: without spaCy, skip its module and page.

``--doctest-modules`` imports ``src/toponyms/spacy.py``, which imports spaCy, and
``docs/spacy.md`` runs it; a clone installed without the ``[spacy]`` extra leaves both out
(and says so in the report header) instead of failing to collect. tests/test_spacy.py skips
itself with the same remedy.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parent
_NEEDS_SPACY = frozenset({_ROOT / "src" / "toponyms" / "spacy.py", _ROOT / "docs" / "spacy.md"})
_HAS_SPACY = importlib.util.find_spec("spacy") is not None


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    if not _HAS_SPACY and collection_path.resolve() in _NEEDS_SPACY:
        return True
    return None


def pytest_report_header(config: pytest.Config) -> str | None:
    if _HAS_SPACY:
        return None
    return (
        "spaCy is not installed: src/toponyms/spacy.py and docs/spacy.md are not collected "
        '(pip install -e ".[test,spacy]")'
    )
