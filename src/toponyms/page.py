"""The HTML page: every document's text with its mentions marked, a map and the naming profile.

One self-contained file: styles, script and the map are inline, and a Content-Security-Policy
forbids the page to load anything, so it opens offline and leaks nothing about what is read.
Every mention is a ``mark`` whose text is the mention's surface, coloured by its name status
and underlined by the kind of its place; hovering or focusing it shows the place, its parents,
score, method, evidence and alternatives. See docs/html.md.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Any, TextIO

from toponyms._resources import asset_text
from toponyms.formats import DocumentResult
from toponyms.gazetteer import Gazetteer
from toponyms.model import Kind, Mention, NameStatus
from toponyms.page_map import Dot, attribution, map_svg, outlines_svg
from toponyms.profile import FACETS, Profile, profile_corpus

# The colour of each name status (the mark's background); a status added later gets the last.
STATUS_COLOURS: Mapping[str, str] = {
    NameStatus.OFFICIAL: "#cde8c4",
    NameStatus.FORMER: "#ffd98a",
    NameStatus.OCCUPATION: "#f5a3a3",
    NameStatus.VARIANT: "#c9dcf5",
    NameStatus.COLLOQUIAL: "#e3d1f2",
    NameStatus.EXONYM: "#d7eef0",
    NameStatus.MISSPELLING: "#e4e4e4",
}
OTHER_COLOUR = "#e4e4e4"
# Kinds by what a reader tells apart on a map: the underline of a mark and the colour of a dot.
KIND_GROUPS: Mapping[str, tuple[tuple[Kind, ...], str]] = {
    "settlement": (
        (Kind.CITY, Kind.TOWN, Kind.SETTLEMENT, Kind.VILLAGE, Kind.CITY_DISTRICT),
        "#b3261e",
    ),
    "unit": ((Kind.COUNTRY, Kind.REGION, Kind.OBLAST, Kind.RAION, Kind.HROMADA), "#5b3fa8"),
    "water": ((Kind.RIVER, Kind.WATER_BODY, Kind.RESERVOIR, Kind.LAKE, Kind.ESTUARY), "#1565c0"),
    "other": ((), "#37474f"),  # islands, spits, facilities, areas, and any kind added later
}
ALTERNATIVES_SHOWN = 5  # in a tooltip; the JSON writers give them all
# Nothing may be fetched: no scripts, styles, images or frames from anywhere, not even this file.
CONTENT_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
)
LICENCE_TEXT = "CC BY 4.0, creativecommons.org/licenses/by/4.0"  # text, not a link: nothing loads


def kind_group(kind: Kind) -> str:
    """The group of a place kind on the page: ``settlement``, ``unit``, ``water`` or ``other``.

    >>> kind_group(Kind.VILLAGE), kind_group(Kind.OBLAST), kind_group(Kind.FACILITY)
    ('settlement', 'unit', 'other')
    """
    for group, (kinds, _) in KIND_GROUPS.items():
        if kind in kinds:
            return group
    return "other"


def write_page(
    results: Iterable[DocumentResult], stream: TextIO, *, gazetteer: Gazetteer | None = None
) -> None:
    """Write one HTML page for all ``results``: a section per document, then the corpus profile.

    ``gazetteer`` names a place's parents and alternatives; without it they are shown by id.
    A document's ``text`` is needed to show it; one without is listed with its mentions' count.
    Unlike the other writers this one holds every document until the page is written: the
    profile of the whole corpus comes first.
    """
    documents = [(result, list(result.mentions)) for result in results]
    corpus = profile_corpus(mentions for result, mentions in documents if result.error is None)
    profiles = iter(corpus.documents)
    sections: list[str] = []
    data: list[list[dict[str, Any]]] = []
    for number, (result, mentions) in enumerate(documents):
        if result.error is not None:
            sections.append(_error_section(result))
            data.append([])
            continue
        sections.append(_section(number, result, mentions, next(profiles), gazetteer))
        data.append([_tip(mention, result.text, gazetteer) for mention in mentions])
    title = f"toponyms: {len(documents)} document(s), {corpus.total.mentions} mention(s)"
    stream.write(
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_POLICY}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{asset_text('page.css')}{_colour_rules()}</style>"
        f"</head><body>{outlines_svg()}<header><h1>{escape(title)}</h1>{_legend()}</header>"
        f"<main>{''.join(sections)}"
        f'<section class="corpus"><h2>All documents</h2>{_profile_table(corpus.total)}</section>'
        f"</main>{_footer()}"
        f'<div id="tip" role="tooltip" hidden></div>'
        f'<script type="application/json" id="toponyms-data">{_json_for_script(data)}</script>'
        f"<script>{asset_text('page.js')}</script></body></html>\n"
    )


def _colour_rules() -> str:
    rules = [
        f".s-{status}{{background:{STATUS_COLOURS.get(status, OTHER_COLOUR)}}}"
        for status in NameStatus
    ]
    for group, (_, colour) in KIND_GROUPS.items():
        rules.append(f".k-{group}{{border-bottom-color:{colour}}}.dot.k-{group}{{fill:{colour}}}")
    return "".join(rules)


def _legend() -> str:
    statuses = "".join(
        f'<li><span class="swatch s-{status}"></span>{escape(str(status))}</li>'
        for status in NameStatus
    )
    kinds = "".join(
        f'<li><span class="swatch line k-{group}"></span>{escape(group)}'
        + (f" ({', '.join(map(str, kinds))})" if kinds else "")
        + "</li>"
        for group, (kinds, _) in KIND_GROUPS.items()
    )
    return (
        '<div class="legend"><div><h3>Name status (background)</h3>'
        f"<ul>{statuses}</ul></div><div><h3>Kind of place (underline, dot)</h3><ul>{kinds}</ul>"
        "</div></div>"
    )


def _section(
    number: int,
    result: DocumentResult,
    mentions: Sequence[Mention],
    found: Profile,
    gazetteer: Gazetteer | None,
) -> str:
    heading = f"{result.id}: {len(mentions)} mention(s) of {found.places} place(s)"
    if result.text is None:
        body = '<p class="note">The text of this document was not given to the page.</p>'
    else:
        body = f'<div class="text">{_marked_text(number, result.text, mentions)}</div>'
    svg, far = map_svg(_dots(mentions), f"places of {result.id}")
    far_note = ""
    if far:
        names = ", ".join(sorted({dot.title for dot in far}))
        far_note = f'<p class="note">Beyond the map: {escape(names)}</p>'
    return (
        f'<section class="document" id="doc-{number}"><h2>{escape(heading)}</h2>'
        f'<div class="columns">{body}<figure>{svg}{far_note}</figure></div>'
        f"<details open><summary>Naming profile</summary>{_profile_table(found)}</details>"
        "</section>"
    )


def _error_section(result: DocumentResult) -> str:
    return (
        f'<section class="document failed"><h2>{escape(str(result.id))}</h2>'
        f'<p class="error">{escape(str(result.error))}</p></section>'
    )


def _marked_text(number: int, text: str, mentions: Sequence[Mention]) -> str:
    """The text, escaped, with a ``mark`` around each mention; offsets index ``text`` itself."""
    parts, position = [], 0
    for index, mention in sorted(enumerate(mentions), key=lambda item: item[1].start):
        if mention.start < position:
            continue  # mentions never overlap; were one to, the text must still read once
        parts.append(_escape_text(text[position : mention.start]))
        classes = f"m s-{mention.name_status} k-{kind_group(mention.kind)}"
        parts.append(
            f'<mark class="{classes}" tabindex="0" data-doc="{number}" data-i="{index}" '
            f'data-place="{escape(mention.place_id)}" title="{escape(_title(mention))}">'
            f"{_escape_text(text[mention.start : mention.end])}</mark>"
        )
        position = mention.end
    parts.append(_escape_text(text[position:]))
    return "".join(parts)


def _escape_text(text: str) -> str:
    """Text as HTML that a browser reads back unchanged: a carriage return as a character
    reference, since HTML parsing turns a literal CR LF into LF (and the offsets count both)."""
    return escape(text, quote=False).replace("\r", "&#13;")


def _title(mention: Mention) -> str:
    """The plain tooltip (without the script): place, status and score."""
    return f"{mention.name} ({mention.kind}) · {mention.name_status} · score {mention.score:g}"


def _dots(mentions: Sequence[Mention]) -> list[Dot]:
    surfaces: dict[str, list[str]] = {}
    first: dict[str, Mention] = {}
    for mention in mentions:
        if mention.lat is None or mention.lon is None:
            continue
        first.setdefault(mention.place_id, mention)
        seen = surfaces.setdefault(mention.place_id, [])
        if mention.surface not in seen:
            seen.append(mention.surface)
    return [
        Dot(
            place_id=place_id,
            lat=mention.lat,
            lon=mention.lon,
            title=f"{mention.name}: {', '.join(surfaces[place_id])}",
            classes=f"k-{kind_group(mention.kind)}",
        )
        for place_id, mention in first.items()
        if mention.lat is not None and mention.lon is not None
    ]


def _place_name(place_id: str, gazetteer: Gazetteer | None) -> str:
    place = gazetteer.get(place_id) if gazetteer is not None else None
    return place_id if place is None else place.name


def _tip(mention: Mention, text: str | None, gazetteer: Gazetteer | None) -> dict[str, Any]:
    """What the tooltip of a mark shows, as plain data (the script writes it as text)."""
    parents: list[str] = []
    if gazetteer is not None and mention.place_id in gazetteer:
        parents = [place.name for place in gazetteer.ancestors(mention.place_id)]
    evidence = None
    if mention.evidence is not None:
        found = mention.evidence
        evidence = str(found.rule)
        if found.place_id is not None:
            evidence += f": {_place_name(found.place_id, gazetteer)}"
        if text is not None and found.start is not None and found.end is not None:
            evidence += f" «{text[found.start : found.end]}»"
        if found.detail:
            evidence += f" ({found.detail})"
    return {
        "name": mention.name,
        "place_id": mention.place_id,
        "kind": str(mention.kind),
        "parents": parents,
        "score": mention.score,
        "method": str(mention.method) + (f" ({mention.scheme})" if mention.scheme else ""),
        "status": f"{mention.name_status} {mention.name_lang}: {mention.matched}",
        "evidence": evidence,
        "alternatives": [
            f"{_place_name(alt.place_id, gazetteer)} ({alt.place_id}) {alt.score:g}"
            for alt in mention.alternatives[:ALTERNATIVES_SHOWN]
        ],
        "in_name": mention.in_name,
    }


def _profile_table(found: Profile) -> str:
    rows = []
    for facet in FACETS:
        for usage in found.of(facet):
            rows.append(
                f"<tr><th>{escape(facet)}</th><td>{escape(usage.label)}</td>"
                f'<td class="count">{usage.count}</td>'
                f"<td>{escape(', '.join(usage.examples))}</td></tr>"
            )
    if not rows:
        return '<p class="note">No place names found.</p>'
    return (
        '<table class="profile"><thead><tr><th>facet</th><th>category</th><th>mentions</th>'
        f"<th>examples</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _footer() -> str:
    return (
        f"<footer><p>{escape(attribution())} ({escape(LICENCE_TEXT)}). Places, names and points: "
        "the toponyms gazetteer (GeoNames, www.geonames.org, CC BY 4.0, and the sources listed "
        "in its docs/sources.md).</p></footer>"
    )


def _json_for_script(value: Any) -> str:
    """JSON that cannot end its ``script`` element: ``<``, ``>`` and ``&`` as escapes."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
