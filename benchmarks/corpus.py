"""The benchmark input: the real news of the development set, and larger corpora made from it.

The development set (``../shared/eval/docs.jsonl``) is read where it lies, at run time: its texts
are licensed for evaluation only and never enter the repository. The large corpus is made
reproducibly from its paragraphs: every round shuffles each language's paragraphs with a fixed
seed and packs them into news-sized articles of one language, the round's articles are shuffled
in turn, and rounds are added until the corpus has the asked-for size in UTF-8 bytes. It is
written to a cache directory outside the repository (``$TOPONYMS_BENCH_CACHE``, else
``~/.cache/toponyms-bench``) and read back on later runs.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from toponyms.evaluation import Document, read_documents

DEV_SET = Path(__file__).resolve().parents[2] / "shared" / "eval" / "docs.jsonl"
SEED = 20261124  # fixed, so that every run and machine builds the same corpus
ARTICLE_BYTES = 3_400  # about the median development-set document (3,349 bytes): news-sized
BYTES_PER_MB = 1_000_000
SPACE = 0x20  # a cut at a space byte never splits a UTF-8 sequence or a word
UTF8_CONTINUATION_MASK = 0xC0  # the top two bits of a byte ...
UTF8_CONTINUATION = 0x80  # ... are 10 inside a multi-byte character


class Article(NamedTuple):
    """One text of a corpus and its language (ISO 639-1)."""

    lang: str
    text: str


def read_dev_set(path: Path = DEV_SET) -> list[Document]:
    """The annotated development documents, with a remedy when the file is missing."""
    if not path.is_file():
        raise SystemExit(f"development set not found: {path}; pass --dev-set FILE")
    return list(read_documents(path))


def cache_dir() -> Path:
    """Where generated corpora are kept (never inside the repository)."""
    default = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "toponyms-bench"
    return Path(os.environ.get("TOPONYMS_BENCH_CACHE", default))


def build_corpus(documents: Sequence[Document], megabytes: float) -> tuple[list[Article], Path]:
    """Articles of shuffled real paragraphs adding up to ``megabytes`` of UTF-8, and their file.

    The same development set, size and :data:`SEED` always give the same file (its SHA-256 is
    printed in the report).
    """
    source = hashlib.sha256("\n".join(d.text for d in documents).encode()).hexdigest()[:12]
    path = cache_dir() / f"corpus-{megabytes:g}mb-seed{SEED}-{source}.jsonl"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        with partial.open("w", encoding="utf-8") as handle:
            for article in _shuffled_articles(documents, round(megabytes * BYTES_PER_MB)):
                handle.write(json.dumps(article._asdict(), ensure_ascii=False) + "\n")
        partial.replace(path)  # a run stopped halfway leaves no truncated corpus behind
    with path.open(encoding="utf-8") as handle:
        return [Article(**json.loads(line)) for line in handle], path


def digest(path: Path) -> str:
    """The SHA-256 of a file, to show that a corpus is the reproducible one."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _shuffled_articles(documents: Sequence[Document], size_bytes: int) -> Iterator[Article]:
    by_lang: dict[str, list[str]] = {}
    for document in documents:
        paragraphs = [p for p in document.text.split("\n") if p.strip()]
        by_lang.setdefault(document.lang, []).extend(paragraphs)
    generator = random.Random(SEED)
    written = 0
    while True:
        articles: list[Article] = []
        for lang in sorted(by_lang):
            paragraphs = list(by_lang[lang])
            generator.shuffle(paragraphs)
            articles.extend(Article(lang, text) for text in _packed(paragraphs))
        generator.shuffle(articles)
        for article in articles:
            yield article
            written += len(article.text.encode())
            if written >= size_bytes:
                return


def _packed(paragraphs: list[str]) -> Iterator[str]:
    """Join paragraphs, in order, into texts of at least :data:`ARTICLE_BYTES`."""
    article: list[str] = []
    size = 0
    for paragraph in paragraphs:
        article.append(paragraph)
        size += len(paragraph.encode()) + 1
        if size >= ARTICLE_BYTES:
            yield "\n".join(article)
            article, size = [], 0
    if article:
        yield "\n".join(article)


def first_articles(articles: Sequence[Article], size_bytes: float) -> list[Article]:
    """The first articles adding up to at least ``size_bytes`` bytes of UTF-8."""
    taken, total = [], 0
    for article in articles:
        if total >= size_bytes:
            break
        taken.append(article)
        total += len(article.text.encode())
    return taken


def texts_of_length(articles: Sequence[Article], length_bytes: int, total_bytes: int) -> list[str]:
    """Texts of about ``length_bytes`` each (cut at spaces), ``total_bytes`` in all, taken in
    order from the articles joined into one stream."""
    stream = bytearray()
    for article in articles:
        if len(stream) >= total_bytes:
            break
        stream += article.text.encode() + b"\n"
    if len(stream) < total_bytes:
        raise SystemExit(f"the corpus has {len(stream):,} bytes; {total_bytes:,} are needed")
    del stream[_boundary(stream, total_bytes) :]
    texts = []
    start = 0
    while start < len(stream):
        end = min(start + length_bytes, len(stream))
        if end < len(stream):
            cut = stream.rfind(SPACE, start + 1, end + 1)
            end = cut if cut > start else _boundary(stream, end)
        texts.append(stream[start:end].decode())
        start = end
    return texts


def _boundary(stream: bytearray, position: int) -> int:
    """The nearest character boundary at or before ``position`` (never splits a character)."""
    while position < len(stream) and stream[position] & UTF8_CONTINUATION_MASK == UTF8_CONTINUATION:
        position -= 1
    return position


def chars(texts: Sequence[str]) -> int:
    """The number of characters (code points) of ``texts``."""
    return sum(len(text) for text in texts)
