"""Writers: mentions as JSON Lines, CSV and GeoJSON, streamed one document at a time.

Every field is documented in docs/formats.md; the field names are a stable contract.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

import attrs

from toponyms.model import Evidence, Mention

FORMATS = ("jsonl", "csv", "geojson")
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
    """The mentions of one document, or the error that kept it from being annotated."""

    id: str | int
    mentions: tuple[Mention, ...] = ()
    error: str | None = None


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


def document_record(result: DocumentResult) -> dict[str, Any]:
    """A document as the JSONL object ``{"id", "mentions"}``, plus ``"error"`` if it failed."""
    record: dict[str, Any] = {
        "id": result.id,
        "mentions": [mention_record(m) for m in result.mentions],
    }
    if result.error is not None:
        record["error"] = result.error
    return record


def write_jsonl(results: Iterable[DocumentResult], stream: TextIO) -> None:
    """One JSON object per document, in input order."""
    for result in results:
        stream.write(json.dumps(document_record(result), ensure_ascii=False) + "\n")


def write_csv(results: Iterable[DocumentResult], stream: TextIO) -> None:
    """One row per mention (a failed document gets one row with ``error`` set)."""
    writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for result in results:
        if result.error is not None:
            writer.writerow({"id": result.id, "error": result.error})
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
            writer.writerow({"id": result.id, **record})


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


WRITERS = {"jsonl": write_jsonl, "csv": write_csv, "geojson": write_geojson}
