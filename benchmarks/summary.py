"""The report of one run: every table, in Markdown, with the command and the machine, and the
targets of issue #7 checked against the figures."""

from __future__ import annotations

import datetime
import os
import platform
from importlib import metadata
from pathlib import Path

import corpus
import scaling
import targets
from facts import Facts
from hotspots import Line, top
from recall import ALL_LANGS
from report import rate, ratio, share, size, table
from tools import MODES

PACKAGES = ("toponyms", "pyahocorasick", "flashtext", "spacy", "rapidfuzz", "natasha")
LANGS = ("ru", "uk", "en", ALL_LANGS)
PROFILE_LINES = 12  # functions listed by cumulative time
LONG_PROFILE_LINES = 10  # the same, for one long document
OWN_TIME_LINES = 10  # functions listed by own time
BYTES_PER_MIB = 1 << 20


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
        "### Targets of issue #7\n\n" + targets.check(facts),
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
        f"- Timing: best of {plan['rounds']} rounds, tools interleaved in each round, on the "
        f"first {plan['throughput_mb']:g} MB of the corpus; a tool too slow for that reads the "
        f"part it gets through in about {plan['round_seconds']:g} s.{skipped}"
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
                f"≤ {targets.COLD_LOAD_BUDGET_SECONDS:g} s",
            ]
        )
        rows.append(
            [
                "peak memory of a cold load",
                f"{cold['peak_mib']:.0f} MiB",
                f"≤ {targets.MEMORY_BUDGET_MIB:g} MiB",
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
                f"≤ {targets.READY_BUDGET_SECONDS:g} s",
            ]
        )
        rows.append(
            [
                "peak memory of that process",
                f"{warm['peak_mib']:.0f} MiB",
                f"≤ {targets.MEMORY_BUDGET_MIB:g} MiB",
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
        rows.append(
            [
                f"{point.places:,}",
                f"{point.names:,}",
                f"{point.keys:,}",
                build,
                f"{point.mentions:,}",
                *cells,
            ]
        )
    header = ["places", "names", "index keys", "index build s", "mentions (default)", *MODES]
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
            measured, base = point.chars_per_second[mode], first.get(mode)
            if measured is None:
                limit = scaling.MAX_POINT_SECONDS
                cells.append(f"> {limit:g} s: < {rate(point.chars / limit)}")
            elif base:
                cells.append(f"{rate(measured)} ({measured / base:.2f})")
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
    long_total, long_lines = facts.long_profile
    own = [
        [f"`{line.function}`", f"{line.calls:,}", share(line.own_share)]
        for line in top(lines, OWN_TIME_LINES, own=True, ours=False)
    ]
    document = size(facts.plan["profile_document_bytes"])
    return (
        f"Over the development set ({total:.1f} s under the profiler), our functions by "
        "cumulative time:\n\n"
        + _cumulative(lines, PROFILE_LINES)
        + "\n\nAll functions by own time:\n\n"
        + table(["function", "calls", "own"], own)
        + f"\n\nOne {document} document ({facts.long_profile_chars:,} characters, "
        f"{long_total:.1f} s under the profiler), our functions by cumulative time:\n\n"
        + _cumulative(long_lines, LONG_PROFILE_LINES)
    )


def _cumulative(lines: list[Line], count: int) -> str:
    rows = [
        [
            f"`{line.function}`",
            f"{line.calls:,}",
            share(line.cumulative_share),
            share(line.own_share),
        ]
        for line in top(lines, count)
    ]
    return table(["function", "calls", "cumulative", "own"], rows)


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
