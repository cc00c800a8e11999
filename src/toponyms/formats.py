"""Writers: mentions as JSON Lines, CSV and GeoJSON, streamed one document at a time; and the
HTML page (:mod:`toponyms.page`).

Every field is documented in docs/formats.md; the field names are a stable contract.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TextIO

import attrs

from toponyms.model import Evidence, Mention

if TYPE_CHECKING:
    from toponyms.gazetteer import Gazetteer

FORMATS = ("jsonl", "csv", "geojson", "geojsonl", "html")
CSV_COLUMNS = (
    "id",
    "start",
    "end",
    "surface",
    "place_id",
    "name",
    "kind",
    "country",
    "lat",
    "lon",
    "score",
    "method",
    "matched",
    "name_lang",
    "name_status",
    "scheme",
    "name_as_of",
    "coords_precision",
    "evidence",
    "evidence_place_id",
    "evidence_start",
    "evidence_end",
    "in_name",
    "katottg",
    "pcode",
    "koatuu",
    "geonames",
    "wikidata",
    "osm",
    "iso3166",
    "oktmo",
    "alternatives",
    "error",
)
ALTERNATIVE_SEPARATOR = "|"  # in CSV: place_id:score|place_id:score


@attrs.frozen(kw_only=True)
class DocumentResult:
    """The mentions of one document, or the error that kept it from being annotated.

    ``mentions`` may be an iterator (a long document's, annotated window by window as it is
    written): the writers read it once. ``text`` is the document itself, for the writers that
    show it (the HTML page).
    """

    id: str | int
    mentions: Iterable[Mention] = ()
    error: str | None = None
    text: str | None = None


def mention_record(mention: Mention) -> dict[str, Any]:
    """A mention as a JSON-ready dict: enums as strings, refs without empty entries."""
    record = attrs.asdict(mention, recurse=False)
    record["kind"] = str(mention.kind)
    record["method"] = str(mention.method)
    record["name_status"] = str(mention.name_status)
    record["refs"] = {k: v for k, v in attrs.asdict(mention.refs).items() if v is not None}
    record["alternatives"] = [
        {"place_id": alt.place_id, "score": alt.score} for alt in mention.alternatives
    ]
    record["coords_precision"] = _text(mention.coords_precision)
    record["evidence"] = None if mention.evidence is None else _evidence(mention.evidence)
    return record


def _evidence(evidence: Evidence) -> dict[str, Any]:
    """Why the place was chosen: the rule, and the span and place that supported it."""
    record = attrs.asdict(evidence)
    record["rule"] = str(evidence.rule)
    return {k: v for k, v in record.items() if v is not None}


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def write_jsonl(results: Iterable[DocumentResult], stream: TextIO) -> None:
    """One JSON object per document, in input order: ``{"id", "mentions"}``, plus ``"error"``
    if it failed; written a mention at a time, so that a document of 300,000 mentions is never
    one string in memory."""
    for result in results:
        stream.write('{"id": ' + _dumps(result.id) + ', "mentions": [')
        for number, mention in enumerate(result.mentions):
            stream.write((", " if number else "") + _dumps(mention_record(mention)))
        stream.write("]")
        if result.error is not None:
            stream.write(', "error": ' + _dumps(result.error))
        stream.write("}\n")


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


# A cell a spreadsheet would run as a formula (=HYPERLINK(…), +cmd, @SUM): written with a
# leading apostrophe, which spreadsheets show as text (OWASP's advice on CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """``value`` as a CSV cell that no spreadsheet runs: a text starting like a formula gets an
    apostrophe in front; numbers (-5, +3.2) and everything else are kept.

    >>> spreadsheet_safe("=1+2"), spreadsheet_safe("@SUM(A1)"), spreadsheet_safe("-5")
    ("'=1+2", "'@SUM(A1)", '-5')
    """
    if not isinstance(value, str) or not value.startswith(_FORMULA_STARTS):
        return value
    try:
        float(value)
    except ValueError:
        return "'" + value
    return value


def csv_writer(stream: TextIO, fieldnames: Sequence[str]) -> csv.DictWriter[str]:
    """A CSV writer that every reader reads back row for row: RFC 4180 line ends (CRLF), so a
    field holding a carriage return is quoted (with LF ends it was not, and read back as two
    rows)."""
    return csv.DictWriter(
        stream, fieldnames=fieldnames, lineterminator="\r\n", extrasaction="ignore"
    )


def write_safe_row(writer: csv.DictWriter[str], row: Mapping[str, object]) -> None:
    """Write ``row`` with every cell :func:`spreadsheet_safe`."""
    writer.writerow({key: spreadsheet_safe(value) for key, value in row.items()})


def write_csv(results: Iterable[DocumentResult], stream: TextIO) -> None:
    """One row per mention (a failed document gets one row with ``error`` set)."""
    writer = csv_writer(stream, CSV_COLUMNS)
    writer.writeheader()
    for result in results:
        if result.error is not None:
            write_safe_row(writer, {"id": result.id, "error": result.error})
        for mention in result.mentions:
            record = mention_record(mention)
            refs = record.pop("refs")
            alternatives = record.pop("alternatives")
            evidence = record.pop("evidence") or {}
            record.update(refs)
            record["evidence"] = evidence.get("rule")
            for field in ("place_id", "start", "end"):
                record[f"evidence_{field}"] = evidence.get(field)
            record["alternatives"] = ALTERNATIVE_SEPARATOR.join(
                f"{alt['place_id']}:{alt['score']}" for alt in alternatives
            )
            write_safe_row(writer, {"id": result.id, **record})


def write_geojson(results: Iterable[DocumentResult], stream: TextIO) -> None:
    """A FeatureCollection with one Point feature per mention (null geometry without coords).

    Written feature by feature, so memory stays bounded on large inputs.
    """
    stream.write('{"type": "FeatureCollection", "features": [\n')
    first = True
    for result in results:
        for feature in _features(result):
            stream.write(("" if first else ",\n") + json.dumps(feature, ensure_ascii=False))
            first = False
    stream.write("\n]}\n")


RECORD_SEPARATOR = "\x1e"  # RFC 8142 opens every GeoJSON text of a sequence with it


def write_geojsonl(results: Iterable[DocumentResult], stream: TextIO) -> None:
    """A GeoJSON text sequence (RFC 8142): each Feature on a line of its own, opened by the
    record separator. Every line is complete when written, so an interrupted run leaves a
    valid file of the features so far; a FeatureCollection is only valid once it is closed."""
    for result in results:
        for feature in _features(result):
            stream.write(RECORD_SEPARATOR + json.dumps(feature, ensure_ascii=False) + "\n")


def _features(result: DocumentResult) -> Iterable[dict[str, Any]]:
    if result.error is not None:
        yield {
            "type": "Feature",
            "geometry": None,
            "properties": {"id": result.id, "error": result.error},
        }
    for mention in result.mentions:
        geometry = None
        if mention.lat is not None and mention.lon is not None:
            geometry = {"type": "Point", "coordinates": [mention.lon, mention.lat]}
        properties = {"id": result.id, **mention_record(mention)}
        yield {"type": "Feature", "geometry": geometry, "properties": properties}


def write_html(
    results: Iterable[DocumentResult], stream: TextIO, *, gazetteer: Gazetteer | None = None
) -> None:
    """One self-contained HTML page of every document: :func:`toponyms.page.write_page`
    (``gazetteer`` names the places' parents; docs/html.md)."""
    from toponyms.page import write_page  # the page builds on this module's records

    write_page(results, stream, gazetteer=gazetteer)


WRITERS = {
    "jsonl": write_jsonl,
    "csv": write_csv,
    "geojson": write_geojson,
    "geojsonl": write_geojsonl,
    "html": write_html,
}
