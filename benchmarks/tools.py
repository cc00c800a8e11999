"""The tools compared: our three matching modes and the peers, behind one small interface.

Every tool is built from the same alias list (every name of the bundled gazetteer; lowercased
where its API needs that) and returns, for each text, the character spans it found. Each peer is
used the way its documentation recommends for dictionary matching of many names:

- pyahocorasick: one automaton of the lowercased aliases, ``iter_long`` (leftmost-longest,
  non-overlapping) over the lowercased text, matches kept only at word boundaries. Nothing is
  folded but case: the practical speed limit of exact matching.
- flashtext: ``KeywordProcessor`` (case-insensitive), with every Latin and Cyrillic letter a
  word character: its default knows only ASCII letters and would match inside Cyrillic words.
- spaCy: ``PhraseMatcher(attr="LOWER")`` on a blank multi-language pipeline (``xx``: tokenizer
  only), overlapping matches reduced with ``filter_spans``.
- rapidfuzz, a naive fuzzy scan: every capitalised word, once per text, is looked up exactly,
  else compared with ``process.extractOne`` (``fuzz.ratio``, cut-off 88) against every alias of
  a length that can reach the cut-off (the same result as all aliases, less work).
- natasha: the news NER model (``NewsNERTagger``), LOC spans; Russian only, and no alias list.
"""

from __future__ import annotations

import abc
import importlib.util
import math
import re
from collections.abc import Collection, Sequence
from typing import Any, cast

import toponyms
from toponyms.matcher import ALL_METHODS, DEFAULT_METHODS

Span = tuple[int, int]

MODES: dict[str, Collection[str]] = {
    "exact": frozenset({"exact", "normalized"}),
    "default": DEFAULT_METHODS,
    "default+fuzzy": ALL_METHODS,
}
FUZZY_CUTOFF = 88.0  # rapidfuzz score (0-100): Kramatorks/Kramatorsk 90, as our fuzzy matcher
# Word characters for flashtext: Latin (with accents) and Cyrillic code points.
WORD_RANGES = ((0x30, 0x250), (0x400, 0x530))
_CAPITALISED = re.compile(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*")


class Tool(abc.ABC):
    """A way to find place names: built once from the alias list, then run on texts."""

    name: str
    module: str  # the import that must be available
    langs: frozenset[str] | None = None  # the languages it reads; None: every one
    uses_aliases = True

    def is_available(self) -> bool:
        return importlib.util.find_spec(self.module) is not None

    @abc.abstractmethod
    def build(self, aliases: Sequence[str]) -> None:
        """Compile whatever the tool needs from ``aliases``."""

    @abc.abstractmethod
    def scan(self, texts: Sequence[str]) -> list[list[Span]]:
        """The spans found in each text, in order."""


class Ours(Tool):
    """toponyms in one of :data:`MODES`; builds from its gazetteer, not the alias list."""

    module = "toponyms"
    uses_aliases = False

    def __init__(self, mode: str, gazetteer: toponyms.Gazetteer | None = None) -> None:
        self.mode = mode
        self.name = f"toponyms {mode}"
        self.gazetteer = gazetteer
        self.matcher: toponyms.Matcher | None = None

    def build(self, aliases: Sequence[str]) -> None:
        gazetteer = self.gazetteer if self.gazetteer is not None else toponyms.load()
        self.matcher = toponyms.Matcher(gazetteer, methods=MODES[self.mode])

    def scan(self, texts: Sequence[str]) -> list[list[Span]]:
        assert self.matcher is not None, "build() first"
        annotate = self.matcher.annotate
        return [[(m.start, m.end) for m in annotate(text)] for text in texts]


class AhoCorasick(Tool):
    name = "pyahocorasick"
    module = "ahocorasick"

    def build(self, aliases: Sequence[str]) -> None:
        import ahocorasick  # type: ignore[import-not-found]

        self.automaton = ahocorasick.Automaton()
        for alias in {alias.lower() for alias in aliases}:
            self.automaton.add_word(alias, len(alias))
        self.automaton.make_automaton()

    def scan(self, texts: Sequence[str]) -> list[list[Span]]:
        found = []
        for text in texts:
            lowered = _lowered(text)
            spans = []
            for last, length in self.automaton.iter_long(lowered):
                start, end = last + 1 - length, last + 1
                if (start == 0 or not lowered[start - 1].isalnum()) and (
                    end == len(lowered) or not lowered[end].isalnum()
                ):
                    spans.append((start, end))
            found.append(spans)
        return found


class FlashText(Tool):
    name = "flashtext"
    module = "flashtext"

    def build(self, aliases: Sequence[str]) -> None:
        from flashtext import KeywordProcessor  # type: ignore[import-untyped]

        self.processor = KeywordProcessor(case_sensitive=False)
        letters = {chr(c) for low, high in WORD_RANGES for c in range(low, high)}
        self.processor.set_non_word_boundaries({c for c in letters if c.isalnum()} | {"_"})
        self.processor.add_keywords_from_list(sorted({alias.lower() for alias in aliases}))

    def scan(self, texts: Sequence[str]) -> list[list[Span]]:
        extract = self.processor.extract_keywords
        return [[(start, end) for _, start, end in extract(t, span_info=True)] for t in texts]


class SpacyPhrases(Tool):
    name = "spaCy PhraseMatcher"
    module = "spacy"

    def build(self, aliases: Sequence[str]) -> None:
        import spacy
        from spacy.matcher import PhraseMatcher

        self.nlp = spacy.blank("xx")
        self.tokenizer = cast(Any, self.nlp.tokenizer)  # typed as a plain callable; has pipe()
        self.matcher = PhraseMatcher(self.nlp.vocab, attr="LOWER")
        unique = sorted({alias.lower() for alias in aliases})
        self.matcher.add("PLACE", list(self.tokenizer.pipe(unique)))

    def scan(self, texts: Sequence[str]) -> list[list[Span]]:
        from spacy.util import filter_spans

        found = []
        for doc in self.tokenizer.pipe(texts):
            spans = filter_spans(self.matcher(doc, as_spans=True))
            found.append(sorted((span.start_char, span.end_char) for span in spans))
        return found


class RapidfuzzScan(Tool):
    name = "rapidfuzz scan"
    module = "rapidfuzz"

    def build(self, aliases: Sequence[str]) -> None:
        self.exact = {alias.lower() for alias in aliases}
        by_length: dict[int, list[str]] = {}
        for alias in sorted(self.exact):
            by_length.setdefault(len(alias), []).append(alias)
        self.by_length = by_length
        self.reachable: dict[int, list[str]] = {}  # word length → aliases that may reach it

    def scan(self, texts: Sequence[str]) -> list[list[Span]]:
        from rapidfuzz import fuzz, process

        found = []
        for text in texts:
            verdicts: dict[str, bool] = {}
            spans = []
            for match in _CAPITALISED.finditer(text):
                word = match.group()
                if not word[0].isupper():
                    continue
                key = word.lower()
                if key not in verdicts:
                    verdicts[key] = key in self.exact or (
                        process.extractOne(
                            key,
                            self._reachable(len(key)),
                            scorer=fuzz.ratio,
                            score_cutoff=FUZZY_CUTOFF,
                        )
                        is not None
                    )
                if verdicts[key]:
                    spans.append(match.span())
            found.append(spans)
        return found

    def _reachable(self, length: int) -> list[str]:
        """Aliases whose length allows ``fuzz.ratio`` ≥ the cut-off against ``length``
        letters: 2·min/(sum) ≥ s bounds the other length to [l·s/(2−s), l·(2−s)/s]."""
        if length not in self.reachable:
            share = FUZZY_CUTOFF / 100
            low = math.ceil(length * share / (2 - share))
            high = math.floor(length * (2 - share) / share)
            self.reachable[length] = [
                alias for size in range(low, high + 1) for alias in self.by_length.get(size, ())
            ]
        return self.reachable[length]


class NatashaNer(Tool):
    name = "natasha NER"
    module = "natasha"
    langs = frozenset({"ru"})
    uses_aliases = False

    def build(self, aliases: Sequence[str]) -> None:
        from natasha import (  # type: ignore[import-untyped]
            NewsEmbedding,
            NewsNERTagger,
            Segmenter,
        )

        self.segmenter = Segmenter()
        self.tagger = NewsNERTagger(NewsEmbedding())

    def scan(self, texts: Sequence[str]) -> list[list[Span]]:
        from natasha import Doc

        found = []
        for text in texts:
            doc = Doc(text)
            doc.segment(self.segmenter)
            doc.tag_ner(self.tagger)
            found.append([(span.start, span.stop) for span in doc.spans if span.type == "LOC"])
        return found


PEERS: tuple[type[Tool], ...] = (AhoCorasick, FlashText, SpacyPhrases, RapidfuzzScan, NatashaNer)


def make_tools(gazetteer: toponyms.Gazetteer | None = None) -> list[Tool]:
    """Our three modes (sharing ``gazetteer`` when given), then every peer."""
    ours: list[Tool] = [Ours(mode, gazetteer) for mode in MODES]
    return ours + [peer() for peer in PEERS]


def tool_named(name: str) -> Tool:
    """The tool whose ``name`` this is (for the child processes)."""
    for tool in make_tools():
        if tool.name == name:
            return tool
    known = ", ".join(tool.name for tool in make_tools())
    raise SystemExit(f"unknown tool {name!r}; known: {known}")


def aliases_of(gazetteer: toponyms.Gazetteer) -> list[str]:
    """Every name of every place of ``gazetteer``, as written, in file order."""
    return [name.text for place in gazetteer for name in place.names]


def _lowered(text: str) -> str:
    """Lower case with the offsets of ``text`` (``str.lower`` lengthens a few letters: İ)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(char.lower()[0] for char in text)
