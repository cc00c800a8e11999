"""Figures of the name index on the bundled gazetteer: keys per name, collisions, build time.

Run: python benchmarks/index_stats.py [--gazetteer FILE]  (prints Markdown tables; docs/ quote them)

A collision is a key under which two or more places are found. It is *true* when those places
share a written name (namesakes: two towns once called Артемовск) and *false* when only the
derivation made them meet (a transliteration or folding key of one name equal to another's).
Region-under-capital entries are left out: that sharing is intended.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Iterable
from pathlib import Path
from unittest import mock

import toponyms
from toponyms import index as index_module
from toponyms.index import Derivation, IndexEntry, NameIndex
from toponyms.text.inflect import inflect
from toponyms.text.normalize import normalize

TEXTS = Path(__file__).resolve().parents[1] / "tests" / "data" / "running_text"

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


def best_build(places: list[toponyms.Place]) -> tuple[NameIndex, float]:
    timings = []
    for _ in range(BUILD_REPEATS):
        started = time.perf_counter()
        index = NameIndex.build(places)
        timings.append(time.perf_counter() - started)
    return index, min(timings)


def inflection_figures(gazetteer: toponyms.Gazetteer, places: list[toponyms.Place]) -> None:
    """Forms per name, the index with and without inflection, false positives on plain text."""
    forms = [
        len({f.text for f in inflect(n.text, n.lang)})
        for p in places
        for n in p.names
        if n.lang in ("uk", "ru")
    ]
    with_forms, with_seconds = best_build(places)
    no_forms = mock.patch.multiple(index_module, inflect=lambda *a: (), derive=lambda *a: ())
    with no_forms:
        without, without_seconds = best_build(places)
    matcher = toponyms.Matcher(gazetteer)
    print("\n| inflection figure | value |\n| --- | --- |")
    print(
        f"| distinct case forms per Ukrainian/Russian name, mean | {statistics.mean(forms):.1f} |"
    )
    print(
        f"| exact keys without / with inflection | {len(without.exact)} / {len(with_forms.exact)} |"
    )
    print(f"| index build without / with, seconds | {without_seconds:.2f} / {with_seconds:.2f} |")
    for lang in ("ru", "uk"):
        text = (TEXTS / f"{lang}.txt").read_text(encoding="utf-8")
        found = matcher.annotate(text)
        words = len(text.split())
        print(f"| false positives, {lang} page of {words} words with no place | {len(found)} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gazetteer", type=Path, help="a gazetteer file instead of the bundled")
    args = parser.parse_args()
    if args.gazetteer:
        gazetteer = toponyms.load(args.gazetteer, bundled=False, use_cache=False)
    else:
        gazetteer = toponyms.load(use_cache=False)
    places = list(gazetteer)
    names = sum(len(p.names) for p in places)
    index, build_seconds = best_build(places)
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
        ("exact keys (normalized, transliterated, inflected, derived)", len(index.exact)),
        ("folding keys", len(index.folded)),
        ("keys per name (written or derived), mean", f"{statistics.mean(per_name.values()):.1f}"),
        ("keys per name (written or derived), max", max(per_name.values())),
        ("exact keys shared by several places", exact_shared),
        ("… of which false collisions", exact_false),
        ("folding keys shared by several places", fold_shared),
        ("… of which false collisions", fold_false),
        ("index build, seconds (best of 3)", f"{build_seconds:.3f}"),
    ]
    print("| figure | value |\n| --- | --- |")
    for label, value in rows:
        print(f"| {label} | {value} |")
    inflection_figures(gazetteer, places)
    for title, examples in (("exact", exact_examples), ("folding", fold_examples)):
        if examples:
            print(f"\nFalse collisions ({title} keys), first 20 of {len(examples)}:")
            for example in examples[:20]:
                print(f"- {example}")


if __name__ == "__main__":
    main()
