"""Writers: JSON Lines, CSV and GeoJSON carry every documented field and round-trip."""

from __future__ import annotations

import csv
import io
import json

import pytest

from conftest import TEST_DATA
from toponyms import Gazetteer, Matcher, load
from toponyms.formats import CSV_COLUMNS, DocumentResult, write_csv, write_geojson, write_jsonl

MENTION_FIELDS = {
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
    "name_as_of",
    "scheme",
    "refs",
    "alternatives",
    "coords_precision",
    "evidence",
    "in_name",
}
TEXT = "Покровськ, колишній Красноармійськ, і Бахмут."


@pytest.fixture(scope="module")
def results() -> list[DocumentResult]:
    gazetteer: Gazetteer = load(TEST_DATA / "base.yaml", bundled=False, use_cache=False)
    mentions = tuple(Matcher(gazetteer).annotate(TEXT))
    return [
        DocumentResult(id="doc-1", mentions=mentions),
        DocumentResult(id="doc-2", error="cannot read doc-2"),
        DocumentResult(id=3),
    ]


def test_jsonl_has_one_object_per_document_with_every_field(results: list[DocumentResult]) -> None:
    stream = io.StringIO()
    write_jsonl(results, stream)
    records = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [r["id"] for r in records] == ["doc-1", "doc-2", 3]
    assert records[1]["error"] == "cannot read doc-2" and records[1]["mentions"] == []
    first = records[0]["mentions"][0]
    assert set(first) == MENTION_FIELDS
    assert TEXT[first["start"] : first["end"]] == first["surface"]
    assert first["refs"] == {
        "katottg": "UA14160210010099403",
        "pcode": "UA1416021001",
        "koatuu": "1413200000",
        "geonames": 704422,
    }
    assert records[0]["mentions"][1]["name_status"] == "former"


def test_csv_has_a_row_per_mention_and_the_documented_columns(
    results: list[DocumentResult],
) -> None:
    stream = io.StringIO()
    write_csv(results, stream)
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [(r["id"], r["surface"]) for r in rows] == [
        ("doc-1", "Покровськ"),
        ("doc-1", "Красноармійськ"),
        ("doc-1", "Бахмут"),
        ("doc-2", ""),
    ]
    assert rows[0]["katottg"] == "UA14160210010099403"
    assert rows[0]["pcode"] == "UA1416021001"
    assert rows[3]["error"] == "cannot read doc-2"


def test_geojson_is_a_feature_collection_of_points(results: list[DocumentResult]) -> None:
    stream = io.StringIO()
    write_geojson(results, stream)
    collection = json.loads(stream.getvalue())
    assert collection["type"] == "FeatureCollection"
    points = [f for f in collection["features"] if f["geometry"]]
    lon, lat = points[0]["geometry"]["coordinates"]
    assert (round(lat, 2), round(lon, 2)) == (48.28, 37.18)
    assert points[0]["properties"]["place_id"] == "ua/donetska/pokrovsk"


def test_geojson_of_nothing_is_still_valid() -> None:
    stream = io.StringIO()
    write_geojson([], stream)
    assert json.loads(stream.getvalue()) == {"type": "FeatureCollection", "features": []}
