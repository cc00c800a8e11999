"""pandas: geocode a frame's name and admin columns, annotate a series of texts.

Install with ``pip install "toponyms[pandas]"``. pandas is imported when these functions run, never
by the core library. The columns of a mention are defined here once (:data:`MENTION_FIELDS`) for
pandas, Dask (``toponyms.dask``) and Spark (``toponyms.spark``).

>>> import pandas as pd
>>> frame = pd.DataFrame({"village": ["Troitske", "Nowhere-at-all"], "raion": ["Svatove", None]})
>>> geocode(frame, name="village", admin2="raion")[["place_id", "match"]]
                           place_id  match
0  ua/luhanska/troitske~svativskyi  translit
1                              <NA>      none
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from toponyms.geocoding.context import TableContext
from toponyms.geocoding.table import RESULT_COLUMNS, Geocoder

if TYPE_CHECKING:
    import geopandas as gpd  # type: ignore[import-untyped,unused-ignore]
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]

    from toponyms.gazetteer import Gazetteer
    from toponyms.matcher import Matcher
    from toponyms.model import Mention

# The columns of a mention, for pandas, Dask and Spark alike: the Mention field, its pandas dtype
# and its Spark type (as Spark's JSON schemas name it). lat and lon are missing for a place
# without a point. pandas and Dask put ``doc``, the text's index, first; Spark keeps the input's
# other columns in its place.
MENTION_FIELDS = (
    ("start", "int64", "long"),
    ("end", "int64", "long"),
    ("surface", "string", "string"),
    ("place_id", "string", "string"),
    ("name", "string", "string"),
    ("kind", "string", "string"),
    ("country", "string", "string"),
    ("lat", "Float64", "double"),
    ("lon", "Float64", "double"),
    ("score", "float64", "double"),
    ("method", "string", "string"),
    ("name_status", "string", "string"),
    ("in_name", "bool", "boolean"),
)
MENTION_COLUMNS = ("doc", *(column for column, _, _ in MENTION_FIELDS))
GEO_CRS = "EPSG:4326"  # lat and lon are WGS84 degrees


def geocode(
    frame: pd.DataFrame,
    *,
    name: str,
    admin1: str | None = None,
    admin2: str | None = None,
    admin3: str | None = None,
    gazetteer: Gazetteer | None = None,
    context: bool = True,
    **options: Any,
) -> pd.DataFrame:
    """``frame`` with the geocoder's columns added (``toponyms.geocoding.table``); a cell with
    nothing to say is ``pd.NA``. Each distinct (name, admin…) tuple is looked up once.
    ``options`` go to :class:`~toponyms.geocoding.table.Geocoder` (kind, lang, as_of, near)."""
    import pandas as pd

    if gazetteer is None:
        from toponyms.gazetteer import load

        gazetteer = load()
    columns = [c for c in (name, admin1, admin2, admin3) if c is not None]
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise KeyError(f"column(s) {missing} not in the frame: {list(frame.columns)}")
    geocoder = Geocoder(gazetteer, **options)
    keys = frame[columns].astype("object").where(frame[columns].notna(), None)
    distinct = keys.drop_duplicates()
    looked_up = {}
    for values in distinct.itertuples(index=False, name=None):
        text, first, second, third = _named(values, columns, name, admin1, admin2, admin3)
        looked_up[values] = geocoder.geocode_one(text, admin1=first, admin2=second, admin3=third)
    results = [looked_up[tuple(values)] for values in keys.itertuples(index=False, name=None)]
    if context:
        results = TableContext(gazetteer).decide(results)
    added = pd.DataFrame([geocoder.columns(r) for r in results], index=frame.index)
    added["alternatives"] = added["alternatives"].map(lambda ids: "|".join(ids) or None)
    added = added.astype("object").where(added.notna(), pd.NA)  # type: ignore[arg-type,unused-ignore]
    for column in ("lat", "lon", "score"):
        added[column] = added[column].astype("Float64")
    added["n_candidates"] = added["n_candidates"].astype("Int64")
    for column in RESULT_COLUMNS:
        if added[column].dtype == object:
            added[column] = added[column].astype("string")
    return pd.concat([frame, added[list(RESULT_COLUMNS)]], axis=1)


def annotate(series: pd.Series, *, matcher: Matcher | None = None, **options: Any) -> pd.DataFrame:
    """One row per mention of each text of ``series``, with the series index as ``doc``; a
    missing text (None, NaN) has no mentions. The columns and dtypes are
    :data:`MENTION_COLUMNS` (docs/formats.md describes the fields). ``options`` go to
    :class:`~toponyms.Matcher` (on the bundled gazetteer) when no ``matcher`` is given."""
    from toponyms.gazetteer import load
    from toponyms.matcher import Matcher

    if matcher is None:
        matcher = Matcher(load(), **options)
    return mentions_frame(series.index, matcher.pipe(texts_of(series)))


def texts_of(values: Iterable[Any]) -> list[str]:
    """The texts of a series (or a list), a missing one (None, NaN) as the empty text."""
    return ["" if not isinstance(text, str) else text for text in values]


def mentions_frame(docs: pd.Index, results: Iterable[list[Mention]]) -> pd.DataFrame:
    """One row per mention of ``results`` (one list per text), ``doc`` the entry of ``docs``
    for its text, with the dtypes of :data:`MENTION_FIELDS` (an empty frame has them too)."""
    import pandas as pd

    positions: list[int] = []
    values: dict[str, list[Any]] = {column: [] for column, _, _ in MENTION_FIELDS}
    for position, mentions in enumerate(results):
        for mention in mentions:
            positions.append(position)
            for column, found in values.items():
                found.append(getattr(mention, column))
    columns = {"doc": docs.take(positions)}
    for column, dtype, _ in MENTION_FIELDS:
        columns[column] = pd.array(values[column], dtype=dtype)  # type: ignore[call-overload]  # stubs lag pandas 3
    return pd.DataFrame(columns)


def to_geodataframe(frame: pd.DataFrame) -> gpd.GeoDataFrame:
    """``frame`` (mentions from :func:`annotate`, or rows from :func:`geocode`) as a geopandas
    GeoDataFrame of points made from its ``lat`` and ``lon`` columns, in EPSG:4326; a row without
    coordinates has no geometry (None). Needs geopandas (``pip install geopandas``).

    Raises:
        KeyError: the frame has no ``lat`` or ``lon`` column.
    """
    import geopandas as gpd

    missing = [column for column in ("lat", "lon") if column not in frame.columns]
    if missing:
        raise KeyError(f"column(s) {missing} not in the frame: {list(frame.columns)}")
    lat, lon = frame["lat"].astype("Float64"), frame["lon"].astype("Float64")
    known = (lat.notna() & lon.notna()).to_numpy(dtype=bool)
    points = gpd.GeoSeries.from_xy(
        lon.to_numpy(dtype="float64", na_value=float("nan")),
        lat.to_numpy(dtype="float64", na_value=float("nan")),
        index=frame.index,
        crs=GEO_CRS,
    )
    points[~known] = None
    return gpd.GeoDataFrame(frame.copy(), geometry=points, crs=GEO_CRS)


def _named(
    values: tuple[Any, ...],
    columns: list[str],
    name: str,
    admin1: str | None,
    admin2: str | None,
    admin3: str | None,
) -> tuple[Any, ...]:
    row = dict(zip(columns, values, strict=True))
    return (
        row[name],
        row.get(admin1) if admin1 else None,
        row.get(admin2) if admin2 else None,
        row.get(admin3) if admin3 else None,
    )
