"""``toponyms lookup``: every candidate place of each name, as tables and people write names.

Names come as arguments or one per line on standard input; ``--within``, ``--kind``, ``--near``
and ``--as-of`` narrow and order them as :meth:`toponyms.Gazetteer.lookup` does.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from toponyms.gazetteer import Gazetteer, load
from toponyms.geocoding.lookup import candidate_method
from toponyms.model import Candidate, Kind


def add_command(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add ``lookup`` to the command line's subcommands."""
    command = commands.add_parser("lookup", parents=[common], help="look place names up")
    command.add_argument(
        "names", nargs="*", metavar="NAME",
        help="names to look up (default: one per line on standard input)",
    )  # fmt: skip
    command.add_argument("--json", action="store_true", help="one JSON object per query")
    command.add_argument("--limit", type=_at_least_one, default=None, help="at most N candidates")
    command.add_argument("--lang", default=None, help="only names of this language (uk, ru, en…)")
    command.add_argument(
        "--within", action="append", default=None, metavar="UNIT",
        help="only places inside this unit: an id, a name in any language, a code (repeatable, "
        "narrowest first)",
    )  # fmt: skip
    command.add_argument(
        "--kind", action="append", default=None, choices=[k.value for k in Kind],
        help="only places of this kind (repeatable)",
    )  # fmt: skip
    command.add_argument(
        "--near", default=None, metavar="LAT,LON|ID", help="order namesakes by distance from here"
    )
    command.add_argument(
        "--as-of", default=None, metavar="YYYY-MM-DD", help="names count as they stood then"
    )
    command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the candidates of every name; 0 on success."""
    gazetteer = load(*args.overlay, layers=args.layers)
    near = near_point(args.near, gazetteer) if args.near else None
    queries = args.names or [line.strip() for line in sys.stdin if line.strip()]
    for query in queries:
        found = gazetteer.lookup(
            query, within=args.within, kind=args.kind, lang=args.lang, as_of=args.as_of,
            near=near, limit=args.limit,
        )  # fmt: skip
        records = [candidate_record(gazetteer, c) for c in found]
        if args.json:
            print(json.dumps({"query": query, "candidates": records}, ensure_ascii=False))
            continue
        print(f"{query}: {len(records)} candidate(s)")
        for record in records:
            print("  " + "\t".join("" if v is None else str(v) for v in record.values()))
    return 0


def candidate_record(gazetteer: Gazetteer, candidate: Candidate) -> dict[str, Any]:
    """A candidate as printed: the place, where it lies, and how the name matched it."""
    place = gazetteer[candidate.place_id]
    coords = place.coords
    return {
        "place_id": place.id,
        "name": place.name,
        "kind": str(place.kind),
        "country": place.country,
        "parent": place.parent,
        "lat": coords.lat if coords else None,
        "lon": coords.lon if coords else None,
        "coords_precision": str(coords.precision) if coords and coords.precision else None,
        "score": candidate.score,
        "matched": candidate.matched,
        "match": candidate_method(candidate),
        "pcode": place.refs.pcode,
    }


def _at_least_one(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {number}")
    return number


def near_point(value: str, gazetteer: Gazetteer) -> tuple[float, float]:
    """``--near``: "lat,lon" or a place id, as a point."""
    parts = value.split(",")
    if len(parts) == 2:
        try:
            return float(parts[0]), float(parts[1])
        except ValueError:
            pass
    point = gazetteer.point_of(value)
    if point is None:
        raise ValueError(f"--near: {value!r} is neither LAT,LON nor a place with coordinates")
    return point
