"""Where a mode's time goes: each stage of the annotator timed on its own.

    python benchmarks/stages.py [exact|default] [--megabytes 4]

Reads the first part of the benchmark corpus (benchmarks/corpus.py) and times normalize,
tokenize, the candidate scan, guards, phrases and resolve, the stages of
``Matcher._annotate_window``, over every text, after one warm-up pass (the best of two rounds,
collector off, as inside a window). Prints seconds, shares and each stage's own rate; then the
cost of pickling the mentions, what ``pipe`` workers send back.
"""

from __future__ import annotations

import argparse
import gc
import pickle
import time

import corpus
from tools import MODES

import toponyms
from toponyms.guard import guard
from toponyms.match import find_spans
from toponyms.phrases import read_phrases
from toponyms.resolve import resolve
from toponyms.text.normalize import normalize_with_offsets
from toponyms.text.tokenize import tokenize

STAGES = ("normalize", "tokenize", "scan", "guards", "phrases", "resolve")
ROUNDS = 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", nargs="?", default="default", choices=sorted(MODES))
    parser.add_argument("--megabytes", type=float, default=4.0, help="corpus part, UTF-8 MB")
    args = parser.parse_args()
    articles, _ = corpus.build_corpus(corpus.read_dev_set(), 10)
    chosen = corpus.first_articles(articles, args.megabytes * corpus.BYTES_PER_MB)
    texts = [article.text for article in chosen]
    gazetteer = toponyms.load()
    matcher = toponyms.Matcher(gazetteer, methods=MODES[args.mode])
    for text in texts:  # warm-up: memos and lazily built tables
        matcher.annotate(text)
    gc.disable()
    best = dict.fromkeys(STAGES, float("inf"))
    for _ in range(ROUNDS):
        spent = _timed_stages(matcher, texts)
        best = {stage: min(best[stage], spent[stage]) for stage in STAGES}
    gc.enable()
    size = sum(map(len, texts))
    total = sum(best.values())
    print(
        f"{args.mode}: {size / 1e6:.2f} M characters in {total:.3f} s"
        f" = {size / total / 1e6:.2f} M/s"
    )
    for stage, seconds in best.items():
        print(
            f"  {stage:9} {seconds:.3f} s  {100 * seconds / total:4.0f}%"
            f"  {size / seconds / 1e6:6.1f} M/s"
        )
    mentions = [matcher.annotate(text) for text in texts]
    started = time.perf_counter()
    packed = pickle.dumps(mentions)
    dumped = time.perf_counter() - started
    pickle.loads(packed)
    loaded = time.perf_counter() - started - dumped
    count = sum(map(len, mentions))
    print(
        f"{count} mentions: pickled in {dumped:.3f} s, unpickled in {loaded:.3f} s,"
        f" {len(packed):,} bytes"
    )


def _timed_stages(matcher: toponyms.Matcher, texts: list[str]) -> dict[str, float]:
    index, places = matcher.gazetteer.index, matcher.gazetteer.places
    spent = dict.fromkeys(STAGES, 0.0)
    clock = time.perf_counter
    for text in texts:
        started = clock()
        normalized = normalize_with_offsets(text)
        normalized_at = clock()
        tokens = tokenize(normalized.text)
        tokenized_at = clock()
        spans = find_spans(tokens, text, normalized, index, matcher._fuzzy, matcher._filter)
        scanned_at = clock()
        spans = guard(text, normalized, tokens, spans)
        guarded_at = clock()
        spans = read_phrases(text, normalized, tokens, spans, index)
        phrased_at = clock()
        resolve(spans, places, min_score=matcher.min_score, as_of=matcher.as_of)
        resolved_at = clock()
        marks = (
            started,
            normalized_at,
            tokenized_at,
            scanned_at,
            guarded_at,
            phrased_at,
            resolved_at,
        )
        for stage, begin, end in zip(STAGES, marks, marks[1:], strict=False):
            spent[stage] += end - begin
    return spent


if __name__ == "__main__":
    main()
