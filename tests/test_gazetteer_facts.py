"""Facts the bundled gazetteer must hold, as built by scripts/build_gazetteer.py.

The expectations come from the sources (KATOTTG 2026-07-07, KOATUU, the official list of
combat and occupied territories, GeoNames) and from the hand-kept curation; they need only the
bundled file, not ../shared.
"""

from __future__ import annotations

from collections import Counter

import pytest

import toponyms
from conftest import BUNDLED, requires_full_gazetteer
from toponyms import Gazetteer, Place

pytestmark = requires_full_gazetteer

# Every id of the first published edition (the 2026.11.24 seed): published ids never go away.
PUBLISHED_IDS = (
    "ua",
    "ru",
    "pl",
    "by",
    "md",
    "ro",
    "hu",
    "sk",
    "ge",
    "us",
    "gb",
    "de",
    "fr",
    "tr",
    "cn",
    "ua/krym",
    "ua/vinnytska",
    "ua/volynska",
    "ua/dnipropetrovska",
    "ua/donetska",
    "ua/zhytomyrska",
    "ua/zakarpatska",
    "ua/zaporizka",
    "ua/ivano-frankivska",
    "ua/kyivska",
    "ua/kirovohradska",
    "ua/luhanska",
    "ua/lvivska",
    "ua/mykolaivska",
    "ua/odeska",
    "ua/poltavska",
    "ua/rivnenska",
    "ua/sumska",
    "ua/ternopilska",
    "ua/kharkivska",
    "ua/khersonska",
    "ua/khmelnytska",
    "ua/cherkaska",
    "ua/chernivetska",
    "ua/chernihivska",
    "ua/kyiv",
    "ua/sevastopol",
    "ua/krym/simferopol",
    "ua/vinnytska/vinnytsia",
    "ua/volynska/lutsk",
    "ua/dnipropetrovska/dnipro",
    "ua/donetska/donetsk",
    "ua/donetska/amvrosiivka",
    "ua/donetska/avdiivka",
    "ua/donetska/bakhmut",
    "ua/donetska/bilozerske",
    "ua/donetska/bilytske",
    "ua/donetska/bunhe",
    "ua/donetska/chasiv-yar",
    "ua/donetska/chystiakove",
    "ua/donetska/debaltseve",
    "ua/donetska/dobropillia",
    "ua/donetska/dokuchaievsk",
    "ua/donetska/druzhkivka",
    "ua/donetska/hirnyk",
    "ua/donetska/horlivka",
    "ua/donetska/ilovaisk",
    "ua/donetska/kalmiuske",
    "ua/donetska/khartsyzk",
    "ua/donetska/khrestivka",
    "ua/donetska/kostiantynivka",
    "ua/donetska/kramatorsk",
    "ua/donetska/krasnohorivka",
    "ua/donetska/kurakhove",
    "ua/donetska/lyman",
    "ua/donetska/makiivka",
    "ua/donetska/marinka",
    "ua/donetska/mariupol",
    "ua/donetska/mospyne",
    "ua/donetska/mykolaivka",
    "ua/donetska/myrnohrad",
    "ua/donetska/novoazovsk",
    "ua/donetska/novohrodivka",
    "ua/donetska/pokrovsk",
    "ua/donetska/rodynske",
    "ua/donetska/selydove",
    "ua/donetska/shakhtarsk",
    "ua/donetska/siversk",
    "ua/donetska/sloviansk",
    "ua/donetska/snizhne",
    "ua/donetska/soledar",
    "ua/donetska/sviatohirsk",
    "ua/donetska/svitlodarsk",
    "ua/donetska/toretsk",
    "ua/donetska/ukrainsk",
    "ua/donetska/volnovakha",
    "ua/donetska/vuhledar",
    "ua/donetska/vuhlehirsk",
    "ua/donetska/yasynuvata",
    "ua/donetska/yenakiieve",
    "ua/donetska/zalizne",
    "ua/donetska/zhdanivka",
    "ua/donetska/zuhres",
    "ua/zhytomyrska/zhytomyr",
    "ua/zakarpatska/uzhhorod",
    "ua/zaporizka/zaporizhzhia",
    "ua/zaporizka/berdiansk",
    "ua/zaporizka/dniprorudne",
    "ua/zaporizka/enerhodar",
    "ua/zaporizka/huliaipole",
    "ua/zaporizka/kamianka-dniprovska",
    "ua/zaporizka/melitopol",
    "ua/zaporizka/molochansk",
    "ua/zaporizka/orikhiv",
    "ua/zaporizka/polohy",
    "ua/zaporizka/prymorsk",
    "ua/zaporizka/tokmak",
    "ua/zaporizka/vasylivka",
    "ua/zaporizka/vilniansk",
    "ua/ivano-frankivska/ivano-frankivsk",
    "ua/kirovohradska/kropyvnytskyi",
    "ua/luhanska/luhansk",
    "ua/luhanska/alchevsk",
    "ua/luhanska/almazna",
    "ua/luhanska/antratsyt",
    "ua/luhanska/bokovo-khrustalne",
    "ua/luhanska/brianka",
    "ua/luhanska/dovzhansk",
    "ua/luhanska/hirske",
    "ua/luhanska/holubivka",
    "ua/luhanska/irmino",
    "ua/luhanska/kadiivka",
    "ua/luhanska/khrustalnyi",
    "ua/luhanska/kreminna",
    "ua/luhanska/kypuche",
    "ua/luhanska/lutuhyne",
    "ua/luhanska/lysychansk",
    "ua/luhanska/miusynsk",
    "ua/luhanska/novodruzhesk",
    "ua/luhanska/oleksandrivsk",
    "ua/luhanska/otamanivka",
    "ua/luhanska/perevalsk",
    "ua/luhanska/petrovo-krasnosillia",
    "ua/luhanska/popasna",
    "ua/luhanska/pryvillia",
    "ua/luhanska/rovenky",
    "ua/luhanska/rubizhne",
    "ua/luhanska/shchastia",
    "ua/luhanska/siverskodonetsk",
    "ua/luhanska/sokolohirsk",
    "ua/luhanska/sorokyne",
    "ua/luhanska/starobilsk",
    "ua/luhanska/sukhodilsk",
    "ua/luhanska/svatove",
    "ua/luhanska/voznesenivka",
    "ua/luhanska/zolote",
    "ua/luhanska/zorynsk",
    "ua/luhanska/zymohiria",
    "ua/lvivska/lviv",
    "ua/mykolaivska/mykolaiv",
    "ua/odeska/odesa",
    "ua/poltavska/poltava",
    "ua/rivnenska/rivne",
    "ua/sumska/sumy",
    "ua/ternopilska/ternopil",
    "ua/kharkivska/kharkiv",
    "ua/kharkivska/balakliia",
    "ua/kharkivska/barvinkove",
    "ua/kharkivska/berestyn",
    "ua/kharkivska/bohodukhiv",
    "ua/kharkivska/chuhuiv",
    "ua/kharkivska/derhachi",
    "ua/kharkivska/izium",
    "ua/kharkivska/kupiansk",
    "ua/kharkivska/liubotyn",
    "ua/kharkivska/lozova",
    "ua/kharkivska/merefa",
    "ua/kharkivska/pivdenne",
    "ua/kharkivska/slobozhanske",
    "ua/kharkivska/valky",
    "ua/kharkivska/vovchansk",
    "ua/kharkivska/zlatopil",
    "ua/kharkivska/zmiiv",
    "ua/khersonska/kherson",
    "ua/khersonska/beryslav",
    "ua/khersonska/henichesk",
    "ua/khersonska/hola-prystan",
    "ua/khersonska/kakhovka",
    "ua/khersonska/nova-kakhovka",
    "ua/khersonska/oleshky",
    "ua/khersonska/skadovsk",
    "ua/khersonska/tavriisk",
    "ua/khmelnytska/khmelnytskyi",
    "ua/cherkaska/cherkasy",
    "ua/chernivetska/chernivtsi",
    "ua/chernihivska/chernihiv",
    "ru/belgorodskaya",
    "ru/kurskaya",
    "ru/bryanskaya",
    "ru/rostovskaya",
    "ru/voronezhskaya",
    "ru/belgorodskaya/belgorod",
    "ru/belgorodskaya/shebekino",
    "ru/belgorodskaya/valuyki",
    "ru/kurskaya/kursk",
    "ru/kurskaya/sudzha",
    "ru/bryanskaya/bryansk",
    "ru/rostovskaya/rostov-na-donu",
    "ru/rostovskaya/taganrog",
    "ru/voronezhskaya/voronezh",
    "ru/moskva",
    "ru/sankt-peterburg",
    "ua/donbas",
    "ua/slobozhanshchyna",
    "ua/pryazovia",
    "ua/tavriia",
)
NOVOSELIVKA_NAMESAKES = (
    78  # places named Новоселівка in KATOTTG 2026-07-07 (74 villages, 4 selyshches)
)
DEGREES_NEAR = 0.05  # how far a point may lie from the expected one (about 5 km)
# The OCHA COD-AB P-code is the KATOTTG code cut to the unit's level (docs/gazetteer.md, P-codes).
PCODE_LEVELS = (4, 6, 9, 12)  # first-level unit, raion, hromada, settlement
PCODE_LENGTH_OF_KIND = {
    "oblast": 4,
    "region": 4,  # Crimea
    "raion": 6,
    "hromada": 9,
    "city": 12,
    "settlement": 12,
    "village": 12,
    "city_district": None,  # COD-AB has no level below the settlement
}
FIRST_LEVEL_CITIES = ("ua/kyiv", "ua/sevastopol")  # cities and first-level units at once
IN_NO_RAION = ("ua/kyivska/chornobyl", "ua/kyivska/prypiat")  # right under their oblast


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return toponyms.load()


def _names(place: Place, lang: str, status: str = "official") -> set[str]:
    return {n.text for n in place.names if n.lang == lang and n.status == status}


def _former(place: Place, text: str, lang: str = "uk") -> toponyms.Name:
    found = [n for n in place.names if n.text == text and n.lang == lang and n.status == "former"]
    assert found, f"{place.id} has no former {lang} name {text}"
    return found[0]


@pytest.mark.parametrize("place_id", PUBLISHED_IDS)
def test_published_id_is_kept(gazetteer: Gazetteer, place_id: str) -> None:
    assert place_id in gazetteer


def test_pokrovsk_is_in_pokrovskyi_raion_of_donetsk_oblast(gazetteer: Gazetteer) -> None:
    pokrovsk = gazetteer["ua/donetska/pokrovsk"]
    chain = [place.id for place in gazetteer.ancestors(pokrovsk.id)]
    assert gazetteer[chain[0]].kind == "hromada"
    assert chain[1:] == ["ua/donetska/pokrovskyi-raion", "ua/donetska", "ua"]
    assert _names(gazetteer["ua/donetska/pokrovskyi-raion"], "uk") == {"Покровський район"}


def test_pokrovsk_was_krasnoarmiisk_until_2016(gazetteer: Gazetteer) -> None:
    assert _former(gazetteer["ua/donetska/pokrovsk"], "Красноармійськ").until == "2016"


def test_pokrovsk_has_the_russian_name_pokrovsk(gazetteer: Gazetteer) -> None:
    assert "Покровск" in _names(gazetteer["ua/donetska/pokrovsk"], "ru")


def test_pokrovsk_lies_near_48_28_n_37_18_e(gazetteer: Gazetteer) -> None:
    coords = gazetteer["ua/donetska/pokrovsk"].coords
    assert coords is not None and coords.precision == "point"
    assert abs(coords.lat - 48.28) < DEGREES_NEAR and abs(coords.lon - 37.18) < DEGREES_NEAR


def test_berestyn_was_krasnohrad_until_the_edition_of_its_rename(gazetteer: Gazetteer) -> None:
    former = _former(gazetteer["ua/kharkivska/berestyn"], "Красноград")
    assert former.until in ("2024", "2025")
    assert former.note is not None and "KATOTTG edition" in former.note


def test_dnipro_was_dnipropetrovsk_until_2016(gazetteer: Gazetteer) -> None:
    assert _former(gazetteer["ua/dnipropetrovska/dnipro"], "Дніпропетровськ").until == "2016"


def test_siverskodonetsk_keeps_its_russian_name_under_the_occupation(gazetteer: Gazetteer) -> None:
    # Renamed in 2025 while occupied (since 2022): the occupation authorities keep the old name.
    names = [n for n in gazetteer["ua/luhanska/siverskodonetsk"].names if n.text == "Северодонецк"]
    assert [(n.lang, n.status, n.since) for n in names] == [("ru", "occupation", "2025")]


def _novoselivkas(gazetteer: Gazetteer) -> list[Place]:
    return [
        place
        for place in gazetteer
        if place.kind in ("village", "settlement") and "Новоселівка" in _names(place, "uk")
    ]


def test_katottg_has_78_places_named_novoselivka(gazetteer: Gazetteer) -> None:
    assert len(_novoselivkas(gazetteer)) == NOVOSELIVKA_NAMESAKES


def test_lookup_finds_every_novoselivka(gazetteer: Gazetteer) -> None:
    found = {candidate.place_id for candidate in gazetteer.lookup("Новоселівка")}
    assert {place.id for place in _novoselivkas(gazetteer)} <= found


def test_every_novoselivka_reaches_its_raion_and_oblast(gazetteer: Gazetteer) -> None:
    for place in _novoselivkas(gazetteer):
        kinds = [ancestor.kind for ancestor in gazetteer.ancestors(place.id)]
        assert kinds[:2] == ["hromada", "raion"], place.id
        assert kinds[2] in ("oblast", "region"), place.id


def test_a_novoselivka_namesake_is_qualified_by_its_raion(gazetteer: Gazetteer) -> None:
    place = gazetteer["ua/donetska/novoselivka~pokrovskyi"]
    assert [a.id for a in gazetteer.ancestors(place.id)][1] == "ua/donetska/pokrovskyi-raion"


@pytest.mark.parametrize(
    ("kind", "count"),
    [("raion", 136), ("hromada", 1772), ("city_district", 108)],
)
def test_every_katottg_unit_of_a_kind_is_there(gazetteer: Gazetteer, kind: str, count: int) -> None:
    # KATOTTG 2026-07-07: 136 raions (P), 1,772 hromadas (H), 108 city districts (B).
    assert sum(1 for place in gazetteer if place.kind == kind and place.country == "UA") == count


def test_every_katottg_settlement_is_there(gazetteer: Gazetteer) -> None:
    # KATOTTG 2026-07-07: 461 cities (M), 1,979 selyshches (X), 27,261 villages (C).
    settlements = [
        place
        for place in gazetteer
        if place.refs.katottg is not None
        and place.kind in ("city", "settlement", "village")
        and place.status != "abolished"
    ]
    assert len(settlements) == 461 + 1979 + 27261 + 2  # and the cities Kyiv and Sevastopol


@pytest.mark.parametrize(
    "place_id",
    ["ua/krym", "ua/kyiv", "ua/sevastopol"]
    + [
        pid
        for pid in PUBLISHED_IDS
        if pid.count("/") == 1
        and pid.startswith("ua/")
        and pid not in ("ua/donbas", "ua/slobozhanshchyna", "ua/pryazovia", "ua/tavriia")
    ],
)
def test_first_level_unit_sits_under_ukraine(gazetteer: Gazetteer, place_id: str) -> None:
    place = gazetteer[place_id]
    assert place.parent == "ua" and place.refs.katottg is not None


@pytest.mark.parametrize(
    ("place_id", "status", "since", "until"),
    [
        ("ua/donetska/bakhmut", "occupied", "2023-12-13", None),
        ("ua/kharkivska/vovchansk", "occupied", "2022-02-24", "2022-09-12"),
    ],
)
def test_conflict_period_from_the_official_list(
    gazetteer: Gazetteer, place_id: str, status: str, since: str, until: str | None
) -> None:
    periods = {(p.status, p.since, p.until) for p in gazetteer[place_id].conflict}
    assert (status, since, until) in periods


def test_kyiv_districts_belong_to_kyiv(gazetteer: Gazetteer) -> None:
    district = gazetteer["ua/kyiv/holosiivskyi-raion"]
    assert district.kind == "city_district" and district.parent == "ua/kyiv"


def test_a_village_without_a_point_of_its_own_takes_its_hromadas(gazetteer: Gazetteer) -> None:
    for place in gazetteer:
        if place.kind == "village" and place.coords and place.coords.precision == "parent":
            parent = gazetteer[place.parent or ""]
            assert parent.coords is not None
            assert (place.coords.lat, place.coords.lon) == (parent.coords.lat, parent.coords.lon)
            break
    else:
        pytest.fail("no village with a parent point")


def test_no_point_of_the_core_comes_from_openstreetmap() -> None:
    # The core is CC BY 4.0: OpenStreetMap points (ODbL) come only through the osm_points layer.
    core = BUNDLED.read_text(encoding="utf-8")
    assert "coords_source: osm" not in core
    assert "osm: " not in core


def test_bakhmut_has_the_2023_occupation_name(gazetteer: Gazetteer) -> None:
    names = [n for n in gazetteer["ua/donetska/bakhmut"].names if n.text == "Артёмовск"]
    assert [(n.lang, n.status, n.since) for n in names] == [("ru", "occupation", "2023")]


@pytest.mark.parametrize(
    ("name", "place_id", "country"),
    [
        ("Вашингтон", "us/washington", "us"),
        ("Лондон", "gb/london", "gb"),
        ("Paris", "fr/paris", "fr"),
    ],
)
def test_a_world_capital_outranks_its_namesakes(
    gazetteer: Gazetteer, name: str, place_id: str, country: str
) -> None:
    assert gazetteer.lookup(name)[0].place_id == place_id
    assert gazetteer[place_id].parent == country and gazetteer[country].capital == place_id


@pytest.mark.parametrize(
    ("place_id", "kind", "capital"),
    [
        ("ru/belgorodskaya", "oblast", "ru/belgorodskaya/belgorod"),
        ("ru/kurskaya", "oblast", "ru/kurskaya/kursk"),
        ("ru/rostovskaya", "oblast", "ru/rostovskaya/rostov-na-donu"),
        ("ru/tatarstan", "region", "ru/tatarstan/kazan"),
        ("ru/krasnodarskiy", "region", "ru/krasnodarskiy/krasnodar"),
    ],
)
def test_russian_federal_subject(
    gazetteer: Gazetteer, place_id: str, kind: str, capital: str
) -> None:
    subject = gazetteer[place_id]
    assert (subject.kind, subject.parent, subject.capital) == (kind, "ru", capital)


@pytest.mark.parametrize(
    ("place_id", "russian"),
    [
        ("ru/kurskaya/sudzha", "Суджа"),
        ("ru/belgorodskaya/shebekino", "Шебекино"),
        ("ru/bryanskaya/klimovo", "Климово"),
        ("ru/rostovskaya/taganrog", "Таганрог"),
    ],
)
def test_russian_border_place(gazetteer: Gazetteer, place_id: str, russian: str) -> None:
    place = gazetteer[place_id]
    assert russian in _names(place, "ru")
    # Under its district (the ru_settlements layer), or its subject for a city okrug.
    chain = [ancestor.id for ancestor in gazetteer.ancestors(place_id)]
    assert place_id.rsplit("/", 1)[0] in chain[:2]


@pytest.mark.parametrize(
    ("place_id", "ukrainian", "russian"),
    [
        ("ua/dnipro-river", "Дніпро", "Днепр"),
        ("ua/siverskyi-donets-river", "Сіверський Донець", "Северский Донец"),
        ("ua/oskil-river", "Оскіл", "Оскол"),
        ("ua/pivdennyi-buh-river", "Південний Буг", "Южный Буг"),
    ],
)
def test_river(gazetteer: Gazetteer, place_id: str, ukrainian: str, russian: str) -> None:
    river = gazetteer[place_id]
    assert river.kind == "river"
    assert ukrainian in _names(river, "uk") and russian in _names(river, "ru")


@pytest.mark.parametrize("place_id", ["ua/donbas", "ua/slobozhanshchyna", "ua/podillia"])
def test_named_area(gazetteer: Gazetteer, place_id: str) -> None:
    assert gazetteer[place_id].kind == "area"


def _katottg_places(gazetteer: Gazetteer) -> list[Place]:
    return [place for place in gazetteer if place.refs.katottg is not None]


def _length(code: str | None) -> int | None:
    return None if code is None else len(code)


def test_pokrovsk_p_codes_cut_its_katottg_code_at_each_level(gazetteer: Gazetteer) -> None:
    chain = [gazetteer["ua/donetska/pokrovsk"], *gazetteer.ancestors("ua/donetska/pokrovsk")]
    assert [place.refs.pcode for place in chain] == [
        "UA1416021001",
        "UA1416021",
        "UA1416",
        "UA14",
        None,
    ]


def test_every_kind_with_a_katottg_code_has_a_p_code_length(gazetteer: Gazetteer) -> None:
    assert {place.kind for place in _katottg_places(gazetteer)} == set(PCODE_LENGTH_OF_KIND)


@pytest.mark.parametrize(("kind", "length"), PCODE_LENGTH_OF_KIND.items())
def test_a_p_code_has_the_length_of_its_kind(
    gazetteer: Gazetteer, kind: str, length: int | None
) -> None:
    places = [
        place
        for place in _katottg_places(gazetteer)
        if place.kind == kind and place.id not in FIRST_LEVEL_CITIES
    ]
    assert places
    assert [place.id for place in places if _length(place.refs.pcode) != length] == []


def test_a_p_code_is_the_start_of_its_katottg_code(gazetteer: Gazetteer) -> None:
    wrong = [
        place.id
        for place in _katottg_places(gazetteer)
        if place.refs.pcode and not (place.refs.katottg or "").startswith(place.refs.pcode)
    ]
    assert wrong == []


def test_a_p_code_extends_its_parents_by_one_level(gazetteer: Gazetteer) -> None:
    wrong = []
    for place in _katottg_places(gazetteer):
        if place.refs.pcode is None or place.parent == "ua" or place.id in IN_NO_RAION:
            continue
        above = gazetteer[place.parent or ""].refs.pcode or ""
        level = PCODE_LEVELS.index(len(place.refs.pcode))
        if not place.refs.pcode.startswith(above) or len(above) != PCODE_LEVELS[level - 1]:
            wrong.append(place.id)
    assert wrong == []


def test_no_two_places_share_a_p_code(gazetteer: Gazetteer) -> None:
    codes = Counter(place.refs.pcode for place in gazetteer if place.refs.pcode)
    assert [code for code, holders in codes.items() if holders > 1] == []


@pytest.mark.parametrize(
    ("place_id", "pcode", "parent_pcode"),
    [
        ("ua/kyiv", "UA80", None),
        ("ua/sevastopol", "UA85", None),
        ("ua/kyiv/holosiivskyi-raion", None, "UA80"),
        ("ua/sevastopol/balaklavskyi-raion", None, "UA85"),
        ("ua/kyivska/prypiat", "UA3200000001", "UA32"),
        ("ua/kyivska/chornobyl", "UA3200000002", "UA32"),
        ("ua/sumska/luchky", "UA5906011075", "UA5906011"),  # abolished, its last code
    ],
)
def test_p_code_outside_the_plain_chain(
    gazetteer: Gazetteer, place_id: str, pcode: str | None, parent_pcode: str | None
) -> None:
    place = gazetteer[place_id]
    assert place.refs.pcode == pcode
    assert gazetteer[place.parent or ""].refs.pcode == parent_pcode
