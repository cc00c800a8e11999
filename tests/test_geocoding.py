"""Lookup of names as tables write them, and the table geocoder (Python, CLI, pandas)."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import pytest

from conftest import PROJECT_ROOT
from toponyms import Gazetteer, load
from toponyms._tables import read_table
from toponyms.cli import main
from toponyms.geocoding.query import centre_kinds, parse_query
from toponyms.geocoding.table import MATCHES, RESULT_COLUMNS, Geocoder, geocode
from toponyms.model import Kind


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load()


def _first(gazetteer: Gazetteer, query: str, **options: object) -> str | None:
    found = gazetteer.lookup(query, limit=1, **options)  # type: ignore[arg-type]
    return found[0].place_id if found else None


# -- the queries of the issue, as a new user types them --------------------------------------


@pytest.mark.parametrize(
    ("query", "place_id"),
    [
        ("Troitske,Svatove", "ua/luhanska/troitske~svativskyi"),
        ("Kamianka (Polohy raion)", "ua/zaporizka/kamianka~polohivskyi"),
        ("Kirovsk / Holubivka", "ua/luhanska/holubivka"),
        ("с. Новоселівка, Покровський р-н, Донецька обл.", "ua/donetska/novoselivka~pokrovskyi"),
        ("Rava-Rusâ€™ka", "ua/lvivska/rava-ruska"),
        ("Huliaipole hromada", "ua/zaporizka/huliaipilska-hromada"),
        ("Гуляйпільська територіальна громада", "ua/zaporizka/huliaipilska-hromada"),
        ("м. Хуст та Хустська територіальна громада", "ua/zakarpatska/khustska-hromada"),
    ],
)
def test_issue_queries_find_the_place_meant(
    gazetteer: Gazetteer, query: str, place_id: str
) -> None:
    assert _first(gazetteer, query) == place_id


def test_village_type_word_leaves_the_city_out(gazetteer: Gazetteer) -> None:
    # Krasnohorivka the city is the likeliest bare reading; "(village)" rules it out, and the
    # front line (near=) picks the village that carried the name until 2024.
    bare = _first(gazetteer, "Krasnohorivka")
    assert gazetteer[bare].kind is Kind.CITY
    villages = gazetteer.lookup("Krasnohorivka (village)")
    assert villages and all(gazetteer[c.place_id].kind is Kind.VILLAGE for c in villages)
    near = gazetteer["ua/donetska/ocheretyne~pokrovskyi"].coords
    assert near is not None
    chosen = _first(gazetteer, "Krasnohorivka (village)", near=(near.lat, near.lon))
    assert chosen == "ua/donetska/yasnohorivka"


def test_exact_villages_rank_before_a_city_met_by_its_adjective(gazetteer: Gazetteer) -> None:
    found = gazetteer.lookup("Троїцьке")
    assert len(found) > 10
    top = [gazetteer[c.place_id] for c in found[:10]]
    assert all(place.names[0].text == "Троїцьке" for place in top)
    assert all(c.score == 1.0 for c in found[:10])
    assert "ru/chelyabinskaya/troitsk" not in [c.place_id for c in found[:20]]


# -- the readings of a query (tables/query.yaml samples) --------------------------------------


@pytest.mark.parametrize("sample", read_table("query.yaml")["samples"], ids=lambda s: s["query"])
def test_query_samples(sample: dict[str, object]) -> None:
    readings = parse_query(str(sample["query"]))
    fitting = [r for r in readings if r.name == sample["name"]]
    assert fitting, readings
    reading = fitting[0]
    assert reading.fallback == bool(sample.get("fallback", False))
    assert list(reading.parents) == list(sample.get("parents", []))  # type: ignore[call-overload]
    assert list(reading.alternatives) == list(sample.get("alternatives", []))  # type: ignore[call-overload]
    assert reading.with_unit == sample.get("with_unit")
    if "kinds" in sample:
        assert reading.kinds is not None
        assert {Kind(k) for k in sample["kinds"]} <= reading.kinds  # type: ignore[attr-defined]
    else:
        assert reading.kinds is None


@pytest.mark.parametrize(
    "sample", read_table("query.yaml")["centre_samples"], ids=lambda s: s["name"]
)
def test_centre_type_samples(sample: dict[str, str | None]) -> None:
    kinds = centre_kinds(str(sample["name"]))
    if sample["centre"] is None:
        assert kinds is None
    else:
        assert kinds is not None and Kind(sample["centre"]) in kinds


def test_a_hromada_type_tells_namesake_hromadas_apart(gazetteer: Gazetteer) -> None:
    # Sumy raion has two Mykolaivka hromadas: one centred on a village, one on a selyshche.
    geocoder = Geocoder(gazetteer)
    rural = geocoder.geocode_one(
        "Миколаївська сільська територіальна громада", admin1="Сумська область",
        admin2="Сумський район",
    )  # fmt: skip
    town = geocoder.geocode_one("Миколаївська селищна громада", admin2="Сумський район")
    assert rural.place_id and town.place_id and rural.place_id != town.place_id
    assert gazetteer[gazetteer[rural.place_id].capital or ""].kind is Kind.VILLAGE
    assert gazetteer[gazetteer[town.place_id].capital or ""].kind is Kind.SETTLEMENT


@pytest.mark.parametrize(
    ("query", "place_id"),
    [
        ("Novoselivka, Pokrovsk raion", "ua/donetska/novoselivka~pokrovskyi"),  # comma parent
        ("Novoselivka (Pokrovskyi raion)", "ua/donetska/novoselivka~pokrovskyi"),  # bracket
        ("Новоселовка Покровского района", None),  # running text is the annotator's, not lookup's
        ("смт Краснопілля (Сумська обл.)", "ua/sumska/krasnopillia"),  # type word, abbreviation
        ("Krasnopillia settlement, Sumy oblast", "ua/sumska/krasnopillia"),  # type word after
        ("Makiivka; Svatove", "ua/luhanska/makiivka"),  # semicolon, the raion by its centre
        ("Kirovsk or Holubivka", "ua/luhanska/holubivka"),  # alternatives in words
        ("NovaKakhovka", "ua/khersonska/nova-kakhovka"),  # CamelCase run together
        ("MakiivkaSvatove", "ua/luhanska/makiivka"),  # a parent run into the name
        ("Kyiv (Kiev)", "ua/kyiv"),  # a bracket holding another name, not a unit
        ("Mexico City", "mx/mexico-city"),  # a type word that is part of the name
    ],
)
def test_qualifier_forms(gazetteer: Gazetteer, query: str, place_id: str | None) -> None:
    if place_id is not None and place_id not in gazetteer:
        pytest.skip(f"{place_id} is not in this gazetteer")
    assert _first(gazetteer, query) == place_id


# -- codes, scopes, kinds, dates ---------------------------------------------------------------


def test_lookup_by_official_codes(gazetteer: Gazetteer) -> None:
    pokrovsk = gazetteer["ua/donetska/pokrovsk"]
    assert pokrovsk.refs.katottg and pokrovsk.refs.koatuu
    assert _first(gazetteer, pokrovsk.refs.katottg) == pokrovsk.id
    # A KOATUU code is the town's, though its hromada inherited it: the town comes first.
    found = [c.place_id for c in gazetteer.lookup(pokrovsk.refs.koatuu)]
    assert found[0] == pokrovsk.id and "ua/donetska/pokrovska-hromada" in found
    assert _first(gazetteer, "ua 14 16 021 001 0099403".replace("0099403", "")) in (
        None, pokrovsk.id,
    )  # fmt: skip


def test_lookup_by_pcode(gazetteer: Gazetteer) -> None:
    chain = ["ua/donetska", "ua/donetska/pokrovskyi-raion", "ua/donetska/pokrovska-hromada",
             "ua/donetska/pokrovsk"]  # fmt: skip
    pcodes = [getattr(gazetteer[place].refs, "pcode", None) for place in chain]
    if not all(pcodes):
        pytest.skip("this gazetteer carries no P-codes")
    assert pcodes == ["UA14", "UA1416", "UA1416021", "UA1416021001"]
    for place, pcode in zip(chain, pcodes, strict=True):
        assert _first(gazetteer, pcode) == place
    assert _first(gazetteer, "Новоселівка", within="UA1416") == "ua/donetska/novoselivka~pokrovskyi"


def test_within_takes_ids_names_and_sequences(gazetteer: Gazetteer) -> None:
    expected = "ua/donetska/novoselivka~pokrovskyi"
    for within in ("ua/donetska/pokrovskyi-raion", "Покровський район", "Pokrovsk district",
                   ["Pokrovskyi raion", "Donetsk Oblast"]):  # fmt: skip
        found = gazetteer.lookup("Novoselivka", within=within)
        assert [c.place_id for c in found] == [expected], within
    # Only places under the unit, never the unit itself.
    assert "ua/donetska" not in [
        c.place_id for c in gazetteer.lookup("Donetsk", within="ua/donetska")
    ]
    with pytest.raises(ValueError, match="names no unit"):
        gazetteer.lookup("Novoselivka", within="Atlantis")


def test_kind_limit_and_bad_arguments(gazetteer: Gazetteer) -> None:
    found = gazetteer.lookup("Zaporizhzhia", kind="oblast")
    assert [c.place_id for c in found] == ["ua/zaporizka"]
    both = gazetteer.lookup("Zaporizhzhia", kind=[Kind.OBLAST, Kind.CITY], limit=5)
    assert {gazetteer[c.place_id].kind for c in both} == {Kind.OBLAST, Kind.CITY}
    with pytest.raises(ValueError, match="limit"):
        gazetteer.lookup("Kyiv", limit=0)
    with pytest.raises(ValueError, match="unknown kind"):
        gazetteer.lookup("Kyiv", kind="planet")


def test_as_of_reads_names_as_they_stood(gazetteer: Gazetteer) -> None:
    today = gazetteer.lookup("Артемівськ", limit=1)[0]
    then = gazetteer.lookup("Артемівськ", as_of="2015-01-01", limit=1)[0]
    assert today.place_id == then.place_id == "ua/donetska/bakhmut"
    assert then.score > today.score


def test_mojibake_of_both_cyrillic_kinds_is_repaired(gazetteer: Gazetteer) -> None:
    for garbled in ("РџРѕРєСЂРѕРІСЃСЊРє", "Ïîêðîâñüê", "ÐŸÐ¾ÐºÑ€Ð¾Ð²Ñ\x81ÑŒÐº"):
        assert _first(gazetteer, garbled) == "ua/donetska/pokrovsk", garbled


# -- the table geocoder ------------------------------------------------------------------------


def test_each_match_kind(gazetteer: Gazetteer) -> None:
    geocoder = Geocoder(gazetteer)
    cases = {
        "exact": ("Покровськ", None),
        "alias": ("Красноармійськ", None),
        "translit": ("Pokrovsk", None),
        "inflected": ("Донецькій області", None),  # a case form, as a sheet copied from prose
        "fuzzy": ("Novoselivks", "Pokrovskyi"),
        "ambiguous": ("Novoselivka", None),
        "none": ("Qwertyuiopville", None),
    }
    seen = {}
    for expected, (name, raion) in cases.items():
        result = geocoder.geocode_one(name, admin2=raion)
        seen[expected] = result.match
        if expected == "ambiguous":
            assert result.place_id is None and len(result.alternatives) > 1
        elif expected == "none":
            assert result.place_id is None and result.n_candidates == 0
        else:
            assert result.place_id is not None
    assert seen["exact"] == "exact" and seen["alias"] == "alias"
    assert seen["translit"] == "translit" and seen["fuzzy"] == "fuzzy"
    assert seen["inflected"] == "inflected"
    assert seen["ambiguous"] == "ambiguous" and seen["none"] == "none"
    assert set(seen.values()) <= set(MATCHES)


def test_admin_columns_in_any_form(gazetteer: Gazetteer) -> None:
    geocoder = Geocoder(gazetteer)
    expected = "ua/donetska/novoselivka~pokrovskyi"
    for oblast, raion in (("Донецька область", "Покровський район"), ("Donetska", "Pokrovskyi"),
                          ("Донецкая", "Покровский"), ("Donetsk Oblast", "Pokrovsk Raion"),
                          ("ua/donetska", "ua/donetska/pokrovskyi-raion"),
                          ("UA14", "UA1416")):  # fmt: skip
        result = geocoder.geocode_one("Novoselivka", admin1=oblast, admin2=raion)
        assert result.place_id == expected, (oblast, raion)
    # An oblast column naming an oblast with no such place says so, and guesses nothing.
    result = geocoder.geocode_one("Novoselivka", admin1="Закарпатська")
    assert result.match == "none" and "Закарпатська" in "; ".join(result.evidence)


def test_every_row_comes_out_in_order(gazetteer: Gazetteer) -> None:
    rows = [{"id": n, "name": name} for n, name in enumerate(
        ["Pokrovsk", "", None, "Novoselivka", "Qwertyuiopville", math.nan, "Svatove", 42]
    )]  # fmt: skip
    out = list(geocode(rows, name="name", gazetteer=gazetteer))
    assert [row["id"] for row in out] == list(range(len(rows)))
    assert all(set(RESULT_COLUMNS) <= set(row) for row in out)
    assert [row["match"] for row in out][:3] == ["translit", "none", "none"]


def test_table_context_decides_a_namesake_and_says_so(gazetteer: Gazetteer) -> None:
    rows = [{"name": n} for n in ("Ocheretyne", "Avdiivka", "Pokrovsk", "Troitske")]
    alone = list(geocode(rows, name="name", gazetteer=gazetteer, context=False))
    together = list(geocode(rows, name="name", gazetteer=gazetteer))
    assert alone[0]["match"] == "ambiguous"
    assert together[0]["place_id"] == "ua/donetska/ocheretyne~pokrovskyi"
    assert "table_context" in together[0]["evidence"]


# -- the command line --------------------------------------------------------------------------


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_cli_geocode_csv(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    table = tmp_path / "schools.csv"
    table.write_text(
        "school,settlement,oblast,raion\n"
        "1,Новоселівка,Донецька,Покровський\n2,Troitske,,Svatove\n3,Novoselivka,,\n4,,,\n",
        encoding="utf-8",
    )
    status, out, _ = _cli(capsys, "geocode", str(table), "--name", "settlement",
                          "--admin1", "oblast", "--admin2", "raion")  # fmt: skip
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["school"] for r in rows] == ["1", "2", "3", "4"]
    assert rows[0]["place_id"] == "ua/donetska/novoselivka~pokrovskyi"
    assert rows[1]["place_id"] == "ua/luhanska/troitske~svativskyi"
    assert rows[2]["match"] == "ambiguous" and rows[2]["place_id"] == ""
    assert len(rows[2]["alternatives"].split("|")) > 1
    assert rows[3]["match"] == "none"
    assert list(rows[0])[-len(RESULT_COLUMNS) :] == list(RESULT_COLUMNS)


def test_cli_geocode_tsv_to_jsonl_and_errors(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    table = tmp_path / "log.tsv"
    table.write_text("name\toblast\nKamianka (Polohy raion)\t\n", encoding="utf-8")
    status, out, _ = _cli(capsys, "geocode", str(table), "--name", "name", "--format", "jsonl")
    assert status == 0
    record = json.loads(out)
    assert record["place_id"] == "ua/zaporizka/kamianka~polohivskyi"
    assert record["name"] == "Kamianka (Polohy raion)"
    status, _, err = _cli(capsys, "geocode", str(table), "--name", "village")
    assert status == 2 and "'village' not in the header" in err
    cp1251 = tmp_path / "excel.csv"
    cp1251.write_bytes("name\nПокровськ\n".encode("cp1251"))
    status, _, err = _cli(capsys, "geocode", str(cp1251), "--name", "name")
    assert status == 2 and "--encoding" in err
    status, out, _ = _cli(capsys, "geocode", str(cp1251), "--name", "name", "--encoding", "cp1251")
    assert status == 0 and "ua/donetska/pokrovsk" in out


def test_worked_example_in_the_docs_is_true(capsys: pytest.CaptureFixture[str]) -> None:
    example = PROJECT_ROOT / "examples" / "damaged_schools.csv"
    expected = PROJECT_ROOT / "examples" / "damaged_schools.geocoded.csv"
    status, out, _ = _cli(capsys, "geocode", str(example), "--name", "settlement",
                          "--admin1", "oblast", "--admin2", "raion")  # fmt: skip
    assert status == 0
    assert out == expected.read_bytes().decode("utf-8")  # CRLF line ends, as written


# -- pandas --------------------------------------------------------------------------------------


def test_pandas_geocode_and_annotate(gazetteer: Gazetteer) -> None:
    pd = pytest.importorskip("pandas", reason="pandas is the [pandas] extra")
    from toponyms import pandas as tpd

    frame = pd.DataFrame(
        {"village": ["Troitske", "Troitske", "Qwertyuiopville", None], "raion": ["Svatove"] * 4},
        index=[10, 11, 12, 13],
    )
    out = tpd.geocode(frame, name="village", admin2="raion", gazetteer=gazetteer)
    assert list(out.index) == [10, 11, 12, 13]
    assert out.loc[10, "place_id"] == out.loc[11, "place_id"] == "ua/luhanska/troitske~svativskyi"
    assert out.loc[12, "match"] == "none" and out.loc[12, "place_id"] is pd.NA
    assert pd.isna(out.loc[13, "lat"]) and out.loc[10, "lat"] > 49
    texts = pd.Series(["Бої за Покровськ.", None, "Kharkiv and Sumy"], index=["a", "b", "c"])
    mentions = tpd.annotate(texts)
    assert set(mentions["doc"]) == {"a", "c"}
    assert "ua/donetska/pokrovsk" in set(mentions["place_id"])


def test_table_context_decides_nothing_in_a_table_spread_over_the_country(
    gazetteer: Gazetteer,
) -> None:
    import random

    towns = sorted(p.id for p in gazetteer if p.kind is Kind.CITY and p.id.startswith("ua/"))
    rows = [{"name": gazetteer[p].names[0].text} for p in random.Random(5).sample(towns, 300)]
    rows += [{"name": name} for name in ("Novoselivka", "Troitske", "Ocheretyne", "Kamianka")]
    out = list(geocode(rows, name="name", gazetteer=gazetteer))
    assert not any("table_context" in (row["evidence"] or "") for row in out)
