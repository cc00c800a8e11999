"""Progress on standard error: a status line for long runs of the command line, a bar while
the gazetteer is compiled."""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

REFRESH_SECONDS = 0.5  # often enough to look alive, rarely enough to cost nothing


class Progress:
    """Counts documents and characters and rewrites one status line on a terminal.

    ``Progress.on(stream, "auto")`` is silent unless ``stream`` is a terminal, so pipelines and
    logs never receive carriage returns.
    """

    def __init__(self, stream: TextIO | None) -> None:
        self._stream = stream
        self._started = time.perf_counter()
        self._shown = 0.0
        self.documents = 0
        self.characters = 0

    @classmethod
    def on(cls, stream: TextIO, when: str) -> Progress:
        """A progress line on ``stream``: ``when`` is ``always``, ``never`` or ``auto``."""
        show = when == "always" or (when == "auto" and stream.isatty())
        return cls(stream if show else None)

    def advance(self, characters: int) -> None:
        """Count one more document of ``characters`` characters."""
        self.documents += 1
        self.characters += characters
        now = time.perf_counter()
        if self._stream is not None and now - self._shown >= REFRESH_SECONDS:
            self._shown = now
            self._stream.write("\r" + self.line(now))
            self._stream.flush()

    def finish(self) -> None:
        """End the status line with the totals."""
        if self._stream is not None:
            self._stream.write("\r" + self.line(time.perf_counter()) + "\n")
            self._stream.flush()

    def line(self, now: float) -> str:
        elapsed = max(now - self._started, 1e-9)
        rate = self.characters / elapsed
        return (
            f"{self.documents:,} documents, {self.characters:,} characters, "
            f"{elapsed:.1f} s, {rate:,.0f} characters/s"
        )


BUILD_SILENT_SECONDS = 2.0  # a build quicker than this shows nothing
BAR_WIDTH = 30


class BuildProgress:
    """A bar on standard error while the gazetteer is compiled, shown only on a terminal and
    only once the build has taken :data:`BUILD_SILENT_SECONDS`; a ticker keeps it alive while a
    large file is parsed.

    The build reports with :meth:`tell` (the fraction done and what it is doing); the bar is
    erased when the build ends.
    """

    def __init__(self, stream: TextIO | None = None) -> None:
        if stream is None:
            stream = sys.stderr
        self._stream = stream if _is_terminal(stream) else None
        self._fraction = 0.0
        self._label = "starting"
        self._started = time.perf_counter()
        self._done = threading.Event()
        self._shown = False
        self._ticker: threading.Thread | None = None

    def __enter__(self) -> BuildProgress:
        if self._stream is not None:
            self._ticker = threading.Thread(target=self._tick, daemon=True)
            self._ticker.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._done.set()
        if self._ticker is not None:
            self._ticker.join()
        if self._shown and self._stream is not None:
            self._stream.write("\r" + " " * (BAR_WIDTH + 80) + "\r")
            self._stream.flush()

    def tell(self, fraction: float, label: str) -> None:
        """The build is ``fraction`` (0–1) done, doing ``label``."""
        self._fraction, self._label = min(max(fraction, 0.0), 1.0), label

    def line(self, now: float) -> str:
        filled = int(self._fraction * BAR_WIDTH)
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        elapsed = now - self._started
        return (
            f"toponyms: compiling the gazetteer (once per data version) [{bar}] "
            f"{self._fraction:4.0%} {elapsed:4.0f} s  {self._label}"
        )[: BAR_WIDTH + 120]

    def _tick(self) -> None:
        if self._done.wait(BUILD_SILENT_SECONDS):
            return
        assert self._stream is not None
        while not self._done.is_set():
            self._shown = True
            self._stream.write("\r" + self.line(time.perf_counter()))
            self._stream.flush()
            self._done.wait(REFRESH_SECONDS)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
