"""Measuring the annotator against annotated documents: span precision/recall/F1 and resolution.

The document format is that of the shared development set (one JSON object a line: ``id``,
``lang``, ``text``, ``mentions`` with ``start``/``end``/``surface`` and optional ``country``,
``link``, ``lemma``, ``adjectival``, ``nested``; optional ``ignore_spans``). How each mention
counts:

- **in scope**: ``country`` is UA or RU, not nested, not an adjective. These are the recall base;
  a prediction on one is a true positive.
- **out of scope** (another country, or none): counted apart. A prediction on one is neither a
  hit nor a false alarm, and not finding one is no miss.
- **adjectives** (``adjectival``) are counted apart in the same way; **nested** mentions are
  dropped (flat evaluation); a prediction inside an ``ignore_spans`` entry (a place name inside an
  organisation name) does not count at all.

A prediction that overlaps no gold mention is a false alarm. "Exact" needs the same span,
"overlap" any shared character. Resolution is judged on found in-scope mentions whose gold has a
link, by the first test that applies: the same GeoNames or Wikidata id; a point within
:data:`MAX_DISTANCE_KM` of the gold point (settlements only: the centroid of an area says
nothing); else the gold name (English name, or the Wikidata label in ``lemma``) looked up in the
gazetteer must give the found place among its namesakes.
"""

from __future__ import annotations

import enum
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

from toponyms.errors import ToponymsError
from toponyms.gazetteer import Gazetteer
from toponyms.judging import Verdict, judge
from toponyms.model import Mention

IN_SCOPE_COUNTRIES = frozenset({"UA", "RU"})  # the gazetteer's full-depth scope
ALL_LANGS = "all"


class Scope(enum.StrEnum):
    """How a gold mention counts (see the module docstring)."""

    IN = "in"
    OUT = "out"
    ADJECTIVE = "adjective"


@attrs.frozen(kw_only=True, slots=True)
class GoldMention:
    start: int
    end: int
    surface: str
    scope: Scope
    link: dict[str, Any] = attrs.field(factory=dict, eq=False)
    lemma: str | None = None


@attrs.frozen(kw_only=True, slots=True)
class Document:
    """An annotated document of the evaluation format."""

    id: str
    lang: str
    text: str
    gold: tuple[GoldMention, ...]
    ignore: tuple[tuple[int, int], ...] = ()


class EvaluationFileError(ToponymsError, ValueError):
    """An evaluation file that cannot be read; the message names file and line."""


def read_documents(path: str | Path) -> Iterator[Document]:
    """The documents of a JSONL evaluation file, in order."""
    path = Path(path)
    with path.open(encoding="utf-8") as handle:
        for line_number, line in enumerate(handle, start=1):
            if line.strip():
                yield _document(_json(line, path, line_number), path, line_number)


def _json(line: str, path: Path, line_number: int) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise EvaluationFileError(f"{path}:{line_number}: invalid JSON: {error}") from None
    if not isinstance(record, dict):
        raise EvaluationFileError(f"{path}:{line_number}: expected a JSON object")
    return record


def _document(record: dict[str, Any], path: Path, line_number: int) -> Document:
    where = f"{path}:{line_number}"
    text = record.get("text")
    if not isinstance(text, str):
        raise EvaluationFileError(f"{where}: field 'text' must be a string")
    gold = []
    for number, raw in enumerate(record.get("mentions") or ()):
        try:
            start, end, surface = int(raw["start"]), int(raw["end"]), str(raw["surface"])
        except (KeyError, TypeError, ValueError):
            raise EvaluationFileError(
                f"{where}: mention {number} needs integer 'start', 'end' and a 'surface'"
            ) from None
        if text[start:end] != surface:
            raise EvaluationFileError(
                f"{where}: mention {number}: text[{start}:{end}] is not {surface!r}"
            )
        if raw.get("nested"):
            continue
        gold.append(
            GoldMention(
                start=start,
                end=end,
                surface=surface,
                scope=_scope_of(raw),
                link=dict(raw.get("link") or {}),
                lemma=raw.get("lemma"),
            )
        )
    ignore = tuple((int(s["start"]), int(s["end"])) for s in record.get("ignore_spans") or ())
    return Document(
        id=str(record.get("id", line_number)),
        lang=str(record.get("lang", "und")),
        text=text,
        gold=tuple(gold),
        ignore=ignore,
    )


def _scope_of(raw: dict[str, Any]) -> Scope:
    if raw.get("adjectival"):
        return Scope.ADJECTIVE
    return Scope.IN if raw.get("country") in IN_SCOPE_COUNTRIES else Scope.OUT


@attrs.define
class Tally:
    """Counts for one language (or all); the figures are properties."""

    documents: int = 0
    gold: int = 0  # in-scope gold mentions
    found_exact: int = 0  # in-scope gold mentions with a prediction of the same span
    found_overlap: int = 0  # … with an overlapping prediction
    predicted: int = 0  # predictions that count (not on out-of-scope, adjective or ignored spans)
    true_exact: int = 0
    true_overlap: int = 0
    out_of_scope: int = 0
    out_of_scope_found: int = 0
    adjectives: int = 0
    adjectives_found: int = 0
    verdicts: dict[Verdict, int] = attrs.field(factory=lambda: dict.fromkeys(Verdict, 0))

    def add(self, other: Tally) -> None:
        for field in attrs.fields(Tally):
            if field.name == "verdicts":
                for verdict, count in other.verdicts.items():
                    self.verdicts[verdict] += count
            else:
                setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))

    def figures(self) -> dict[str, float | int | None]:
        judged = sum(self.verdicts.values())
        right = judged - self.verdicts[Verdict.WRONG]
        figures: dict[str, float | int | None] = {"documents": self.documents, "gold": self.gold}
        for match in ("exact", "overlap"):
            precision = _ratio(getattr(self, f"true_{match}"), self.predicted)
            recall = _ratio(getattr(self, f"found_{match}"), self.gold)
            figures[f"{match}_precision"] = precision
            figures[f"{match}_recall"] = recall
            figures[f"{match}_f1"] = _f1(precision, recall)
        figures["resolution_judged"] = judged
        figures["resolution_accuracy"] = _ratio(right, judged)
        figures.update({str(verdict): count for verdict, count in self.verdicts.items()})
        figures["out_of_scope"] = self.out_of_scope
        figures["out_of_scope_found"] = self.out_of_scope_found
        figures["adjectives"] = self.adjectives
        figures["adjectives_found"] = self.adjectives_found
        return figures


@attrs.frozen(kw_only=True, slots=True)
class Error:
    """A miss, a false alarm or a wrong resolution, for ``--errors``."""

    kind: str  # "miss", "false alarm", "wrong place"
    document: str
    lang: str
    start: int
    end: int
    surface: str
    detail: str = ""


@attrs.frozen(kw_only=True)
class Report:
    tallies: dict[str, Tally]  # by language, and ALL_LANGS
    errors: tuple[Error, ...]
    # The same without the places inside names of organisations (``in_name``): some corpora
    # annotate «Закону України», some leave it out.
    without_in_name: dict[str, Tally] = attrs.field(factory=dict)


def evaluate(annotate: Any, gazetteer: Gazetteer, documents: Iterable[Document]) -> Report:
    """Score ``annotate`` (text → mentions, e.g. ``Matcher.annotate``) on ``documents``."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    outside: dict[str, Tally] = defaultdict(Tally)  # without places inside names
    errors: list[Error] = []
    for document in documents:
        mentions = annotate(document.text)
        for table in (tallies, outside):
            table[document.lang].documents += 1
        _score(document, mentions, gazetteer, tallies[document.lang], errors, annotate)
        plain = [m for m in mentions if not m.in_name]
        _score(document, plain, gazetteer, outside[document.lang], [], annotate)
    return Report(
        tallies=_with_overall(tallies), errors=tuple(errors), without_in_name=_with_overall(outside)
    )


def _with_overall(tallies: dict[str, Tally]) -> dict[str, Tally]:
    overall = Tally()
    for tally in tallies.values():
        overall.add(tally)
    return {**dict(sorted(tallies.items())), ALL_LANGS: overall}


def _score(
    document: Document,
    mentions: list[Mention],
    gazetteer: Gazetteer,
    tally: Tally,
    errors: list[Error],
    annotate: Any,
) -> None:
    def error(kind: str, start: int, end: int, detail: str = "") -> None:
        errors.append(
            Error(
                kind=kind,
                document=document.id,
                lang=document.lang,
                start=start,
                end=end,
                surface=document.text[start:end],
                detail=detail,
            )
        )

    predictions = [m for m in mentions if not _inside_any(m.start, m.end, document.ignore)]
    for gold in document.gold:
        overlapping = [m for m in predictions if _overlap(m.start, m.end, gold.start, gold.end)]
        if gold.scope is Scope.OUT:
            tally.out_of_scope += 1
            tally.out_of_scope_found += bool(overlapping)
            continue
        if gold.scope is Scope.ADJECTIVE:
            tally.adjectives += 1
            tally.adjectives_found += bool(overlapping)
            continue
        tally.gold += 1
        tally.found_exact += any((m.start, m.end) == (gold.start, gold.end) for m in overlapping)
        tally.found_overlap += bool(overlapping)
        if not overlapping:
            error("miss", gold.start, gold.end)
        elif gold.link:
            mention = overlapping[0]
            verdict = judge(gazetteer[mention.place_id], gold.link, gold.lemma, gazetteer, annotate)
            if verdict is not None:
                tally.verdicts[verdict] += 1
                if verdict is Verdict.WRONG:
                    error("wrong place", gold.start, gold.end, _wrong_detail(mention, gold))
    for mention in predictions:
        overlapping_gold = [
            g for g in document.gold if _overlap(mention.start, mention.end, g.start, g.end)
        ]
        if any(g.scope is not Scope.IN for g in overlapping_gold) and not any(
            g.scope is Scope.IN for g in overlapping_gold
        ):
            continue  # on an out-of-scope place or an adjective: counted apart
        tally.predicted += 1
        in_scope = [g for g in overlapping_gold if g.scope is Scope.IN]
        tally.true_overlap += bool(in_scope)
        tally.true_exact += any((g.start, g.end) == (mention.start, mention.end) for g in in_scope)
        if not in_scope:
            error("false alarm", mention.start, mention.end, mention.place_id)


def _wrong_detail(mention: Mention, gold: GoldMention) -> str:
    wanted = ", ".join(f"{k}={v}" for k, v in gold.link.items() if k != "source_id")
    if gold.lemma:
        wanted = f"{wanted}, lemma={gold.lemma}" if wanted else f"lemma={gold.lemma}"
    return f"found {mention.place_id}; gold {wanted}"


def _overlap(start1: int, end1: int, start2: int, end2: int) -> bool:
    return start1 < end2 and start2 < end1


def _inside_any(start: int, end: int, spans: tuple[tuple[int, int], ...]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _f1(precision: float | None, recall: float | None) -> float | None:
    if not precision or not recall:
        return None if precision is None or recall is None else 0.0
    return round(2 * precision * recall / (precision + recall), 4)


def format_report(report: Report, *, errors: bool = False) -> str:
    """The report as a text table (and the error list when ``errors``)."""
    header = (
        f"{'lang':<5}{'docs':>6}{'gold':>7}  {'exact P':>8}{'R':>7}{'F1':>7}"
        f"  {'overlap P':>10}{'R':>7}{'F1':>7}  {'resolution':>10}{'judged':>8}"
        f"  {'out of scope':>13}  {'adjectives':>11}"
    )
    lines = [header, *_rows(report.tallies)]
    if report.without_in_name:
        lines += ["", "without places inside names of organisations (in_name):", header]
        lines += _rows(report.without_in_name)
    if errors:
        lines.append("")
        for error in report.errors:
            detail = f"\t{error.detail}" if error.detail else ""
            lines.append(
                f"{error.kind}\t{error.lang}\t{error.document}\t"
                f"{error.start}:{error.end}\t{error.surface}{detail}"
            )
    return "\n".join(lines)


def _rows(tallies: dict[str, Tally]) -> list[str]:
    lines = []
    for lang, tally in tallies.items():
        f = tally.figures()
        lines.append(
            f"{lang:<5}{tally.documents:>6}{tally.gold:>7}  "
            f"{_cell(f['exact_precision']):>8}{_cell(f['exact_recall']):>7}"
            f"{_cell(f['exact_f1']):>7}  {_cell(f['overlap_precision']):>10}"
            f"{_cell(f['overlap_recall']):>7}{_cell(f['overlap_f1']):>7}  "
            f"{_cell(f['resolution_accuracy']):>10}{f['resolution_judged']:>8}  "
            f"{f'{tally.out_of_scope_found}/{tally.out_of_scope}':>13}  "
            f"{f'{tally.adjectives_found}/{tally.adjectives}':>11}"
        )
    return lines


def _cell(value: float | int | None) -> str:
    return "-" if value is None else f"{value:.3f}"
