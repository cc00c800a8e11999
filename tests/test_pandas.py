"""toponyms.pandas: the shared mention columns and their dtypes, GeoDataFrames. (Geocoding a
frame is tested with the geocoder, in tests/test_geocoding.py.)"""

from __future__ import annotations

import re
from typing import Any

import pytest

from conftest import PROJECT_ROOT
from toponyms.pandas import GEO_CRS, MENTION_COLUMNS, MENTION_FIELDS

pd = pytest.importorskip("pandas", reason="pandas is the [pandas] extra")

from toponyms import pandas as tpd  # noqa: E402

TEXTS = ["Вибухи в Бєлгороді та Харкові.", None, "", "Nothing happened here."]


@pytest.fixture(scope="module")
def mentions() -> Any:
    return tpd.annotate(pd.Series(TEXTS, index=[7, 8, 9, 10]))


def test_mentions_have_the_shared_columns_and_dtypes(mentions: Any) -> None:
    assert list(mentions.columns) == list(MENTION_COLUMNS)
    assert {c: str(mentions[c].dtype) for c, _, _ in MENTION_FIELDS} == {
        c: str(pd.Series(dtype=d).dtype) for c, d, _ in MENTION_FIELDS
    }
    assert list(mentions["place_id"]) == ["ru/belgorodskaya/belgorod", "ua/kharkivska/kharkiv"]
    assert set(mentions["doc"]) == {7}


def test_no_mentions_keep_the_dtypes_and_the_index_dtype() -> None:
    empty = tpd.annotate(pd.Series(["", None], index=["a", "b"]))
    assert empty.empty
    assert str(empty["lat"].dtype) == "Float64" and str(empty["start"].dtype) == "int64"
    assert empty["doc"].dtype == pd.Index(["a"]).dtype


def test_a_geodataframe_of_mentions_has_points_in_wgs84(mentions: Any) -> None:
    pytest.importorskip("geopandas", reason="geopandas is optional")
    frame = tpd.to_geodataframe(mentions)
    assert frame.crs.to_string() == GEO_CRS
    belgorod = frame.geometry.iloc[0]
    assert (belgorod.x, belgorod.y) == (mentions["lon"].iloc[0], mentions["lat"].iloc[0])
    assert list(frame["place_id"]) == list(mentions["place_id"])


def test_a_row_without_coordinates_has_no_geometry() -> None:
    pytest.importorskip("geopandas", reason="geopandas is optional")
    rows = pd.DataFrame({"place_id": ["a", "b"], "lat": [50.6, None], "lon": [36.58, None]})
    frame = tpd.to_geodataframe(rows)
    assert frame.geometry.iloc[1] is None and frame.geometry.iloc[0].y == 50.6


def test_a_frame_without_coordinates_is_refused() -> None:
    with pytest.raises(KeyError, match=r"column\(s\) \['lat', 'lon'\] not in the frame"):
        tpd.to_geodataframe(pd.DataFrame({"place_id": ["a"]}))


def test_geopandas_reads_mentions_as_features(mentions: Any) -> None:
    gpd = pytest.importorskip("geopandas", reason="geopandas is optional")
    found = tpd.annotate(pd.Series(["Kramatorsk"]))
    from toponyms import annotate

    frame = gpd.GeoDataFrame.from_features(annotate("Kramatorsk"), crs=GEO_CRS)
    assert frame.geometry.iloc[0].x == found["lon"].iloc[0]


def test_docs_list_the_mention_columns_as_they_are_defined() -> None:
    page = (PROJECT_ROOT / "docs" / "spark.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(\w+)` \| (\w+) \| (\w+) \|", page, flags=re.MULTILINE)
    assert [(column, dtype, kind) for column, kind, dtype in rows] == list(MENTION_FIELDS)
