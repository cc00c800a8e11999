"""Resolution: choosing the place each span refers to, and saying why.

Every span has its candidates ranked by the quality of the match and the priors of the places
(:mod:`toponyms.ranking`). Then, in this order, the first rule that decides gives the mention its
place and its :class:`~toponyms.model.Evidence`:

1. **phrase**: an administrative phrase («Донецької області», "the Kharkiv region") keeps only
   the units its head can name;
2. **qualifier**: a unit written right beside the name («Новоселівка Покровського району»,
   "Troitske in the Svatove district") keeps only the places inside it, whatever else the
   document says;
3. **only_candidate** / **prior**: one candidate, or one far ahead by its match or its kind —
   a city or an oblast centre is not outweighed by a village of its name; a village needs
   explicit evidence: its raion or hromada named nearby, or a settled place within
   :data:`NEAR_KM`;
4. **parent_nearby**: among namesakes, the one whose raion, hromada or oblast is mentioned
   within :data:`PARENT_WINDOW` characters, nearest first;
5. **raion_of_town**: the one in the raion of a town named nearby ("Novoselivka, Kramatorsk
   district" names the raion by its centre);
6. **coherence**: the one in the oblast of the document's settled places, or the nearest to them
   within :data:`MAX_COHERENT_KM`; **context**: where namesakes lie in different countries (a
   former or occupation-era name: Krasnoarmeysk), the country the document's places are in;
7. **prior** again: else the ranking's order.

Every mention keeps the other candidates, ranked, as ``alternatives``.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Mapping

import attrs

from toponyms.match import SpanMatch
from toponyms.model import (
    Candidate,
    Evidence,
    EvidenceRule,
    Kind,
    Mention,
    Method,
    NameStatus,
    Place,
)
from toponyms.ranking import method_of, prior, rank_entries
from toponyms.resolve_context import (
    MAJOR_KINDS,
    POINT_KINDS,
    REGION_KINDS,
    Anchors,
    Lineage,
    nearest_within,
)
from toponyms.resolve_document import DocumentRules

MAX_ALTERNATIVES = 10  # enough to show every plausible namesake without bloating the output
PARENT_WINDOW = 80  # characters: "Novoselivka, Kramatorsk district of Donetsk oblast"
MAX_COHERENT_KM = 100.0  # a namesake this close to the document's other places is the one meant
NEAR_KM = 15.0  # a settled place this close makes a village more likely than a distant city
CLOSE_SCORE = 0.85  # the document may choose among candidates scoring this share of the best
PRIOR_MARGIN = 1.25  # a kind prior this much above the rest settles a choice (city over village)
_OTHER_NAMES = frozenset({NameStatus.FORMER, NameStatus.OCCUPATION})


def resolve(
    spans: list[SpanMatch],
    places: Mapping[str, Place],
    *,
    min_score: float = 0.0,
    as_of: datetime.date | None = None,
    offset: int = 0,
) -> list[Mention]:
    """One mention per span whose chosen candidate scores at least ``min_score``, its offsets
    (and its evidence's) moved by ``offset``: a window's mentions are made with the offsets of
    the whole text, not made and then copied."""
    ranked = [
        rank_entries(
            span.entries,
            places,
            surface=span.surface,
            folded=span.folded,
            fuzzy=span.fuzzy,
            similarity=span.similarity,
            adjective_first=span.prefer_adjective,
        )
        for span in spans
    ]
    choices = _Resolver(spans, ranked, places).choose()
    mentions = []
    for span, candidates, (best, evidence) in zip(spans, ranked, choices, strict=True):
        if best.score < min_score:
            continue
        others = [c for c in candidates if c.place_id != best.place_id]
        mentions.append(
            _mention(span, best, others, places[best.place_id], evidence, as_of, offset)
        )
    return mentions


def _mention(
    span: SpanMatch,
    best: Candidate,
    others: list[Candidate],
    place: Place,
    evidence: Evidence,
    as_of: datetime.date | None,
    offset: int,
) -> Mention:
    entry = next(
        e
        for e in (*span.entries, *span.folded, *span.fuzzy)
        if e.place_id == best.place_id and e.name.text == best.matched
    )
    if offset and evidence.start is not None and evidence.end is not None:
        evidence = attrs.evolve(evidence, start=evidence.start + offset, end=evidence.end + offset)
    return Mention(
        start=span.start + offset,
        end=span.end + offset,
        surface=span.surface,
        place_id=place.id,
        name=place.name,
        kind=place.kind,
        country=place.country,
        lat=place.coords.lat if place.coords else None,
        lon=place.coords.lon if place.coords else None,
        coords_precision=place.coords.precision if place.coords else None,
        score=best.score,
        method=Method.FUZZY if span.fuzzy else method_of(entry, span.surface),
        scheme=entry.scheme,
        matched=entry.name.text,
        name_lang=entry.name.lang,
        name_status=entry.name.status,
        name_as_of=place.name_on(as_of) if as_of is not None else None,
        refs=place.refs,
        alternatives=tuple(others[:MAX_ALTERNATIVES]),
        evidence=evidence,
        in_name=span.in_name,
    )


_Choice = tuple[Candidate, Evidence]


@attrs.define
class _Resolver(DocumentRules):
    """The document's evidence for choosing among namesakes."""

    spans: list[SpanMatch]
    ranked: list[list[Candidate]]
    places: Mapping[str, Place]
    lineage: Lineage = attrs.field(init=False)
    pools: list[list[Candidate]] = attrs.field(init=False)
    chosen: list[_Choice | None] = attrs.field(init=False)
    _likely: list[str] | None = attrs.field(init=False, default=None)

    def __attrs_post_init__(self) -> None:
        self.lineage = Lineage(self.places)
        self.pools = [self._pool(number) for number in range(len(self.spans))]
        self.chosen = [None] * len(self.spans)

    def choose(self) -> list[_Choice]:
        self._apply_qualifiers()
        open_choices: dict[int, list[Candidate]] = {}
        for number, pool in enumerate(self.pools):
            close = self._same_class(self._close(pool))
            if len(close) == 1:
                self._settle(number, close[0], self._single_rule(number))
            else:
                open_choices[number] = close
        for number, close in open_choices.items():
            if self._clear_by_prior(close):
                minor = self._minor_with_evidence(number, close)
                if minor is not None:
                    self._settle(number, *minor)
                else:
                    self._settle(number, close[0], self._rule(EvidenceRule.PRIOR))
                continue
            if self.places[close[0].place_id].kind in MAJOR_KINDS:
                # Cities among themselves (Krasnoarmeysk: Pokrovsk or the Russian town); a
                # village of the name only with explicit evidence of its own.
                minor = self._minor_with_evidence(number, close)
                if minor is not None:
                    self._settle(number, *minor)
                    continue
                close = open_choices[number] = [
                    c for c in close if self.places[c.place_id].kind in MAJOR_KINDS
                ]
                if len(close) == 1:
                    self._settle(number, close[0], self._rule(EvidenceRule.PRIOR))
                    continue
            found = self._with_parent_nearby(number, close) or self._in_raion_of_town(number, close)
            if found is not None:
                self._settle(number, *found)
        anchors = Anchors.of(
            [self.places[c[0].place_id] for c in self.chosen if c is not None], self.lineage
        )
        for number, close in open_choices.items():
            if self.chosen[number] is None:
                found = self._coherent(close, anchors) or self._near_list_members(number, close)
                self._settle(number, *(found or (close[0], self._fallback(number))))
        self._one_sense_per_name()
        return [choice for choice in self.chosen if choice is not None]

    def _pool(self, number: int) -> list[Candidate]:
        """The candidates a span may take: for a phrase, only units its head can name."""
        candidates = self.ranked[number]
        kinds = self.spans[number].unit_kinds
        if kinds is None:
            return candidates
        return [c for c in candidates if self.places[c.place_id].kind in kinds] or candidates

    def _close(self, pool: list[Candidate]) -> list[Candidate]:
        """The candidates that match about as well as the best, but not the best's own
        parents (Kyiv the city, then its oblast)."""
        top = pool[0]
        parents = self.lineage.ancestors(top.place_id)
        return [c for c in pool if c.score >= top.score * CLOSE_SCORE and c.place_id not in parents]

    def _same_class(self, close: list[Candidate]) -> list[Candidate]:
        """Settlements among settlements, regions among regions: Крым the peninsula is not
        outweighed by a town Крым, whatever the document says."""
        point = self.places[close[0].place_id].kind in POINT_KINDS
        return [c for c in close if (self.places[c.place_id].kind in POINT_KINDS) == point]

    def _settle(self, number: int, candidate: Candidate, evidence: Evidence) -> None:
        held = self.chosen[number]
        if held is not None and held[1].rule is EvidenceRule.QUALIFIER and evidence is not held[1]:
            # The qualifier narrowed the namesakes; another rule chose among those left.
            evidence = attrs.evolve(held[1], detail=f"then {evidence.rule}")
        self.chosen[number] = (candidate, evidence)

    def _rule(
        self, rule: EvidenceRule, other: int | None = None, detail: str | None = None
    ) -> Evidence:
        if other is None:
            return Evidence(rule=rule, detail=detail)
        span = self.spans[other]
        choice = self.chosen[other]
        place_id = choice[0].place_id if choice is not None else self.pools[other][0].place_id
        return Evidence(rule=rule, place_id=place_id, start=span.start, end=span.end, detail=detail)

    def _fallback(self, number: int) -> Evidence:
        """The evidence of a choice nothing in the document made: a phrase's unit, the likeliest
        of its namesakes; else the prior."""
        if self.spans[number].unit_kinds is not None:
            return self._rule(EvidenceRule.PHRASE, detail="the likeliest of its namesakes")
        return self._rule(EvidenceRule.PRIOR)

    def _single_rule(self, number: int) -> Evidence:
        chosen = self.chosen[number]
        if chosen is not None:  # a qualifier decided it
            return chosen[1]
        if self.spans[number].unit_kinds is not None:
            return self._rule(EvidenceRule.PHRASE)
        if len(self.ranked[number]) == 1:
            return self._rule(EvidenceRule.ONLY_CANDIDATE)
        return self._rule(EvidenceRule.PRIOR)

    # ---- rules --------------------------------------------------------------------------

    def _apply_qualifiers(self) -> None:
        """Right to left, so that a qualifier is itself qualified first (a village by its
        raion, the raion by its oblast). A qualifier with namesakes of its own (many a
        «Василівська громада») is the one that holds a candidate of what it qualifies."""
        for number in reversed(range(len(self.spans))):
            qualifier = self.spans[number].qualifier
            if qualifier is None:
                continue
            held = self.chosen[qualifier]
            units = [held[0]] if held is not None else self._close(self.pools[qualifier])
            for unit in units:
                inside = [
                    c
                    for c in self.pools[number]
                    if self.lineage.is_within(c.place_id, unit.place_id)
                ]
                if not inside:
                    continue
                if held is None and len(units) > 1:
                    self.pools[qualifier] = [unit]
                    self._settle(qualifier, unit, self._rule(EvidenceRule.PHRASE))
                self.pools[number] = inside
                self._settle(number, inside[0], self._rule(EvidenceRule.QUALIFIER, qualifier))
                break

    def _clear_by_prior(self, close: list[Candidate]) -> bool:
        first, *others = (prior(self.places[c.place_id])[0] for c in close)
        return all(first >= other * PRIOR_MARGIN for other in others)

    def _minor_with_evidence(self, number: int, close: list[Candidate]) -> _Choice | None:
        """A lesser namesake (a village beside a city) with explicit evidence: a qualifier,
        its raion or hromada named nearby, or a settled place within :data:`NEAR_KM`."""
        if self.chosen[number] is not None:
            return self.chosen[number]
        top = self.places[close[0].place_id]
        if top.kind not in MAJOR_KINDS or self._named_elsewhere(number, top.id):
            return None  # "Krasnoarmysk (Pokrovsk)": the city is in the text already
        minors = close[1:]
        for other in self._around(number):
            unit = self._unit_of(other)
            if unit is None or self.places[unit].kind not in (Kind.RAION, Kind.HROMADA):
                continue
            for candidate in minors:
                if self.lineage.is_within(candidate.place_id, unit):
                    return candidate, self._rule(EvidenceRule.PARENT_NEARBY, other)
        for other in self._around(number):
            settled = self.chosen[other]
            if settled is None:
                continue
            anchor = self.places[settled[0].place_id]
            if anchor.kind not in POINT_KINDS:
                continue  # an oblast's centroid is near many villages and proves nothing
            if nearest_within(top, [anchor], MAX_COHERENT_KM) is not None:
                continue  # the city is near that place too: nearness does not tell them apart
            for candidate in minors:
                place = self.places[candidate.place_id]
                if nearest_within(place, [anchor], NEAR_KM) is not None:
                    return candidate, self._rule(EvidenceRule.COHERENCE, other)
        return self._listed_among(number, top, minors)

    def _around(self, number: int) -> list[int]:
        """The spans within :data:`PARENT_WINDOW` characters of span ``number``, nearest
        first; walking out only as far as the window reaches keeps long documents linear."""
        span = self.spans[number]
        near = []
        before = number - 1
        while before >= 0 and span.start - self.spans[before].end <= PARENT_WINDOW:
            near.append((span.start - self.spans[before].end, before))
            before -= 1
        after = number + 1
        while after < len(self.spans) and self.spans[after].start - span.end <= PARENT_WINDOW:
            near.append((self.spans[after].start - span.end, after))
            after += 1
        return [other for _, other in sorted(near)]

    def _unit_of(self, number: int) -> str | None:
        """The unit span ``number`` names, if it names one (a phrase, or a unit by its name)."""
        choice = self.chosen[number]
        candidate = choice[0] if choice is not None else self.pools[number][0]
        if self.places[candidate.place_id].kind not in REGION_KINDS - {Kind.COUNTRY}:
            return None
        if choice is None and len(self._close(self.pools[number])) > 1:
            return None  # an unsettled namesake proves nothing
        return candidate.place_id

    def _with_parent_nearby(self, number: int, close: list[Candidate]) -> _Choice | None:
        """A candidate whose raion, hromada or oblast is mentioned nearby, nearest first; a unit
        that holds every candidate alike (the oblast of all the namesakes) decides nothing."""
        for other in self._around(number):
            unit = self._unit_of(other)
            if unit is None:
                continue
            inside = [c for c in close if self.lineage.is_within(c.place_id, unit)]
            if inside and len(inside) < len(close):
                if len(inside) > 1:
                    close = inside  # narrowed: a nearer unit or a later rule chooses among them
                    continue
                return inside[0], self._rule(EvidenceRule.PARENT_NEARBY, other)
        return None

    def _in_raion_of_town(self, number: int, close: list[Candidate]) -> _Choice | None:
        """A settlement in the raion of a settled town named nearby, the town taken as what it
        most likely is (Лиман the city, not one of the villages Лиман); among several there, the
        one in the town's hromada, else the nearest to it."""
        if not all(self.places[c.place_id].kind in POINT_KINDS for c in close):
            return None
        for other in self._around(number):
            town = self._settled_or_clear(other)
            if town is None:
                continue  # a namesake itself (Plavni, Prymorske): it proves nothing yet
            raion = self.lineage.raion(town)
            if raion is None:
                continue
            inside = [
                c for c in close if self.lineage.raion(c.place_id) == raion and c.place_id != town
            ]
            if not inside:
                continue
            hromada = self.lineage.ancestors(town)[:1]
            same = [c for c in inside if self.lineage.ancestors(c.place_id)[:1] == hromada]
            anchor = [self.places[town]]
            best = min(
                same or inside,
                key=lambda c: (
                    nearest_within(self.places[c.place_id], anchor, MAX_COHERENT_KM)
                    or (None, MAX_COHERENT_KM)
                )[1],
            )
            return best, self._rule(EvidenceRule.RAION_OF_TOWN, other)
        return None

    def _named_elsewhere(self, number: int, place_id: str) -> bool:
        """Whether another span of the document has ``place_id`` as its likeliest reading."""
        if self._likely is None:
            self._likely = [pool[0].place_id for pool in self.pools]
        return any(n != number and found == place_id for n, found in enumerate(self._likely))

    def _settled_or_clear(self, number: int) -> str | None:
        """The place of span ``number`` if it is settled, or clear by its prior (Лиман the
        city, not one of the villages Лиман); else None."""
        choice = self.chosen[number]
        if choice is not None:
            return choice[0].place_id
        close = self._same_class(self._close(self.pools[number]))
        if len(close) == 1 or self._clear_by_prior(close):
            return close[0].place_id
        return None

    def _coherent(self, close: list[Candidate], anchors: Anchors) -> _Choice | None:
        """The namesake among the document's settled places: in their oblast, or nearest
        within :data:`MAX_COHERENT_KM`; across countries, in the country they are in."""
        # ``close`` is of one class already (settlements or units): see _same_class.
        if len(close) > 1 and (anchors.regions or anchors.places):
            scored = []
            for rank, candidate in enumerate(close):
                place = self.places[candidate.place_id]
                region = anchors.region_of(place, self.lineage)
                near = anchors.nearest(place, MAX_COHERENT_KM)
                if near is not None:
                    scored.append((region is None, near[1], rank, candidate, region or near[0]))
                elif region is not None:
                    scored.append((False, MAX_COHERENT_KM, rank, candidate, region))
            if scored:
                best = min(scored, key=lambda item: item[:3])
                return best[3], Evidence(rule=EvidenceRule.COHERENCE, place_id=best[4].id)
        if self._countries(close) > 1 and anchors.countries and self._by_another_name(close):
            country, _ = Counter(anchors.countries).most_common(1)[0]
            for candidate in close:
                if self.places[candidate.place_id].country == country:
                    return candidate, Evidence(
                        rule=EvidenceRule.CONTEXT, detail=f"the document's places are in {country}"
                    )
        return None

    def _by_another_name(self, close: list[Candidate]) -> bool:
        """Whether a candidate is reached by a former or occupation-era name, where another is
        reached by its own (Krasnoarmeysk: Pokrovsk before 2016, a town of Saratov oblast now)."""
        statuses = {self._status(c) for c in close}
        return len(statuses) > 1 and bool(statuses & _OTHER_NAMES)

    def _status(self, candidate: Candidate) -> NameStatus:
        place = self.places[candidate.place_id]
        return next(
            (n.status for n in place.names if n.text == candidate.matched), NameStatus.OFFICIAL
        )

    def _countries(self, close: list[Candidate]) -> int:
        return len({self.places[c.place_id].country for c in close})
