"""``toponyms profile``: which kinds of names each document and the whole corpus use.

Reads documents as ``annotate`` does (text files or JSONL lines) and prints the naming profile
of each, then of all of them: docs/profile.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from toponyms.cli_input import documents_of, output_stream, refuse_overwriting_inputs
from toponyms.gazetteer import Gazetteer, load
from toponyms.matcher import Matcher
from toponyms.profile import DEFAULT_LIMIT, Profile, format_profile, profile_record

EXIT_OK = 0
EXIT_SOME_FAILED = 1


def add_command(
    commands: Any,
    common: argparse.ArgumentParser,
    *,
    matcher_options: Callable[[argparse.ArgumentParser], None],
    matcher_of: Callable[[argparse.Namespace, Gazetteer], Matcher],
) -> None:
    """Add ``profile`` to the command line's subcommands; ``matcher_options`` adds the options
    that choose how names match, ``matcher_of`` builds the matcher from them."""
    command = commands.add_parser(
        "profile", parents=[common], help="which kinds of names documents use"
    )
    command.add_argument(
        "files", nargs="*", type=Path, metavar="FILE",
        help="text files, one document each (default: standard input)",
    )  # fmt: skip
    command.add_argument(
        "--input", choices=("text", "jsonl"), default="text",
        help="text: each file is a document; jsonl: each line is a document",
    )  # fmt: skip
    command.add_argument("--text-field", default="text", help="JSONL field holding the text")
    command.add_argument("--id-field", default=None, help="JSONL field holding the document id")
    command.add_argument("--format", choices=("text", "json"), default="text")
    command.add_argument(
        "--limit", type=_not_negative, default=DEFAULT_LIMIT,
        help=f"at most N examples per category (default: {DEFAULT_LIMIT})",
    )  # fmt: skip
    command.add_argument(
        "--min-score", type=float, default=0.0, help="drop mentions scoring below this (0-1)"
    )
    command.add_argument("--output", "-o", type=Path, default=None, help="default: stdout")
    matcher_options(command)
    command.set_defaults(run=lambda args: run(args, matcher_of))


def run(
    args: argparse.Namespace, matcher_of: Callable[[argparse.Namespace, Gazetteer], Matcher]
) -> int:
    """Print the profile of every document and the corpus total; 1 if a document failed."""
    refuse_overwriting_inputs(args.files, args.output)
    matcher = matcher_of(args, load(*args.overlay, layers=args.layers))
    order: list[tuple[str | int, str | None]] = []  # every document: its id and its error

    def texts() -> Iterator[str]:
        for doc_id, text, error in documents_of(args):
            order.append((doc_id, error))
            if error is None and text is not None:
                yield text

    corpus = matcher.profile(texts(), limit=args.limit)
    profiles = iter(corpus.documents)
    documents: list[dict[str, Any]] = []
    for doc_id, error in order:
        if error is None:
            documents.append({"id": doc_id, **profile_record(next(profiles))})
        else:
            documents.append({"id": doc_id, "error": error})
    failed = [document for document in documents if "error" in document]
    with output_stream(args.output) as stream:
        if args.format == "json":
            record = {"documents": documents, "total": profile_record(corpus.total)}
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            stream.write(_text(documents, corpus.documents, corpus.total))
    for document in failed:
        print(f"toponyms: {document['error']}", file=sys.stderr)
    return EXIT_SOME_FAILED if failed else EXIT_OK


def _text(documents: list[dict[str, Any]], profiles: Sequence[Profile], total: Profile) -> str:
    blocks = []
    found = iter(profiles)
    for document in documents:
        if "error" in document:
            blocks.append(f"{document['id']}: error: {document['error']}")
        else:
            blocks.append(format_profile(next(found), str(document["id"])))
    blocks.append(format_profile(total, f"total ({total.documents} document(s))"))
    return "\n\n".join(blocks) + "\n"


def _not_negative(value: str) -> int:
    number = int(value)
    if number < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {number}")
    return number
