"""Physical features that war news names as places: reservoirs, islands, spits, estuaries, lakes,
peninsulas, seas and bays, from the State Register of Geographic Names of Ukraine
(Derzhgeokadastr, 2018; CC BY 4.0).

Which features, their kind and their names in every language are curated (``features`` in the
curation: the register number, the kind and the names, the Ukrainian one with its generic word:
«Каховське водосховище», «острів Зміїний»); the register gives the point and checks the name.
A feature's id is ``ua/<register name without its generic word>-<kind word>``
(``ua/kakhovske-reservoir``, ``ua/zmiinyi-island``), unless the curation gives one. Its parent is
the oblast of the register where there is one oblast, else Ukraine. The register's point is
rounded and sometimes an end of the feature (the curation then places it by hand, ``coords``):
its precision is ``approximate``.
"""

from __future__ import annotations

import re
from typing import Any

from gazetteer_build.curation import update
from gazetteer_build.places import Draft
from gazetteer_build.rivers import NAME, NUMBER, OBLASTS, REGISTER, SOURCE
from gazetteer_build.sources import Sources
from gazetteer_build.text import caps_key, clean, slug_uk

SECTION = 5
KIND = "Вид географічного об'єкту"
# The word of an id for a kind, or for the register's type where a kind covers several (a sea,
# a bay and a strait are all water bodies).
ID_WORD = {
    "reservoir": "reservoir", "island": "island", "spit": "spit", "estuary": "estuary",
    "lake": "lake", "peninsula": "peninsula", "море": "sea", "затока": "bay", "протока": "strait",
}  # fmt: skip
GENERIC = re.compile(
    r"\s*\b(водосховище|острів|коса|лиман|озеро|півострів|затока|протока|море)\b\s*",
    re.IGNORECASE,
)
OBLAST_SUFFIX = " обл."


def build(
    sources: Sources, curated: list[dict[str, Any]], oblasts: dict[str, str]
) -> dict[str, Draft]:
    """A draft for each curated feature; ``oblasts`` maps the register's oblast names
    («Одеська», «Автономна Республіка Крим») to place ids."""
    rows = {row[NUMBER]: row for row in sources.csv(REGISTER, delimiter="\t")}
    drafts = {}
    for item in curated:
        row = rows.get(item["register"])
        if row is None:
            raise ValueError(f"feature not in the State Register: {item['register']}")
        name = clean(row[NAME])
        texts = [caps_key(n["text"]) for n in item["names"] if n["lang"] == "uk"]
        if not any(caps_key(name) in text for text in texts):
            raise ValueError(f"{item['register']} {name}: no Ukrainian name of it is curated")
        word = ID_WORD.get(item["kind"]) or ID_WORD[row[KIND]]
        place_id = item.get("id") or f"ua/{slug_uk(GENERIC.sub(' ', name).strip())}-{word}"
        parent = item.get("parent") or _parent(row, oblasts)
        draft = Draft(
            id=place_id, kind=item["kind"], country="UA", order=(SECTION, place_id), parent=parent
        )
        update(draft, {"names": item["names"]})
        if item.get("coords"):  # the register's point is an end of a long feature
            draft.set_coords(*item["coords"], "manual", "approximate")
        else:
            draft.set_coords(
                float(row["lat_decimal"]), float(row["lon_decimal"]), SOURCE, "approximate"
            )
        draft.note = f"State Register of Geographic Names of Ukraine, No. {item['register']}"
        if item.get("note"):
            draft.note += "; " + item["note"]
        if place_id in drafts:
            raise ValueError(f"two curated features take the id {place_id}")
        drafts[place_id] = draft
    return drafts


def _parent(row: dict[str, str], oblasts: dict[str, str]) -> str:
    named = [part.strip() for part in row[OBLASTS].split(",") if part.strip()]
    if len(named) != 1:
        return "ua"
    return oblasts.get(caps_key(named[0].removesuffix(OBLAST_SUFFIX)), "ua")
