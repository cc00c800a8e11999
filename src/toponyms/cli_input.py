"""What the command line reads: documents from text and JSONL files, each read so that nothing
is lost (a bad line is one error, with its true number) and no offset moves (no newline
translation); and the guard that keeps an output from overwriting its input."""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO, TextIO

TEXT_BLOCK = 1 << 20  # bytes read at a time from a text file, each checked for NUL bytes


def documents_of(args: argparse.Namespace) -> Iterator[tuple[str | int, str | None, str | None]]:
    """(id, text, error) for every input document, in order, streaming."""
    if args.input == "text":
        if not args.files:
            yield "<stdin>", *_read_text(stdin_bytes(), "<stdin>")
        for path in args.files:
            try:
                with path.open("rb") as stream:
                    yield str(path), *_read_text(stream, str(path))
            except OSError as error:
                yield str(path), None, f"cannot read {path}: {error}"
        return
    streams = [(str(p), p) for p in args.files] or [("<stdin>", None)]
    for name, path in streams:
        try:
            handle = stdin_bytes() if path is None else path.open("rb")
        except OSError as error:
            yield name, None, f"cannot read {name}: {error}"
            continue
        with handle if path is not None else contextlib.nullcontext(handle):
            yield from _jsonl_documents(handle, name, args.text_field, args.id_field)


def stdin_bytes() -> BinaryIO:
    """Standard input as bytes (a text stream put in its place, as by a test, re-encoded)."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        return buffer  # type: ignore[no-any-return]
    return io.BytesIO(sys.stdin.read().encode("utf-8"))


def _read_text(stream: BinaryIO, name: str) -> tuple[str | None, str | None]:
    """A document's text exactly as stored (no newline translation: offsets index the file's own
    characters, CRLF included), or why it is not text: invalid UTF-8, or NUL bytes, which no
    text has (/dev/zero is refused at its first block instead of read until memory runs out)."""
    first = stream.read(TEXT_BLOCK)
    if b"\0" in first:  # checked before reading on: a device of zeros never ends
        return None, f"{name} is not text: it holds NUL bytes"
    data = first + stream.read()  # one buffer: a list of blocks and their join held twice
    del first
    if b"\0" in data:
        return None, f"{name} is not text: it holds NUL bytes"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        return None, f"cannot read {name}: not UTF-8 text ({error})"


def _jsonl_documents(
    handle: BinaryIO, name: str, text_field: str, id_field: str | None
) -> Iterator[tuple[str | int, str | None, str | None]]:
    """Each line decoded on its own: a line of invalid UTF-8 is one error, with its own number,
    and the lines after it are read."""
    for line_number, raw in enumerate(handle, start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            yield line_number, None, f"line {line_number}: not UTF-8 text: {error}"
            continue
        if not line.strip():
            continue
        yield _jsonl_document(line, line_number, text_field, id_field)


def _jsonl_document(
    line: str, line_number: int, text_field: str, id_field: str | None
) -> tuple[str | int, str | None, str | None]:
    try:
        record = json.loads(line, parse_constant=_refuse_constant)
    except (json.JSONDecodeError, ValueError) as error:
        return line_number, None, f"line {line_number}: invalid JSON: {error}"
    if not isinstance(record, dict):
        return line_number, None, f"line {line_number}: expected a JSON object"
    doc_id = record.get(id_field, line_number) if id_field else line_number
    problem = _bad_id(doc_id)
    if problem is not None:
        return line_number, None, f"line {line_number}: {problem}"
    text = record.get(text_field)
    if not isinstance(text, str):
        return doc_id, None, f"line {line_number}: no text in field {text_field!r}"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return doc_id, None, f"line {line_number}: the text holds a lone surrogate"
    return doc_id, text, None


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not JSON")


def _bad_id(doc_id: Any) -> str | None:
    """Why an id cannot be written back as strict JSON, or None."""
    if isinstance(doc_id, float) and not math.isfinite(doc_id):
        return f"the id {doc_id!r} is not a finite number"
    if isinstance(doc_id, str):
        try:
            doc_id.encode("utf-8")
        except UnicodeEncodeError:
            return "the id holds a lone surrogate"
    return None


def refuse_overwriting_inputs(inputs: Sequence[Path], output: Path | None) -> None:
    """Raise before anything is written when ``output`` is one of ``inputs`` (the same file, a
    hard link to it or a symbolic link): opening it for writing would empty the input."""
    if output is None or not output.exists():
        return
    for path in inputs:
        with contextlib.suppress(OSError):
            if os.path.samefile(path, output):
                raise ValueError(
                    f"the output {output} is the input {path}: refusing to overwrite it"
                )


@contextlib.contextmanager
def output_stream(path: Path | None) -> Iterator[TextIO]:
    """Standard output, or a file opened for writing (no newline translation) and closed."""
    if path is None:
        yield sys.stdout
        return
    with path.open("w", encoding="utf-8", newline="") as stream:
        yield stream
