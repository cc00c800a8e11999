"""The centres of the districts of the ``ru_settlements`` layer.

A district is named after its centre (Суджанский район, Суджа): its capital is the settlement whose
adjective (``toponyms.text.inflect.derive``) is the district's, a town before a village, one inside
the district before one outside (Курский район, Курск); else the centre the curation names
(``ru_settlements.centres``: Белгородский район, Майский), which may also say it is not known.
"""

from __future__ import annotations

from collections import defaultdict

from gazetteer_build.places import Draft
from gazetteer_build.ru_table import District, Row
from gazetteer_build.text import caps_key
from toponyms.text.inflect import Case, FormKind, derive

TYPE_RANK = {"г": 0, "пгт": 1, "рп": 1}  # a centre is a town before a village of the same stem


def apply(
    places: dict[str, Draft],
    updates: dict[str, dict[str, object]],
    rows: list[Row],
    districts: dict[tuple[str, str], District],
    joined: dict[str, str],
    ids: dict[str, str],
    core: dict[str, Draft],
    centres: dict[str, str],
) -> None:
    """Set each district's capital: the settlement named like the district, else the curated one."""
    adjectives: dict[tuple[str, str], list[tuple[int, int, str]]] = defaultdict(list)
    named: dict[tuple[str, str], list[tuple[int, int, str]]] = defaultdict(list)
    for row in rows:
        place_id = joined.get(row.number) or ids[row.number]
        rank = (TYPE_RANK.get(row.type, len(TYPE_RANK)), -row.population)
        for adjective in _adjectives(row.name):
            adjectives[(row.subject, adjective)].append((*rank, place_id))
        named[(row.subject, caps_key(row.name))].append((*rank, place_id))
    for draft in core.values():  # centres outside their district: Курский район, Курск
        if draft.country == "RU" and draft.kind == "city" and draft.parent:
            for name in draft.names:
                if name["lang"] == "ru":
                    for adjective in _adjectives(name["text"]):
                        adjectives[(draft.parent, adjective)].append((0, 0, draft.id))
                    named[(draft.parent, caps_key(name["text"]))].append((0, 0, draft.id))
    missing = []
    for district in districts.values():
        if district.city is not None:
            continue
        draft = places[district.place_id]
        if district.place_id in centres:
            centre = centres[district.place_id]
            if centre is None:  # curated as not known
                continue
            found = named.get((district.subject, caps_key(centre)), [])
        else:  # by the rule: a settlement of the district, or a city (Курский район, Курск)
            found = [
                item
                for item in adjectives.get((district.subject, caps_key(district.adjective)), [])
                if _inside(item[2], district, places, updates) or _is_city(item[2], places, core)
            ]
        if found:
            draft.capital = _inside_first(found, district, places, updates)
        else:
            missing.append(district.place_id)
    if missing:
        raise ValueError(f"districts without a centre (add ru_settlements.centres): {missing}")


def _inside_first(
    found: list[tuple[int, int, str]],
    district: District,
    places: dict[str, Draft],
    updates: dict[str, dict[str, object]],
) -> str:
    return min(found, key=lambda item: (not _inside(item[2], district, places, updates), item))[2]


def _inside(
    place_id: str,
    district: District,
    places: dict[str, Draft],
    updates: dict[str, dict[str, object]],
) -> bool:
    if place_id in places:
        return places[place_id].parent == district.place_id
    change = updates.get(place_id)
    return change is not None and change.get("parent") == district.place_id


def _is_city(place_id: str, places: dict[str, Draft], core: dict[str, Draft]) -> bool:
    draft = places.get(place_id) or core.get(place_id)
    return draft is not None and draft.kind == "city"


def _adjectives(name: str) -> list[str]:
    return [
        caps_key(form.text)
        for form in derive(name, "ru")
        if form.kind == FormKind.ADJECTIVE and form.case == Case.NOM
    ][:1]
