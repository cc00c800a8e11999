"""What one run measured, handed from the measuring (run.py) to the report (summary.py)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
import corpus
from hotspots import Line
from recall import Score
from scaling import LengthPoint, SizePoint

import toponyms


@attrs.frozen(kw_only=True)
class Facts:
    """Everything one run measured."""

    command: str
    plan: dict[str, Any]
    corpus_path: Path
    articles: Sequence[corpus.Article]
    documents: Sequence[Any]
    gazetteer: toponyms.Gazetteer
    aliases: Sequence[str]
    skipped: dict[str, str]
    speeds: dict[str, dict[str, Any]]
    scores: dict[str, dict[str, Score]]
    memory: dict[str, dict[str, Any]]
    loads: dict[str, Any]
    sizes: list[SizePoint]
    lengths: list[LengthPoint]
    pipe: dict[int, float]
    pipe_chars: int
    profile: tuple[float, list[Line]]  # over the development set
    long_profile: tuple[float, list[Line]]  # over one long document
    long_profile_chars: int
    minutes: float
