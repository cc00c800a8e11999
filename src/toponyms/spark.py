"""Spark: annotate a text column of a Spark DataFrame into one row per mention.

Install with ``pip install "toponyms[spark]"``; pyspark is imported when these functions run.
The work runs in ``mapInPandas``: the function Spark ships carries the matcher's options, not the
matcher, and each executor Python worker loads the gazetteer once, on its first batch, and
keeps it while Spark reuses the worker (the default; docs/spark.md).
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from toponyms import _worker
from toponyms.matcher import DEFAULT_METHODS
from toponyms.pandas import MENTION_FIELDS, mentions_frame, texts_of

if TYPE_CHECKING:
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]
    from pyspark.sql import DataFrame  # type: ignore[import-untyped,unused-ignore]
    from pyspark.sql.types import StructType  # type: ignore[import-untyped,unused-ignore]

    from toponyms.model import Method


def mention_schema() -> StructType:
    """The Spark schema of the mention columns :func:`annotate` adds (every field nullable;
    ``lat`` and ``lon`` are null for a place without a point)."""
    from pyspark.sql.types import StructField, StructType

    return StructType(
        [
            StructField.fromJson({"name": column, "type": kind, "nullable": True, "metadata": {}})
            for column, _, kind in MENTION_FIELDS
        ]
    )


def annotate(
    frame: DataFrame,
    *,
    text_col: str = "text",
    overlays: Sequence[str | Path] = (),
    layers: Sequence[str] | None = None,
    methods: Collection[Method | str] = DEFAULT_METHODS,
    min_score: float = 0.0,
    as_of: datetime.date | str | None = None,
    in_names: bool = True,
) -> DataFrame:
    """One row per mention of the texts in ``frame[text_col]``: the row's other columns (an id
    such as ``doc`` comes through), then the columns of :func:`mention_schema`. A row whose text
    has no mentions (or is null) gives no row. Lazy, like every Spark transformation.

    Args:
        frame: a Spark DataFrame with a string column ``text_col``.
        text_col: the column of texts; it is not repeated in the result.
        overlays, layers: the gazetteer, as :func:`toponyms.load` takes them; each executor
            reads the overlay files, so they must be at the same path there.
        methods, min_score, as_of, in_names: as :class:`toponyms.Matcher` takes them.

    Raises:
        KeyError: ``frame`` has no column ``text_col``.
        ValueError: one of the frame's other columns has the name of a mention column.
        FileNotFoundError: an overlay does not exist (as :class:`toponyms.Matcher` raises the
            rest), before any task runs.
    """
    from pyspark.sql.types import StructType

    if text_col not in frame.columns:
        raise KeyError(f"no column {text_col!r} of texts in the frame: {frame.columns}")
    kept = [field for field in frame.schema.fields if field.name != text_col]
    clashing = sorted({field.name for field in kept} & {column for column, _, _ in MENTION_FIELDS})
    if clashing:
        raise ValueError(
            f"column(s) {clashing} of the frame would be shadowed by the mention columns; "
            "rename them first (frame.withColumnRenamed)"
        )
    options = _worker.MatcherOptions.of(
        overlays=overlays,
        layers=layers,
        methods=methods,
        min_score=min_score,
        as_of=as_of,
        in_names=in_names,
    )
    schema = StructType(kept + list(mention_schema().fields))
    return frame.mapInPandas(functools.partial(_annotate_batches, options, text_col), schema)


def _annotate_batches(
    options: _worker.MatcherOptions, text_col: str, batches: Iterator[pd.DataFrame]
) -> Iterator[pd.DataFrame]:
    """Runs in the executor's Python worker, a batch of rows at a time."""
    import pandas as pd

    matcher = _worker.matcher(options)
    for batch in batches:
        rows = pd.RangeIndex(len(batch))
        mentions = mentions_frame(rows, matcher.pipe(texts_of(batch[text_col])))
        others = batch.drop(columns=[text_col]).iloc[mentions["doc"].to_numpy()]
        yield pd.concat([others.reset_index(drop=True), mentions.drop(columns=["doc"])], axis=1)
