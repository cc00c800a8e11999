"""Changing a compiled name index by a few places, for overlays (:mod:`toponyms._overlay`).

A place's entries are found again by deriving its keys as the full build does (the same
:class:`~toponyms._index_build.Builder` code), so removing a place removes exactly what building it
added, and adding it adds exactly that. Entries of other places under a shared key keep their
order; the place's own entries keep theirs, which is all the ranking reads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import cast

import attrs

from toponyms._index_build import Builder, separators_prefixes
from toponyms._keytable import Layered
from toponyms.index import VARIANT_BITS, NameIndex, _Codes
from toponyms.model import Place

_TABLES = ("exact", "folded", "units", "units_folded")
PlaceOf = Callable[[str], Place | None]


def without(index: NameIndex, place_ids: set[str], place_of: PlaceOf) -> NameIndex:
    """A copy of ``index`` with every entry of ``place_ids`` removed (``place_of`` gives the
    places as the index was built from them, for their keys). ``index`` is left as it was: the
    copy's tables are layers of changes over its tables."""
    copy = attrs.evolve(
        index,
        names=index.names.copy(),  # type: ignore[attr-defined]
        variants=list(index.variants),
        unit_kinds=dict(index.unit_kinds),
        codes=Layered(index.codes),
        exact=Layered(index.exact),
        folded=Layered(index.folded),
        units=Layered(index.units),
        units_folded=Layered(index.units_folded),
    )
    if not place_ids:
        return copy
    refs = _refs_of(index, place_ids)
    scratch = Builder()
    for place_id in sorted(place_ids):
        old = place_of(place_id)
        if old is not None:
            scratch.add_place(old, place_of(old.capital) if old.capital else None)
    for table in _TABLES:
        target = cast(Layered, getattr(copy, table))
        for key in getattr(scratch, table):
            codes = target.get(key)
            if codes is None:
                continue
            kept = tuple(c for c in _as_tuple(codes) if c >> VARIANT_BITS not in refs)
            if not kept:
                del target[key]
            else:
                target[key] = kept[0] if len(kept) == 1 else kept
    codes_table = cast(Layered, copy.codes)
    for code in scratch.index.codes:  # the codes the removed places were keyed by
        held = codes_table.get(code)
        if held is None:
            continue
        ids = tuple(p for p in ((held,) if isinstance(held, str) else held) if p not in place_ids)
        if not ids:
            del codes_table[code]
        elif ids != held:
            codes_table[code] = ids[0] if len(ids) == 1 else ids
    for place_id in place_ids:
        copy.unit_kinds.pop(place_id, None)
    copy.changed()
    return copy  # a new instance: its memo of built entries starts empty


def add_places(index: NameIndex, places: Iterable[Place], place_of: PlaceOf) -> None:
    """Key ``places`` in ``index`` (a copy made by :func:`without`, changed in place), their
    capitals read by ``place_of``."""
    builder = Builder(index=index)
    builder.variant_of = {variant: number for number, variant in enumerate(index.variants)}
    for place in places:
        builder.add_place(place, place_of(place.capital) if place.capital else None)
    for table in _TABLES:
        target = cast(Layered, getattr(index, table))
        for key, codes in getattr(builder, table).items():
            added = tuple(codes.values())
            merged = _as_tuple(target[key]) + added if key in target else added
            target[key] = merged[0] if len(merged) == 1 else merged
    if len(index.variants) >= 1 << VARIANT_BITS:
        raise OverflowError(f"more than {1 << VARIANT_BITS} index variants")
    new_keys = builder.exact.keys()
    index.max_words = max(index.max_words, *(k.count(" ") + k.count("-") + 1 for k in new_keys), 0)
    new_prefixes = separators_prefixes(new_keys)
    index.prefixes = index.prefixes.union(new_prefixes)
    index.starters = index.starters.union(new_keys | new_prefixes)
    index.changed()


def _refs_of(index: NameIndex, place_ids: set[str]) -> set[int]:
    """The name refs of ``place_ids`` in ``index``."""
    refs_of = getattr(index.names, "refs_of", None)
    if refs_of is not None:  # stored names answer without decoding
        return refs_of(place_ids)  # type: ignore[no-any-return]
    return {ref for ref, (place_id, _) in enumerate(index.names) if place_id in place_ids}


def _as_tuple(codes: _Codes) -> tuple[int, ...]:
    return (codes,) if isinstance(codes, int) else codes
