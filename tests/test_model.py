"""The model: names and their periods, display names, value semantics."""

from __future__ import annotations

import datetime

import attrs
import pytest

from toponyms.model import Kind, Mention, Method, Name, NameStatus, Place, parse_period_bound

KRASNOARMIISK = Name(text="Красноармійськ", lang="uk", status=NameStatus.FORMER, until="2016")
POKROVSK = Name(text="Покровськ", lang="uk", since="2016")


@pytest.mark.parametrize(
    ("name", "day", "current"),
    [
        (KRASNOARMIISK, datetime.date(2014, 6, 1), True),
        (KRASNOARMIISK, datetime.date(2016, 5, 12), True),  # a bare year covers the whole year
        (KRASNOARMIISK, datetime.date(2017, 1, 1), False),
        (POKROVSK, datetime.date(2015, 12, 31), False),
        (POKROVSK, datetime.date(2016, 1, 1), True),
    ],
    ids=["former-2014", "former-2016", "former-2017", "new-2015", "new-2016"],
)
def test_name_is_current_on_a_date(name: Name, day: datetime.date, current: bool) -> None:
    assert name.is_current(day) is current


def test_former_name_is_not_current_today() -> None:
    assert not KRASNOARMIISK.is_current()
    assert POKROVSK.is_current()


@pytest.mark.parametrize(
    ("value", "end", "expected"),
    [
        ("2016", False, datetime.date(2016, 1, 1)),
        ("2016", True, datetime.date(2016, 12, 31)),
        ("2024-02", True, datetime.date(2024, 2, 29)),
        ("2016-05-12", True, datetime.date(2016, 5, 12)),
    ],
)
def test_period_bounds(value: str, end: bool, expected: datetime.date) -> None:
    assert parse_period_bound(value, end=end) == expected


@pytest.mark.parametrize("value", ["16", "2016/05", "spring", "2016-13-01"])
def test_bad_period_bound_raises(value: str) -> None:
    with pytest.raises(ValueError):
        parse_period_bound(value, end=False)


def test_display_name_prefers_official_english() -> None:
    place = Place(
        id="ua/donetska/pokrovsk",
        kind=Kind.CITY,
        country="UA",
        names=(
            Name(text="Покровськ", lang="uk"),
            Name(text="Krasnoarmeysk", lang="en", status=NameStatus.FORMER),
            Name(text="Pokrovsk", lang="en"),
        ),
    )
    assert place.name == "Pokrovsk"


def test_display_name_without_english_is_the_national_romanization() -> None:
    place = Place(
        id="ua/donetska/novoselivka~pokrovskyi",
        kind=Kind.VILLAGE,
        country="UA",
        names=(Name(text="Новоселівка", lang="uk"), Name(text="Новоселовка", lang="ru")),
    )
    assert place.name == "Novoselivka"


def test_places_are_frozen_values() -> None:
    place = Place(
        id="ua", kind=Kind.COUNTRY, country="UA", names=(Name(text="Україна", lang="uk"),)
    )
    assert place == attrs.evolve(place)
    assert hash(place) == hash(attrs.evolve(place))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        place.country = "RU"  # type: ignore[misc]


def test_conflict_periods_and_coords_provenance_are_read_from_yaml() -> None:
    import toponyms
    from conftest import TEST_DATA

    pokrovsk = toponyms.load(TEST_DATA / "base.yaml", bundled=False, use_cache=False)[
        "ua/donetska/pokrovsk"
    ]
    assert pokrovsk.coords is not None
    assert (pokrovsk.coords.source, pokrovsk.coords.precision) == ("geonames", "point")
    (period,) = pokrovsk.conflict
    assert (str(period.status), period.since, period.until) == (
        "active_hostilities",
        "2022-02-24",
        None,
    )


def _mention(lat: float | None, lon: float | None) -> Mention:
    return Mention(
        start=0, end=8, surface="Белгород", place_id="ru/belgorodskaya/belgorod",
        name="Belgorod", kind=Kind.CITY, country="RU", lat=lat, lon=lon, score=1.0,
        method=Method.EXACT, matched="Белгород", name_lang="ru", name_status=NameStatus.OFFICIAL,
    )  # fmt: skip


def test_a_mention_is_a_geojson_point_feature_lon_first() -> None:
    feature = _mention(50.6, 36.58).__geo_interface__
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": (36.58, 50.6)}
    assert feature["properties"]["place_id"] == "ru/belgorodskaya/belgorod"
    assert type(feature["properties"]["kind"]) is str  # plain strings, as GeoJSON has them
    assert "refs" not in feature["properties"] and "alternatives" not in feature["properties"]


def test_a_mention_without_coordinates_has_null_geometry() -> None:
    assert _mention(None, None).__geo_interface__["geometry"] is None
