"""Rivers from the State Register of Geographic Names of Ukraine (Derzhgeokadastr, CC BY 4.0).

Which rivers, and their Russian and English names, are curated (``rivers`` in the curation:
the register number and the extra names); the Ukrainian name and the point come from the
register. The register's Latin form is the national romanization, which the library derives,
so it is not stored. A river's id is ``ua/<name>-river``, with ``~<oblast>`` (its first oblast
in the register) when two curated rivers share a name. The register's point is rounded and
often the mouth: its precision is ``approximate``.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from gazetteer_build.curation import update
from gazetteer_build.places import Draft, make_name
from gazetteer_build.sources import Sources
from gazetteer_build.text import clean, slug_uk

REGISTER = "derzhgeonames/register_physical_geographic_objects.tsv"
SECTION = 5
NUMBER = "Реєстраційний номер"
NAME = "Унормована назва"
OBLASTS = "Адміністративно- територіальна одиниця (АР Крим, область)"
SOURCE = "derzhgeonames"


def build(sources: Sources, curated: list[dict[str, Any]]) -> dict[str, Draft]:
    """A draft for each curated river."""
    rows = {row[NUMBER]: row for row in sources.csv(REGISTER, delimiter="\t")}
    missing = [item["register"] for item in curated if item["register"] not in rows]
    if missing:
        raise ValueError(f"rivers not in the State Register: {', '.join(missing)}")
    bases = Counter(slug_uk(clean(rows[item["register"]][NAME])) for item in curated)
    drafts = {}
    for item in curated:
        row = rows[item["register"]]
        name = clean(row[NAME])
        place_id = f"ua/{slug_uk(name)}-river"
        if bases[slug_uk(name)] > 1:
            oblast = row[OBLASTS].split(",")[0].replace(" обл.", "").strip()
            place_id += "~" + slug_uk(oblast)
        draft = Draft(
            id=place_id, kind="river", country="UA", order=(SECTION, place_id), parent="ua"
        )
        draft.add_name(make_name(name, "uk"))
        update(draft, {"add_names": item.get("names") or []})
        draft.set_coords(
            float(row["lat_decimal"]), float(row["lon_decimal"]), SOURCE, "approximate"
        )
        draft.note = f"State Register of Geographic Names of Ukraine, No. {item['register']}"
        if item.get("note"):
            draft.note += "; " + item["note"]
        drafts[place_id] = draft
    return drafts
