"""The annotator: finds and resolves the place mentions of texts against a gazetteer."""

from __future__ import annotations

import functools
import warnings
from collections.abc import Iterable, Iterator

from toponyms.errors import ToponymsWarning
from toponyms.gazetteer import Gazetteer, load
from toponyms.match import find_spans
from toponyms.model import Mention
from toponyms.resolve import resolve
from toponyms.text.normalize import normalize_with_offsets


class Matcher:
    """Annotates text with the places of a gazetteer.

    Args:
        gazetteer: the places to find (see :func:`toponyms.load`).
        min_score: drop mentions whose best candidate scores below this, in [0, 1].

    >>> matcher = Matcher(load())
    >>> [(m.surface, m.place_id) for m in matcher.annotate("Бої під Покровськом і в Kharkiv.")]
    [('Покровськом', 'ua/donetska/pokrovsk'), ('Kharkiv', 'ua/kharkivska/kharkiv')]
    """

    def __init__(self, gazetteer: Gazetteer, *, min_score: float = 0.0) -> None:
        if not isinstance(gazetteer, Gazetteer):
            raise TypeError(f"Matcher needs a Gazetteer, not {type(gazetteer).__name__}")
        if not isinstance(min_score, int | float) or not 0.0 <= min_score <= 1.0:
            raise ValueError(f"min_score must be a number in [0, 1], not {min_score!r}")
        self.gazetteer = gazetteer
        self.min_score = float(min_score)

    def annotate(self, text: str) -> list[Mention]:
        """Every place mention in ``text``, in order; ``text[m.start:m.end] == m.surface``."""
        if not isinstance(text, str):
            raise TypeError(f"annotate expects str, not {type(text).__name__}")
        normalized = normalize_with_offsets(text)
        spans = find_spans(text, normalized, self.gazetteer.index)
        return resolve(spans, self.gazetteer.places, min_score=self.min_score)

    def pipe(self, texts: Iterable[str]) -> Iterator[list[Mention]]:
        """Annotate many texts, yielding one list per text, in order.

        A text that cannot be annotated (not a string, say) yields an empty list and a
        :class:`~toponyms.errors.ToponymsWarning`; the stream goes on.
        """
        for number, text in enumerate(texts):
            try:
                yield self.annotate(text)
            except (TypeError, ValueError) as error:
                warnings.warn(f"text {number}: {error}", ToponymsWarning, stacklevel=2)
                yield []


@functools.cache
def _bundled_matcher() -> Matcher:
    return Matcher(load())


def annotate(text: str) -> list[Mention]:
    """Annotate ``text`` with the bundled gazetteer (loaded once, on first use).

    >>> [m.place_id for m in annotate("Donbass")]
    ['ua/donbas']
    """
    return _bundled_matcher().annotate(text)
