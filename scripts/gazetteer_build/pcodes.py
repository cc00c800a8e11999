"""OCHA COD-AB P-codes of Ukraine's units, cut from their KATOTTG codes, and the check that the
cut keeps the hierarchy (``refs.pcode``; docs/gazetteer.md, *P-codes*)."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Mapping

from gazetteer_build.katottg import Unit
from gazetteer_build.places import Draft

log = logging.getLogger("build_gazetteer")

# Lengths of a P-code by level: UA + oblast 2 digits + raion 2 + hromada 3 + settlement 3.
FIRST_LEVEL, RAION, HROMADA, SETTLEMENT = 4, 6, 9, 12
LEVEL_NAMES = {
    FIRST_LEVEL: "first-level units",
    RAION: "raions",
    HROMADA: "hromadas",
    SETTLEMENT: "settlements",
}
LEVELS = tuple(LEVEL_NAMES)
# T (смт) is in the 2021 edition only, which some abolished places last appear in.
PCODE_LENGTH = {"O": FIRST_LEVEL, "K": FIRST_LEVEL, "P": RAION, "H": HROMADA}
PCODE_LENGTH |= dict.fromkeys("MXTC", SETTLEMENT)
# A KATOTTG code is UA, the four levels, a city district's 2 digits, then 5 digits of its own:
# below its level a code holds zeros up to here, so the cut drops only padding.
PADDED_END = 14
PADDING = "0"
EXAMPLES = 3  # ids shown for each kind of exception in the build log
DISTRICT = "city_district"  # the one kind with a KATOTTG code and no P-code
CITY = "city"


def pcode(unit: Unit) -> str | None:
    """The COD-AB P-code of a KATOTTG unit: its code cut to 4 characters for an oblast, Crimea,
    Kyiv or Sevastopol (``UA14``), 6 for a raion (``UA1416``), 9 for a hromada (``UA1416021``),
    12 for a city, selyshche or village (``UA1416021001``, Покровськ).

    None for a city district (category ``B``): COD-AB has no level below the settlement, and the
    district's code is its city's 12 characters and a 2-digit district number, so no cut of it
    is a P-code of its own. Kyiv and Sevastopol (``K``) take their first-level code (``UA80``,
    ``UA85``): KATOTTG repeats it on every level below. Прип'ять and Чорнобиль, which KATOTTG
    keeps under Kyiv oblast in no raion or hromada, are cut like any city (``UA3200000001``).
    """
    length = PCODE_LENGTH.get(unit.category)
    return None if length is None else unit.code[:length]


def check(drafts: Mapping[str, Draft]) -> list[str]:
    """Problems of the P-codes the drafts carry: a P-code that is not its KATOTTG code cut at a
    level, a cut that drops more than padding, two places of a level with one P-code, a P-code
    that does not begin with the P-code of the unit above, a unit with a KATOTTG code and no
    P-code that is not a city district. Logs the counts per level and the exceptions to the
    plain oblast → raion → hromada → settlement chain."""
    coded = {d.id: d.refs["pcode"] for d in drafts.values() if "pcode" in d.refs}
    problems = [p for p in (_cut_problem(drafts[i]) for i in coded) if p is not None]
    holders: dict[str, list[str]] = {}
    for place_id, code in coded.items():
        holders.setdefault(code, []).append(place_id)
    problems += [f"P-code {c} is held by {', '.join(ids)}" for c, ids in holders.items() if ids[1:]]
    without = [d.id for d in drafts.values() if "katottg" in d.refs and d.id not in coded]
    districts = [i for i in without if drafts[i].kind == DISTRICT]
    problems += [f"{i}: a KATOTTG code but no P-code" for i in without if i not in districts]
    skipping: list[str] = []
    for place_id, code in coded.items():
        above = _coded_ancestor(drafts, coded, place_id)
        if above is not None and not code.startswith(coded[above]):
            problems.append(f"{place_id}: P-code {code} does not begin with {above}'s")
        elif above is not None and LEVELS.index(len(code)) - LEVELS.index(len(coded[above])) > 1:
            skipping.append(place_id)
    lengths = Counter(len(code) for code in coded.values())
    log.info("P-codes: " + ", ".join(f"{lengths[n]} {LEVEL_NAMES[n]}" for n in LEVELS))
    for label, ids in (
        ("city districts with no P-code", districts),
        (
            "cities with a first-level P-code",
            [i for i, c in coded.items() if len(c) == FIRST_LEVEL and drafts[i].kind == CITY],
        ),
        ("places whose P-code skips a level above them", skipping),
        ("abolished or evacuated places with a P-code", [i for i in coded if drafts[i].status]),
    ):
        log.info("P-codes: %d %s: %s", len(ids), label, ", ".join(sorted(ids)[:EXAMPLES]))
    return problems


def _cut_problem(draft: Draft) -> str | None:
    code, katottg = draft.refs["pcode"], draft.refs.get("katottg", "")
    if len(code) not in LEVELS or not katottg.startswith(code):
        return f"{draft.id}: P-code {code} is not its KATOTTG code {katottg} cut at a level"
    if katottg[len(code) : PADDED_END].strip(PADDING):
        return f"{draft.id}: P-code {code} drops digits of {katottg} that are not padding"
    return None


def _coded_ancestor(
    drafts: Mapping[str, Draft], coded: Mapping[str, str], place_id: str
) -> str | None:
    """The nearest place above ``place_id`` that has a P-code."""
    parent = drafts[place_id].parent
    while parent is not None and parent not in coded:
        parent = drafts[parent].parent if parent in drafts else None
    return parent
