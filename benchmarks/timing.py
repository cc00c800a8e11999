"""Timing on a shared machine: jobs interleaved round by round, the best round kept.

Other jobs on the machine only ever add time, so the least of several rounds is the closest to
the true cost; running every tool once per round (rather than one tool's rounds in a row) lets a
slow spell hit all tools alike, which keeps the ratios between them honest.
"""

from __future__ import annotations

import gc
import signal
import time
from collections.abc import Callable, Mapping
from typing import TypeVar

Result = TypeVar("Result")


def best_seconds(jobs: Mapping[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    """The least wall-clock seconds of each job over ``rounds`` interleaved rounds."""
    best = dict.fromkeys(jobs, float("inf"))
    for _ in range(rounds):
        for name, job in jobs.items():
            best[name] = min(best[name], seconds(job))
    return best


def seconds(job: Callable[[], object]) -> float:
    """Wall-clock seconds of one call, garbage from earlier jobs collected first."""
    return timed(job)[0]


def timed(job: Callable[[], Result]) -> tuple[float, Result]:
    """Wall-clock seconds of one call and what it returned."""
    gc.collect()
    started = time.perf_counter()
    result = job()
    return time.perf_counter() - started, result


class _OvertimeError(Exception):
    """Raised by the alarm inside a job that ran past its limit."""


def seconds_within(job: Callable[[], object], limit_seconds: float) -> float | None:
    """Wall-clock seconds of one call, or None if it ran past ``limit_seconds`` (then it is
    stopped by an alarm: a superlinear cost must not hold the run for hours). Unix only."""

    def stop(signal_number: int, frame: object) -> None:
        raise _OvertimeError

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, limit_seconds)
    try:
        return seconds(job)
    except _OvertimeError:
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
