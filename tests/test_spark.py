"""toponyms.spark on local[2]: the same mentions as Matcher.pipe, the input's other columns kept,
one gazetteer per Python worker."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from conftest import pipe_rows, read_engine_texts
from toponyms.pandas import MENTION_FIELDS

pytest.importorskip("pyspark.sql", reason="pyspark is the [spark] extra")
cloudpickle = pytest.importorskip("pyspark.cloudpickle", reason="pyspark ships its cloudpickle")

from toponyms import spark as tspark  # noqa: E402

# pyspark 4 warns about pandas 3 on every mapInPandas; what it warns of is tested here.
pytestmark = pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas")
PARTITIONS = 3  # more partitions than cores, so both Python workers run tasks
FUNCTION_BYTES_LIMIT = 10_000  # the options are a few hundred bytes; a matcher is megabytes


def _frame(spark: Any) -> Any:
    docs, texts = read_engine_texts()
    rows = [(doc, number, text) for number, (doc, text) in enumerate(zip(docs, texts, strict=True))]
    rows.append(("missing", len(rows), None))
    return spark.createDataFrame(rows, "doc string, number long, text string").repartition(
        PARTITIONS
    )


def test_rows_are_the_mentions_of_pipe_beside_the_other_columns(spark: Any) -> None:
    result = tspark.annotate(_frame(spark), text_col="text")
    mention_columns = [column for column, _, _ in MENTION_FIELDS]
    assert result.columns == ["doc", "number", *mention_columns]
    rows = sorted(tuple(row[c] for c in ["doc", *mention_columns]) for row in result.collect())
    docs, texts = read_engine_texts()
    assert rows == pipe_rows([*docs, "missing"], [*texts, None])
    assert ("ru-1", "ru/belgorodskaya/belgorod") in {(row[0], row[4]) for row in rows}


def test_the_schema_is_the_documented_one(spark: Any) -> None:
    schema = tspark.annotate(_frame(spark)).schema
    assert [(f.name, f.dataType.typeName()) for f in schema.fields] == [
        ("doc", "string"), ("number", "long"),
        *((column, kind) for column, _, kind in MENTION_FIELDS),
    ]  # fmt: skip


def test_each_python_worker_loads_the_gazetteer_once(
    spark: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    frame = _frame(spark)
    shipped = []
    original = type(frame).mapInPandas

    def spy(self: Any, function: Any, schema: Any, *args: Any, **kwargs: Any) -> Any:
        shipped.append(function)
        return original(self, function, schema, *args, **kwargs)

    monkeypatch.setattr(type(frame), "mapInPandas", spy)
    tspark.annotate(frame).collect()
    tspark.annotate(frame, text_col="text").collect()
    monkeypatch.undo()
    assert all(len(cloudpickle.dumps(function)) < FUNCTION_BYTES_LIMIT for function in shipped)

    def report(batches: Iterator[Any]) -> Iterator[Any]:  # nested: Spark pickles it by value
        import pandas as pd

        from toponyms import _worker

        for _ in batches:
            yield pd.DataFrame({"pid": [os.getpid()], "built": [_worker.built()]})

    reports = frame.mapInPandas(report, "pid long, built long").collect()
    # A worker Spark kept (it reuses them) holds the one matcher of both runs; one it started
    # since has none.
    assert {row.built for row in reports} <= {0, 1} and any(row.built for row in reports), reports


def test_a_missing_or_clashing_column_is_refused(spark: Any) -> None:
    frame = _frame(spark)
    with pytest.raises(KeyError, match=r"no column 'body' of texts"):
        tspark.annotate(frame, text_col="body")
    with pytest.raises(ValueError, match=r"column\(s\) \['name'\] of the frame would be shadowed"):
        tspark.annotate(frame.withColumnRenamed("doc", "name"))
