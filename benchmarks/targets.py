"""The targets of issue #7, checked against the figures of a run."""

from __future__ import annotations

import scaling
from facts import Facts
from report import rate, ratio, share, size, table
from tools import MODES

# The targets of issue #7 (full bundled gazetteer, news text) and of the loading budgets.
FUZZY_TARGET_CHARS_PER_SECOND = 1_000_000  # default + fuzzy, one core: a day of news in seconds
FLASHTEXT_RATIO_TARGET = 1.0  # exact only at least as fast as flashtext, while folding more
SIZE_TOLERANCE = 0.20  # throughput within ±20% from 1k places to the full gazetteer
LENGTH_TOLERANCE = 0.20  # and from the shortest to the longest document (linear cost)
READY_BUDGET_SECONDS = 1.0  # warm load + import + first annotate: a command-line call
MEMORY_BUDGET_MIB = 300.0  # peak resident memory: a small container beside other work
COLD_LOAD_BUDGET_SECONDS = 60.0  # the full-gazetteer issue's budget for a build without cache


def check(facts: Facts) -> str:
    """A table of every target: the figure, and whether it is met."""
    rows = [
        _fuzzy_target(facts),
        _flashtext_target(facts),
        _size_target(facts),
        _length_target(facts),
        *_load_targets(facts),
    ]
    return table(["target", "measured", "met"], [r for r in rows if r])


def _fuzzy_target(facts: Facts) -> list[str] | None:
    speed = facts.speeds.get("toponyms default+fuzzy")
    if speed is None:
        return None
    measured = speed["chars_per_second"]
    return [
        f"default+fuzzy ≥ {rate(FUZZY_TARGET_CHARS_PER_SECOND)} chars/s per core",
        rate(measured),
        _verdict(
            measured / FUZZY_TARGET_CHARS_PER_SECOND >= 1, measured / FUZZY_TARGET_CHARS_PER_SECOND
        ),
    ]


def _flashtext_target(facts: Facts) -> list[str] | None:
    ours, peer = facts.speeds.get("toponyms exact"), facts.speeds.get("flashtext")
    if ours is None or peer is None:
        return None
    value = ours["chars_per_second"] / peer["chars_per_second"]
    return ["exact ÷ flashtext ≥ 1.0", ratio(value), _verdict(value >= FLASHTEXT_RATIO_TARGET)]


def _size_target(facts: Facts) -> list[str]:
    full = facts.sizes[-1].chars_per_second
    worst = max(abs(p.chars_per_second[m] / full[m] - 1) for p in facts.sizes for m in MODES)
    return [
        "throughput within ±20% from 1k places to all",
        f"worst {share(worst)} off",
        _verdict(worst <= SIZE_TOLERANCE),
    ]


def _length_target(facts: Facts) -> list[str]:
    first, worst, stopped = facts.lengths[0].chars_per_second, 0.0, False
    for point in facts.lengths:
        for mode in MODES:
            measured, base = point.chars_per_second.get(mode), first.get(mode)
            stopped = stopped or measured is None
            if measured is not None and base:
                worst = max(worst, abs(measured / base - 1))
    note = f" (and runs stopped after {scaling.MAX_POINT_SECONDS:g} s)" if stopped else ""
    lengths = f"{size(facts.lengths[0].length_bytes)} to {size(facts.lengths[-1].length_bytes)}"
    return [
        f"linear in length: within ±20% from {lengths}",
        f"worst {share(worst)} off{note}",
        _verdict(worst <= LENGTH_TOLERANCE and not stopped),
    ]


def _load_targets(facts: Facts) -> list[list[str]]:
    warm = facts.loads["warm_median"]
    rows = []
    if warm:
        rows.append(
            [
                "warm load + first annotate ≤ 1 s",
                f"{warm['ready_seconds']:.2f} s",
                _verdict(warm["ready_seconds"] <= READY_BUDGET_SECONDS),
            ]
        )
    default = facts.memory.get("toponyms default", {})
    if "peak_mib" in default:
        rows.append(
            [
                "peak RSS ≤ 300 MiB (default mode, development set)",
                f"{default['peak_mib']:.0f} MiB",
                _verdict(default["peak_mib"] <= MEMORY_BUDGET_MIB),
            ]
        )
    cold = facts.loads["cold"]
    if cold and "peak_mib" in cold:
        rows.append(
            [
                "peak RSS ≤ 300 MiB (cold load)",
                f"{cold['peak_mib']:.0f} MiB",
                _verdict(cold["peak_mib"] <= MEMORY_BUDGET_MIB),
            ]
        )
    return rows


def _verdict(met: bool, reached: float | None = None) -> str:
    if met:
        return "yes"
    return "**no**" + (f" ({share(reached)} of the target)" if reached is not None else "")
