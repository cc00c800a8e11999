"""Reading a lookup query as tables write it: the name, its type word, its parents, alternatives.

``с. Новоселівка, Покровський р-н, Донецька обл.`` is the village Новоселівка with two parents;
``Kamianka (Polohy raion)`` a name with a bracketed parent; ``Krasnohorivka (village)`` a name with
its type; ``Kirovsk / Holubivka`` one place under two names; ``м. Хуст та Хустська територіальна
громада`` the hromada around the town. The words are data: ``tables/query.yaml``.

A query can have several readings; :func:`parse_query` gives them in the order to try them. The
later ones undo run-together writing (``Krasnohorivkavillage``, ``NovaKakhovka``) and are tried
only when the plain reading finds nothing.
"""

from __future__ import annotations

import functools
import re

import attrs

from toponyms._tables import read_table
from toponyms.model import Kind
from toponyms.text.normalize import normalize
from toponyms.units import heads

_SPACES = re.compile(r"\s+")
_BRACKETED = re.compile(r"\s*[(\[]([^()\[\]]*)[)\]]\s*")
_CAMEL = re.compile(r"(?<=[a-zа-яіїєґ'’])(?=[A-ZА-ЯІЇЄҐ])")
_MIN_GLUED_STEM = 3  # letters left of a type word run into a name: "Krasnohorivkavillage"
_MIN_GLUED_WORD = 4  # only whole English type words are cut from the end ("village", "raion")


@attrs.frozen(kw_only=True)
class Query:
    """One reading of a query.

    ``kinds`` is what its type word allows (None: any kind); ``written`` is the name with that
    word, for names that contain one ("Mexico City"); ``parents`` are the units written to
    qualify it, as written; ``with_unit`` is the settlement written with the unit around it.
    """

    name: str
    written: str
    alternatives: tuple[str, ...] = ()
    parents: tuple[str, ...] = ()
    kinds: frozenset[Kind] | None = None
    with_unit: str | None = None
    fallback: bool = False


@attrs.frozen
class _Words:
    type_kinds: dict[str, frozenset[Kind]]  # normalized type word → kinds it allows
    primary: dict[frozenset[Kind], Kind]  # the kind a type word names first (village: village)
    prefix: re.Pattern[str]
    suffix: re.Pattern[str]
    glued: tuple[str, ...]  # English type words that may run into the name
    parent_separators: re.Pattern[str]
    alternative_separators: re.Pattern[str]
    conjunction: re.Pattern[str]


def parse_query(text: str) -> tuple[Query, ...]:
    """The readings of a query, best first (run-together readings last, marked ``fallback``).

    >>> parse_query("Troitske,Svatove")[0]
    Query(name='Troitske', written='Troitske', alternatives=(), parents=('Svatove',), kinds=None,
          with_unit=None, fallback=False)
    """
    words = _words()
    text = _SPACES.sub(" ", text).strip()
    kinds: frozenset[Kind] | None = None
    bracketed = []
    for inner in _BRACKETED.findall(text):
        inner = inner.strip()
        typed = words.type_kinds.get(_type_key(inner))
        if typed is not None:
            kinds = typed
        elif inner:
            bracketed.append(inner)
    text = _BRACKETED.sub(" ", text).strip()
    parts = [part.strip() for part in words.parent_separators.split(text)]
    parts = [part for part in parts if part]
    if not parts:
        return ()
    head, parents = parts[0], [*parts[1:], *bracketed]
    names = [name.strip() for name in words.alternative_separators.split(head) if name.strip()]
    if not names:
        return ()
    written, alternatives = names[0], tuple(names[1:])
    with_unit = None
    joined = words.conjunction.match(written)
    if joined is not None and _has_unit_head(joined.group(2)):
        with_unit, written = joined.group(1).strip(), joined.group(2).strip()
    name, typed = strip_type_word(written)
    kinds = typed if typed is not None else kinds
    plain = Query(
        name=name,
        written=written,
        alternatives=alternatives,
        parents=tuple(parents),
        kinds=kinds,
        with_unit=with_unit,
    )
    return (plain, *_run_together(plain, words))


def strip_type_word(name: str) -> tuple[str, frozenset[Kind] | None]:
    """``name`` without its settlement type word, and the kinds the word allows.

    >>> strip_type_word("смт Краснопілля")
    ('Краснопілля', frozenset({...}))
    >>> strip_type_word("Kamianka")
    ('Kamianka', None)
    """
    words = _words()
    for pattern in (words.prefix, words.suffix):
        found = pattern.search(name)
        if found is not None:
            rest = (name[: found.start()] + name[found.end() :]).strip()
            if rest:
                return rest, words.type_kinds[_type_key(found.group("word"))]
    return name, None


def _run_together(plain: Query, words: _Words) -> list[Query]:
    """Readings of a name written without its spaces: a type word run into it, CamelCase."""
    readings = []
    lowered = plain.name.casefold()
    if plain.kinds is None and " " not in plain.name:
        for word in words.glued:
            stem = plain.name[: len(plain.name) - len(word)]
            if lowered.endswith(word) and len(stem) >= _MIN_GLUED_STEM:
                kinds = words.type_kinds[word]
                readings.append(
                    attrs.evolve(plain, name=stem, written=stem, kinds=kinds, fallback=True)
                )
                break
    split = _CAMEL.sub(" ", plain.name)
    if split != plain.name:
        name, typed = strip_type_word(split)
        readings.append(
            attrs.evolve(plain, name=name, written=split, kinds=typed or plain.kinds, fallback=True)
        )
        # "BlahodatneVolnovakha": a name with its parent run into it.
        first, _, rest = split.partition(" ")
        readings.append(
            attrs.evolve(
                plain, name=first, written=first, parents=(*plain.parents, rest), fallback=True
            )
        )
    return readings


def centre_kinds(unit_name: str) -> frozenset[Kind] | None:
    """The kinds of centre a unit's type word names (сільська громада: a village), or None.

    >>> sorted(centre_kinds("Миколаївська сільська територіальна громада"))
    [<Kind.VILLAGE: 'village'>]
    """
    words = normalize(unit_name).split()
    for kinds, stems in _centre_stems():
        if any(word.startswith(stem) for word in words[1:] for stem in stems):
            return kinds
    return None


@functools.cache
def _centre_stems() -> tuple[tuple[frozenset[Kind], tuple[str, ...]], ...]:
    table: dict[str, list[str]] = read_table("query.yaml")["centre_types"]
    kinds = {
        "village": {Kind.VILLAGE},
        "settlement": {Kind.SETTLEMENT},
        "city": {Kind.CITY, Kind.TOWN},
    }
    return tuple((frozenset(kinds[centre]), tuple(stems)) for centre, stems in table.items())


def primary_kind(kinds: frozenset[Kind]) -> Kind | None:
    """The kind a type word names first, of the kinds it allows (smt: settlement)."""
    return _words().primary.get(kinds)


def _has_unit_head(text: str) -> bool:
    """Whether ``text`` ends with a unit's head noun («… територіальна громада», "… raion")."""
    key = normalize(text)
    return any(key.endswith(" " + head) for head in heads())


def _type_key(word: str) -> str:
    return normalize(word).rstrip(".").strip()


@functools.cache
def _words() -> _Words:
    table = read_table("query.yaml")
    type_kinds: dict[str, frozenset[Kind]] = {}
    primary: dict[frozenset[Kind], Kind] = {}
    for entry in table["settlement_types"].values():
        kinds = frozenset(Kind(kind) for kind in entry["kinds"])
        primary[kinds] = Kind(entry["kinds"][0])
        for word in entry["words"]:
            type_kinds.setdefault(_type_key(word), kinds)
    # Longest first, so that «селище міського типу» is one word, not «селище» and a remainder.
    ordered = sorted(type_kinds, key=len, reverse=True)
    alternation = "|".join(_pattern(word) for word in ordered)
    glued = tuple(w for w in ordered if w.isascii() and w.isalpha() and len(w) >= _MIN_GLUED_WORD)
    return _Words(
        type_kinds=type_kinds,
        primary=primary,
        prefix=re.compile(rf"^(?P<word>{alternation})(?:\.\s*|\s+)", re.IGNORECASE),
        suffix=re.compile(rf"\s+(?P<word>{alternation})\.?$", re.IGNORECASE),
        glued=glued,
        parent_separators=_separators(table["parent_separators"]),
        alternative_separators=_separators(table["alternative_separators"]),
        conjunction=re.compile(
            r"^(.+?)\s+(?:" + "|".join(map(re.escape, table["conjunctions"])) + r")\s+(.+)$",
            re.IGNORECASE,
        ),
    )


def _pattern(word: str) -> str:
    """A type word as a pattern: any case, е for ё, a hyphen or space as written."""
    return re.escape(word).replace("е", "[её]")


def _separators(separators: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(separator) for separator in separators), re.IGNORECASE)
