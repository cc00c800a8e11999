"""The benchmark suite: speed, recall, memory, load time and scaling of toponyms against its
peers, in one run, on the same input and the same alias list; ratios, since absolute times on a
shared machine drift.

Run from the repository root (the development set is read from ``../shared/eval``)::

    pip install -e ".[bench]" && python benchmarks/run.py     # full run, about 15 minutes
    python benchmarks/run.py --quick                          # a small corpus, about 4 minutes

Every table is printed; a full run also rewrites the marked section of docs/benchmarks.md
(``--no-write`` leaves it, ``--write`` writes after a quick run too). A peer that is not
installed or fails to build is skipped with the reason, never a crash.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
import corpus
import hotspots
import probe
import recall
import scaling
import summary
from facts import Facts
from report import write_section
from timing import best_seconds, timed
from tools import Ours, Tool, aliases_of, make_tools

import toponyms

DOCS_PAGE = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"
# numpy (natasha, spaCy) would spread over both cores; per-core figures need one thread each.
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
COMMAND = "python benchmarks/run.py"
PROCESSES = (1, 2)  # pipe(n_process=…) compared: the machine has two cores


@attrs.frozen
class Plan:
    """The sizes of one run."""

    corpus_mb: float  # the generated corpus, UTF-8 megabytes (the longest document needs it all)
    throughput_mb: float  # its first part, read by every tool fast enough (see round_seconds)
    rounds: int  # timing rounds; the best is kept
    round_seconds: float  # a slower tool reads only what its dev-set speed gets through in this
    sweep_mb: float  # the text of the gazetteer-size sweep
    pipe_mb: float  # the text of the pipe comparison
    lengths_bytes: tuple[int, ...]  # document lengths of the length sweep
    profile_document_bytes: int  # one long document profiled: what grows faster than the text
    length_volume_mb: float  # text per length point, so short documents are many
    cold_load: bool  # a cold load takes ~40 s and ~850 MB
    warm_loads: int  # fresh processes timed; the median is reported


QUICK = Plan(
    corpus_mb=2,
    throughput_mb=1,
    rounds=2,
    round_seconds=5.0,
    sweep_mb=0.3,
    pipe_mb=1,
    lengths_bytes=(1_000, 10_000, 100_000, 1_000_000),
    profile_document_bytes=1_000_000,
    length_volume_mb=1,
    cold_load=False,
    warm_loads=2,
)
# Sized to end in about 20 minutes on two busy cores (see docs/benchmarks.md).
FULL = Plan(
    corpus_mb=10,
    throughput_mb=4,
    rounds=3,
    round_seconds=15.0,
    sweep_mb=1,
    pipe_mb=4,
    lengths_bytes=(1_000, 10_000, 100_000, 1_000_000, 10_000_000),
    profile_document_bytes=1_000_000,
    length_volume_mb=2,
    cold_load=True,
    warm_loads=3,
)


@attrs.frozen
class Speed:
    """The throughput of one tool, and ours on the same input when that input is narrower."""

    chars: int
    chars_per_second: float
    ours_on_same_input: dict[str, float] = attrs.field(factory=dict)


def main(argv: Sequence[str] | None = None) -> None:
    args = _arguments(argv)
    for variable in THREAD_VARIABLES:
        os.environ.setdefault(variable, "1")
    plan = attrs.evolve(QUICK if args.quick else FULL, **_overrides(args))
    words = argv if argv is not None else sys.argv[1:]
    body = summary.render(_measured(plan, args.dev_set, " ".join([COMMAND, *words])))
    print(body)
    if args.write or (args.write is None and not args.quick):
        write_section(DOCS_PAGE, body)
        print(f"\nwritten to {DOCS_PAGE}")


def _measured(plan: Plan, dev_set: Path, command: str) -> Facts:
    started = time.perf_counter()
    documents = corpus.read_dev_set(dev_set)
    articles, corpus_path = corpus.build_corpus(documents, plan.corpus_mb)
    gazetteer = toponyms.load()
    aliases = aliases_of(gazetteer)
    tools, skipped = _built(make_tools(gazetteer), aliases)
    scores, dev_speeds = _recall(tools, documents)
    speeds = _throughput(tools, articles, dev_speeds, plan)
    memory = _memory(tools, aliases, dev_set)
    loads = _loads(dev_set, plan)
    matchers = {t.mode: t.matcher for t in tools if isinstance(t, Ours) and t.matcher is not None}
    sweep = corpus.texts_of_length(articles, corpus.ARTICLE_BYTES, _bytes(plan.sweep_mb))
    sizes = _step("gazetteer size", lambda: scaling.sweep_gazetteer(gazetteer, sweep, plan.rounds))
    volume = _bytes(plan.length_volume_mb)
    lengths = _step(
        "document length",
        lambda: scaling.sweep_length(matchers, articles, plan.lengths_bytes, volume),
    )
    piped = corpus.texts_of_length(articles, corpus.ARTICLE_BYTES, _bytes(plan.pipe_mb))
    default = matchers["default"]
    pipe = _step("pipe", lambda: scaling.compare_pipe(default, piped, plan.rounds, PROCESSES))
    dev_texts = [d.text for d in documents]
    profile = _step("profile", lambda: hotspots.profile(default, dev_texts))
    size = plan.profile_document_bytes
    long_text = corpus.texts_of_length(articles, size, size)
    long_profile = _step("profile of a long document", lambda: hotspots.profile(default, long_text))
    return Facts(
        command=command,
        plan=attrs.asdict(plan),
        corpus_path=corpus_path,
        articles=articles,
        documents=documents,
        gazetteer=gazetteer,
        aliases=aliases,
        skipped=skipped,
        speeds={name: attrs.asdict(speed) for name, speed in speeds.items()},
        scores=scores,
        memory=memory,
        loads=loads,
        sizes=sizes,
        lengths=lengths,
        pipe=pipe,
        pipe_chars=corpus.chars(piped),
        profile=profile,
        long_profile=long_profile,
        long_profile_chars=corpus.chars(long_text),
        minutes=(time.perf_counter() - started) / 60,
    )


def _arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small corpus, no cold load")
    parser.add_argument("--dev-set", type=Path, default=corpus.DEV_SET, help="docs.jsonl")
    parser.add_argument(
        "--corpus-mb", type=float, help="size of the generated corpus (≥ the longest document)"
    )
    parser.add_argument("--throughput-mb", type=float, help="corpus part timed for every tool")
    parser.add_argument("--rounds", type=int, help="timing rounds (the best is kept)")
    parser.add_argument(
        "--write",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="rewrite docs/benchmarks.md (default: after a full run)",
    )
    return parser.parse_args(argv)


def _overrides(args: argparse.Namespace) -> dict[str, Any]:
    chosen = {
        "corpus_mb": args.corpus_mb,
        "throughput_mb": args.throughput_mb,
        "rounds": args.rounds,
    }
    return {field: value for field, value in chosen.items() if value is not None}


def _bytes(megabytes: float) -> int:
    return round(megabytes * corpus.BYTES_PER_MB)


def _step(title: str, work: Any) -> Any:
    print(f"… {title}", file=sys.stderr, flush=True)
    return work()


def _built(tools: list[Tool], aliases: list[str]) -> tuple[list[Tool], dict[str, str]]:
    """The tools that build, and the reason each other one was skipped."""
    built, skipped = [], {}
    for tool in tools:
        if not tool.is_available():
            skipped[tool.name] = f"not installed (pip install -e '.[bench]' installs {tool.module})"
            print(f"skipped {tool.name}: {skipped[tool.name]}", file=sys.stderr)
            continue
        try:
            tool.build(aliases)
        except Exception as error:  # a peer that breaks is reported, never fatal to the run
            skipped[tool.name] = f"failed to build: {type(error).__name__}: {error}"
            print(f"skipped {tool.name}: {skipped[tool.name]}", file=sys.stderr)
            continue
        built.append(tool)
    return built, skipped


def _texts_for(tool: Tool, documents: Sequence[Any]) -> list[Any]:
    return [d for d in documents if tool.langs is None or d.lang in tool.langs]


def _recall(
    tools: list[Tool], documents: Sequence[Any]
) -> tuple[dict[str, dict[str, recall.Score]], dict[str, float]]:
    """Scores of each tool on the development set, and its speed there (one pass, to size its
    share of the corpus)."""
    scores, speeds = {}, {}
    for tool in tools:
        print(f"… recall: {tool.name}", file=sys.stderr, flush=True)
        chosen = _texts_for(tool, documents)
        texts = [d.text for d in chosen]
        tool.scan(texts[:1])  # warm-up: lazy tables, caches
        elapsed, found = timed(functools.partial(tool.scan, texts))
        speeds[tool.name] = corpus.chars(texts) / elapsed
        scores[tool.name] = recall.score(chosen, found)
    return scores, speeds


def _throughput(
    tools: list[Tool], articles: Sequence[corpus.Article], dev: dict[str, float], plan: Plan
) -> dict[str, Speed]:
    """Chars/s of every tool over the first ``throughput_mb`` of the corpus (a slow tool: the
    part of it that it reads in ``round_seconds``), rounds interleaved; for a tool that reads
    only some languages, ours is timed on the same texts too."""
    inputs: dict[str, list[str]] = {}
    jobs = {}
    ours = [tool for tool in tools if isinstance(tool, Ours)]
    shared = corpus.first_articles(articles, _bytes(plan.throughput_mb))
    for tool in tools:
        budget = dev[tool.name] * plan.round_seconds
        texts = _prefix([a.text for a in _texts_for(tool, shared)], budget)
        inputs[tool.name] = texts
        jobs[tool.name] = lambda tool=tool, texts=texts: tool.scan(texts)
        if tool.langs is not None:
            for own in ours:
                jobs[f"{own.name} @ {tool.name}"] = lambda own=own, texts=texts: own.scan(texts)
    print(f"… throughput: {len(jobs)} jobs × {plan.rounds} rounds", file=sys.stderr, flush=True)
    timed = best_seconds(jobs, plan.rounds)
    speeds = {}
    for tool in tools:
        size = corpus.chars(inputs[tool.name])
        same = {
            own.mode: size / timed[f"{own.name} @ {tool.name}"]
            for own in ours
            if f"{own.name} @ {tool.name}" in timed
        }
        speeds[tool.name] = Speed(size, size / timed[tool.name], same)
    return speeds


def _prefix(texts: list[str], chars: float) -> list[str]:
    """The first texts adding up to at least ``chars`` characters (all, if fewer)."""
    taken, size = [], 0
    for text in texts:
        if size >= chars:
            break
        taken.append(text)
        size += len(text)
    return taken


def _memory(tools: list[Tool], aliases: list[str], dev_set: Path) -> dict[str, dict[str, Any]]:
    """Peak memory and build seconds of each tool, each in a fresh process; and the floor."""
    with tempfile.TemporaryDirectory() as directory:
        alias_file = Path(directory) / "aliases.json"
        alias_file.write_text(json.dumps(aliases, ensure_ascii=False), encoding="utf-8")
        print("… memory: baseline", file=sys.stderr, flush=True)
        found = {"baseline": probe.measure("baseline", str(alias_file), str(dev_set))}
        for tool in tools:
            print(f"… memory: {tool.name}", file=sys.stderr, flush=True)
            found[tool.name] = probe.measure_warm("tool", tool.name, str(alias_file), str(dev_set))
    return found


def _loads(dev_set: Path, plan: Plan) -> dict[str, Any]:
    """Cold load (a new cache directory) and warm loads (fresh processes, the cache filled)."""
    with tempfile.TemporaryDirectory() as directory:
        cold = None
        if plan.cold_load:
            print("… cold load", file=sys.stderr, flush=True)
            cold = probe.measure("load", str(dev_set), directory)
        cache = [directory] if plan.cold_load else []  # else the default cache, filled above
        warm = []
        for number in range(plan.warm_loads):
            print(f"… warm load {number + 1}", file=sys.stderr, flush=True)
            warm.append(probe.measure_warm("load", str(dev_set), *cache))
    good = [w for w in warm if w.get("from_cache")]  # not an error, not a rebuild
    median = (
        {
            key: statistics.median(w[key] for w in good)
            for key in ("load_seconds", "ready_seconds", "peak_mib")
        }
        if good
        else {}
    )
    return {"cold": cold, "warm": warm, "warm_median": median}


if __name__ == "__main__":
    main()
