"""Conflict periods from Ukraine's official list of combat and temporarily occupied territories
(order No. 376 of 28.02.2025 as amended to 07.05.2025; ``occupation/`` in the sources).

Each row gives a KATOTTG code (a hromada, settlement, raion or first-level unit), the section
and the period; a unit listed "за винятком …" (except …) keeps the exception as the note.
"""

from __future__ import annotations

import re

from gazetteer_build.places import Draft
from gazetteer_build.sources import Sources

LIST = "occupation/hostilities_occupation_list_2025-05-07.csv"
STATUS_OF_SECTION = {
    "I.1": "possible_hostilities",
    "I.2": "active_hostilities",
    "I.3": "active_hostilities_services",
    "II": "occupied",
}
EXCEPT = re.compile(r"за винятком\s+(.+)$")
EXCEPT_NOTE = "except {}"


DATE = re.compile(r"(\d{2})\.\s*(\d{2})[.\s]\s*(\d{4})")  # DD.MM.YYYY, with the list's typos


def _iso(date: str) -> str | None:
    if not date.strip():
        return None
    match = DATE.fullmatch(date.strip())
    if match is None:
        raise ValueError(f"{LIST}: unreadable date {date!r}")
    day, month, year = match.groups()
    return f"{year}-{month}-{day}"


def apply(sources: Sources, by_code: dict[str, Draft]) -> int:
    """Attach every period of the list to the unit it names; return how many were attached."""
    attached = 0
    for row in sources.csv(LIST):
        draft = by_code.get(row["katottg"].replace(" ", ""))
        if draft is None:
            continue
        period: dict[str, str] = {"status": STATUS_OF_SECTION[row["section"]]}
        period["since"] = _iso(row["date_start"]) or ""
        until = _iso(row["date_end"])
        if until:
            period["until"] = until
        exception = EXCEPT.search(" ".join(row["name"].split()))
        if exception:
            period["note"] = EXCEPT_NOTE.format(exception.group(1))
        if period not in draft.conflict:
            draft.conflict.append(period)
            attached += 1
    for draft in by_code.values():
        draft.conflict.sort(key=lambda p: (p["since"], p.get("until") or "9999", p["status"]))
    return attached
