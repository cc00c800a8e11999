"""spaCy: a pipeline component that writes the place mentions of a doc to its spans and entities.

Install with ``pip install "toponyms[spacy]"``. spaCy finds the component through the
``spacy_factories`` entry point, so ``nlp.add_pipe("toponyms")`` works without importing this
module; the core library never imports it (docs/spacy.md).

>>> import spacy
>>> nlp = spacy.blank("uk")
>>> _ = nlp.add_pipe("toponyms")
>>> doc = nlp("Обстріл Харкова та Покровська")
>>> [(span.text, span.label_, span.kb_id_) for span in doc.spans["toponyms"]]
[('Харкова', 'city', 'ua/kharkivska/kharkiv'), ('Покровська', 'city', 'ua/donetska/pokrovsk')]
>>> str(doc.ents[1]._.toponym.name_status), doc.ents[1]._.toponym.name
('official', 'Pokrovsk')
"""

from __future__ import annotations

import enum
import hashlib
import json
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import attrs
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from toponyms.errors import ToponymsWarning
from toponyms.gazetteer import load
from toponyms.matcher import DEFAULT_METHODS, Matcher, _date, _methods, _min_score
from toponyms.model import (
    Candidate,
    CoordsPrecision,
    Evidence,
    EvidenceRule,
    Kind,
    Mention,
    Method,
    NameStatus,
    Refs,
)

FACTORY = "toponyms"  # the name under which spaCy knows the component (pyproject entry point)
EXTENSION = "toponym"  # Span._.toponym
REFERENCES = "overlays.json"  # in the component's directory of a saved pipeline
# doc.user_data holds each mention under this prefix, the span's offsets and its place, as plain
# data: msgpack carries it through doc.to_bytes, DocBin and nlp.pipe(n_process=2).
_MENTION_KEY = "._.toponym"
_E = TypeVar("_E", bound=enum.Enum)

DEFAULT_CONFIG: dict[str, Any] = {
    "overlays": [],
    "bundled": True,
    "layers": None,
    "methods": None,
    "min_score": 0.0,
    "as_of": None,
    "in_names": True,
    "spans_key": "toponyms",
    "annotate_ents": True,
    "overwrite_ents": False,
}


def _mention_of(span: Span) -> Mention | None:
    """The mention a span stands for; None for spans this component did not write."""
    record = _user_data(span.doc).get(_key(span))
    return None if record is None else _mention(record)


def _key(span: Span) -> tuple[str, int, int, str]:
    # Keyed by place as well as offsets: two mentions inside one spaCy token («Харків;Київ»)
    # widen to the same offsets, and each span must keep its own.
    return (_MENTION_KEY, span.start_char, span.end_char, span.kb_id_)


def _user_data(doc: Doc) -> dict[Any, Any]:
    return doc.user_data  # spaCy's stub types its keys as str; spaCy itself keys it by tuples


if not Span.has_extension(EXTENSION):
    Span.set_extension(EXTENSION, getter=_mention_of)


@Language.factory(
    FACTORY,
    default_config=DEFAULT_CONFIG,
    assigns=["doc.spans", "doc.ents", "token.ent_iob", "token.ent_type", "span._.toponym"],
)
def make_toponyms(
    nlp: Language,
    name: str,
    overlays: list[str],
    bundled: bool,
    layers: list[str] | None,
    methods: list[str] | None,
    min_score: float,
    as_of: str | None,
    in_names: bool,
    spans_key: str,
    annotate_ents: bool,
    overwrite_ents: bool,
) -> Component:
    """The ``"toponyms"`` component of ``nlp``, built from its config (see :class:`Component`)."""
    return Component(
        nlp,
        name,
        overlays=overlays,
        bundled=bundled,
        layers=layers,
        methods=methods,
        min_score=min_score,
        as_of=as_of,
        in_names=in_names,
        spans_key=spans_key,
        annotate_ents=annotate_ents,
        overwrite_ents=overwrite_ents,
    )


class Component:
    """Finds the places of each doc and writes them to ``doc.spans`` and ``doc.ents``.

    Every mention becomes a span in ``doc.spans[spans_key]`` (overlapping mentions kept) whose
    ``label_`` is the place's kind (``city``, ``oblast``…), ``kb_id_`` its place id and
    ``_.toponym`` the :class:`~toponyms.Mention` (score, method, name status, coordinates,
    alternatives). With ``annotate_ents`` the longest of overlapping spans
    (``spacy.util.filter_spans``) also become entities, except where an entity is already set:
    the existing one stays unless ``overwrite_ents``.

    A mention whose start or end falls inside a spaCy token («@Kharkiv», «Харків;Київ») is
    widened to whole tokens (``char_span(alignment_mode="expand")``) with a
    :class:`~toponyms.ToponymsWarning`; ``span._.toponym.start`` and ``.end`` keep its exact
    offsets.

    Args:
        nlp, name: the pipeline and the component's name in it (given by spaCy).
        overlays: YAML files applied over the gazetteer, as in :func:`toponyms.load`; a
            relative path is read from the directory the component is made in.
        bundled, layers: as in :func:`toponyms.load`.
        methods, min_score, as_of, in_names: as in :class:`toponyms.Matcher`; ``methods=None``
            is the matcher's default, ``as_of`` an ISO date.
        spans_key: the key of ``doc.spans`` written.
        annotate_ents: also write ``doc.ents``.
        overwrite_ents: a toponym replaces the existing entities it overlaps.

    The gazetteer is loaded when the first doc is annotated (or :attr:`matcher` is read), so
    that a saved pipeline can point the component at its stored overlays first.

    Raises:
        ValueError, TypeError: an option is out of range or of the wrong type.
    """

    def __init__(
        self,
        nlp: Language,
        name: str = FACTORY,
        *,
        overlays: Sequence[str | Path] = (),
        bundled: bool = True,
        layers: Sequence[str] | None = None,
        methods: Iterable[str] | None = None,
        min_score: float = 0.0,
        as_of: str | None = None,
        in_names: bool = True,
        spans_key: str = "toponyms",
        annotate_ents: bool = True,
        overwrite_ents: bool = False,
    ) -> None:
        if isinstance(overlays, str | Path):
            raise TypeError("overlays must be a list of paths, not one path")
        if not isinstance(spans_key, str) or not spans_key:
            raise ValueError(f"spans_key must be a non-empty string, not {spans_key!r}")
        self.name = name
        self.overlays = tuple(Path(path).resolve() for path in overlays)
        self.bundled = bool(bundled)
        self.layers = None if layers is None else tuple(layers)
        self.methods = DEFAULT_METHODS if methods is None else _methods(list(methods))
        self.min_score = _min_score(min_score)
        self.as_of = _date(as_of)
        self.in_names = bool(in_names)
        self.spans_key = spans_key
        self.annotate_ents = bool(annotate_ents)
        self.overwrite_ents = bool(overwrite_ents)
        self._matcher: Matcher | None = None

    @property
    def matcher(self) -> Matcher:
        """The :class:`~toponyms.Matcher` over the gazetteer and overlays, loaded on first use.

        Raises:
            GazetteerError: an overlay is invalid (every problem, with file and line).
            FileNotFoundError: an overlay does not exist.
        """
        if self._matcher is None:
            gazetteer = load(*self.overlays, layers=self.layers, bundled=self.bundled)
            self._matcher = Matcher(
                gazetteer,
                methods=self.methods,
                min_score=self.min_score,
                as_of=self.as_of,
                in_names=self.in_names,
            )
        return self._matcher

    def __call__(self, doc: Doc) -> Doc:
        """``doc`` with its place mentions written to ``doc.spans`` (and ``doc.ents``)."""
        spans = []
        widened = []
        for mention in self.matcher.annotate(doc.text):
            span = doc.char_span(
                mention.start,
                mention.end,
                label=str(mention.kind),
                kb_id=mention.place_id,
                alignment_mode="expand",
            )
            if span is None:  # expand only fails on offsets outside the text
                raise ValueError(f"mention {mention.surface!r} lies outside the doc's text")
            if (span.start_char, span.end_char) != (mention.start, mention.end):
                widened.append(f"{mention.surface!r} ({mention.start}–{mention.end})")
            _user_data(doc)[_key(span)] = _record(mention)
            spans.append(span)
        doc.spans[self.spans_key] = spans
        if widened:
            warnings.warn(
                f"{len(widened)} place mention(s) in {_preview(doc.text)!r} fall inside spaCy "
                f"tokens and were widened to whole tokens: {', '.join(widened)}; "
                "span._.toponym keeps the exact offsets",
                ToponymsWarning,
                stacklevel=2,
            )
        if self.annotate_ents:
            self._set_ents(doc, filter_spans(spans))
        return doc

    def _set_ents(self, doc: Doc, toponyms: list[Span]) -> None:
        """Adds ``toponyms`` (not overlapping one another) to the doc's entities; an existing
        entity they overlap stays, or is made missing first with ``overwrite_ents``."""
        taken = {i: entity for entity in doc.ents for i in range(entity.start, entity.end)}
        clashing = {
            taken[i] for span in toponyms for i in range(span.start, span.end) if i in taken
        }
        if self.overwrite_ents:
            doc.set_ents([], missing=list(clashing), default="unmodified")
        else:
            toponyms = [s for s in toponyms if not any(i in taken for i in range(s.start, s.end))]
        doc.set_ents(toponyms, default="unmodified")

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Write the overlays' references (absolute path, SHA-256) to ``path/overlays.json``."""
        directory = Path(path)
        directory.mkdir(parents=True, exist_ok=True)
        (directory / REFERENCES).write_bytes(self.to_bytes(exclude=exclude))

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> Component:
        """Point the component at the overlays :meth:`to_disk` stored in ``path``.

        Raises:
            FileNotFoundError: a stored overlay no longer exists.
        """
        references = Path(path) / REFERENCES
        return self._from_references(references.read_bytes(), str(references))

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        """The overlays' references as JSON (absolute path, SHA-256 of the content)."""
        stored = [{"path": str(p), "sha256": _digest(p)} for p in self.overlays]
        return json.dumps({"overlays": stored}, ensure_ascii=False, indent=2).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> Component:
        """Point the component at the overlays referenced in ``data`` (see :meth:`to_bytes`)."""
        return self._from_references(data, "the serialized pipeline")

    def _from_references(self, data: bytes, source: str) -> Component:
        overlays = []
        for reference in json.loads(data)["overlays"]:
            path = Path(reference["path"])
            if not path.is_file():
                raise FileNotFoundError(
                    f"{source} uses the overlay {path}, which does not exist: restore it, or add "
                    "the component anew with the overlays you have"
                )
            if _digest(path) != reference["sha256"]:
                warnings.warn(
                    f"the overlay {path} changed since it was saved in {source}; "
                    "the pipeline reads it as it is now",
                    ToponymsWarning,
                    stacklevel=3,
                )
            overlays.append(path)
        if tuple(overlays) != self.overlays:
            self.overlays = tuple(overlays)
            self._matcher = None
        return self


_PREVIEW_CHARS = 60  # of a doc's text, in a warning: enough to find the doc


def _preview(text: str) -> str:
    return text if len(text) <= _PREVIEW_CHARS else text[: _PREVIEW_CHARS - 1] + "…"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _record(mention: Mention) -> dict[str, Any]:
    """``mention`` as strings, numbers, lists and dicts (see :func:`_mention`)."""
    return attrs.asdict(mention, value_serializer=_plain)


def _plain(instance: object, field: object, value: Any) -> Any:
    return value.value if isinstance(value, enum.Enum) else value


def _mention(record: dict[str, Any]) -> Mention:
    """The :class:`Mention` that :func:`_record` wrote, equal to the one it was given."""
    evidence = record["evidence"]
    return Mention(
        **{
            **record,
            "kind": Kind(record["kind"]),
            "method": Method(record["method"]),
            "name_status": NameStatus(record["name_status"]),
            "coords_precision": _optional(CoordsPrecision, record["coords_precision"]),
            "refs": Refs(**record["refs"]),
            "alternatives": tuple(_candidate(c) for c in record["alternatives"]),
            "evidence": None
            if evidence is None
            else Evidence(**{**evidence, "rule": EvidenceRule(evidence["rule"])}),
        }
    )


def _candidate(record: dict[str, Any]) -> Candidate:
    return Candidate(
        **{
            **record,
            "coords_precision": _optional(CoordsPrecision, record["coords_precision"]),
            "method": _optional(Method, record["method"]),
            "name_status": _optional(NameStatus, record["name_status"]),
        }
    )


def _optional(kind: type[_E], value: Any) -> _E | None:
    return None if value is None else kind(value)
