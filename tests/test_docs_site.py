"""The documentation site (mkdocs.yml) builds under --strict, with the API reference in it."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from conftest import PROJECT_ROOT

for _tool in ("mkdocs", "material", "mkdocstrings", "mkdocstrings_handlers.python"):
    pytest.importorskip(
        _tool, reason='the docs site needs the docs extra: pip install -e ".[docs]"'
    )

# mkdocs builds in a second or two; the bound is for a loaded machine, not a benchmark.
BUILD_TIMEOUT_S = 120


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site_dir = tmp_path_factory.mktemp("site")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    command += ["--config-file", str(PROJECT_ROOT / "mkdocs.yml")]
    done = subprocess.run(
        command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S
    )
    assert done.returncode == 0, done.stderr
    return site_dir


def _page(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("page", "anchor"),
    [
        ("reference/gazetteer", 'id="toponyms.load"'),
        ("reference/gazetteer", 'id="toponyms.Gazetteer.lookup"'),
        ("reference/matching", 'id="toponyms.Matcher"'),
        ("reference/matching", 'id="toponyms.Matcher.pipe"'),
        ("reference/model", 'id="toponyms.Mention"'),
        ("reference/text", 'id="toponyms.transliterate"'),
        ("reference/geocoding", 'id="toponyms.geocode"'),
        ("reference/errors", 'id="toponyms.errors.UnknownPlaceError"'),
        ("reference/formats", 'id="toponyms.formats.write_jsonl"'),
    ],
    ids=lambda value: value.removeprefix('id="').removesuffix('"'),
)
def test_reference_documents(site: Path, page: str, anchor: str) -> None:
    assert anchor in _page(site, page)


def test_reference_renders_docstring_examples_as_code(site: Path) -> None:
    html = _page(site, "reference/matching")
    assert "Kramatorks" in html  # the fuzzy example in Matcher's docstring
    assert "<p>&gt;&gt;&gt;" not in html


def test_landing_page_takes_the_readme_example(site: Path) -> None:
    html = _page(site, "")
    assert "ua/donetska/pokrovsk" in html
    assert "--8&lt;--" not in html


def _griffe_markdown() -> ModuleType:
    path = PROJECT_ROOT / "scripts" / "griffe_markdown.py"
    spec = importlib.util.spec_from_file_location("griffe_markdown", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("docstring", "expected"),
    [
        (">>> 1\n1", "```pycon\n>>> 1\n1\n```"),
        ("Text.\n\n>>> 1\n1\n\nMore.", "Text.\n\n```pycon\n>>> 1\n1\n```\n\nMore."),
        (
            "Args:\n    x: a.\n\n        >>> x\n",
            "Args:\n    x: a.\n\n        ```pycon\n        >>> x\n        ```\n",
        ),
        ("```python\n>>> fenced\n```", "```python\n>>> fenced\n```"),
        ("See :func:`toponyms.load`.", "See `toponyms.load`."),
        ("A :class:`~toponyms.errors.Problem`.", "A `Problem`."),
    ],
    ids=["bare", "between-paragraphs", "indented", "already-fenced", "role", "role-short"],
)
def test_docstrings_become_markdown(docstring: str, expected: str) -> None:
    module = _griffe_markdown()
    assert module.unrole(module.fence_examples(docstring)) == expected
