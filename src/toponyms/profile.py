"""Naming profiles: which kinds of names a source uses, counted from its mentions.

A source that writes «Красноармейск» and «Артемовск» uses the pre-2016 Russian forms that
Russian official sources keep; one that writes "Kharkov" romanizes the Russian name, one that
writes "Kharkiv" the Ukrainian. Every category comes from the fields of the mentions themselves
(``name_status``, ``name_lang``, ``method``, ``scheme``), so a status or scheme added to the
gazetteer shows up here without a change to this module. See docs/profile.md.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from toponyms.model import Mention, Method

# Each facet groups mentions by one or more of their fields; ``form`` is the pair that answers
# "which names": a former Russian name, an official Ukrainian one.
FACETS: Mapping[str, tuple[str, ...]] = {
    "form": ("name_status", "name_lang"),
    "name_status": ("name_status",),
    "name_lang": ("name_lang",),
    "method": ("method",),
    "scheme": ("scheme",),
}
DEFAULT_LIMIT = 5  # examples kept per category: enough to recognise it, short enough to read


@attrs.frozen(kw_only=True)
class Usage:
    """One kind of name a source uses: the facet's values, how many mentions, and examples.

    ``values`` pairs each field of the facet with its value (``(("name_status", "former"),
    ("name_lang", "ru"))``); ``examples`` are the distinct names used, in order of first use:
    each as written, except that an inflected one is given in the form the gazetteer lists
    («Красноармейск» for «под Красноармейском»).
    """

    facet: str
    values: tuple[tuple[str, str], ...]
    count: int
    examples: tuple[str, ...]

    @property
    def label(self) -> str:
        """The values joined by spaces: ``former ru``."""
        return " ".join(value for _, value in self.values)


@attrs.frozen(kw_only=True)
class Profile:
    """The naming profile of one document or of a corpus.

    ``usages`` holds every facet's categories, the facets in :data:`FACETS` order and the
    categories of each most frequent first.
    """

    mentions: int
    places: int
    usages: tuple[Usage, ...]
    documents: int = 1

    def of(self, facet: str) -> list[Usage]:
        """The categories of one facet (``form``, ``name_status``, ``name_lang``, ``method``,
        ``scheme``), most frequent first; raises ValueError for an unknown facet."""
        if facet not in FACETS:
            raise ValueError(f"unknown facet {facet!r}; known: {', '.join(FACETS)}")
        return [usage for usage in self.usages if usage.facet == facet]

    def count(self, facet: str, **values: str) -> int:
        """How many mentions have these values in this facet (0 if none).

        >>> Profile(mentions=0, places=0, usages=()).count("form", name_status="former")
        0
        """
        for usage in self.of(facet):
            if dict(usage.values) == values:
                return usage.count
        return 0


@attrs.frozen(kw_only=True)
class CorpusProfile:
    """The profiles of a corpus: one per document, in input order, and their ``total``."""

    documents: tuple[Profile, ...]
    total: Profile


class _Tally:
    """Counts and first examples of every facet's categories, mention by mention."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.mentions = 0
        self.documents = 0
        self.place_ids: set[str] = set()
        self.counts: dict[str, Counter[tuple[str, ...]]] = {facet: Counter() for facet in FACETS}
        self.surfaces: dict[tuple[str, tuple[str, ...]], dict[str, str]] = {}

    def add(self, mention: Mention) -> None:
        self.mentions += 1
        self.place_ids.add(mention.place_id)
        for facet, fields in FACETS.items():
            values = tuple(_field(mention, field) for field in fields)
            if any(value is None for value in values):
                continue  # a facet that does not apply: no scheme for a Cyrillic match
            key = tuple(str(value) for value in values)
            self.counts[facet][key] += 1
            seen = self.surfaces.setdefault((facet, key), {})
            if len(seen) < self.limit:
                example = _example(mention)
                seen.setdefault(example.casefold(), example)

    def profile(self) -> Profile:
        usages = []
        for facet, fields in FACETS.items():
            # Most frequent first; ties in the order of the values, so output is stable.
            ranked = sorted(self.counts[facet].items(), key=lambda item: (-item[1], item[0]))
            for key, count in ranked:
                usages.append(
                    Usage(
                        facet=facet,
                        values=tuple(zip(fields, key, strict=True)),
                        count=count,
                        examples=tuple(self.surfaces[(facet, key)].values()),
                    )
                )
        return Profile(
            mentions=self.mentions,
            places=len(self.place_ids),
            usages=tuple(usages),
            documents=self.documents,
        )


def _field(mention: Mention, field: str) -> object:
    return getattr(mention, field)


def _example(mention: Mention) -> str:
    """The name a mention uses: as written, but an inflected form as the gazetteer lists it, so
    that «Красноармейском» and «Красноармейске» are one example."""
    return mention.matched if mention.method is Method.INFLECTED else mention.surface


def profile(mentions: Iterable[Mention], *, limit: int = DEFAULT_LIMIT) -> Profile:
    """The naming profile of one document's mentions.

    Args:
        mentions: the mentions of one document (from :meth:`toponyms.Matcher.annotate`).
        limit: at most this many examples per category.

    >>> from toponyms import Matcher, load
    >>> found = profile(Matcher(load()).annotate("Бои под Красноармейском и в Артемовске."))
    >>> [(u.label, u.count, u.examples) for u in found.of("form")]
    [('former ru', 2, ('Красноармейск', 'Артемовск'))]
    """
    tally = _Tally(_limit(limit))
    tally.documents = 1
    for mention in mentions:
        tally.add(mention)
    return tally.profile()


def profile_corpus(
    documents: Iterable[Sequence[Mention]], *, limit: int = DEFAULT_LIMIT
) -> CorpusProfile:
    """The profile of every document and of all of them together, reading each once."""
    total = _Tally(_limit(limit))
    profiles = []
    for mentions in documents:
        one = _Tally(total.limit)
        one.documents = 1
        total.documents += 1
        for mention in mentions:
            one.add(mention)
            total.add(mention)
        profiles.append(one.profile())
    return CorpusProfile(documents=tuple(profiles), total=total.profile())


def _limit(limit: int) -> int:
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 0:
        raise ValueError(f"limit must be a non-negative integer, not {limit!r}")
    return limit


def profile_record(found: Profile) -> dict[str, Any]:
    """A profile as a JSON-ready dict: ``documents, mentions, places`` and, per facet, a list
    of ``{<field>: <value>…, "count", "examples"}`` (docs/profile.md)."""
    record: dict[str, Any] = {
        "documents": found.documents,
        "mentions": found.mentions,
        "places": found.places,
    }
    for facet in FACETS:
        record[facet] = [
            {**dict(usage.values), "count": usage.count, "examples": list(usage.examples)}
            for usage in found.of(facet)
        ]
    return record


def format_profile(found: Profile, title: str) -> str:
    """A profile as lines of text: a heading, then a line per facet with its categories."""
    lines = [f"{title}: {found.mentions} mention(s) of {found.places} place(s)"]
    width = max(len(facet) for facet in FACETS)
    for facet in FACETS:
        parts = [
            f"{usage.label} {usage.count}"
            + (f" ({', '.join(usage.examples)})" if usage.examples else "")
            for usage in found.of(facet)
        ]
        if parts:
            lines.append(f"  {facet.ljust(width)}  " + "; ".join(parts))
    return "\n".join(lines)
