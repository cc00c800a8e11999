"""The ``toponyms`` command: annotate, profile, lookup, geocode, validate, eval, info.

Errors print one line to standard error and exit non-zero; ``--debug`` shows the traceback.
Exit status: 0 success, 1 some documents failed, 2 invalid input or usage.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, deque
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from toponyms import __version__
from toponyms._cache import default_cache_dir
from toponyms._layers import layers as bundled_layers
from toponyms._resources import bundled_gazetteer
from toponyms.cli_geocode import add_command as add_geocode_command
from toponyms.cli_input import documents_of, output_stream, refuse_overwriting_inputs
from toponyms.cli_lookup import add_command as add_lookup_command
from toponyms.cli_profile import add_command as add_profile_command
from toponyms.errors import GazetteerError, ToponymsError
from toponyms.evaluation import evaluate, format_report, read_documents
from toponyms.formats import FORMATS, WRITERS, DocumentResult, write_html
from toponyms.gazetteer import Gazetteer, load, validate
from toponyms.matcher import DEFAULT_BATCH_SIZE, DEFAULT_METHODS, WINDOW_CHARS, Matcher
from toponyms.model import Method
from toponyms.progress import Progress

EXIT_OK = 0
EXIT_SOME_FAILED = 1
EXIT_INVALID = 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help(sys.stderr)
        return EXIT_INVALID
    try:
        return int(args.run(args))
    except GazetteerError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return EXIT_INVALID
    except (ToponymsError, OSError, ValueError) as error:
        if args.debug:
            raise
        print(f"toponyms: error: {error}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="toponyms", description="Find and resolve place names in ru/uk/Latin-script text."
    )
    parser.add_argument("--version", action="version", version=f"toponyms {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    common.add_argument(
        "--overlay",
        action="append",
        default=[],
        metavar="FILE",
        type=Path,
        help="a YAML file of your own places and names, loaded after the bundled gazetteer "
        "(repeatable, applied in order)",
    )
    common.add_argument(
        "--layer",
        action="append",
        default=None,
        metavar="NAME",
        dest="layers",
        help="a bundled data layer to apply (repeatable; replaces the default layers: "
        + ", ".join(layer.name for layer in bundled_layers())
        + ")",
    )
    common.add_argument(
        "--no-layers",
        action="store_const",
        const=[],
        dest="layers",
        help="apply no bundled data layer (the CC BY core alone)",
    )
    commands = parser.add_subparsers(title="commands")

    annotate = commands.add_parser("annotate", parents=[common], help="find places in text")
    annotate.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="FILE",
        help="text files, one document each (default: standard input)",
    )
    annotate.add_argument(
        "--input",
        choices=("text", "jsonl"),
        default="text",
        help="text: each file is a document; jsonl: each line is a document",
    )
    annotate.add_argument("--text-field", default="text", help="JSONL field holding the text")
    annotate.add_argument("--id-field", default=None, help="JSONL field holding the document id")
    annotate.add_argument("--format", choices=FORMATS, default="jsonl", help="output format")
    annotate.add_argument("--output", "-o", type=Path, default=None, help="default: stdout")
    annotate.add_argument(
        "--min-score", type=float, default=0.0, help="drop mentions scoring below this (0-1)"
    )
    _add_matcher_options(annotate)
    annotate.add_argument("--n-process", type=int, default=1, help="worker processes (default: 1)")
    annotate.add_argument(
        "--batch-size", type=int, default=DEFAULT_BATCH_SIZE, help="documents per worker batch"
    )
    annotate.add_argument(
        "--progress",
        choices=("auto", "always", "never"),
        default="auto",
        help="a progress line on standard error (auto: when it is a terminal)",
    )
    annotate.set_defaults(run=_annotate)

    add_profile_command(commands, common, matcher_options=_add_matcher_options, matcher_of=_matcher)
    add_lookup_command(commands, common)
    add_geocode_command(commands, common)

    check = commands.add_parser("validate", parents=[common], help="check gazetteer YAML files")
    check.add_argument("paths", nargs="+", type=Path, metavar="FILE")
    check.add_argument(
        "--no-bundled",
        action="store_true",
        help="check the files alone, not on top of the bundled gazetteer",
    )
    check.set_defaults(run=_validate)

    evaluation = commands.add_parser(
        "eval", parents=[common], help="score the annotator on annotated documents (JSONL)"
    )
    evaluation.add_argument("file", type=Path, metavar="FILE.jsonl")
    evaluation.add_argument(
        "--errors", action="store_true", help="also list misses, false alarms and wrong places"
    )
    evaluation.add_argument("--json", action="store_true", help="print the figures as JSON")
    evaluation.add_argument(
        "--min-score", type=float, default=0.0, help="drop mentions scoring below this (0-1)"
    )
    _add_matcher_options(evaluation)
    evaluation.set_defaults(run=_evaluate)

    info = commands.add_parser("info", parents=[common], help="counts and load times")
    info.add_argument("--json", action="store_true", help="print one JSON object")
    info.set_defaults(run=_info)
    return parser


def _add_matcher_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--no-in-names",
        action="store_true",
        help="leave out places named inside names of organisations, laws, courts, cups and "
        "newspapers («Закону України»), which are otherwise reported with in_name true",
    )
    command.add_argument(
        "--methods",
        default=None,
        metavar="M,M…",
        help="how mentions may match, comma-separated: "
        + ", ".join(m.value for m in Method)
        + " (default: all but fuzzy)",
    )
    command.add_argument(
        "--fuzzy", action="store_true", help="also find misspelt names (adds the fuzzy method)"
    )
    command.add_argument(
        "--as-of",
        default=None,
        metavar="YYYY-MM-DD",
        help="report each place's name on this date (name_as_of)",
    )


def _matcher(args: argparse.Namespace, gazetteer: Gazetteer) -> Matcher:
    methods = set(DEFAULT_METHODS if args.methods is None else args.methods.split(","))
    if args.fuzzy:
        methods.add(Method.FUZZY)
    return Matcher(
        gazetteer,
        methods=methods,
        min_score=args.min_score,
        as_of=args.as_of,
        in_names=not args.no_in_names,
    )


def _annotate(args: argparse.Namespace) -> int:
    refuse_overwriting_inputs(args.files, args.output)
    matcher = _matcher(args, load(*args.overlay, layers=args.layers))
    failed = 0
    documents: deque[tuple[str | int, str | None, str | None]] = deque()  # those in flight
    progress = Progress.on(sys.stderr, args.progress)

    def texts() -> Iterator[str]:
        # Documents stream through pipe(); their ids wait here until their results come back,
        # so memory stays bounded by the batches in flight, not by the input. A document longer
        # than a window is annotated here instead, window by window, as it is written.
        for document in documents_of(args):
            documents.append(document)
            text = document[1] if document[2] is None else None
            yield text if text is not None and len(text) <= WINDOW_CHARS else ""

    def results() -> Iterator[DocumentResult]:
        nonlocal failed
        stream = matcher.pipe(texts(), batch_size=args.batch_size, n_process=args.n_process)
        for mentions in stream:
            doc_id, text, error = documents.popleft()
            progress.advance(len(text or ""))
            if error is None and text is not None and len(text) > WINDOW_CHARS:
                yield DocumentResult(id=doc_id, mentions=matcher.iter_annotate(text), text=text)
            elif error is None and text is not None:
                yield DocumentResult(id=doc_id, mentions=tuple(mentions), text=text)
            else:
                failed += 1
                yield DocumentResult(id=doc_id, error=error)
        progress.finish()

    with output_stream(args.output) as stream:
        if args.format == "html":  # the page names each place's parents
            write_html(results(), stream, gazetteer=matcher.gazetteer)
        else:
            WRITERS[args.format](results(), stream)
    if failed:
        print(f"toponyms: {failed} document(s) could not be read", file=sys.stderr)
    return EXIT_SOME_FAILED if failed else EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    paths = list(args.paths)
    missing = [p for p in paths if not p.is_file()]
    if missing:
        raise FileNotFoundError(f"no such file: {', '.join(map(str, missing))}")
    # Checking the bundled file itself (perhaps with overlays after it): do not stack it twice.
    base = bundled_gazetteer().read_bytes()
    bundled = not args.no_bundled and all(p.read_bytes() != base for p in paths)
    layer_files = {layer.path.read_bytes() for layer in bundled_layers()}
    chosen = args.layers
    if chosen is None and any(p.read_bytes() in layer_files for p in paths):
        chosen = []  # a bundled layer checked itself: not on top of its own copy
    problems = validate(*paths, bundled=bundled, layers=chosen if bundled else None)
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {len(args.paths)} file(s)", file=sys.stderr)
        return EXIT_INVALID
    print(f"ok: {len(args.paths)} file(s) valid")
    return EXIT_OK


def _evaluate(args: argparse.Namespace) -> int:
    gazetteer = load(*args.overlay, layers=args.layers)
    matcher = _matcher(args, gazetteer)
    report = evaluate(matcher.annotate, gazetteer, read_documents(args.file))
    if args.json:
        figures: dict[str, Any] = {lang: t.figures() for lang, t in report.tallies.items()}
        figures["without_in_name"] = {
            lang: tally.figures() for lang, tally in report.without_in_name.items()
        }
        print(json.dumps(figures, ensure_ascii=False))
    else:
        print(format_report(report, errors=args.errors))
    return EXIT_OK


def _info(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    gazetteer = load(*args.overlay, layers=args.layers, use_cache=False, reuse=False)
    cold = time.perf_counter() - started
    load(*args.overlay, layers=args.layers, reuse=False)  # make sure the cache is written
    started = time.perf_counter()
    load(*args.overlay, layers=args.layers, reuse=False)
    warm = time.perf_counter() - started
    summary = {
        "version": __version__,
        "data_version": gazetteer.data_version,
        "files": [str(f) for f in gazetteer.load_report.files] if gazetteer.load_report else [],
        "layers": [
            {"name": layer.name, "licence": layer.licence}
            for layer in (gazetteer.load_report.layers if gazetteer.load_report else ())
        ],
        "cache_dir": str(default_cache_dir()),
        "places": len(gazetteer),
        "places_by_kind": dict(Counter(str(p.kind) for p in gazetteer).most_common()),
        "names": sum(len(p.names) for p in gazetteer),
        "names_by_lang": dict(Counter(n.lang for p in gazetteer for n in p.names).most_common()),
        "names_by_status": dict(
            Counter(str(n.status) for p in gazetteer for n in p.names).most_common()
        ),
        "index_keys": len(gazetteer.index),
        "cold_load_seconds": round(cold, 3),
        "warm_load_seconds": round(warm, 3),
    }
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
        return EXIT_OK
    for key, value in summary.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in value.items())
        elif isinstance(value, list):
            value = ", ".join(str(item) for item in value)
        print(f"{key.replace('_', ' ')}: {value}")
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
