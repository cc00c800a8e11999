"""The data model: places, their names, and the mentions the annotator finds in text.

All classes are frozen, slotted attrs classes with keyword-only fields: they compare by value,
hash, and convert with :func:`attrs.asdict` for the writers.
"""

from __future__ import annotations

import datetime
import enum
import math
from typing import Any

import attrs


class Kind(enum.StrEnum):
    """What sort of place a :class:`Place` is."""

    COUNTRY = "country"
    REGION = "region"  # a first-level unit that is not an oblast: a republic, krai, federal city
    OBLAST = "oblast"
    RAION = "raion"
    HROMADA = "hromada"
    CITY_DISTRICT = "city_district"
    CITY = "city"
    TOWN = "town"
    SETTLEMENT = "settlement"  # Ukrainian селище (including the former смт), Russian посёлок
    VILLAGE = "village"
    RIVER = "river"
    WATER_BODY = "water_body"  # a sea, a bay, a lagoon: water that is none of the kinds below
    RESERVOIR = "reservoir"
    LAKE = "lake"
    ESTUARY = "estuary"  # a лиман: the drowned mouth of a river (Дніпровсько-Бузький лиман)
    ISLAND = "island"
    SPIT = "spit"  # a коса: Кінбурнська коса, Арабатська стрілка
    PENINSULA = "peninsula"
    FACILITY = "facility"  # a plant, dam, bridge, port, airport or airfield named as a place
    AREA = "area"  # a historical or colloquial region with no administrative status: Donbas


class PlaceStatus(enum.StrEnum):
    """Whether a place still exists as a place people live in."""

    CURRENT = "current"
    EVACUATED = "evacuated"  # its people were moved out and it stands empty (Прип'ять, 1986)
    ABOLISHED = "abolished"  # removed from the registers: merged, deregistered, flooded


class NameStatus(enum.StrEnum):
    """How a name stands: in official use, superseded, imposed by occupation authorities, …"""

    OFFICIAL = "official"
    FORMER = "former"
    OCCUPATION = "occupation"
    COLLOQUIAL = "colloquial"
    EXONYM = "exonym"
    VARIANT = "variant"
    MISSPELLING = "misspelling"


class ConflictStatus(enum.StrEnum):
    """A section of Ukraine's official list of combat and occupied territories (order No. 376)."""

    POSSIBLE_HOSTILITIES = "possible_hostilities"  # section I.1
    ACTIVE_HOSTILITIES = "active_hostilities"  # section I.2
    ACTIVE_HOSTILITIES_SERVICES = "active_hostilities_services"  # I.3: state e-services work
    OCCUPIED = "occupied"  # section II: temporarily occupied


class Method(enum.StrEnum):
    """How a mention was matched to a gazetteer name, from the most to the least literal."""

    EXACT = "exact"
    NORMALIZED = "normalized"
    INFLECTED = "inflected"
    TRANSLIT = "translit"
    DERIVED = "derived"  # a word derived from the name: покровский, Харківщина
    FUZZY = "fuzzy"


@attrs.frozen(kw_only=True)
class Name:
    """One name of a place, with its language, status and period of use.

    ``since`` and ``until`` are ISO dates or years as strings (``"2016"``, ``"2016-05-12"``);
    ``until`` is the first date the name was no longer in official use.
    """

    text: str
    lang: str
    status: NameStatus = NameStatus.OFFICIAL
    since: str | None = None
    until: str | None = None
    note: str | None = None

    def is_current(self, on: datetime.date | None = None) -> bool:
        """Whether the name was in use on date ``on``, or is in use today when ``on`` is None.

        A bare year is read generously: ``until: 2016`` keeps the name current through 2016,
        since the sources give the year of a rename but seldom its day.
        """
        if on is None:
            return self.until is None and self.status is not NameStatus.FORMER
        since = parse_period_bound(self.since, end=False)
        until = parse_period_bound(self.until, end=True)
        return (since is None or since <= on) and (until is None or on <= until)


def parse_period_bound(value: str | None, *, end: bool) -> datetime.date | None:
    """Read ``since``/``until`` (``"2016"``, ``"2016-05"`` or ``"2016-05-12"``) as a date.

    ``end`` picks the last day of a year or month rather than the first.
    Raises ValueError on anything else.
    """
    if value is None:
        return None
    parts = value.split("-")
    if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        raise ValueError(f"not an ISO date or year: {value!r}")
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else (12 if end else 1)
    if len(parts) == 3:
        return datetime.date(year, month, int(parts[2]))
    if not end:
        return datetime.date(year, month, 1)
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


@attrs.frozen(kw_only=True)
class ConflictPeriod:
    """A period during which a place was occupied or under hostilities; ``until`` None = ongoing."""

    status: ConflictStatus
    since: str
    until: str | None = None
    note: str | None = None


@attrs.frozen(kw_only=True)
class Refs:
    """Identifiers of a place in other datasets; every one is optional."""

    katottg: str | None = None
    pcode: str | None = None  # OCHA COD-AB P-code, the KATOTTG code cut to the unit's level: UA1416
    koatuu: str | None = None
    geonames: int | None = None
    wikidata: str | None = None
    osm: str | None = None
    iso3166: str | None = None
    oktmo: str | None = None  # Russia's classifier of municipal territories (ОКТМО), 8 or 11 digits


class CoordsPrecision(enum.StrEnum):
    """How well a point stands for its place."""

    POINT = "point"  # a point of the place itself (a settlement's centre or label point)
    CENTROID = "centroid"  # the centroid of the place's own polygon (an oblast, a hromada)
    PARENT = "parent"  # no point of its own: a point of the unit that contains it
    APPROXIMATE = "approximate"  # placed by hand, within a few tens of kilometres


@attrs.frozen(kw_only=True)
class Coords:
    """A point in WGS84 degrees, with where it came from and how precise it is."""

    lat: float
    lon: float
    source: str | None = None
    precision: CoordsPrecision | None = None


@attrs.frozen(kw_only=True)
class Place:
    """A place of the gazetteer: a country, an administrative unit, a settlement, a region."""

    id: str
    kind: Kind
    country: str
    names: tuple[Name, ...]
    parent: str | None = None
    capital: str | None = None  # the administrative centre of a region, raion or country
    coords: Coords | None = None
    population: int | None = None
    refs: Refs = Refs()
    conflict: tuple[ConflictPeriod, ...] = ()
    status: PlaceStatus = PlaceStatus.CURRENT
    status_since: str | None = None  # year or ISO date from which ``status`` holds
    note: str | None = None

    @property
    def name(self) -> str:
        """The display name: the first official English name; else the official name in the
        commonest romanization of its language (Ukrainian KMU 2010: Novoselivka); else any
        English name (variants come last: GeoNames lists former names among them); else the
        first name of all."""
        for name in self.names:
            if name.lang == "en" and name.status is NameStatus.OFFICIAL:
                return name.text
        for name in self.names:
            if name.status is NameStatus.OFFICIAL and name.lang != "en":
                return _romanized(name)
        for name in self.names:
            if name.lang == "en":
                return name.text
        return self.names[0].text if self.names else self.id

    def name_on(self, on: datetime.date) -> str:
        """The display name the place had on date ``on``: a former official name where one was
        in use then (Dnipropetrovsk in 2014), else :attr:`name`."""
        for lang in ("en", _NATIONAL_LANG.get(self.country)):
            for name in self.names:
                if name.lang == lang and name.status is NameStatus.FORMER and name.is_current(on):
                    return name.text if lang == "en" else _romanized(name)
        return self.name

    def has_coordinates(self) -> bool:
        """Whether the place carries a point."""
        return self.coords is not None


_NATIONAL_LANG = {"UA": "uk", "RU": "ru"}  # the language of a country's official names
EARTH_RADIUS_KM = 6371.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The great-circle distance between two points, in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def _romanized(name: Name) -> str:
    # Imported here: the index imports this module, and model must stay importable on its own.
    from toponyms.index import ordered_schemes
    from toponyms.text.translit import transliterate

    lang = name.lang.split("-")[0]
    schemes = ordered_schemes(lang)
    return transliterate(name.text, schemes[0].name, lang=lang) if schemes else name.text


@attrs.frozen(kw_only=True)
class Candidate:
    """A place that a name or mention may refer to, with its score in [0, 1].

    ``coords_precision`` says how well the place's point stands for it (None: no point);
    ``method`` and ``name_status`` say how ``matched`` was met and how that name stands.
    """

    place_id: str
    score: float
    matched: str | None = None
    coords_precision: CoordsPrecision | None = None
    method: Method | None = None
    name_status: NameStatus | None = None


class EvidenceRule(enum.StrEnum):
    """How the annotator chose a mention's place among its candidates."""

    ONLY_CANDIDATE = "only_candidate"  # one place has this name (or every other was far behind)
    PRIOR = "prior"  # the likeliest by kind and population: a city before villages of its name
    PHRASE = "phrase"  # an administrative phrase: «Донецької області», "the Kharkiv region"
    QUALIFIER = "qualifier"  # a unit written beside the name: «Новоселівка Покровського району»
    PARENT_NEARBY = "parent_nearby"  # its raion, hromada or oblast is named close by
    RAION_OF_TOWN = "raion_of_town"  # it lies in the raion of a town named close by
    COHERENCE = "coherence"  # it lies among the document's other places
    CONTEXT = "context"  # a former or occupation-era name read by the country the text is about


@attrs.frozen(kw_only=True)
class Evidence:
    """Why a mention resolved to its place: the rule, and what in the text supported it.

    ``start``/``end`` give the span of the supporting words (the qualifying unit, the anchoring
    place) where there is one; ``place_id`` the place they name.
    """

    rule: EvidenceRule
    place_id: str | None = None
    start: int | None = None
    end: int | None = None
    detail: str | None = None


@attrs.frozen(kw_only=True)
class Mention:
    """A place mention found in a text: its span, the place it resolves to and how.

    ``text[start:end] == surface`` always holds for the ``text`` that was annotated.
    ``name`` is the place's display (English) name; ``matched`` the gazetteer name that matched;
    ``scheme`` the transliteration scheme (``uk:kmu2010``) when ``method`` is ``translit``;
    ``name_as_of`` the place's display name on the matcher's ``as_of`` date (Dnipropetrovsk in
    2014), None without one.
    """

    start: int
    end: int
    surface: str
    place_id: str
    name: str
    kind: Kind
    country: str
    lat: float | None
    lon: float | None
    score: float
    method: Method
    matched: str
    name_lang: str
    name_status: NameStatus
    scheme: str | None = None
    name_as_of: str | None = None  # the place's name on the matcher's ``as_of`` date
    refs: Refs = Refs()
    alternatives: tuple[Candidate, ...] = ()
    coords_precision: CoordsPrecision | None = None
    evidence: Evidence | None = None
    # Inside the name of an organisation, a law, a court, a cup or a newspaper («Закону
    # України», «Господарського суду м. Києва»): the place is named, not spoken of.
    in_name: bool = False

    @property
    def __geo_interface__(self) -> dict[str, Any]:
        """The mention as a GeoJSON Feature (the Python geo interface, which shapely and
        geopandas read): a Point at the place (null without coordinates), the fields other than
        ``refs``, ``alternatives`` and ``evidence`` as properties."""
        geometry = None
        if self.lat is not None and self.lon is not None:
            geometry = {"type": "Point", "coordinates": (self.lon, self.lat)}
        properties = {}
        for field in attrs.fields(Mention):
            if field.name not in _NESTED_FIELDS:
                value = getattr(self, field.name)
                properties[field.name] = value.value if isinstance(value, enum.Enum) else value
        return {"type": "Feature", "geometry": geometry, "properties": properties}


_NESTED_FIELDS = frozenset({"refs", "alternatives", "evidence"})  # not flat GeoJSON properties
