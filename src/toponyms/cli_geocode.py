"""``toponyms geocode``: a CSV or TSV table in, the same rows with their places out.

Reads a file or standard input; the delimiter is the file's (tab for ``.tsv`` or a header with
tabs, else comma), the encoding UTF-8 (with or without a byte-order mark) unless ``--encoding``
says otherwise. Every row comes out in order, as CSV or JSONL.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from toponyms.cli_input import output_stream, refuse_overwriting_inputs, stdin_bytes
from toponyms.cli_lookup import near_point
from toponyms.formats import csv_writer, write_safe_row
from toponyms.gazetteer import load
from toponyms.geocoding.table import RESULT_COLUMNS, geocode
from toponyms.model import Kind


def add_command(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add ``geocode`` to the command line's subcommands."""
    command = commands.add_parser(
        "geocode", parents=[common], help="geocode the rows of a CSV/TSV table"
    )
    command.add_argument(
        "file", nargs="?", type=Path, default=None, metavar="FILE",
        help="a CSV or TSV file with a header row (default: standard input)",
    )  # fmt: skip
    command.add_argument("--name", required=True, metavar="COL", help="the column of names")
    for level, what in (("1", "oblast or region"), ("2", "raion"), ("3", "hromada")):
        command.add_argument(
            f"--admin{level}", default=None, metavar="COL",
            help=f"the column of the {what} (a name in any language, an adjective, a P-code)",
        )  # fmt: skip
    command.add_argument("--lang", default=None, help="only names of this language (uk, ru, en…)")
    command.add_argument(
        "--kind", action="append", default=None, choices=[k.value for k in Kind],
        help="only places of this kind (repeatable)",
    )  # fmt: skip
    command.add_argument(
        "--near", default=None, metavar="LAT,LON|ID",
        help="order namesakes by distance from this point or place (off by default)",
    )  # fmt: skip
    command.add_argument(
        "--no-context", action="store_true",
        help="do not let rows settled by the table decide its ambiguous rows (streams the rows)",
    )  # fmt: skip
    command.add_argument("--format", choices=("csv", "jsonl"), default="csv")
    command.add_argument("--delimiter", default=None, help="input delimiter (default: detected)")
    command.add_argument("--encoding", default="utf-8-sig", help="input encoding")
    command.add_argument("--output", "-o", type=Path, default=None, help="default: stdout")
    command.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Geocode the table the arguments name; 0 on success, 2 on unusable input."""
    if args.file is not None:
        refuse_overwriting_inputs([args.file], args.output)
    gazetteer = load(*args.overlay, layers=args.layers)
    near = near_point(args.near, gazetteer) if args.near else None
    try:
        with _input(args.file, args.encoding) as stream:
            return _run(args, stream, gazetteer, near)
    except UnicodeDecodeError as error:
        raise ValueError(
            f"the input is not {args.encoding} text ({error}); name its encoding with "
            "--encoding (cp1251 for most Cyrillic sheets saved by Excel)"
        ) from None


def _run(args: argparse.Namespace, stream: TextIO, gazetteer: Any, near: Any) -> int:
    """Read the table's header, check the columns asked for, write every row geocoded."""
    reader = _reader(stream, args.file, args.delimiter)
    header = reader.fieldnames or []
    wanted = [args.name, args.admin1, args.admin2, args.admin3]
    missing = [column for column in wanted if column is not None and column not in header]
    if missing:
        raise ValueError(
            f"column(s) {', '.join(map(repr, missing))} not in the header: "
            + ", ".join(map(repr, header))
        )
    rows = geocode(
        reader, name=args.name, admin1=args.admin1, admin2=args.admin2, admin3=args.admin3,
        gazetteer=gazetteer, kind=[Kind(k) for k in args.kind] if args.kind else None,
        lang=args.lang, near=near, context=not args.no_context,
    )  # fmt: skip
    columns = [*header, *(c for c in RESULT_COLUMNS if c not in header)]
    with output_stream(args.output) as out:
        _write(rows, columns, out, args.format)
    return 0


def _write(rows: Iterator[dict[str, Any]], columns: list[str], out: TextIO, form: str) -> None:
    if form == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, allow_nan=False) + "\n")
        return
    writer = csv_writer(out, columns)
    writer.writeheader()
    for row in rows:
        write_safe_row(writer, {**row, "alternatives": "|".join(row["alternatives"])})


def _reader(stream: TextIO, path: Path | None, delimiter: str | None) -> csv.DictReader[str]:
    if delimiter is not None:
        return csv.DictReader(stream, delimiter=delimiter)
    first = stream.readline()
    tabbed = (path is not None and path.suffix == ".tsv") or "\t" in first
    # The header is read to find the delimiter, then put back (standard input cannot seek).
    return csv.DictReader(itertools.chain([first], stream), delimiter="\t" if tabbed else ",")


@contextlib.contextmanager
def _input(path: Path | None, encoding: str) -> Iterator[TextIO]:
    """The input file, or standard input, as text in ``encoding``."""
    if path is None:
        yield io.TextIOWrapper(stdin_bytes(), encoding=encoding, newline="")
        return
    with path.open(encoding=encoding, newline="") as stream:
        yield stream
