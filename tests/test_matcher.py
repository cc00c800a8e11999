"""The matcher on the bundled gazetteer: real names in real sentence shapes, valid offsets."""

from __future__ import annotations

import gc
import warnings

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import toponyms
from conftest import TEST_DATA
from toponyms import Matcher, Method

# Sentences written for these tests, in the shapes that news text takes.
SENTENCES = [
    ("Бої за Покровськ тривають третій місяць.", "Покровськ", "ua/donetska/pokrovsk"),
    ("Минобороны сообщило о взятии Красноармейска.", None, None),
    (
        "Российские источники пишут «Красноармейск», а не Покровск.",
        "Красноармейск",
        "ua/donetska/pokrovsk",
    ),
    ("Shelling of Kharkiv continued overnight.", "Kharkiv", "ua/kharkivska/kharkiv"),
    ("Бои в Донбассе", None, None),
    ("Ситуация на Донбассе и «Донбасс» как бренд.", "Донбасс", "ua/donbas"),
    ("Обстріл Запоріжжя вночі.", "Запоріжжя", "ua/zaporizka/zaporizhzhia"),
    ("Артемовск и Бахмут — один город.", "Артемовск", "ua/donetska/bakhmut"),
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(toponyms.load())


@pytest.mark.parametrize(("text", "surface", "place_id"), SENTENCES, ids=lambda v: str(v)[:30])
def test_sentence(matcher: Matcher, text: str, surface: str | None, place_id: str | None) -> None:
    mentions = matcher.annotate(text)
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.surface
    if surface is None:  # the inflected forms are the inflection issue's work
        return
    found = {(m.surface, m.place_id) for m in mentions}
    assert (surface, place_id) in found


def test_the_acceptance_paragraph(matcher: Matcher) -> None:
    text = (
        "Бої за Покровськ не вщухають. Російські джерела досі пишуть Красноармейск. "
        "Kharkiv was shelled again, and Moscow calls the whole region «Донбасс»."
    )
    mentions = matcher.annotate(text)
    assert [(m.surface, m.place_id) for m in mentions] == [
        ("Покровськ", "ua/donetska/pokrovsk"),
        ("Красноармейск", "ua/donetska/pokrovsk"),
        ("Kharkiv", "ua/kharkivska/kharkiv"),
        ("Moscow", "ru/moskva"),
        ("Донбасс", "ua/donbas"),
    ]
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.surface


def test_mention_reports_method_and_status_of_the_name(matcher: Matcher) -> None:
    (exact,) = matcher.annotate("Красноармейск")
    assert exact.method is Method.EXACT
    assert exact.name_status == "former"
    assert exact.name_lang == "ru"
    assert exact.name == "Pokrovsk"
    assert exact.lat is not None and abs(exact.lat - 48.28) < 0.05
    (folded,) = matcher.annotate("КРАСНОАРМЕЙСК")
    assert folded.method is Method.NORMALIZED
    assert folded.score < exact.score


def test_homoglyphs_and_stress_marks_still_match(matcher: Matcher) -> None:
    text = "Пoкpoвськ і Покро́вськ"  # Latin o and p in the first, a stress accent in the second
    mentions = matcher.annotate(text)
    assert [m.place_id for m in mentions] == ["ua/donetska/pokrovsk"] * 2
    assert [m.surface for m in mentions] == ["Пoкpoвськ", "Покро́вськ"]


def test_lowercase_common_word_is_not_a_place(matcher: Matcher) -> None:
    assert matcher.annotate("морський лиман і поле") == []


@pytest.mark.parametrize("lang", ["ru", "uk"])
def test_running_text_without_places_yields_nothing(matcher: Matcher, lang: str) -> None:
    """A page of ordinary text whose words are also village names (Счастье, Мирне, Поле …)."""
    text = (TEST_DATA / "running_text" / f"{lang}.txt").read_text(encoding="utf-8")
    assert [(m.surface, m.place_id) for m in matcher.annotate(text)] == []


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("Счастье не приходит само.", []),
        ("ЩАСТЯ ОБСТРІЛЯЛИ", []),
        ("Бои идут в Счастье.", ["Счастье"]),
        ("Обстріляли місто Щастя.", ["Щастя"]),
        ("— Щастя, — сказав він.", []),
    ],
)
def test_common_word_needs_a_cue_where_its_capital_proves_nothing(
    matcher: Matcher, text: str, surfaces: list[str]
) -> None:
    assert [m.surface for m in matcher.annotate(text)] == surfaces


def test_multiword_names_match_longest(matcher: Matcher) -> None:
    text = "Фронт біля Часів Яр і Нова Каховка."
    found = [(m.surface, m.place_id) for m in matcher.annotate(text)]
    assert ("Часів Яр", "ua/donetska/chasiv-yar") in found
    assert ("Нова Каховка", "ua/khersonska/nova-kakhovka") in found


def test_pipe_keeps_every_document_in_order(matcher: Matcher) -> None:
    texts = ["Покровськ", 42, "", "Kharkiv"]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        results = list(matcher.pipe(texts))  # type: ignore[arg-type]
    assert [[m.place_id for m in r] for r in results] == [
        ["ua/donetska/pokrovsk"],
        [],
        [],
        ["ua/kharkivska/kharkiv"],
    ]
    assert any("text 1" in str(w.message) for w in caught)


def test_annotate_uses_the_bundled_gazetteer() -> None:
    assert [m.place_id for m in toponyms.annotate("Покровськ")] == ["ua/donetska/pokrovsk"]


@pytest.mark.parametrize(
    "junk",
    [
        "",
        " ",
        "\n\t",
        "😀" * 50,
        "İ" * 20,
        "а\u0301\u0301\u0301",
        "Ǆ" * 10,
        "x" * 100_000,
        "Пo\u200bкровськ",
        "\ufeffПокровськ",
    ],
    ids=[
        "empty",
        "space",
        "whitespace",
        "emoji",
        "dotted-I",
        "marks",
        "digraph",
        "long",
        "zero-width",
        "bom",
    ],
)
def test_junk_never_raises_and_offsets_hold(matcher: Matcher, junk: str) -> None:
    for mention in matcher.annotate(junk):
        assert junk[mention.start : mention.end] == mention.surface


def test_matcher_validates_its_options() -> None:
    gazetteer = toponyms.load()
    with pytest.raises(ValueError, match="min_score"):
        Matcher(gazetteer, min_score=2)
    with pytest.raises(TypeError, match="Gazetteer"):
        Matcher("gazetteer.yaml")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown method 'soundex'; known: exact"):
        Matcher(gazetteer, methods={"exact", "soundex"})
    with pytest.raises(TypeError, match="collection of Method"):
        Matcher(gazetteer, methods="exact")
    with pytest.raises(ValueError, match="ISO date"):
        Matcher(gazetteer, as_of="May 2014")
    with pytest.raises(ValueError, match="n_process"):
        list(Matcher(gazetteer).pipe(["Київ"], n_process=0))
    with pytest.raises(ValueError, match="batch_size"):
        list(Matcher(gazetteer).pipe(["Київ"], batch_size=0))


@pytest.mark.parametrize(
    ("text", "default", "exact_only"),
    [
        ("Бої за Покровськ.", ["ua/donetska/pokrovsk"], ["ua/donetska/pokrovsk"]),
        ("Бої під Покровськом.", ["ua/donetska/pokrovsk"], []),  # a case form
        ("Shelling of Donbas.", ["ua/donbas"], ["ua/donbas"]),  # an English name as written
        # The national romanization is generated, a transliteration, as is the German one.
        ("Shelling of Kharkiv.", ["ua/kharkivska/kharkiv"], []),
        ("Shelling of Charkiw.", ["ua/kharkivska/kharkiv"], []),
        ("Бои в ХАРЬКОВЕ.", ["ua/kharkivska/kharkiv"], []),
    ],
)
def test_methods_choose_how_mentions_may_match(
    matcher: Matcher, text: str, default: list[str], exact_only: list[str]
) -> None:
    strict = Matcher(matcher.gazetteer, methods={Method.EXACT, Method.NORMALIZED})
    assert [m.place_id for m in matcher.annotate(text)] == default
    assert [m.place_id for m in strict.annotate(text)] == exact_only


@pytest.mark.parametrize(
    ("as_of", "name_as_of"),
    # "until: 2016" is read as through 2016: the sources give the year of a rename, not its day.
    [("2014-05-01", "Dnipropetrovsk"), ("2016-12-31", "Dnipropetrovsk"), ("2017-01-01", "Dnipro")],
)
def test_as_of_reports_the_name_of_the_day_not_another_place(
    matcher: Matcher, as_of: str, name_as_of: str
) -> None:
    dated = Matcher(matcher.gazetteer, as_of=as_of)
    for text in ("Обстріл Дніпра.", "Взрывы в Днепропетровске."):
        [mention] = dated.annotate(text)
        assert mention.place_id == "ua/dnipropetrovska/dnipro"
        assert mention.name_as_of == name_as_of
    assert matcher.annotate("Обстріл Дніпра.")[0].name_as_of is None


def test_pipe_in_two_processes_equals_one(matcher: Matcher) -> None:
    texts = ["Бої під Покровськом.", "Kharkiv and Kyiv.", "", "Красноармейск"] * 5
    single = list(matcher.pipe(texts, batch_size=3))
    double = list(matcher.pipe(texts, batch_size=3, n_process=2))
    assert double == single
    assert [len(r) for r in single[:4]] == [1, 2, 0, 1]


_NEWS_ALPHABET = st.sampled_from(
    [
        *"Покровськ Харків Красноармейск Kharkiv Donbass «»().,-–’'\n",
        *["\u0301", "\u00ad", "\u200b", "İ", "ß", "😀", "o", "p"],
    ]
)


@given(st.text(_NEWS_ALPHABET, max_size=80))
@settings(max_examples=300, deadline=None)
def test_annotate_never_raises_and_offsets_reproduce_the_surface(text: str) -> None:
    for mention in toponyms.annotate(text):
        assert text[mention.start : mention.end] == mention.surface
        assert mention.start < mention.end


def test_annotating_makes_no_reference_cycles() -> None:
    # Matcher holds the collector off while it reads a window (matcher.py): that is sound only
    # while the stages leave no cyclic garbage for it to find.
    matcher = Matcher(toponyms.load(), methods=set(Method))
    texts = [
        "Бої під Новоселівкою Покровського району Донецької області та в Kharkiv region.",
        "Krasnoarmeysk (Pokrovsk), Volchansk and the Sloviansk-Kramatorsk agglomeration.",
        "В Белгородской области обстреляли Шебекино; «Закону України» немає в Kramatorks.",
    ]
    matcher.annotate(texts[0])  # tables parsed, memo warmed
    gc.collect()
    collecting = gc.isenabled()
    gc.disable()
    try:
        found = [matcher.annotate(text) for text in texts * 3]
        assert all(found)
        assert gc.collect() == 0
    finally:
        if collecting:
            gc.enable()
