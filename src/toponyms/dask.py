"""Dask: annotate a dask Series (or a bag) of texts into a dask DataFrame of mentions.

Install with ``pip install "toponyms[dask]"``; dask is imported when :func:`annotate` runs. The
tasks carry the matcher's options, not the matcher: each worker process loads the gazetteer
once, on its first task, and keeps it (docs/dask.md).
"""

from __future__ import annotations

import datetime
import operator
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toponyms import _worker
from toponyms.matcher import DEFAULT_METHODS
from toponyms.pandas import mentions_frame, texts_of

if TYPE_CHECKING:
    import dask.bag as db  # type: ignore[import-untyped,unused-ignore]
    import dask.dataframe as dd  # type: ignore[import-untyped,unused-ignore]
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]

    from toponyms.model import Method


def annotate(
    texts: dd.Series | db.Bag,
    *,
    overlays: Sequence[str | Path] = (),
    layers: Sequence[str] | None = None,
    methods: Collection[Method | str] = DEFAULT_METHODS,
    min_score: float = 0.0,
    as_of: datetime.date | str | None = None,
    in_names: bool = True,
) -> dd.DataFrame:
    """A lazy dask DataFrame with one row per mention of each text, in the columns and dtypes of
    ``toponyms.pandas.annotate`` (:data:`~toponyms.pandas.MENTION_COLUMNS`).

    ``doc`` is the series index of the text, or its position in a bag; the frame is indexed by
    ``doc`` too, so a series' divisions still hold. A missing text (None, NaN) has no mentions.

    Args:
        texts: a ``dask.dataframe.Series`` of texts, or a ``dask.bag.Bag`` of them.
        overlays, layers: the gazetteer, as :func:`toponyms.load` takes them; each worker reads
            the overlay files, so they must be at the same path there.
        methods, min_score, as_of, in_names: as :class:`toponyms.Matcher` takes them.

    Raises:
        TypeError: ``texts`` is neither a dask Series nor a bag (a dask DataFrame: pick its
            text column).
        FileNotFoundError, ValueError: an overlay or option is wrong, before any task runs.
    """
    import dask.bag as db
    import dask.dataframe as dd

    options = _worker.MatcherOptions.of(
        overlays=overlays,
        layers=layers,
        methods=methods,
        min_score=min_score,
        as_of=as_of,
        in_names=in_names,
    )
    if isinstance(texts, dd.Series):
        meta = _meta(texts._meta.index)
        mentions: dd.DataFrame = texts.map_partitions(  # type: ignore[no-untyped-call,unused-ignore]
            _annotate_partition, options, meta=meta
        )
        return mentions
    if isinstance(texts, db.Bag):
        return _annotate_bag(texts, options)
    hint = " (pick its text column: frame['text'])" if isinstance(texts, dd.DataFrame) else ""
    raise TypeError(
        f"annotate expects a dask Series or Bag of texts, not {type(texts).__name__}{hint}"
    )


def _annotate_bag(texts: db.Bag, options: _worker.MatcherOptions) -> dd.DataFrame:
    """A bag's texts numbered across its partitions: each partition starts where the one before
    ends, an offset computed in the graph (a chain of lengths), so nothing is read twice."""
    import dask.dataframe as dd
    import pandas as pd
    from dask.delayed import delayed

    parts = []
    offset: Any = 0
    for partition in texts.to_delayed():  # type: ignore[no-untyped-call,unused-ignore]
        parts.append(delayed(_annotate_list)(partition, offset, options))
        offset = delayed(operator.add)(offset, delayed(len)(partition))
    frame: dd.DataFrame = dd.from_delayed(parts, meta=_meta(pd.RangeIndex(0)), verify_meta=False)
    return frame


def _annotate_partition(texts: pd.Series, options: _worker.MatcherOptions) -> pd.DataFrame:
    matcher = _worker.matcher(options)
    return _indexed(mentions_frame(texts.index, matcher.pipe(texts_of(texts))))


def _annotate_list(texts: list[Any], offset: int, options: _worker.MatcherOptions) -> pd.DataFrame:
    import pandas as pd

    matcher = _worker.matcher(options)
    cleaned = texts_of(texts)
    docs = pd.RangeIndex(offset, offset + len(cleaned))
    return _indexed(mentions_frame(docs, matcher.pipe(cleaned)))


def _meta(index: pd.Index) -> pd.DataFrame:
    """The empty frame of mentions whose ``doc`` has the dtype of ``index``."""
    return _indexed(mentions_frame(index[:0], []))


def _indexed(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.set_index(frame["doc"].rename(None), drop=False)
