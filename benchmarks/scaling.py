"""How our throughput grows: with the size of the gazetteer, with the length of a document, and
with worker processes (``pipe(n_process=2)``).

A throughput that holds from 1,000 places to the full gazetteer shows that matching costs hash
lookups, not a walk over names; one that holds from 1 KB to 10 MB documents shows that the cost
grows linearly with the text.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

import attrs
from corpus import Article, chars, texts_of_length
from timing import best_seconds, seconds_within
from tools import MODES

import toponyms

GAZETTEER_SIZES = (1_000, 10_000, None)  # the first places in file order; None: every place
# A run of one length point longer than this is stopped: the full run must end in about 20
# minutes, and a 10 MB document at 100 k chars/s takes under 60 s.
MAX_POINT_SECONDS = 100.0


@attrs.frozen
class SizePoint:
    places: int
    names: int
    keys: int
    build_seconds: float | None  # None: the full gazetteer, loaded from the cache
    mentions: int  # found by the default mode: fewer places, fewer matches to resolve
    chars_per_second: dict[str, float]


@attrs.frozen
class LengthPoint:
    length_bytes: int
    texts: int
    chars: int
    # None: stopped after MAX_POINT_SECONDS; absent: not tried after such a stop
    chars_per_second: dict[str, float | None]


def sweep_gazetteer(
    gazetteer: toponyms.Gazetteer, texts: Sequence[str], rounds: int
) -> list[SizePoint]:
    """Throughput of each mode on ``texts`` with the first N places of ``gazetteer`` (file
    order puts parents first, so every part is closed under its places' parents)."""
    places = list(gazetteer)
    points = []
    for size in GAZETTEER_SIZES:
        chosen = places if size is None else places[:size]
        part, build = gazetteer, None  # the full one is loaded already (see the load table)
        if size is not None:
            started = time.perf_counter()
            part = toponyms.Gazetteer.from_places(chosen)
            build = time.perf_counter() - started
        matchers = {
            mode: toponyms.Matcher(part, methods=methods) for mode, methods in MODES.items()
        }
        for matcher in matchers.values():
            matcher.annotate(texts[0])  # the fuzzy blocks are built on first use
        jobs = {mode: _annotating(matcher, texts) for mode, matcher in matchers.items()}
        timed = best_seconds(jobs, rounds)
        mentions = sum(len(matchers["default"].annotate(text)) for text in texts)
        points.append(
            SizePoint(
                places=len(chosen),
                names=sum(len(place.names) for place in chosen),
                keys=len(part.index),
                build_seconds=build,
                mentions=mentions,
                chars_per_second={mode: chars(texts) / s for mode, s in timed.items()},
            )
        )
    return points


def sweep_length(
    matchers: dict[str, toponyms.Matcher],
    articles: Sequence[Article],
    lengths_bytes: Sequence[int],
    volume_bytes: int,
) -> list[LengthPoint]:
    """Throughput of each matcher on texts of each length (at least ``volume_bytes`` per point,
    so short texts are timed over many of them). A run longer than :data:`MAX_POINT_SECONDS`
    is stopped, and the longer lengths of that matcher are not tried."""
    points = []
    overran: set[str] = set()
    for length in lengths_bytes:
        texts = texts_of_length(articles, length, max(length, volume_bytes))
        size = chars(texts)
        measured: dict[str, float | None] = {}
        for name, matcher in matchers.items():
            if name in overran:
                continue
            elapsed = seconds_within(_annotating(matcher, texts), MAX_POINT_SECONDS)
            if elapsed is None:
                overran.add(name)
            measured[name] = None if elapsed is None else size / elapsed
        points.append(LengthPoint(length, len(texts), size, measured))
    return points


def compare_pipe(
    matcher: toponyms.Matcher, texts: Sequence[str], rounds: int, processes: Sequence[int]
) -> dict[int, float]:
    """Seconds of ``pipe`` over ``texts`` with each number of processes (pool start included)."""
    jobs = {str(n): lambda n=n: list(matcher.pipe(texts, n_process=n)) for n in processes}
    return {int(n): s for n, s in best_seconds(jobs, rounds).items()}


def _annotating(matcher: toponyms.Matcher, texts: Sequence[str]) -> Callable[[], None]:
    def job() -> None:
        for text in texts:
            matcher.annotate(text)

    return job
