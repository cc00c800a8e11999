"""The annotator: finds and resolves the place mentions of texts against a gazetteer."""

from __future__ import annotations

import contextlib
import datetime
import functools
import gc
import itertools
import multiprocessing
import threading
import warnings
from collections.abc import Collection, Iterable, Iterator
from typing import Any

import attrs

from toponyms.errors import ToponymsWarning
from toponyms.gazetteer import Gazetteer, load
from toponyms.guard import guard
from toponyms.match import find_spans
from toponyms.model import Mention, Method
from toponyms.phrases import read_phrases
from toponyms.profile import DEFAULT_LIMIT, CorpusProfile, profile_corpus
from toponyms.resolve import resolve
from toponyms.text.normalize import normalize_with_offsets
from toponyms.text.tokenize import tokenize

# Fuzzy matching is asked for: on news text it finds few misspellings against many near-names
# of people (docs/accuracy.md).
DEFAULT_METHODS = frozenset(Method) - {Method.FUZZY}
ALL_METHODS = frozenset(Method)
DEFAULT_BATCH_SIZE = 64  # texts sent to a worker at a time: amortizes the transfer


class Matcher:
    """Annotates text with the places of a gazetteer.

    Args:
        gazetteer: the places to find (see :func:`toponyms.load`).
        methods: how a mention may match (:class:`~toponyms.Method` values); the default is
            every method but ``fuzzy``. ``{"exact", "normalized"}`` finds names as written, up
            to case, apostrophes and look-alike letters; add ``"fuzzy"`` for misspellings.
        min_score: drop mentions whose best candidate scores below this, in [0, 1].
        as_of: a date (or ISO string); each mention then reports in ``name_as_of`` the name
            its place had on that date. Which place is found does not change.
        in_names: report places named inside names of organisations, laws, courts, cups and
            newspapers («Закону України», «Кубка України»), marked ``in_name``; False leaves
            them out.

    >>> matcher = Matcher(load())
    >>> [(m.surface, m.place_id) for m in matcher.annotate("Бої під Покровськом і в Kharkiv.")]
    [('Покровськом', 'ua/donetska/pokrovsk'), ('Kharkiv', 'ua/kharkivska/kharkiv')]
    >>> fuzzy = Matcher(load(), methods=ALL_METHODS)
    >>> [(m.surface, m.name, str(m.method)) for m in fuzzy.annotate("Shelling in Kramatorks.")]
    [('Kramatorks', 'Kramatorsk', 'fuzzy')]
    """

    def __init__(
        self,
        gazetteer: Gazetteer,
        *,
        methods: Collection[Method | str] = DEFAULT_METHODS,
        min_score: float = 0.0,
        as_of: datetime.date | str | None = None,
        in_names: bool = True,
    ) -> None:
        if not isinstance(gazetteer, Gazetteer):
            raise TypeError(f"Matcher needs a Gazetteer, not {type(gazetteer).__name__}")
        self.min_score = _min_score(min_score)
        self.gazetteer = gazetteer
        self.methods = _methods(methods)
        self.as_of = _date(as_of)
        self.in_names = bool(in_names)
        self._fuzzy = gazetteer.fuzzy_index() if Method.FUZZY in self.methods else None
        self._filter = None if self.methods >= DEFAULT_METHODS else self.methods

    def annotate(self, text: str) -> list[Mention]:
        """Every place mention in ``text``, in order; ``text[m.start:m.end] == m.surface``.

        A text longer than :data:`WINDOW_CHARS` is read in windows cut at paragraph, line or
        sentence ends (docs/reliability.md): memory stays bounded at any length, offsets stay
        those of the whole text, and a document's rules (one sense per name, nearby places)
        reach across a window's width, not the whole text.
        """
        if not isinstance(text, str):
            raise TypeError(f"annotate expects str, not {type(text).__name__}")
        if len(text) <= WINDOW_CHARS:
            return self._annotate_window(text)
        return list(self.iter_annotate(text))

    def iter_annotate(self, text: str) -> Iterator[Mention]:
        """The mentions of :meth:`annotate`, a window at a time: at most a window's mentions
        are held, whatever the length of ``text``."""
        if not isinstance(text, str):
            raise TypeError(f"annotate expects str, not {type(text).__name__}")
        for start, end in windows(text):
            yield from self._annotate_window(text[start:end], start)

    def _annotate_window(self, text: str, offset: int = 0) -> list[Mention]:
        """The mentions of ``text``, a window of a longer text starting at ``offset``."""
        # The collector is held off for a window: its tens of thousands of tokens and spans
        # are no garbage until the window is done, yet they set off full passes over every
        # object made since load (the index's memo of built entries among them), which cost a
        # 200,000-character window a sixth of its time. The stages make no reference cycles;
        # refcounting frees a window's objects as before.
        collecting = gc.isenabled()
        gc.disable()
        try:
            normalized = normalize_with_offsets(text)
            tokens = tokenize(normalized.text)
            index = self.gazetteer.index
            spans = find_spans(tokens, text, normalized, index, self._fuzzy, self._filter)
            spans = guard(text, normalized, tokens, spans)
            spans = read_phrases(text, normalized, tokens, spans, index)
            mentions = resolve(
                spans,
                self.gazetteer.places,
                min_score=self.min_score,
                as_of=self.as_of,
                offset=offset,
            )
        finally:
            if collecting:
                gc.enable()
        return mentions if self.in_names else [m for m in mentions if not m.in_name]

    def pipe(
        self,
        texts: Iterable[str],
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        n_process: int = 1,
    ) -> Iterator[list[Mention]]:
        """Annotate many texts, yielding one list per text, in order, as they are consumed.

        ``n_process`` > 1 spreads batches of ``batch_size`` texts over worker processes (which
        share this matcher's gazetteer where the platform forks). A text that cannot be
        annotated (not a string, say) yields an empty list and a
        :class:`~toponyms.errors.ToponymsWarning`; the stream goes on.
        """
        if not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError(f"batch_size must be a positive integer, not {batch_size!r}")
        if not isinstance(n_process, int) or n_process < 1:
            raise ValueError(f"n_process must be a positive integer, not {n_process!r}")
        batches = _batches(texts, batch_size)
        if n_process == 1:
            results: Iterable[list[tuple[list[Mention], str | None]]] = map(
                self._annotate_batch, batches
            )
            yield from _unpacked(results, batch_size)
            return
        # Only plain strings travel to workers: anything else could not be pickled (and would
        # end the stream) or annotated; it becomes a marker that yields [] and a warning.
        sendable = ([(n, _sendable(text)) for n, text in batch] for batch in batches)
        with _pool(self, n_process) as pool:
            yield from _unpacked(pool.imap(_annotate_in_worker, sendable), batch_size)

    def profile(self, texts: Iterable[str], *, limit: int = DEFAULT_LIMIT) -> CorpusProfile:
        """Which kinds of names the texts use: the naming profile of each text, in order, and of
        all of them (:func:`toponyms.profile.profile_corpus`, docs/profile.md).

        >>> found = Matcher(load()).profile(["Бои за Красноармейск.", "Shelling in Kharkov."])
        >>> [(u.label, u.count) for u in found.total.of("form")]
        [('former ru', 1), ('official ru', 1)]
        >>> [(u.label, u.examples) for u in found.documents[1].of("scheme")]
        [('ru:wikipedia', ('Kharkov',))]
        """
        return profile_corpus(self.pipe(texts), limit=limit)

    def _annotate_batch(
        self, batch: list[tuple[int, Any]]
    ) -> list[tuple[list[Mention], str | None]]:
        results: list[tuple[list[Mention], str | None]] = []
        for number, text in batch:
            if isinstance(text, _NotText):
                results.append(([], f"text {number}: expected a str, not {text.type_name}"))
                continue
            try:
                results.append((self.annotate(text), None))
            except (TypeError, ValueError) as error:
                results.append(([], f"text {number}: {error}"))
        return results


WINDOW_CHARS = 200_000  # about 100 pages: a window of this size annotates in well under 500 MB
_BREAKS = ("\n\n", "\n", ". ", "! ", "? ", "; ", " ")  # where a window is cut, best first


def windows(text: str, size: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) windows of at most ``size`` (default :data:`WINDOW_CHARS`) characters
    covering ``text``, each cut at the last paragraph break in its second half (else a line
    break, a sentence end, a space).

    >>> list(windows("один. два. три.", size=8))
    [(0, 6), (6, 11), (11, 15)]
    """
    size = WINDOW_CHARS if size is None else size
    start = 0
    while len(text) - start > size:
        limit = start + size
        end = limit
        for mark in _BREAKS:
            found = text.rfind(mark, start + size // 2, limit)
            if found != -1:
                end = found + len(mark)
                break
        yield start, end
        start = end
    yield start, len(text)


def _batches(texts: Iterable[Any], size: int) -> Iterator[list[tuple[int, Any]]]:
    batch: list[tuple[int, Any]] = []
    for number, text in enumerate(texts):
        batch.append((number, text))
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _unpacked(
    results: Iterable[list[tuple[list[Mention], str | None]]], batch_size: int
) -> Iterator[list[Mention]]:
    for batch in results:
        for mentions, problem in batch:
            if problem is not None:
                warnings.warn(problem, ToponymsWarning, stacklevel=3)
            yield mentions


_worker: Matcher | None = None  # the matcher of a worker process
# Matchers handed to forked workers, by a token per pipe() call: two threads each piping with
# its own matcher fork workers that find their own (a single global was overwritten between one
# thread setting it and its fork, and 4 runs in 30 got the other matcher's results).
_HANDED: dict[int, Matcher] = {}
_HANDING = threading.Lock()
_tokens = itertools.count()
# A text that reaches every stage and its tables: phrases, qualifiers, guards, names in names.
_WARM_UP = (
    "Бої під Новоселівкою Покровського району Донецької області, в Kharkiv region і в "
    "Харкові; Владимир сказал, что «Закону України» и ООН в Курской области нет."
)


@contextlib.contextmanager
def _pool(matcher: Matcher, n_process: int) -> Iterator[Any]:
    """A pool of workers holding ``matcher``: forked where the platform can (they inherit the
    gazetteer for free, the collector frozen so they keep sharing its pages), else spawned with
    the matcher sent once to each."""
    if "fork" not in multiprocessing.get_all_start_methods():
        spawn = multiprocessing.get_context("spawn")
        with spawn.Pool(n_process, initializer=_init_worker, initargs=(matcher, None)) as pool:
            yield pool
        return
    # The rule tables are parsed on first use: parsed here, before the fork, they are shared
    # with every worker instead of parsed again by each.
    matcher.annotate(_WARM_UP)
    token = next(_tokens)
    with _HANDING:
        _HANDED[token] = matcher
    try:
        gc.freeze()
        fork = multiprocessing.get_context("fork")
        with fork.Pool(n_process, initializer=_init_worker, initargs=(None, token)) as pool:
            yield pool
    finally:
        with _HANDING:
            _HANDED.pop(token, None)


def _init_worker(matcher: Matcher | None, token: int | None) -> None:
    global _worker
    _worker = matcher if matcher is not None else _HANDED[token]  # type: ignore[index]


@attrs.frozen
class _NotText:
    """What pipe() sends a worker for an item that is not a string."""

    type_name: str


def _sendable(text: Any) -> str | _NotText:
    if type(text) is str:
        return text
    if isinstance(text, str):
        return str(text)  # a subclass may not pickle; its characters do
    return _NotText(type(text).__name__)


def _annotate_in_worker(batch: list[tuple[int, Any]]) -> list[tuple[list[Mention], str | None]]:
    assert _worker is not None, "worker started without a matcher"
    return _worker._annotate_batch(batch)


def _methods(methods: Collection[Method | str]) -> frozenset[Method]:
    if isinstance(methods, str) or not isinstance(methods, Collection):
        raise TypeError("methods must be a collection of Method values, e.g. {'exact'}")
    known = ", ".join(m.value for m in Method)
    chosen = set()
    for method in methods:
        try:
            chosen.add(Method(method))
        except ValueError:
            raise ValueError(f"unknown method {method!r}; known: {known}") from None
    if not chosen:
        raise ValueError(f"methods must name at least one of: {known}")
    return frozenset(chosen)


def _min_score(value: float) -> float:
    if not isinstance(value, int | float) or not 0.0 <= value <= 1.0:
        raise ValueError(f"min_score must be a number in [0, 1], not {value!r}")
    return float(value)


def _date(value: datetime.date | str | None) -> datetime.date | None:
    if value is None or isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"as_of must be an ISO date (2014-05-01), not {value!r}") from None
    raise TypeError(f"as_of must be a date or an ISO date string, not {type(value).__name__}")


@functools.cache
def _bundled_matcher() -> Matcher:
    return Matcher(load())


def annotate(text: str) -> list[Mention]:
    """Annotate ``text`` with the bundled gazetteer (loaded once, on first use).

    >>> [m.place_id for m in annotate("Donbass")]
    ['ua/donbas']
    """
    return _bundled_matcher().annotate(text)
