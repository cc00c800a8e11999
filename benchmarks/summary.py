"""The report of one run: every table, in Markdown, with the command and the machine, and the
targets of issue #7 checked against the figures."""

from __future__ import annotations

import datetime
import os
import platform
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

import attrs
import corpus
import scaling
from hotspots import Line, top
from recall import ALL_LANGS, Score
from report import rate, ratio, share, size, table
from scaling import LengthPoint, SizePoint
from tools import MODES

import toponyms

PACKAGES = ("toponyms", "pyahocorasick", "flashtext", "spacy", "rapidfuzz", "natasha")
LANGS = ("ru", "uk", "en", ALL_LANGS)
PROFILE_LINES = 12  # functions listed by cumulative time
OWN_TIME_LINES = 10  # functions listed by own time
# The targets of issue #7.
FUZZY_TARGET_CHARS_PER_SECOND = 1_000_000
FLASHTEXT_RATIO_TARGET = 1.0
SIZE_TOLERANCE = 0.20  # throughput within ±20% from 1k places to the full gazetteer
LENGTH_TOLERANCE = 0.20  # and from the shortest to the longest document (linear cost)
READY_BUDGET_SECONDS = 1.0  # warm load + import + first annotate
MEMORY_BUDGET_MIB = 300.0
COLD_LOAD_BUDGET_SECONDS = 60.0
BYTES_PER_MIB = 1 << 20


@attrs.frozen(kw_only=True)
class Facts:
    """Everything one run measured."""

    command: str
    plan: dict[str, Any]
    corpus_path: Path
    articles: Sequence[corpus.Article]
    documents: Sequence[Any]
    gazetteer: toponyms.Gazetteer
    aliases: Sequence[str]
    skipped: dict[str, str]
    speeds: dict[str, dict[str, Any]]
    scores: dict[str, dict[str, Score]]
    memory: dict[str, dict[str, Any]]
    loads: dict[str, Any]
    sizes: list[SizePoint]
    lengths: list[LengthPoint]
    pipe: dict[int, float]
    pipe_chars: int
    profile: tuple[float, list[Line]]
    minutes: float


def render(facts: Facts) -> str:
    """The whole report."""
    parts = [
        _header(facts),
        "### Throughput (characters per second, one core)\n\n" + _speeds(facts),
        "### Recall on the development set\n\n" + _recall(facts),
        "### Load time and memory\n\n" + _loads(facts) + "\n\n" + _memory(facts),
        "### Throughput against gazetteer size\n\n" + _sizes(facts),
        "### Throughput against document length\n\n" + _lengths(facts),
        "### `pipe(n_process=2)` against one process\n\n" + _pipe(facts),
        "### Profile of the default mode (cProfile, development set)\n\n" + _profile(facts),
        "### Targets of issue #7\n\n" + _targets(facts),
    ]
    return "\n\n".join(parts)


def _header(facts: Facts) -> str:
    versions = ", ".join(f"{name} {_version(name)}" for name in PACKAGES)
    plan = facts.plan
    texts = [a.text for a in facts.articles]
    skipped = "".join(f"\n- skipped {name}: {why}" for name, why in facts.skipped.items())
    return (
        f"Command: `{facts.command}` ({facts.minutes:.0f} minutes), "
        f"{datetime.date.today().isoformat()}.\n\n"
        f"- Machine: {_machine()}; Python {platform.python_version()}; {versions}.\n"
        f"- Development set: {len(facts.documents)} documents, "
        f"{corpus.chars([d.text for d in facts.documents]):,} characters (ru, uk, en news).\n"
        f"- Corpus: {len(texts)} articles, {corpus.chars(texts):,} characters "
        f"({plan['corpus_mb']:g} MB of UTF-8), shuffled development paragraphs, seed "
        f"{corpus.SEED}, SHA-256 `{corpus.digest(facts.corpus_path)[:16]}…` "
        f"(benchmarks/corpus.py says how).\n"
        f"- Aliases: every name of the bundled gazetteer, {len(facts.aliases):,} "
        f"({len({a.lower() for a in facts.aliases}):,} distinct in lower case), "
        f"{len(facts.gazetteer):,} places; the same list for every peer.\n"
        f"- Timing: best of {plan['rounds']} rounds, tools interleaved in each round; each tool "
        f"reads as much of the corpus as it gets through in about {plan['round_seconds']:g} s "
        f"(the fast ones read all of it).{skipped}"
    )


def _speeds(facts: Facts) -> str:
    ours = {mode: facts.speeds.get(f"toponyms {mode}") for mode in MODES}
    rows = []
    for name, speed in facts.speeds.items():
        same = speed["ours_on_same_input"]
        cells = []
        for mode, own in ours.items():
            mine = same.get(mode) if same else (own["chars_per_second"] if own else None)
            cells.append(
                ratio(mine / speed["chars_per_second"] if mine else None) + ("†" if same else "")
            )
        build = facts.memory.get(name, {}).get("build_seconds")
        rows.append(
            [
                name,
                f"{speed['chars'] / 1e6:.2f} M",
                "—" if build is None else f"{build:.2f}",
                rate(speed["chars_per_second"]),
                *cells,
            ]
        )
    header = [
        "tool",
        "characters read",
        "build s",
        "chars/s",
        *(f"{mode} ÷ tool" for mode in MODES),
    ]
    return (
        table(header, rows)
        + "\n\nbuild s: from the alias list (ours: warm `load()` and `Matcher()`), in a fresh "
        "process. A ratio above 1 means ours is faster. † natasha reads Russian only: its "
        "ratios compare with ours on the same Russian articles."
    )


def _recall(facts: Facts) -> str:
    rows = []
    for name, scores in facts.scores.items():
        cells = []
        for lang in LANGS:
            score = scores.get(lang)
            cells.append(
                "—"
                if score is None or score.recall is None
                else f"{share(score.recall)} ({score.found}/{score.gold})"
            )
        overall = scores[ALL_LANGS]
        rows.append([name, *cells, share(overall.precision), f"{overall.predicted:,}"])
    header = ["tool", *(f"recall {lang}" for lang in LANGS), "precision", "spans counted"]
    return (
        table(header, rows)
        + "\n\nRecall: in-scope gold mentions (UA/RU, not nested, not adjectival) overlapped by "
        "a found span. Precision: found spans overlapping one, among those that count "
        "(benchmarks/recall.py)."
    )


def _loads(facts: Facts) -> str:
    cold, warm = facts.loads["cold"], facts.loads["warm_median"]
    spread = [w["ready_seconds"] for w in facts.loads["warm"] if "ready_seconds" in w]
    rows = []
    if cold and "error" not in cold:
        rows.append(
            [
                "cold load (no cache): validate YAML, build index",
                f"{cold['load_seconds']:.1f} s",
                f"≤ {COLD_LOAD_BUDGET_SECONDS:g} s",
            ]
        )
        rows.append(
            [
                "peak memory of a cold load",
                f"{cold['peak_mib']:.0f} MiB",
                f"≤ {MEMORY_BUDGET_MIB:g} MiB",
            ]
        )
    elif cold:
        rows.append(["cold load", cold["error"], ""])
    if warm:
        rows.append(["warm load (index cached), median", f"{warm['load_seconds']:.2f} s", "—"])
        rows.append(
            [
                "warm import + load + `Matcher()` + first `annotate()`, median (range)",
                f"{warm['ready_seconds']:.2f} s ({min(spread):.2f}–{max(spread):.2f})",
                f"≤ {READY_BUDGET_SECONDS:g} s",
            ]
        )
        rows.append(
            [
                "peak memory of that process",
                f"{warm['peak_mib']:.0f} MiB",
                f"≤ {MEMORY_BUDGET_MIB:g} MiB",
            ]
        )
    return table(["figure", "measured", "budget"], rows) + (
        f"\n\nEach figure from fresh processes ({facts.plan['warm_loads']} warm); the first "
        "annotated text is the first development document."
    )


def _memory(facts: Facts) -> str:
    floor = facts.memory.get("baseline", {}).get("peak_mib")
    rows = []
    for name, found in facts.memory.items():
        if "error" in found:
            rows.append([name, found["error"], ""])
            continue
        above = "—" if floor is None or name == "baseline" else f"{found['peak_mib'] - floor:.0f}"
        rows.append([name, f"{found['peak_mib']:.0f}", above])
    return table(
        ["process: build, then annotate the development set", "peak RSS MiB", "above baseline MiB"],
        rows,
    ) + (
        "\n\nbaseline: the interpreter with the alias list and the development texts read, "
        "nothing built."
    )


def _sizes(facts: Facts) -> str:
    full = facts.sizes[-1].chars_per_second
    rows = []
    for point in facts.sizes:
        cells = [
            f"{rate(point.chars_per_second[m])} ({point.chars_per_second[m] / full[m]:.2f})"
            for m in MODES
        ]
        build = "cached" if point.build_seconds is None else f"{point.build_seconds:.1f}"
        rows.append([f"{point.places:,}", f"{point.names:,}", f"{point.keys:,}", build, *cells])
    header = ["places", "names", "index keys", "index build s", *MODES]
    return table(header, rows) + (
        f"\n\nThe first N places in file order (countries and oblasts come first); chars/s on "
        f"{facts.plan['sweep_mb']:g} MB of corpus articles, in brackets relative to the full "
        "gazetteer."
    )


def _lengths(facts: Facts) -> str:
    first = facts.lengths[0].chars_per_second
    rows = []
    for point in facts.lengths:
        cells = []
        for mode in MODES:
            if mode not in point.chars_per_second:
                cells.append("not tried")
                continue
            measured = point.chars_per_second[mode]
            if measured is None:
                limit = scaling.MAX_POINT_SECONDS
                cells.append(f"> {limit:g} s: < {rate(point.chars / limit)}")
            elif first.get(mode):
                cells.append(f"{rate(measured)} ({measured / first[mode]:.2f})")
            else:
                cells.append(rate(measured))
        rows.append([size(point.length_bytes), point.texts, f"{point.chars:,}", *cells])
    return table(["document", "documents", "characters", *MODES], rows) + (
        f"\n\nAt least {facts.plan['length_volume_mb']:g} MB of text per length; in brackets "
        "relative to the shortest documents (1.00 everywhere = linear cost). A run over "
        f"{scaling.MAX_POINT_SECONDS:g} s is stopped, and longer documents are then not tried."
    )


def _pipe(facts: Facts) -> str:
    one = facts.pipe[1]
    rows = [
        [n, f"{s:.1f}", rate(facts.pipe_chars / s), f"{one / s:.2f}×"]
        for n, s in sorted(facts.pipe.items())
    ]
    return table(["n_process", "seconds", "chars/s", "speedup"], rows) + (
        f"\n\nDefault mode, {facts.plan['pipe_mb']:g} MB of corpus articles, pool start included."
    )


def _profile(facts: Facts) -> str:
    total, lines = facts.profile
    cumulative = [
        [
            f"`{line.function}`",
            f"{line.calls:,}",
            share(line.cumulative_share),
            share(line.own_share),
        ]
        for line in top(lines, PROFILE_LINES)
    ]
    own = [
        [f"`{line.function}`", f"{line.calls:,}", share(line.own_share)]
        for line in top(lines, OWN_TIME_LINES, own=True, ours=False)
    ]
    return (
        f"{total:.1f} s under the profiler. Our functions by cumulative time:\n\n"
        + table(["function", "calls", "cumulative", "own"], cumulative)
        + "\n\nAll functions by own time:\n\n"
        + table(["function", "calls", "own"], own)
    )


def _targets(facts: Facts) -> str:
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
            measured = point.chars_per_second.get(mode)
            stopped = stopped or measured is None
            if measured is not None and first.get(mode):
                worst = max(worst, abs(measured / first[mode] - 1))
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


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _machine() -> str:
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / BYTES_PER_MIB / 1024
    return f"{os.cpu_count()} cores ({model}), {memory:.0f} GiB"
