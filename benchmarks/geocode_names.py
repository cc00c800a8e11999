"""Geocode the development names (../shared/eval/names.jsonl) through ``toponyms geocode``.

Writes each group of rows as a CSV, runs the command line on it exactly as a user would, and
scores what comes back:

- the air-raid tree (a unit's name with its oblast and raion columns): the row's place must be of
  the row's level (oblast, raion, hromada) and lie in the row's oblast;
- names with a point: the row's place must lie within 10 km of it (top-1), for all such names and
  for those written with a qualifier (a comma, brackets or a slash);
- "listed": an ambiguous row counted by its first listed namesake, to show what a user choosing
  from the list would get.

    python benchmarks/geocode_names.py [--names PATH] [--json] [--errors]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from toponyms import load
from toponyms.geocoding.scopes import units_named
from toponyms.geocoding.table import ADMIN_KINDS
from toponyms.model import distance_km

NAMES = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "names.jsonl"
WITHIN_KM = 10.0
QUALIFIED = re.compile(r"[,()/]")


def geocode_csv(
    rows: list[dict[str, Any]], columns: list[str], *options: str
) -> list[dict[str, str]]:
    """Rows through ``toponyms geocode`` (a subprocess, as from the shell)."""
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "rows.csv"
        with path.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.DictWriter(stream, fieldnames=columns, extrasaction="ignore")
            writer.writeheader()
            writer.writerows(rows)
        command = [sys.executable, "-m", "toponyms", "geocode", str(path), *options]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
    return list(csv.DictReader(io.StringIO(done.stdout)))


def score(names: Path, show_errors: bool = False) -> dict[str, Any]:
    records = [json.loads(line) for line in names.open(encoding="utf-8")]
    gazetteer = load()
    tree = [r for r in records if r.get("level")]
    pointed = [r for r in records if r.get("lat") is not None]
    for number, record in enumerate(tree + pointed):
        record["row"] = number

    out = geocode_csv(
        tree, ["row", "name", "admin1", "admin2", "level"],
        "--name", "name", "--admin1", "admin1", "--admin2", "admin2",
    )  # fmt: skip
    tree_right = 0
    for record, row in zip(tree, out, strict=True):
        place_id = row["place_id"]
        oblasts = units_named(gazetteer, record["admin1"], ADMIN_KINDS["admin1"])
        ok = (
            bool(place_id)
            and gazetteer[place_id].kind.value == record["level"]
            and (place_id in oblasts or any(a.id in oblasts for a in gazetteer.ancestors(place_id)))
        )
        tree_right += ok
        if show_errors and not ok:
            print(
                f"tree: {record['name']} | {record['admin1']} | {record.get('admin2')} -> "
                f"{row['match']} {place_id or row['alternatives'][:80]}",
                file=sys.stderr,
            )

    # Each source is its own table, as its users would geocode it (rows decide each other).
    sources = sorted({r["source"] for r in pointed})
    by_row: dict[int, dict[str, str]] = {}
    for source in sources:
        group = [r for r in pointed if r["source"] == source]
        for record, row in zip(
            group, geocode_csv(group, ["row", "name"], "--name", "name"), strict=True
        ):
            by_row[record["row"]] = row
    out = [by_row[r["row"]] for r in pointed]
    tallies = {key: [0, 0, 0] for key in ("all", "qualified")}  # right, listed right, rows
    for record, row in zip(pointed, out, strict=True):
        decided = _within(gazetteer, row["place_id"], record)
        listed = decided or (
            row["match"] == "ambiguous"
            and _within(gazetteer, row["alternatives"].split("|")[0], record)
        )
        groups = ["all"] + (["qualified"] if QUALIFIED.search(record["name"]) else [])
        for group in groups:
            tallies[group][0] += decided
            tallies[group][1] += listed
            tallies[group][2] += 1
        if show_errors and not decided:
            print(
                f"point: {record['name']} ({record['lang']}) -> {row['match']} "
                f"{row['place_id'] or row['alternatives'][:80]}",
                file=sys.stderr,
            )
    return {
        "tree_rows": len(tree),
        "tree_level_in_oblast": round(tree_right / len(tree), 4) if tree else None,
        **{
            f"{group}_{what}": value
            for group, (right, listed, rows) in tallies.items()
            for what, value in (
                ("rows", rows),
                ("top1_10km", round(right / rows, 4) if rows else None),
                ("listed_10km", round(listed / rows, 4) if rows else None),
            )
        },
    }


def _within(gazetteer: Any, place_id: str, record: dict[str, Any]) -> bool:
    if not place_id or place_id not in gazetteer:
        return False
    coords = gazetteer[place_id].coords
    if coords is None:
        return False
    return distance_km(coords.lat, coords.lon, record["lat"], record["lon"]) <= WITHIN_KM


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=Path, default=NAMES)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--errors", action="store_true", help="list the misses on stderr")
    args = parser.parse_args()
    figures = score(args.names, args.errors)
    if args.json:
        print(json.dumps(figures))
        return
    for key, value in figures.items():
        print(f"{key:28} {value}")


if __name__ == "__main__":
    main()
