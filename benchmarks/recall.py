"""Recall (and precision) of found spans on the development set, so speed is never bought with
misses.

Recall is the share of in-scope gold mentions (``country`` UA or RU, neither nested nor
adjectival: :class:`toponyms.evaluation.Scope` ``in``) that some found span overlaps. Precision
counts found spans the way ``toponyms eval`` does: a span inside an ignored span (a place inside
an organisation's name), or overlapping only out-of-scope or adjectival gold, counts neither way;
any other span is right when it overlaps an in-scope gold mention.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs
from tools import Span

from toponyms.evaluation import Document, Scope

ALL_LANGS = "all"


@attrs.define
class Score:
    """Counts for one language (or all)."""

    gold: int = 0
    found: int = 0
    predicted: int = 0
    right: int = 0

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None

    @property
    def precision(self) -> float | None:
        return self.right / self.predicted if self.predicted else None


def score(documents: Sequence[Document], spans: Sequence[list[Span]]) -> dict[str, Score]:
    """Scores by language and over :data:`ALL_LANGS` of ``spans`` found in ``documents``."""
    scores: dict[str, Score] = {}
    overall = Score()
    for document, found in zip(documents, spans, strict=True):
        own = scores.setdefault(document.lang, Score())
        for tally in (own, overall):
            _add(tally, document, found)
    return {**dict(sorted(scores.items())), ALL_LANGS: overall}


def _add(tally: Score, document: Document, found: list[Span]) -> None:
    counted = [
        (start, end)
        for start, end in found
        if not any(s <= start and end <= e for s, e in document.ignore)
    ]
    for gold in document.gold:
        if gold.scope is Scope.IN:
            tally.gold += 1
            tally.found += any(_overlap(span, (gold.start, gold.end)) for span in counted)
    for span in counted:
        scopes = {g.scope for g in document.gold if _overlap(span, (g.start, g.end))}
        if scopes and Scope.IN not in scopes:
            continue  # on an out-of-scope place or an adjective: counted apart
        tally.predicted += 1
        tally.right += Scope.IN in scopes


def _overlap(first: Span, second: Span) -> bool:
    return first[0] < second[1] and second[0] < first[1]
