"""Resolution rules that read the whole document rather than the words around a name: the
lists a name stands in, and one sense per name (a name qualified once decides its repeats).

A mixin of the resolver in :mod:`toponyms.resolve`, which holds the state these rules read.
"""

from __future__ import annotations

import abc
from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING

import attrs

from toponyms.model import Candidate, Evidence, EvidenceRule, Place
from toponyms.resolve_context import POINT_KINDS, Lineage, nearest_within

if TYPE_CHECKING:
    from toponyms.match import SpanMatch

MIN_LIST_ANCHORS = 2  # settled places of one oblast that make a list about that oblast
LIST_PAIR_KM = 30.0  # two listed namesakes this close are taken to be the pair meant
PAIR_MARGIN = 3.0  # … when the next-nearest pair is this many times farther
# Rules that read the text around a name itself; the others weigh the document or the priors.
_EXPLICIT = frozenset(
    {EvidenceRule.QUALIFIER, EvidenceRule.PARENT_NEARBY, EvidenceRule.RAION_OF_TOWN}
)

_Choice = tuple[Candidate, Evidence]


class DocumentRules(abc.ABC):
    """Rules over lists and repeats; the resolver provides the state and the candidate sets."""

    spans: list[SpanMatch]
    ranked: list[list[Candidate]]
    places: Mapping[str, Place]
    lineage: Lineage
    pools: list[list[Candidate]]
    chosen: list[_Choice | None]

    @abc.abstractmethod
    def _close(self, pool: list[Candidate]) -> list[Candidate]:
        """The candidates of ``pool`` that compete with its best."""

    @abc.abstractmethod
    def _same_class(self, close: list[Candidate]) -> list[Candidate]:
        """Settlements among settlements, units among units."""

    def _one_sense_per_name(self) -> None:
        """A name qualified once in a text means the same place where it stands bare: «село
        Доброполье Криворожской сельской общины» decides every «Доброполье» of the text."""
        decided: dict[frozenset[str], set[str]] = {}
        sample: dict[frozenset[str], _Choice] = {}
        names = [frozenset(c.place_id for c in pool) for pool in self.ranked]
        for number, choice in enumerate(self.chosen):
            if choice is not None and choice[1].rule in _EXPLICIT and len(names[number]) > 1:
                decided.setdefault(names[number], set()).add(choice[0].place_id)
                sample[names[number]] = choice
        for number, choice in enumerate(self.chosen):
            places = decided.get(names[number])
            if choice is None or places is None or len(places) != 1 or choice[1].rule in _EXPLICIT:
                continue
            (place_id,) = places
            candidate = next(c for c in self.ranked[number] if c.place_id == place_id)
            evidence = attrs.evolve(sample[names[number]][1], detail="the same name elsewhere")
            self.chosen[number] = (candidate, evidence)

    # ---- candidates ---------------------------------------------------------------------

    def _listed_among(self, number: int, top: Place, minors: list[Candidate]) -> _Choice | None:
        """A village listed among settled villages of its oblast, where the city of its name
        lies in another («П’ятихатки, Кам’янське, Гуляйполе, Щербаки» on the Zaporizhzhia
        front): the list is about that oblast."""
        members = self._list_members(number)
        settled = [self.chosen[m] for m in members]
        oblasts = Counter(
            self.lineage.first_level(choice[0].place_id)
            for choice in settled
            if choice is not None and self.places[choice[0].place_id].kind in POINT_KINDS
        )
        for candidate in minors:
            oblast = self.lineage.first_level(candidate.place_id)
            if (
                oblast is not None
                and oblast != self.lineage.first_level(top.id)
                and oblasts[oblast] >= MIN_LIST_ANCHORS
            ):
                return candidate, Evidence(
                    rule=EvidenceRule.COHERENCE, place_id=oblast, detail="listed with its places"
                )
        return None

    def _near_list_members(self, number: int, close: list[Candidate]) -> _Choice | None:
        """Where nothing is settled, the namesake nearest to a namesake of another member of
        its list («Копачів і Залісся»: the two villages of the Chornobyl zone, a few km apart),
        if that pair is clearly the nearest."""
        others = [
            self.places[c.place_id]
            for member in self._list_members(number)
            for c in self._same_class(self._close(self.pools[member]))
        ]
        if not others:
            return None
        scored = []
        for candidate in close:
            near = nearest_within(self.places[candidate.place_id], others, LIST_PAIR_KM)
            if near is not None and near[0].id != candidate.place_id:
                scored.append((near[1], candidate, near[0]))
        if not scored:
            return None
        scored.sort(key=lambda item: item[0])
        if len(scored) > 1 and scored[1][0] < scored[0][0] * PAIR_MARGIN:
            return None  # two pairs as near: nothing told apart
        _, best, anchor = scored[0]
        return best, Evidence(
            rule=EvidenceRule.COHERENCE, place_id=anchor.id, detail="listed with a place nearby"
        )

    def _list_members(self, number: int) -> list[int]:
        """The other spans of the list that span ``number`` stands in."""
        members = []
        before = number
        while before > 0 and self.spans[before - 1].listed_with_next:
            before -= 1
            members.append(before)
        after = number
        while after + 1 < len(self.spans) and self.spans[after].listed_with_next:
            after += 1
            members.append(after)
        return members
