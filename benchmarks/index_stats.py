"""Figures of the name index on the bundled gazetteer: keys per name, collisions, build time.

Run: python benchmarks/index_stats.py  (prints a Markdown table; docs/transliteration.md quotes it)

A collision is a key under which two or more places are found. It is *true* when those places
share a written name (namesakes: two towns once called Артемовск) and *false* when only the
derivation made them meet (a transliteration or folding key of one name equal to another's).
Region-under-capital entries are left out: that sharing is intended.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterable

import toponyms
from toponyms.index import Derivation, IndexEntry, NameIndex
from toponyms.text.normalize import normalize

BUILD_REPEATS = 3  # best of three, so a busy machine inflates the figure less


def collisions(table: Iterable[tuple[str, tuple[IndexEntry, ...]]]) -> tuple[int, int, list[str]]:
    """(keys shared by several places, of which false, examples of false ones)."""
    shared = false = 0
    examples = []
    for key, entries in table:
        own = [e for e in entries if e.derivation is not Derivation.CAPITAL]
        places = {e.place_id for e in own}
        if len(places) < 2:
            continue
        shared += 1
        written: dict[str, set[str]] = {}
        for entry in own:
            written.setdefault(entry.place_id, set()).add(normalize(entry.name.text))
        if not set.intersection(*written.values()):
            false += 1
            names = sorted({e.name.text for e in own})
            examples.append(f"{key}: {', '.join(names)}")
    return shared, false, examples


def main() -> None:
    gazetteer = toponyms.load(use_cache=False)
    places = list(gazetteer)
    names = sum(len(p.names) for p in places)
    timings = []
    for _ in range(BUILD_REPEATS):
        started = time.perf_counter()
        index = NameIndex.build(places)
        timings.append(time.perf_counter() - started)
    per_name: dict[tuple[str, str, str], int] = {}
    for table in (index.items(), index.items(folded=True)):
        for _, entries in table:
            for e in entries:
                identity = (e.place_id, e.name.text, e.name.lang)
                per_name[identity] = per_name.get(identity, 0) + 1
    exact_shared, exact_false, exact_examples = collisions(index.items())
    fold_shared, fold_false, fold_examples = collisions(index.items(folded=True))
    rows = [
        ("places", len(places)),
        ("names written in the gazetteer", names),
        ("exact keys (normalized, transliterated, russified, capital)", len(index.exact)),
        ("folding keys", len(index.folded)),
        ("keys per name (written or derived), mean", f"{statistics.mean(per_name.values()):.1f}"),
        ("keys per name (written or derived), max", max(per_name.values())),
        ("exact keys shared by several places", exact_shared),
        ("… of which false collisions", exact_false),
        ("folding keys shared by several places", fold_shared),
        ("… of which false collisions", fold_false),
        ("index build, seconds (best of 3)", f"{min(timings):.3f}"),
    ]
    print("| figure | value |\n| --- | --- |")
    for label, value in rows:
        print(f"| {label} | {value} |")
    for title, examples in (("exact", exact_examples), ("folding", fold_examples)):
        if examples:
            print(f"\nFalse collisions ({title} keys):")
            for example in examples:
                print(f"- {example}")


if __name__ == "__main__":
    main()
