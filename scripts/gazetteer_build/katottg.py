"""KATOTTG, the codifier of Ukraine's administrative units: the units of one edition and the
renames between editions (``katottg/`` in the sources)."""

from __future__ import annotations

from dataclasses import dataclass

from gazetteer_build.sources import CURRENT_EDITION, Sources
from gazetteer_build.text import clean

LEVELS = ("level1", "level2", "level3", "level4", "level_extra")
SETTLEMENT_CATEGORIES = frozenset("MXC")
SPECIAL_CITY = "K"  # Kyiv and Sevastopol
CENTRE_NUMBER = "001"  # a hromada's administrative centre is its settlement number 001
NUMBER_SLICE = slice(9, 12)  # UA oo rr hhh NNN ccccccc: the settlement's number in its hromada
RENAMES = ("renamed", "renamed+recategorized")


@dataclass(frozen=True)
class Unit:
    """One row of KATOTTG: a code, its category, its name and the codes above it."""

    code: str
    category: str
    name: str
    oblast: str  # level-1 code (oblast, Crimea, Kyiv, Sevastopol)
    raion: str | None
    hromada: str | None
    settlement: str | None  # for a city district: its city

    @property
    def parent_code(self) -> str | None:
        """The nearest unit above, skipping the levels where Kyiv repeats its own code."""
        for code in (self.settlement, self.hromada, self.raion, self.oblast):
            if code and code != self.code:
                return code
        return None

    @property
    def is_centre(self) -> bool:
        """Whether the settlement is the administrative centre of its hromada."""
        return self.category in SETTLEMENT_CATEGORIES and self.code[NUMBER_SLICE] == CENTRE_NUMBER


def read_units(sources: Sources, edition: str = CURRENT_EDITION) -> dict[str, Unit]:
    """The units of a KATOTTG edition by code, in file order."""
    units: dict[str, Unit] = {}
    for row in sources.katottg(edition):
        codes = [row[level] for level in LEVELS]
        code = next(c for c in reversed(codes) if c)
        units[code] = Unit(
            code=code,
            category=row["category"],
            name=clean(row["name"]),
            oblast=codes[0],
            raion=codes[1] or None,
            hromada=codes[2] or None,
            settlement=codes[3] or None,
        )
    return units


@dataclass(frozen=True)
class Rename:
    """A KATOTTG code whose name changed between two editions."""

    code: str
    before: str
    after: str
    edition_after: str


def read_renames(sources: Sources) -> dict[str, list[Rename]]:
    """The renames by code, oldest first (``katottg_changes_between_editions.csv``)."""
    renames: dict[str, list[Rename]] = {}
    for row in sources.csv("katottg/katottg_changes_between_editions.csv"):
        if row["change"] in RENAMES:
            renames.setdefault(row["katottg"], []).append(
                Rename(
                    code=row["katottg"],
                    before=clean(row["name_before"]),
                    after=clean(row["name_after"]),
                    edition_after=row["edition_after"],
                )
            )
    for items in renames.values():
        items.sort(key=lambda rename: rename.edition_after)
    return renames
