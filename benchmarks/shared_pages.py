"""How much of the gazetteer ``Matcher.pipe(n_process=2)`` workers share with their parent.

    python benchmarks/shared_pages.py [--no-freeze]

Loads the bundled gazetteer, annotates a stream of texts in two forked workers, and samples each
worker's ``/proc/PID/smaps_rollup`` while they run: ``Pss`` (its fair share of resident pages)
and ``Private_Dirty`` (pages it copied for itself). Linux only. ``--no-freeze`` undoes the
``gc.freeze()`` that ``pipe`` does before forking, to show what it saves.
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import os
import threading
import time
from pathlib import Path

import toponyms

TEXT = (
    "Бої за Покровськ і Мирноград тривають; Russian forces shelled Kharkiv and Sumy regions. " * 20
)


def rollup(pid: int) -> dict[str, int]:
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value, *_ = line.split()
        fields[name.rstrip(":")] = int(value)
    return fields


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-freeze", action="store_true")
    args = parser.parse_args()
    matcher = toponyms.Matcher(toponyms.load())
    matcher.annotate(TEXT)  # tables read before the fork, as a long run would have them
    if args.no_freeze:
        gc.freeze = lambda: None  # type: ignore[assignment]
    parent = rollup(os.getpid())
    peaks: dict[int, dict[str, int]] = {}
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            for child in multiprocessing.active_children():
                try:
                    now = rollup(child.pid)  # type: ignore[arg-type]
                except (FileNotFoundError, ProcessLookupError):
                    continue
                held = peaks.setdefault(child.pid, now)  # type: ignore[arg-type]
                for key in ("Rss", "Pss", "Private_Dirty"):
                    held[key] = max(held[key], now[key])
            time.sleep(0.2)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    started = time.perf_counter()
    count = sum(1 for _ in matcher.pipe((TEXT for _ in range(4000)), n_process=2))
    done.set()
    watcher.join()
    seconds = time.perf_counter() - started
    print(f"parent: Rss {parent['Rss'] / 1024:.0f} MB; {count} texts in {seconds:.1f} s")
    for pid, peak in peaks.items():
        print(
            f"worker {pid}: Rss {peak['Rss'] / 1024:.0f} MB, Pss {peak['Pss'] / 1024:.0f} MB, "
            f"Private_Dirty {peak['Private_Dirty'] / 1024:.0f} MB"
        )


if __name__ == "__main__":
    main()
