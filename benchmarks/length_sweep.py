"""Throughput against document length, best of several rounds, lengths interleaved.

    python benchmarks/length_sweep.py [--mode default] [--rounds 3] [LENGTH_BYTES ...]

The suite's length table (benchmarks/scaling.py) times each length once, in order, so a slow
spell or the memos' warm-up lands on one length; here every round runs every length and the
best round of each is kept, as the throughput table does (benchmarks/timing.py).
"""

from __future__ import annotations

import argparse

import corpus
from timing import best_seconds
from tools import MODES

import toponyms

LENGTHS = (1_000, 10_000, 100_000, 1_000_000)
VOLUME_BYTES = 2_000_000  # text timed per length


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lengths", nargs="*", type=int, default=list(LENGTHS))
    parser.add_argument("--mode", default="default", choices=sorted(MODES))
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    articles, _ = corpus.build_corpus(corpus.read_dev_set(), 10)
    matcher = toponyms.Matcher(toponyms.load(), methods=MODES[args.mode])
    inputs = {
        str(length): corpus.texts_of_length(articles, length, max(length, VOLUME_BYTES))
        for length in args.lengths
    }
    for texts in inputs.values():  # warm-up: every length's words met once
        for text in texts:
            matcher.annotate(text)

    def job(texts: list[str]) -> None:
        for text in texts:
            matcher.annotate(text)

    jobs = {length: (lambda texts=texts: job(texts)) for length, texts in inputs.items()}
    best = best_seconds(jobs, args.rounds)
    first = None
    for length, seconds in best.items():
        rate = corpus.chars(inputs[length]) / seconds
        first = first or rate
        print(
            f"{int(length):>10,} bytes: {len(inputs[length]):5} texts,"
            f" {rate / 1e6:.2f} M chars/s ({rate / first:.2f})"
        )


if __name__ == "__main__":
    main()
