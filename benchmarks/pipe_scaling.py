"""``Matcher.pipe`` with one process and with two, on 4 MB of the development documents.

    python benchmarks/pipe_scaling.py

Prints seconds, characters per second and the mention count of each (equal counts: the workers
read the same gazetteer). The full suite's scaling table is in benchmarks/run.py; this is the
quick check of the ``pipe(n_process=2)`` target of the speed issue.
"""

from __future__ import annotations

import json
import time

import corpus

import toponyms
from toponyms.matcher import Matcher

TARGET_CHARACTERS = 4_000_000


def main() -> None:
    with corpus.DEV_SET.open(encoding="utf-8") as stream:
        documents = [json.loads(line)["text"] for line in stream]
    texts: list[str] = []
    while sum(map(len, texts)) < TARGET_CHARACTERS:
        texts += documents
    characters = sum(map(len, texts))
    matcher = Matcher(toponyms.load())
    list(matcher.pipe(texts[:50]))  # warm: the rule tables parsed before the workers fork
    seconds = {}
    for processes in (1, 2):
        started = time.perf_counter()
        mentions = sum(map(len, matcher.pipe(texts, n_process=processes)))
        seconds[processes] = time.perf_counter() - started
        rate = characters / seconds[processes] / 1e6
        print(
            f"n_process={processes}: {seconds[processes]:.2f} s, {rate:.2f} M chars/s, "
            f"{mentions} mentions"
        )
    print(f"speed-up: {seconds[1] / seconds[2]:.2f}x on {characters / 1e6:.1f} M characters")


if __name__ == "__main__":
    main()
