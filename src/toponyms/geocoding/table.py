"""The table geocoder: rows with a name column and oblast, raion or hromada columns, in and out.

Every row comes out, in order, with the columns of :data:`RESULT_COLUMNS` added. A row whose
best candidates cannot be told apart (:func:`~toponyms.geocoding.lookup.contenders`) says
``ambiguous`` and lists them, with no place; a row that matches nothing says ``none``. Each
distinct (name, admin…) tuple is looked up once.

Rows decide each other, as a document's mentions do: once every row is looked up, an ambiguous
row whose namesakes include exactly one lying near places that other rows of the table settled
takes it, and says so in ``evidence`` (``table_context``). Tables are usually about one area (a
front-line log, a raion's schools), so this is the same evidence a reader uses; ``context=False``
turns it off.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from toponyms.geocoding.context import TableContext
from toponyms.geocoding.lookup import (
    Found,
    Point,
    Qualifier,
    candidate_method,
    contenders,
    search,
)
from toponyms.model import Candidate, Kind

if TYPE_CHECKING:
    from toponyms.gazetteer import Gazetteer

RESULT_COLUMNS = (
    "place_id", "place_name", "place_kind", "lat", "lon", "coords_precision", "katottg", "pcode",
    "score", "match", "n_candidates", "alternatives", "evidence",
)  # fmt: skip
MATCHES = ("exact", "alias", "translit", "inflected", "fuzzy", "ambiguous", "none")
MAX_ALTERNATIVES = 5  # runners-up listed with a decided row
MAX_LISTED = 10  # namesakes listed with an ambiguous row (n_candidates counts them all)
# The unit levels of the admin columns: an oblast column names first-level units only.
ADMIN_KINDS = {
    "admin1": frozenset({Kind.OBLAST, Kind.REGION, Kind.COUNTRY}),
    "admin2": frozenset({Kind.RAION}),
    "admin3": frozenset({Kind.HROMADA}),
}


@attrs.frozen(kw_only=True)
class GeocodeResult:
    """The outcome of one row: the place (None when ambiguous or none), how it matched, the
    candidates it was chosen among, and why."""

    place_id: str | None
    match: str
    score: float | None
    n_candidates: int
    alternatives: tuple[Candidate, ...] = ()
    evidence: tuple[str, ...] = ()


class Geocoder:
    """Geocodes names with their admin columns against one gazetteer, remembering each distinct
    query.

    >>> from toponyms import load
    >>> geocoder = Geocoder(load())
    >>> result = geocoder.geocode_one("Новоселівка", admin1="Донецька", admin2="Покровський")
    >>> result.place_id, result.match
    ('ua/donetska/novoselivka~pokrovskyi', 'exact')
    """

    def __init__(
        self,
        gazetteer: Gazetteer,
        *,
        kind: Iterable[Kind] | None = None,
        lang: str | None = None,
        as_of: datetime.date | None = None,
        near: Point | None = None,
    ) -> None:
        self.gazetteer = gazetteer
        self._kind = frozenset(kind) if kind is not None else None
        self._lang = lang
        self._as_of = as_of
        self._near = near
        self._seen: dict[tuple[str, str | None, str | None, str | None], GeocodeResult] = {}

    def geocode_one(
        self,
        name: Any,
        *,
        admin1: Any = None,
        admin2: Any = None,
        admin3: Any = None,
    ) -> GeocodeResult:
        """The result for one name and its admin values (each may be empty or None)."""
        key = (_cell(name) or "", _cell(admin1), _cell(admin2), _cell(admin3))
        held = self._seen.get(key)
        if held is None:
            held = self._seen[key] = self._geocode(*key)
        return held

    def _geocode(
        self, name: str, admin1: str | None, admin2: str | None, admin3: str | None
    ) -> GeocodeResult:
        if not name.strip():
            return GeocodeResult(place_id=None, match="none", score=None, n_candidates=0)
        columns = (("admin1", admin1), ("admin2", admin2), ("admin3", admin3))
        qualifiers = [
            Qualifier(text=value, kinds=ADMIN_KINDS[column])
            for column, value in columns
            if value is not None
        ]
        found = search(
            self.gazetteer, name, qualifiers=qualifiers, kind=self._kind, lang=self._lang,
            as_of=self._as_of, near=self._near,
        )  # fmt: skip
        return self._judged(found)

    def _judged(self, found: Found) -> GeocodeResult:
        evidence = [f"unmatched qualifier: {text}" for text in found.unmatched]
        evidence += [f"no such place in: {text}" for text in found.contradicted]
        if not found.candidates:
            return GeocodeResult(
                place_id=None, match="none", score=None, n_candidates=0, evidence=tuple(evidence)
            )
        tied = contenders(self.gazetteer, found, self._near)
        best = found.candidates[0]
        if len(tied) > 1:
            return GeocodeResult(
                place_id=None,
                match="ambiguous",
                score=best.score,
                n_candidates=len(found.candidates),
                alternatives=tuple(tied[:MAX_LISTED]),
                evidence=tuple(evidence),
            )
        if found.fit.get(best.place_id, 0) > 0:
            evidence.append("qualified")
        evidence.append(_why(len(found.candidates), self._near))
        others = tuple(found.candidates[1 : 1 + MAX_ALTERNATIVES])
        return GeocodeResult(
            place_id=best.place_id,
            match=candidate_method(best),
            score=best.score,
            n_candidates=len(found.candidates),
            alternatives=others,
            evidence=tuple(evidence),
        )

    def columns(self, result: GeocodeResult) -> dict[str, Any]:
        """The columns a result adds to its row (None for an empty cell)."""
        place = self.gazetteer[result.place_id] if result.place_id else None
        coords = place.coords if place is not None else None
        return {
            "place_id": result.place_id,
            "place_name": place.name if place is not None else None,
            "place_kind": place.kind.value if place is not None else None,
            "lat": coords.lat if coords is not None else None,
            "lon": coords.lon if coords is not None else None,
            "coords_precision": coords.precision.value if coords and coords.precision else None,
            "katottg": place.refs.katottg if place is not None else None,
            "pcode": getattr(place.refs, "pcode", None) if place is not None else None,
            "score": result.score,
            "match": result.match,
            "n_candidates": result.n_candidates,
            "alternatives": [c.place_id for c in result.alternatives],
            "evidence": "; ".join(result.evidence) or None,
        }


def geocode(
    rows: Iterable[Mapping[str, Any]],
    *,
    name: str,
    admin1: str | None = None,
    admin2: str | None = None,
    admin3: str | None = None,
    gazetteer: Gazetteer | None = None,
    kind: Iterable[Kind] | None = None,
    lang: str | None = None,
    as_of: datetime.date | None = None,
    near: Point | None = None,
    context: bool = True,
) -> Iterator[dict[str, Any]]:
    """Each row as a new dict with :data:`RESULT_COLUMNS` added, in order (see the module
    docstring). ``name`` and ``admin1``–``admin3`` are the keys of the row's columns.

    >>> rows = [{"id": 1, "village": "Troitske", "raion": "Svatove"}]
    >>> [(row["id"], row["place_id"]) for row in geocode(rows, name="village", admin2="raion")]
    [(1, 'ua/luhanska/troitske~svativskyi')]
    """
    if gazetteer is None:
        from toponyms.gazetteer import load  # the bundled gazetteer, on first use

        gazetteer = load()
    geocoder = Geocoder(gazetteer, kind=kind, lang=lang, as_of=as_of, near=near)
    keys = {"name": name, "admin1": admin1, "admin2": admin2, "admin3": admin3}

    def result_of(row: Mapping[str, Any]) -> GeocodeResult:
        values = {
            field: _cell(row.get(column)) if column else None for field, column in keys.items()
        }
        return geocoder.geocode_one(
            values["name"], admin1=values["admin1"], admin2=values["admin2"],
            admin3=values["admin3"],
        )  # fmt: skip

    if not context:
        for row in rows:
            yield {**row, **geocoder.columns(result_of(row))}
        return
    table = list(rows)
    results = [result_of(row) for row in table]
    decided = TableContext(gazetteer).decide(results)
    for row, result in zip(table, decided, strict=True):
        yield {**row, **geocoder.columns(result)}


def _why(n_candidates: int, near: Point | None) -> str:
    if n_candidates == 1:
        return "only_candidate"
    return "near" if near is not None else "best"


def _cell(value: Any) -> str | None:
    """A cell as text: None for an empty or missing one (None, NaN, pandas' NA)."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    try:
        text = str(value).strip()
    except (TypeError, ValueError):
        return None
    return text or None if text not in ("<NA>", "nan", "NaN") else None
