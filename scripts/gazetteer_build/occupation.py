"""Names that the Russian occupation authorities keep for the places Ukraine renamed.

The authorities installed by Russia never adopt a Ukrainian renaming: a place occupied before it
was renamed (Кадіївка, occupied since 2014, renamed from Стаханов in 2016; Сіверськодонецьк,
occupied since 2022, renamed in 2025) keeps its old Russian name under them. Such a Russian
former name becomes an ``occupation`` name from the year of the renaming, with a note saying
that it was the official Russian form until then. Places occupied only after their renaming are
left alone: what the occupation authorities call them is curated case by case.
"""

from __future__ import annotations

from gazetteer_build.places import OFFICIAL, Draft

OCCUPIED = "occupied"
NOTE = (
    "official Russian form until {year}; the place has been occupied since {since}, and the "
    "Russian-installed authorities keep this name"
)
KINDS = frozenset({"city", "settlement", "village"})


def apply(drafts: dict[str, Draft]) -> int:
    """Turn the Russian former names of places renamed while occupied into occupation names;
    return how many."""
    changed = 0
    for draft in drafts.values():
        if draft.country != "UA" or draft.kind not in KINDS:
            continue
        since = _occupied_since(draft, drafts)
        if since is None:
            continue
        for name in draft.names:
            year = name.get("until")
            if name["lang"] != "ru" or name.get("status", OFFICIAL) != "former" or not year:
                continue
            if since[:4] >= str(year)[:4]:
                continue
            note = NOTE.format(year=year, since=since)
            name["note"] = f"{note}; {name['note']}" if name.get("note") else note
            name["status"] = "occupation"
            name["since"] = str(year)
            del name["until"]
            changed += 1
    return changed


def _occupied_since(draft: Draft, drafts: dict[str, Draft]) -> str | None:
    """The start of the ongoing occupation of the place or of a unit above it."""
    own = draft.official("uk") or ""
    starts = []
    current: Draft | None = draft
    while current is not None:
        starts += [
            p["since"]
            for p in current.conflict
            if p["status"] == OCCUPIED and not p.get("until") and not _excepted(own, p)
        ]
        current = drafts.get(current.parent) if current.parent else None
    return min(starts) if starts else None


def _excepted(name: str, period: dict[str, str]) -> bool:
    """Whether the period's "except …" note names the place (a hromada occupied but for it)."""
    note = period.get("note") or ""
    return bool(name) and f" {name}," in note.replace("except", "").replace(".", ". ") + ","
