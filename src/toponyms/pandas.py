"""pandas: geocode a frame's name and admin columns, annotate a series of texts.

Install with ``pip install "toponyms[pandas]"``. pandas is imported when these functions run, never
by the core library.

>>> import pandas as pd
>>> frame = pd.DataFrame({"village": ["Troitske", "Nowhere-at-all"], "raion": ["Svatove", None]})
>>> geocode(frame, name="village", admin2="raion")[["place_id", "match"]]
                           place_id  match
0  ua/luhanska/troitske~svativskyi  translit
1                              <NA>      none
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from toponyms.geocoding.context import TableContext
from toponyms.geocoding.table import RESULT_COLUMNS, Geocoder

if TYPE_CHECKING:
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]

    from toponyms.gazetteer import Gazetteer
    from toponyms.matcher import Matcher

MENTION_COLUMNS = (
    "doc", "start", "end", "surface", "place_id", "name", "kind", "country", "lat", "lon",
    "score", "method", "name_status", "in_name",
)  # fmt: skip


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
    missing text (None, NaN) has no mentions. ``options`` go to :class:`~toponyms.Matcher`
    (on the bundled gazetteer) when no ``matcher`` is given."""
    import pandas as pd

    from toponyms.gazetteer import load
    from toponyms.matcher import Matcher

    if matcher is None:
        matcher = Matcher(load(), **options)
    texts = ["" if not isinstance(t, str) else t for t in series.tolist()]
    records = []
    for doc, mentions in zip(series.index, matcher.pipe(texts), strict=True):
        for m in mentions:
            records.append(
                (doc, m.start, m.end, m.surface, m.place_id, m.name, m.kind.value, m.country,
                 m.lat, m.lon, m.score, m.method.value, m.name_status.value, m.in_name)
            )  # fmt: skip
    frame = pd.DataFrame.from_records(records, columns=list(MENTION_COLUMNS))
    if not records:
        frame["doc"] = frame["doc"].astype(series.index.dtype)
    return frame


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
