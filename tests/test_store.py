"""The compiled store and its key tables: a store read back is the gazetteer it was made from,
overlays layer changes over a shared base, and reading one runs no code."""

from __future__ import annotations

import pickle
import random
from pathlib import Path

import pytest

import toponyms
from conftest import TEST_DATA
from toponyms import _store
from toponyms._compile import build, read_files, stored
from toponyms._keytable import KeySet, KeyTable, Layered, Memo
from toponyms.index import NameIndex


@pytest.fixture(scope="module")
def compiled() -> object:
    paths = [TEST_DATA / "base.yaml"]
    return build(tuple(map(str, paths)), read_files(paths))


def _read_back(compiled: object) -> tuple[object, NameIndex, str | None]:
    return _store.load(memoryview(stored(compiled)))  # type: ignore[arg-type]


def test_a_store_read_back_has_every_place_and_key(compiled: object) -> None:
    places, index, version = _read_back(compiled)
    fresh_places, fresh = compiled.places, compiled.index  # type: ignore[attr-defined]
    assert version == compiled.data_version  # type: ignore[attr-defined]
    assert list(places) == list(fresh_places)  # type: ignore[call-overload]
    for place_id in fresh_places:
        assert places[place_id] == fresh_places[place_id], place_id  # type: ignore[index]
        for column in ("parent_of", "capital_of", "kind_of", "point_of"):
            ours = getattr(places, column)(place_id)
            assert ours == getattr(fresh_places, column)(place_id), (column, place_id)
    for folded in (False, True):
        assert dict(index.items(folded=folded)) == dict(fresh.items(folded=folded))
    for table in ("units", "units_folded"):
        assert dict(getattr(index, table)) == dict(getattr(fresh, table)), table
    assert dict(index.codes) == dict(fresh.codes)
    assert index.unit_kinds == fresh.unit_kinds and index.variants == fresh.variants
    assert set(index.prefixes) == set(fresh.prefixes)
    assert set(index.starters) == set(fresh.starters)
    assert list(index.names) == list(fresh.names)


def test_the_bundled_store_reads_back_what_was_compiled() -> None:
    """A sample of the bundled data: one key in a trie away from its codes would show here."""
    gazetteer = toponyms.load()
    places, index, _ = _store.load(
        memoryview(_store.dump(gazetteer.places, gazetteer.index, gazetteer.data_version))  # type: ignore[arg-type]
    )
    keys = random.Random(3).sample(sorted(gazetteer.index.exact), 2000)
    for key in [*keys, "покровськ", "красноармейск", "donbass"]:
        assert index.find(key) == gazetteer.index.find(key), key
    for place_id in random.Random(5).sample(sorted(gazetteer.places), 500):
        assert places[place_id] == gazetteer.places[place_id]  # type: ignore[index]


def test_reading_a_store_unpickles_nothing(
    compiled: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = memoryview(stored(compiled))

    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("the store was unpickled")

    for name in ("load", "loads", "Unpickler"):
        monkeypatch.setattr(pickle, name, refuse)
    places, index, _ = _store.load(data)
    assert index.find("артемовск")[0].place_id == "ua/donetska/bakhmut"
    assert places["ua/donetska/bakhmut"].name  # type: ignore[index]


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"not a store" + data[11:],
        lambda data: data[:20],
        lambda data: data[: len(_store.MAGIC) + 8] + b"x" + data[len(_store.MAGIC) + 9 :],
    ],
)
def test_a_damaged_store_is_a_store_error(compiled: object, damage: object) -> None:
    data = stored(compiled)
    with pytest.raises(_store.StoreError):
        _store.load(memoryview(damage(data)))  # type: ignore[operator]


def test_a_key_table_gives_one_code_or_a_tuple() -> None:
    table = KeyTable.of({"покровськ": 7, "новоселівка": (1, 2, 3), "bakhmut": 4096})
    assert table["покровськ"] == 7 and table.get("новоселівка") == (1, 2, 3)
    assert table.get("бахмут") is None and "bakhmut" in table and "бах" not in table
    assert sorted(table) == ["bakhmut", "новоселівка", "покровськ"]
    assert pickle.loads(pickle.dumps(table)) == table
    read_back = KeyTable.from_parts(*table.parts())
    assert dict(read_back) == dict(table)


def test_layers_change_a_shared_base_without_touching_it() -> None:
    base = KeyTable.of({"сватове": 1, "кремінна": 2})
    layered = Layered(base)
    layered["сватове"] = (1, 9)
    del layered["кремінна"]
    layered["тестовий хутір"] = 5
    assert dict(layered) == {"сватове": (1, 9), "тестовий хутір": 5}
    assert "кремінна" not in layered and layered.get("кремінна") is None
    again = Layered(layered, {"кремінна": 3})  # a layer over a layer stays one layer deep
    assert again.base is base and dict(again)["кремінна"] == 3
    assert dict(base) == {"сватове": 1, "кремінна": 2}


def test_a_key_set_with_added_keys_keeps_its_base() -> None:
    base = KeySet.of(["нова", "нова каховка"])
    grown = base.union(["часів"])
    assert "часів" in grown and "часів" not in base and "нова" in grown
    with pytest.raises(ValueError, match="not stored"):
        grown.to_bytes()


def test_a_memo_asks_once_and_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def probe(key: str) -> bool:
        asked.append(key)
        return key.startswith("к")

    monkeypatch.setattr("toponyms._keytable.MEMO_KEPT", 3)
    memo = Memo(probe)
    assert list(map(memo.__getitem__, ["київ", "дім", "київ", "курськ"])) == [
        True,
        False,
        True,
        True,
    ]
    assert asked == ["київ", "дім", "курськ"]
    memo["харків"]
    assert len(memo) == 1  # full: started over


def test_an_overlay_is_layered_over_the_stored_places(tmp_path: Path) -> None:
    overlay = tmp_path / "mine.yaml"
    overlay.write_text(
        "places:\n"
        "  - id: ua/donetska/store-khutir\n"
        "    kind: village\n"
        "    country: UA\n"
        "    parent: ua/donetska/pokrovska-hromada\n"
        "    coords: [48.3, 37.2]\n"
        "    names:\n"
        "      - {text: Сховищний Хутір, lang: uk}\n",
        encoding="utf-8",
    )
    base = toponyms.load()
    mine = toponyms.load(overlay, reuse=False)
    assert "ua/donetska/store-khutir" in mine.places and "ua/donetska/store-khutir" not in base
    assert len(mine) == len(base) + 1
    assert mine.places.parent_of("ua/donetska/store-khutir") == "ua/donetska/pokrovska-hromada"  # type: ignore[attr-defined]
    assert mine.lookup("Сховищний Хутір")[0].place_id == "ua/donetska/store-khutir"
    assert not base.lookup("Сховищний Хутір")
