"""A progress line on standard error for long runs of the command line."""

from __future__ import annotations

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
