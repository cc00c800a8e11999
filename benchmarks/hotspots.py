"""Where the default mode spends its time: cProfile over the development texts.

cProfile slows pure-Python code by about half again, evenly enough that the shares hold; the
absolute seconds do not (the throughput tables are measured without it).
"""

from __future__ import annotations

import cProfile
import pstats
from collections.abc import Sequence
from pathlib import PurePath

import attrs

import toponyms

PACKAGE_DIR = (
    "toponyms"  # functions under this directory are ours; the rest is the standard library
)


@attrs.frozen
class Line:
    """One function of the profile."""

    function: str  # file:function, e.g. match.py:_longest_at
    calls: int
    cumulative_share: float  # of the whole run, callees included
    own_share: float  # of the whole run, in the function's own code


def profile(matcher: toponyms.Matcher, texts: Sequence[str]) -> tuple[float, list[Line]]:
    """Seconds of annotating ``texts`` under cProfile, and every function's share of them."""
    profiler = cProfile.Profile()
    profiler.enable()
    for text in texts:
        matcher.annotate(text)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt  # type: ignore[attr-defined]
    lines = []
    for (path, _, name), (_, calls, own, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        where = PurePath(path)
        label = f"{where.name}:{name}" if PACKAGE_DIR in where.parts else name
        lines.append(Line(label, calls, cumulative / total, own / total))
    return total, lines


def top(lines: Sequence[Line], count: int, *, own: bool = False, ours: bool = True) -> list[Line]:
    """The ``count`` largest lines by cumulative (or ``own``) share; only our functions when
    ``ours`` (their cumulative shares say which stage costs what)."""
    chosen = [line for line in lines if not ours or ".py:" in line.function]
    return sorted(
        chosen, key=lambda line: line.own_share if own else line.cumulative_share, reverse=True
    )[:count]
