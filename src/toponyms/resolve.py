"""Resolution: choosing the place each span refers to, and building the mentions.

Today a span resolves to its best-ranked candidate (see :mod:`toponyms.ranking`); the rest are
kept, ranked, as the mention's alternatives.
"""

from __future__ import annotations

from collections.abc import Mapping

from toponyms.match import SpanMatch
from toponyms.model import Mention, Place
from toponyms.ranking import method_of, rank_entries

MAX_ALTERNATIVES = 10  # enough to show every plausible namesake without bloating the output


def resolve(
    spans: list[SpanMatch], places: Mapping[str, Place], *, min_score: float = 0.0
) -> list[Mention]:
    """One mention per span whose best candidate scores at least ``min_score``."""
    mentions = []
    for span in spans:
        candidates = rank_entries(span.entries, places, surface=span.surface, folded=span.folded)
        best = candidates[0]
        if best.score < min_score:
            continue
        entry = next(
            e
            for e in (*span.entries, *span.folded)
            if e.place_id == best.place_id and e.name.text == best.matched
        )
        place = places[best.place_id]
        mentions.append(
            Mention(
                start=span.start,
                end=span.end,
                surface=span.surface,
                place_id=place.id,
                name=place.name,
                kind=place.kind,
                country=place.country,
                lat=place.coords.lat if place.coords else None,
                lon=place.coords.lon if place.coords else None,
                score=best.score,
                method=method_of(entry, span.surface),
                scheme=entry.scheme,
                matched=entry.name.text,
                name_lang=entry.name.lang,
                name_status=entry.name.status,
                refs=place.refs,
                alternatives=tuple(candidates[1 : 1 + MAX_ALTERNATIVES]),
            )
        )
    return mentions
