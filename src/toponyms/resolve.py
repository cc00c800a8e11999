"""Resolution: choosing the place each span refers to, from its match and the document around it.

Every span has its candidates ranked by the quality of the match and the priors of the places
(:mod:`toponyms.ranking`). Where several candidates match about equally well (namesakes: dozens
of villages called Новоселівка, Pokrovsk in Donetsk oblast and in Yakutia), the document decides:

1. **an explicit parent nearby**: a candidate whose raion, hromada or oblast is itself mentioned
   within :data:`PARENT_WINDOW` characters ("Novoselivka, Kramatorsk district"; «Новоселівка
   Донецької області»);
2. **spatial coherence**: else the candidate in the same oblast as the document's unambiguous
   places, or the nearest to them within :data:`MAX_COHERENT_KM`;
3. **priors**: else the ranking's order (administrative level, then population).

Every mention keeps the other candidates, ranked, as ``alternatives``.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping

import attrs

from toponyms.match import SpanMatch
from toponyms.model import Candidate, Kind, Mention, Method, Place, distance_km
from toponyms.ranking import method_of, prior, rank_entries

MAX_ALTERNATIVES = 10  # enough to show every plausible namesake without bloating the output
PARENT_WINDOW = 80  # characters: "Novoselivka, Kramatorsk district of Donetsk oblast"
MAX_COHERENT_KM = 100.0  # a namesake this close to the document's other places is the one meant
CLOSE_SCORE = 0.9  # the document may choose among candidates scoring this share of the best
MAX_ANCHOR_POINTS = 200  # a long document's distinct settled points weighed for coherence
PRIOR_MARGIN = 1.25  # a kind prior this much above the rest settles a choice (city over village)
# Kinds that stand for a region in which other places lie (their points are centroids).
_REGION_KINDS = frozenset({Kind.COUNTRY, Kind.REGION, Kind.OBLAST, Kind.RAION, Kind.HROMADA})
_POINT_KINDS = frozenset({Kind.CITY, Kind.TOWN, Kind.SETTLEMENT, Kind.VILLAGE, Kind.CITY_DISTRICT})


def resolve(
    spans: list[SpanMatch],
    places: Mapping[str, Place],
    *,
    min_score: float = 0.0,
    as_of: datetime.date | None = None,
) -> list[Mention]:
    """One mention per span whose chosen candidate scores at least ``min_score``."""
    ranked = [
        rank_entries(
            span.entries,
            places,
            surface=span.surface,
            folded=span.folded,
            fuzzy=span.fuzzy,
            similarity=span.similarity,
        )
        for span in spans
    ]
    chosen = _Context(spans, ranked, places).choose()
    mentions = []
    for span, candidates, best in zip(spans, ranked, chosen, strict=True):
        if best.score < min_score:
            continue
        others = [c for c in candidates if c.place_id != best.place_id]
        mentions.append(_mention(span, best, others, places[best.place_id], as_of))
    return mentions


def _mention(
    span: SpanMatch,
    best: Candidate,
    others: list[Candidate],
    place: Place,
    as_of: datetime.date | None,
) -> Mention:
    entry = next(
        e
        for e in (*span.entries, *span.folded, *span.fuzzy)
        if e.place_id == best.place_id and e.name.text == best.matched
    )
    return Mention(
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
        method=Method.FUZZY if span.fuzzy else method_of(entry, span.surface),
        scheme=entry.scheme,
        matched=entry.name.text,
        name_lang=entry.name.lang,
        name_status=entry.name.status,
        name_as_of=place.name_on(as_of) if as_of is not None else None,
        refs=place.refs,
        alternatives=tuple(others[:MAX_ALTERNATIVES]),
    )


@attrs.frozen
class _Anchors:
    """The document's settled places as evidence: the regions they lie in, and their points."""

    regions: frozenset[str]
    points: tuple[tuple[float, float], ...]

    @classmethod
    def of(cls, anchors: list[Place], context: _Context) -> _Anchors:
        regions = set()
        points: dict[tuple[float, float], None] = {}  # distinct, in order of mention
        for anchor in anchors:
            if anchor.kind in _REGION_KINDS and anchor.kind is not Kind.COUNTRY:
                regions.add(anchor.id)
            elif anchor.kind in _POINT_KINDS and anchor.coords is not None:
                points[(anchor.coords.lat, anchor.coords.lon)] = None
                regions.update(context.first_level(anchor.id))
        return cls(frozenset(regions), tuple(points)[:MAX_ANCHOR_POINTS])


@attrs.define
class _Context:
    """The document's evidence for choosing among namesakes."""

    spans: list[SpanMatch]
    ranked: list[list[Candidate]]
    places: Mapping[str, Place]
    _ancestors: dict[str, tuple[str, ...]] = attrs.field(factory=dict)

    def choose(self) -> list[Candidate]:
        chosen = [candidates[0] for candidates in self.ranked]
        open_choices = {}
        for number, candidates in enumerate(self.ranked):
            # Namesakes, not a city and its own oblast (Kyiv the city, then the oblast)
            lineage = self.ancestors(candidates[0].place_id)
            close = [
                c
                for c in candidates
                if c.score >= candidates[0].score * CLOSE_SCORE and c.place_id not in lineage
            ]
            if len(close) > 1:
                open_choices[number] = close
        if not open_choices:
            return chosen
        settled = set(range(len(self.ranked))) - set(open_choices)
        for number, close in open_choices.items():
            parented = self._with_parent_nearby(number, close)
            if parented is not None:
                chosen[number] = parented
                settled.add(number)
        # Where the priors leave no doubt (Лиман the city before the villages Лиман), the
        # weaker evidence below does not apply; those places anchor the others.
        settled.update(n for n, close in open_choices.items() if self._clear_by_prior(close))
        anchors = _Anchors.of([self.places[chosen[n].place_id] for n in sorted(settled)], self)
        for number, close in open_choices.items():
            if number in settled:
                continue
            # Only true namesakes: matched as well, and settlements among settlements (Крым the
            # region is not outweighed by a town Крым nearby).
            top = close[0]
            point = self.places[top.place_id].kind in _POINT_KINDS
            namesakes = [
                c
                for c in close
                if c.score == top.score and (self.places[c.place_id].kind in _POINT_KINDS) == point
            ]
            if len(namesakes) > 1:
                chosen[number] = (
                    self._in_raion_of_town_nearby(number, namesakes)
                    or self._most_coherent(namesakes, anchors)
                    or chosen[number]
                )
        return chosen

    def _around(self, number: int) -> list[list[Candidate]]:
        """The candidates of the spans within PARENT_WINDOW characters of span ``number``,
        nearest first."""
        span = self.spans[number]
        near = []
        # Spans are in text order: walk out from this one only as far as the window reaches,
        # so a long document costs linear time.
        before = number - 1
        while before >= 0 and span.start - self.spans[before].end <= PARENT_WINDOW:
            near.append((span.start - self.spans[before].end, self.ranked[before]))
            before -= 1
        after = number + 1
        while after < len(self.spans) and self.spans[after].start - span.end <= PARENT_WINDOW:
            near.append((self.spans[after].start - span.end, self.ranked[after]))
            after += 1
        return [candidates for _, candidates in sorted(near, key=lambda pair: pair[0])]

    def _with_parent_nearby(self, number: int, close: list[Candidate]) -> Candidate | None:
        """A candidate whose raion, hromada or oblast is mentioned nearby, or the region of a
        place mentioned nearby («Новоселівку Покровського району»)."""
        nearby = {
            candidate.place_id
            for candidates in self._around(number)
            for candidate in candidates
            if self.places[candidate.place_id].kind is not Kind.COUNTRY  # too wide to decide
        }
        for candidate in close:
            if nearby.intersection(self.ancestors(candidate.place_id)):
                return candidate
        below = {a for place_id in nearby for a in self.ancestors(place_id)}
        for candidate in close:  # «Новоселівку Покровського району»: the raion of the village
            if (
                candidate.place_id in below
                and self.places[candidate.place_id].kind in _REGION_KINDS
            ):
                return candidate
        return None

    def _in_raion_of_town_nearby(self, number: int, close: list[Candidate]) -> Candidate | None:
        """A candidate in the raion of a town named nearby ("Novoselivka, Kramatorsk
        district" names the district by its centre), the town taken as what it most likely is
        (Лиман the city, not one of the villages Лиман)."""
        for candidates in self._around(number):  # nearest first
            raion = self._raion(candidates[0].place_id)
            for candidate in close:
                if raion and raion == self._raion(candidate.place_id):
                    return candidate
        return None

    def _most_coherent(self, close: list[Candidate], anchors: _Anchors) -> Candidate | None:
        if not anchors.regions and not anchors.points:
            return None

        def evidence(candidate: Candidate) -> tuple[bool, float]:
            place = self.places[candidate.place_id]
            in_region = bool(anchors.regions.intersection(self.ancestors(place.id)))
            distance = math.inf
            if place.coords is not None and anchors.points:
                here = (place.coords.lat, place.coords.lon)
                distance = min(distance_km(*here, *point) for point in anchors.points)
            return in_region, distance

        scored = [(evidence(c), rank, c) for rank, c in enumerate(close)]
        coherent = [s for s in scored if s[0][0] or s[0][1] <= MAX_COHERENT_KM]
        if not coherent:
            return None
        return min(coherent, key=lambda s: (not s[0][0], s[0][1], s[1]))[2]

    def _clear_by_prior(self, close: list[Candidate]) -> bool:
        first, *others = (prior(self.places[c.place_id])[0] for c in close)
        return all(first >= other * PRIOR_MARGIN for other in others)

    def ancestors(self, place_id: str) -> tuple[str, ...]:
        """The ids of a place's parents, nearest first (cached for the document)."""
        found = self._ancestors.get(place_id)
        if found is None:
            chain = []
            parent = self.places[place_id].parent
            while parent is not None and parent in self.places and parent not in chain:
                chain.append(parent)
                parent = self.places[parent].parent
            found = self._ancestors[place_id] = tuple(chain)
        return found

    def first_level(self, place_id: str) -> tuple[str, ...]:
        """The oblast (or region) a place lies in, as a one-element tuple, or empty."""
        return self._ancestor_of_kind(place_id, (Kind.OBLAST, Kind.REGION))

    def _raion(self, place_id: str) -> tuple[str, ...]:
        """The raion a settlement lies in, as a one-element tuple, or empty."""
        if self.places[place_id].kind not in _POINT_KINDS:
            return ()
        return self._ancestor_of_kind(place_id, (Kind.RAION,))

    def _ancestor_of_kind(self, place_id: str, kinds: tuple[Kind, ...]) -> tuple[str, ...]:
        for ancestor in self.ancestors(place_id):
            if self.places[ancestor].kind in kinds:
                return (ancestor,)
        return ()
