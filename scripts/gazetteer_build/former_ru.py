"""Russian forms of the former Ukrainian names of Ukraine's settlements.

Russian text often still names a village by its pre-2016 (or pre-2024) name, in Russian: the
gazetteer should have that form. Where GeoNames gives none (``alternates``), this module adds it:
the Russian name that KOATUU 2019 gives to a settlement of the same Ukrainian name (a name used
somewhere is a name Russian writes so: Петрівка is Петровка), else a form made by rule
(``toponyms.text.russify``, after the words and endings of ``russian_forms`` in the curation),
noted as such. The Russian name takes the period of the Ukrainian one.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from gazetteer_build.places import OFFICIAL, Draft, make_name
from gazetteer_build.sources import Sources
from gazetteer_build.text import APOSTROPHE, restore_case
from toponyms.text.russify import russify

KOATUU_2019 = "koatuu/koatuu_2019-05-30.csv"
SETTLEMENT_TYPES = frozenset("МТСЩ")
KINDS = frozenset({"city", "settlement", "village"})
RULE_NOTE = "Russian form made by rule from the Ukrainian name; no source gives it"
_WORD = re.compile(r"[^\W\d_]+(?:’[^\W\d_]+)*")


def read_pairs(sources: Sources) -> dict[str, str]:
    """Ukrainian settlement name (capitals) → the Russian name KOATUU 2019 gives it, where one
    Russian name accounts for most of its uses."""
    pairs: dict[str, Counter[str]] = defaultdict(Counter)
    for row in sources.csv(KOATUU_2019):
        if row["np"] in SETTLEMENT_TYPES and row["name_ru"]:
            pairs[row["name_uk"].replace("'", APOSTROPHE)][row["name_ru"]] += 1
    found = {}
    for name, counts in pairs.items():
        (best, count), *rest = counts.most_common()
        if not rest or count > rest[0][1]:
            found[name] = best
    return found


def apply(drafts: dict[str, Draft], pairs: dict[str, str], curated: dict[str, Any]) -> int:
    """Give every Ukrainian settlement's former Ukrainian name a Russian form with its period;
    return how many were added."""
    rules = _Rules(
        names=curated.get("names") or {},
        words=curated.get("words") or {},
        prefixes=curated.get("prefixes") or {},
        spellings=curated.get("spellings") or {},
    )
    added = 0
    for draft in drafts.values():
        if draft.country != "UA" or draft.kind not in KINDS:
            continue
        for name in list(draft.names):
            if name["lang"] != "uk" or name.get("status", OFFICIAL) != "former":
                continue
            period = name.get("until")
            if any(
                n["lang"] == "ru" and n.get("status") == "former" and n.get("until") == period
                for n in draft.names
            ):
                continue
            text, made = rules.russian(name["text"], pairs)
            if any(n["text"] == text and n["lang"] == "ru" for n in draft.names):
                continue
            parts = (name.get("note"), RULE_NOTE if made else None)
            note = "; ".join(part for part in parts if part) or None
            russian = make_name(
                text, "ru", "former", since=name.get("since"), until=period, note=note
            )
            added += draft.add_name(russian)
    return added


@dataclass(frozen=True)
class _Rules:
    """The curated words and spellings of ``russian_forms``."""

    names: dict[str, str]
    words: dict[str, str]
    prefixes: dict[str, str]
    spellings: dict[str, str]

    def russian(self, text: str, pairs: dict[str, str]) -> tuple[str, bool]:
        """The Russian form of a Ukrainian name, and whether the rule made it: a curated name;
        a name with a curated word by the rule; KOATUU's Russian for the same Ukrainian name;
        else the rule."""
        if text in self.names:
            return self.names[text], False
        words = [match.group() for match in _WORD.finditer(text)]
        curated = any(w in self.words or w.startswith(tuple(self.prefixes)) for w in words)
        caps = pairs.get(text.upper())
        if caps is not None and not curated:
            return restore_case(caps, text), False
        return self._by_rule(text), True

    def _by_rule(self, text: str) -> str:
        """The rule's Russian form with the curated words put in their place and the letters it
        leaves Ukrainian mended (the rule keeps the words and the spaces between them)."""
        russian = russify(text)
        source = list(_WORD.finditer(text))
        target = list(_WORD.finditer(russian))
        if len(source) != len(target):
            return russian
        pieces, last = [], 0
        for original, match in zip(source, target, strict=True):
            pieces.append(russian[last : match.start()])
            pieces.append(self.words.get(original.group()) or self._mended(match.group()))
            last = match.end()
        pieces.append(russian[last:])
        return "".join(pieces)

    def _mended(self, word: str) -> str:
        for ukrainian, russian in self.prefixes.items():
            if word.startswith(russify(ukrainian)):
                word = russian + word[len(russify(ukrainian)) :]
        for wrong, right in self.spellings.items():
            word = word.replace(wrong, right)
        return word
