"""Markdown tables for the terminal and for docs/benchmarks.md, and the writing of that file.

The run owns one marked section of the page; the prose around it is written by hand and kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

BEGIN = "<!-- begin: written by benchmarks/run.py; edit the prose outside these markers -->"
END = "<!-- end: written by benchmarks/run.py -->"
THOUSAND = 1_000
MILLION = 1_000_000
KILOBYTE = 1_000
MEGABYTE = 1_000_000


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table; the first column is left-aligned, the others right-aligned."""
    lines = [
        "| " + " | ".join(header) + " |",
        "| " + " | ".join(["---"] + ["---:"] * (len(header) - 1)) + " |",
    ]
    lines.extend("| " + " | ".join(str(cell) for cell in row) + " |" for row in rows)
    return "\n".join(lines)


def rate(chars_per_second: float | None) -> str:
    """Characters per second, readably: 1.23 M, 456 k."""
    if chars_per_second is None:
        return "—"
    if chars_per_second >= MILLION:
        return f"{chars_per_second / MILLION:.2f} M"
    return f"{chars_per_second / THOUSAND:.0f} k"


def ratio(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}×" if value < 10 else f"{value:.0f}×"


def share(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"


def size(length_bytes: int) -> str:
    if length_bytes >= MEGABYTE:
        return f"{length_bytes / MEGABYTE:g} MB"
    return f"{length_bytes / KILOBYTE:g} KB"


def write_section(path: Path, body: str) -> None:
    """Put ``body`` between the markers of ``path`` (appended, with markers, if it has none)."""
    page = path.read_text(encoding="utf-8") if path.exists() else ""
    section = f"{BEGIN}\n\n{body.strip()}\n\n{END}"
    if BEGIN in page and END in page:
        before, rest = page.split(BEGIN, 1)
        after = rest.split(END, 1)[1]
        page = before + section + after
    else:
        page = page.rstrip() + "\n\n" + section + "\n"
    path.write_text(page, encoding="utf-8")
