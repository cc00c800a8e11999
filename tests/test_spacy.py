"""The spaCy component: spans, entities, alignment, config and saved pipelines, on real spaCy."""

from __future__ import annotations

import importlib.metadata
import json
import shutil
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest
from packaging.requirements import Requirement

from conftest import TEST_DATA
from toponyms import ToponymsWarning
from toponyms.matcher import ALL_METHODS

spacy = pytest.importorskip(
    "spacy", reason='needs spaCy: pip install -e ".[test,spacy]" (the extra toponyms[spacy])'
)
from spacy.language import Language  # noqa: E402
from spacy.pipeline import EntityRuler  # noqa: E402
from spacy.tokens import DocBin  # noqa: E402

# The overlay adds Toretsk, with its former name Дзержинськ, to the small test gazetteer.
OVERLAYS = [str(TEST_DATA / "base.yaml"), str(TEST_DATA / "overlays" / "add_place.yaml")]
ALL = sorted(ALL_METHODS)


def _nlp(lang: str = "uk", **config: Any) -> Language:
    nlp: Language = spacy.blank(lang)
    nlp.add_pipe("toponyms", config=config)
    return nlp


def _found(doc: Any, key: str = "toponyms") -> list[tuple[str, str, str]]:
    return [(span.text, span.label_, span.kb_id_) for span in doc.spans[key]]


def _run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=300
    )
    return done.stdout.strip()


def test_entry_point_names_the_factory() -> None:
    (entry,) = importlib.metadata.entry_points(group="spacy_factories", name="toponyms")
    assert entry.value == "toponyms.spacy:make_toponyms"


def test_add_pipe_finds_the_component_through_the_entry_point() -> None:
    # A fresh interpreter that never imports toponyms: spaCy loads it from the entry point.
    code = (
        "import spacy\n"
        "nlp = spacy.blank('ru')\n"
        "nlp.add_pipe('toponyms')\n"
        "print([span.kb_id_ for span in nlp('Бои за Красноармейск').ents])\n"
    )
    assert _run(code) == "['ua/donetska/pokrovsk']"


def test_the_core_imports_no_spacy() -> None:
    code = (
        "import sys, toponyms\n"
        "toponyms.annotate('Kharkiv')\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] == 'spacy' or m == 'toponyms.spacy']\n"
        "print(loaded)"
    )
    assert _run(code) == "[]"


def _installs_spacy(extra: str) -> bool:
    requirements = [Requirement(r) for r in importlib.metadata.requires("toponyms") or []]
    return any(
        r.name == "spacy" and (r.marker is None or r.marker.evaluate({"extra": extra}))
        for r in requirements
    )


def test_spacy_is_an_extra_and_not_a_core_dependency() -> None:
    assert _installs_spacy("spacy")
    assert not _installs_spacy("")


KHARKIV, POKROVSK = "ua/kharkivska/kharkiv", "ua/donetska/pokrovsk"


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        pytest.param(
            "uk",
            "Обстріл Харкова та Покровська",
            [("Харкова", "city", KHARKIV), ("Покровська", "city", POKROVSK)],
            id="uk-inflected",
        ),
        pytest.param(
            "en",
            "Shelling of Kharkiv and Pokrovsk",
            [("Kharkiv", "city", KHARKIV), ("Pokrovsk", "city", POKROVSK)],
            id="en-translit",
        ),
        pytest.param(
            "ru",
            "Бои за Красноармейск и Артемовск",
            [("Красноармейск", "city", POKROVSK), ("Артемовск", "city", "ua/donetska/bakhmut")],
            id="ru-former-names",
        ),
        pytest.param(
            "uk",
            "Бої під Покровськом Донецької області",
            [("Покровськом", "city", POKROVSK), ("Донецької області", "oblast", "ua/donetska")],
            id="uk-oblast-phrase",
        ),
    ],
)
def test_mentions_become_spans_and_entities(lang: str, text: str, expected: list[Any]) -> None:
    doc = _nlp(lang)(text)
    assert _found(doc) == expected
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents] == expected


def test_span_holds_the_mention() -> None:
    doc = _nlp("ru")("Бои за Красноармейск")
    (span,) = doc.ents
    mention = span._.toponym
    assert (mention.place_id, mention.name, str(mention.name_status)) == (
        "ua/donetska/pokrovsk", "Pokrovsk", "former",
    )  # fmt: skip
    assert (str(mention.method), mention.score) == ("exact", pytest.approx(0.97))
    assert mention.lat == pytest.approx(48.28, abs=0.01)
    assert mention.alternatives  # Красноармейськ named other places too
    assert doc.spans["toponyms"][0]._.toponym == mention


def test_spans_not_written_by_the_component_hold_no_mention() -> None:
    doc = _nlp("uk")("Обстріл Харкова")
    assert doc[0:1]._.toponym is None


@pytest.mark.parametrize(
    ("lang", "text", "surfaces", "widened"),
    [
        pytest.param("en", "Updates from @Kharkiv tonight", ["Kharkiv"], ["@Kharkiv"], id="handle"),
        pytest.param(
            "uk", "Сирени в містах Харків;Суми.", ["Харків", "Суми"], ["Харків;Суми"] * 2,
            id="glued-list",
        ),
    ],
)  # fmt: skip
def test_offsets_inside_a_token_are_widened_and_reported(
    lang: str, text: str, surfaces: list[str], widened: list[str]
) -> None:
    nlp = _nlp(lang)
    with pytest.warns(ToponymsWarning, match="inside spaCy tokens and were widened"):
        doc = nlp(text)
    spans = doc.spans["toponyms"]
    assert [span.text for span in spans] == widened
    assert [span._.toponym.surface for span in spans] == surfaces
    assert [text[s._.toponym.start : s._.toponym.end] for s in spans] == surfaces


def test_overlapping_spans_are_kept_but_entities_do_not_overlap() -> None:
    with pytest.warns(ToponymsWarning):
        doc = _nlp("uk")("Сирени в містах Харків;Суми.")
    assert [span.kb_id_ for span in doc.spans["toponyms"]] == [KHARKIV, "ua/sumska/sumy"]
    assert [(e.text, e.kb_id_) for e in doc.ents] == [("Харків;Суми", KHARKIV)]


def test_text_with_no_token_split_gives_no_warning() -> None:
    nlp = _nlp("uk")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(nlp("Обстріл Харкова та Покровська").ents) == 2


def _trained(**config: Any) -> Language:
    """A pipeline that already sets entities: a sentencizer and an entity ruler, then toponyms."""
    nlp: Language = spacy.blank("uk")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler")
    assert isinstance(ruler, EntityRuler)
    ruler.add_patterns([
        {"label": "PER", "pattern": "Зеленський"},
        {"label": "LOC", "pattern": "Харкова"},
    ])  # fmt: skip
    nlp.add_pipe("toponyms", config=config)
    return nlp


TRAINED_TEXT = "Зеленський прокоментував обстріл Харкова. Покровськ евакуюють."


def test_existing_entities_are_kept() -> None:
    doc = _trained()(TRAINED_TEXT)
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents] == [
        ("Зеленський", "PER", ""),
        ("Харкова", "LOC", ""),
        ("Покровськ", "city", "ua/donetska/pokrovsk"),
    ]
    assert [s.text for s in doc.spans["toponyms"]] == ["Харкова", "Покровськ"]
    assert len(list(doc.sents)) == 2


def test_overwrite_ents_replaces_only_the_entities_a_toponym_overlaps() -> None:
    doc = _trained(overwrite_ents=True)(TRAINED_TEXT)
    assert [(e.text, e.label_, e.kb_id_) for e in doc.ents] == [
        ("Зеленський", "PER", ""),
        ("Харкова", "city", "ua/kharkivska/kharkiv"),
        ("Покровськ", "city", "ua/donetska/pokrovsk"),
    ]


def test_annotate_ents_false_writes_only_spans() -> None:
    doc = _nlp("uk", annotate_ents=False)("Обстріл Харкова та Покровська")
    assert doc.ents == ()
    assert [s.kb_id_ for s in doc.spans["toponyms"]] == [KHARKIV, POKROVSK]


def test_blank_tokens_outside_toponyms_keep_missing_entity_annotation() -> None:
    doc = _nlp("uk")("Обстріл Харкова")
    assert [token.ent_iob_ for token in doc] == ["", "B"]


def test_spans_key() -> None:
    doc = _nlp("en", spans_key="places")("Shelling of Kharkiv")
    assert _found(doc, "places") == [("Kharkiv", "city", "ua/kharkivska/kharkiv")]
    assert "toponyms" not in doc.spans


@pytest.mark.parametrize(
    ("config", "text", "expected"),
    [
        pytest.param({"min_score": 0.9}, "Харків і околиці Харкова", ["Харків"], id="min_score"),
        pytest.param({}, "Харків і околиці Харкова", ["Харків", "Харкова"], id="default"),
        pytest.param({"methods": ["exact"]}, "Обстріл Харкова та Харків", ["Харків"], id="methods"),
        pytest.param({}, "Shelling in Kramatorks", [], id="default-no-fuzzy"),
        pytest.param({"methods": ALL}, "Shelling in Kramatorks", ["Kramatorks"], id="fuzzy"),
    ],
)  # fmt: skip
def test_config_chooses_what_is_found(
    config: dict[str, Any], text: str, expected: list[str]
) -> None:
    doc = _nlp("uk", **config)(text)
    assert [span.text for span in doc.spans["toponyms"]] == expected


def test_as_of_gives_the_name_on_that_date() -> None:
    (span,) = _nlp("uk", as_of="2014-05-01")("Обстріл Дніпра").ents
    assert span.kb_id_ == "ua/dnipropetrovska/dnipro"
    assert span._.toponym.name_as_of == "Dnipropetrovsk"


@pytest.mark.parametrize(
    ("config", "message"),
    [
        pytest.param({"min_score": 1.5}, "min_score must be a number in", id="min_score"),
        pytest.param({"methods": ["exakt"]}, "unknown method 'exakt'; known: exact", id="methods"),
        pytest.param({"as_of": "May 2014"}, "as_of must be an ISO date", id="as_of"),
        pytest.param({"spans_key": ""}, "spans_key must be a non-empty string", id="spans_key"),
    ],
)
def test_invalid_config_is_refused_when_the_pipe_is_added(
    config: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        _nlp("uk", **config)


def test_pipe_annotates_every_doc_in_order() -> None:
    texts = ["Обстріл Харкова", "", "Бої під Покровськом", "Без назв місць."]
    docs = list(_nlp("uk").pipe(texts))
    assert [[span.kb_id_ for span in doc.ents] for doc in docs] == [
        ["ua/kharkivska/kharkiv"], [], ["ua/donetska/pokrovsk"], [],
    ]  # fmt: skip


def test_pipe_in_worker_processes_carries_the_mentions() -> None:
    texts = ["Shelling of Kharkiv", "Kyiv and Pokrovsk"]
    docs = list(_nlp("en").pipe(texts, n_process=2))
    assert [[s._.toponym.place_id for s in doc.spans["toponyms"]] for doc in docs] == [
        ["ua/kharkivska/kharkiv"], ["ua/kyiv", "ua/donetska/pokrovsk"],
    ]  # fmt: skip


def test_doc_bin_round_trip_keeps_spans_and_mentions() -> None:
    nlp = _nlp("ru")
    doc = nlp("Бои за Красноармейск и Артемовск")
    stored = DocBin(store_user_data=True, docs=[doc]).to_bytes()
    (read,) = DocBin().from_bytes(stored).get_docs(nlp.vocab)
    assert _found(read) == _found(doc)
    assert [s._.toponym for s in read.spans["toponyms"]] == [s._.toponym for s in doc.ents]


def _dzerzhynsk(nlp: Language) -> list[tuple[str, str]]:
    return [(e.kb_id_, str(e._.toponym.name_status)) for e in nlp("Обстріл Дзержинська").ents]


def test_saved_pipeline_loads_with_its_overlays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(TEST_DATA)  # relative overlay paths, read from here
    nlp = _nlp("uk", overlays=["base.yaml", "overlays/add_place.yaml"], bundled=False)
    assert _dzerzhynsk(nlp) == [("ua/donetska/toretsk", "former")]
    nlp.to_disk(tmp_path / "pipeline")
    stored = json.loads((tmp_path / "pipeline" / "toponyms" / "overlays.json").read_text())
    assert [Path(o["path"]) for o in stored["overlays"]] == [Path(p) for p in OVERLAYS]
    monkeypatch.chdir(tmp_path)  # where the relative paths of the config name nothing
    assert _dzerzhynsk(spacy.load(tmp_path / "pipeline")) == [("ua/donetska/toretsk", "former")]


def test_saved_pipeline_without_its_overlay_names_the_file(tmp_path: Path) -> None:
    overlay = tmp_path / "add_place.yaml"
    shutil.copy(OVERLAYS[1], overlay)
    nlp = _nlp("uk", overlays=[OVERLAYS[0], str(overlay)], bundled=False)
    nlp.to_disk(tmp_path / "pipeline")
    overlay.unlink()
    with pytest.raises(FileNotFoundError, match=r"uses the overlay .*add_place\.yaml, which does"):
        spacy.load(tmp_path / "pipeline")


def test_saved_pipeline_warns_when_an_overlay_changed(tmp_path: Path) -> None:
    overlay = tmp_path / "add_place.yaml"
    shutil.copy(OVERLAYS[1], overlay)
    nlp = _nlp("uk", overlays=[OVERLAYS[0], str(overlay)], bundled=False)
    nlp.to_disk(tmp_path / "pipeline")
    overlay.write_text(overlay.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    with pytest.warns(ToponymsWarning, match="changed since it was saved"):
        loaded = spacy.load(tmp_path / "pipeline")
    assert _dzerzhynsk(loaded) == [("ua/donetska/toretsk", "former")]


def test_pipeline_bytes_round_trip_keeps_the_overlays() -> None:
    nlp = _nlp("uk", overlays=OVERLAYS, bundled=False)
    copy = spacy.blank("uk")
    copy.add_pipe("toponyms", config={"bundled": False, "overlays": OVERLAYS[:1]})
    copy.from_bytes(nlp.to_bytes())
    assert _dzerzhynsk(copy) == [("ua/donetska/toretsk", "former")]
