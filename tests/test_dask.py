"""toponyms.dask on a local cluster of two worker processes: the same mentions as Matcher.pipe,
one gazetteer per worker."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import pipe_rows, read_engine_texts
from toponyms import _worker
from toponyms.pandas import MENTION_COLUMNS

dd = pytest.importorskip("dask.dataframe", reason="dask is the [dask] extra")
db = pytest.importorskip("dask.bag", reason="dask is the [dask] extra")
pd = pytest.importorskip("pandas", reason="pandas comes with the [dask] extra")
cloudpickle = pytest.importorskip("cloudpickle", reason="dask ships graphs with cloudpickle")

from toponyms import dask as tdask  # noqa: E402

PARTITIONS = 3  # more partitions than workers, so both workers run tasks
# A graph of options is a few kilobytes; a matcher pickled into it would be tens of megabytes.
GRAPH_BYTES_LIMIT = 200_000


def _rows(frame: Any) -> list[tuple[Any, ...]]:
    """The rows of a computed frame of mentions, missing values as None."""
    cleaned = frame[list(MENTION_COLUMNS)].astype(object)
    cleaned = cleaned.where(cleaned.notna(), None)
    return sorted(tuple(row) for row in cleaned.itertuples(index=False, name=None))


def _texts() -> Any:
    docs, texts = read_engine_texts()
    series = pd.Series([*texts, None], index=[*docs, "missing"], dtype=object)
    return dd.from_pandas(series, npartitions=PARTITIONS, sort=False)


def test_a_series_gives_the_mentions_of_pipe_with_its_index_as_doc(dask_client: Any) -> None:
    texts = _texts()
    result = tdask.annotate(texts)
    computed = result.compute()
    assert list(computed.columns) == list(MENTION_COLUMNS)
    assert computed.dtypes.astype(str).to_dict() == result.dtypes.astype(str).to_dict()
    expected = pipe_rows(list(texts.index.compute()), list(texts.compute()))
    assert _rows(computed) == expected
    assert ("uk-1", "ua/kharkivska/kharkiv") in {(row[0], row[4]) for row in expected}


def test_a_bag_gives_the_mentions_of_pipe_with_positions_as_doc(dask_client: Any) -> None:
    _, texts = read_engine_texts()
    bag = db.from_sequence(texts, npartitions=PARTITIONS)
    computed = tdask.annotate(bag).compute()
    assert _rows(computed) == pipe_rows(range(len(texts)), texts)
    assert str(computed["doc"].dtype) == "int64"


def test_each_worker_loads_the_gazetteer_once(dask_client: Any) -> None:
    texts = _texts()
    first, second = tdask.annotate(texts), tdask.annotate(texts.to_bag())
    first.compute(), second.compute()
    built = dask_client.run(_worker.built)
    assert set(built.values()) <= {0, 1} and sum(built.values()) >= 1, built
    assert len(cloudpickle.dumps(dict(first.__dask_graph__()))) < GRAPH_BYTES_LIMIT


def test_a_dask_dataframe_is_refused_with_a_hint() -> None:
    frame = dd.from_pandas(pd.DataFrame({"text": ["Харків"]}), npartitions=1)
    with pytest.raises(TypeError, match=r"pick its text column"):
        tdask.annotate(frame)


def test_wrong_options_fail_before_any_task() -> None:
    with pytest.raises(ValueError, match=r"min_score must be a number in \[0, 1\]"):
        tdask.annotate(_texts(), min_score=2)
    with pytest.raises(FileNotFoundError, match=r"overlay 'no-such.yaml' does not exist"):
        tdask.annotate(_texts(), overlays=["no-such.yaml"])
