"""Repair of encoding damage in names read from exported tables (lookup and geocoding only).

A sheet saved in one encoding and opened in another garbles every non-ASCII letter:
``Rava-Rusâ€™ka`` (UTF-8 read as Windows-1252), ``РџРѕРєСЂРѕРІСЃСЊРє`` (UTF-8 read as
Windows-1251), ``Ïîêðîâñüê`` (Windows-1251 read as Latin-1). ftfy undoes the first kind and
much else (HTML entities, doubled encodings); the two Cyrillic ones it leaves alone, so they are
undone here. The annotator does not repair text: its offsets index the text as given.
"""

from __future__ import annotations

import functools
import re

# UTF-8 Cyrillic read as Windows-1251: a lead byte (Р or С) then a continuation byte, which
# Windows-1251 shows as one of these.
_CP1251_CONTINUATION = "ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—™љ›њќћџ\xa0ЎўЈ¤Ґ¦§Ё©Є«¬\xad®Ї°±Ііґµ¶·ё№є»јЅѕї"
_UTF8_AS_CP1251 = re.compile(f"[РС][{re.escape(_CP1251_CONTINUATION)}]")
_MIN_GARBLED_PAIRS = 2
# Windows-1251 read as Latin-1: Cyrillic letters come out as À–ÿ (and ³ ¿ º ª ² ¯ for і ї є).
_CP1251_AS_LATIN1 = re.compile("[\xc0-\xff\xb3\xbf\xba\xaa\xb2\xaf\xa8\xb8]")
_LETTER = re.compile(r"[^\W\d_]")
_MIN_LATIN1_SHARE = 0.8  # of the letters: a French or German name has a few such letters, not most
_MIN_LETTERS = 3


def repair_encoding(text: str) -> str:
    """``text`` with encoding damage undone; text without damage comes back unchanged.

    >>> repair_encoding("Rava-Rusâ€™ka")
    'Rava-Rus’ka'
    >>> repair_encoding("РџРѕРєСЂРѕРІСЃСЊРє")
    'Покровськ'
    >>> repair_encoding("Ïîêðîâñüê")
    'Покровськ'
    >>> repair_encoding("Zürich")
    'Zürich'
    """
    if text.isascii():
        return text
    fixed = _ftfy_fix(text)
    if len(_UTF8_AS_CP1251.findall(fixed)) >= _MIN_GARBLED_PAIRS:
        fixed = _redecode(fixed, "cp1251", "utf-8")
    letters = _LETTER.findall(fixed)
    garbled = sum(1 for letter in letters if _CP1251_AS_LATIN1.match(letter))
    if len(letters) >= _MIN_LETTERS and garbled >= _MIN_LATIN1_SHARE * len(letters):
        fixed = _redecode(fixed, "latin-1", "cp1251")
    return fixed


def _redecode(text: str, shown_as: str, written_in: str) -> str:
    """The text its bytes spell in ``written_in``, or ``text`` when they spell nothing."""
    try:
        return text.encode(shown_as).decode(written_in)
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


@functools.cache
def _fixer():  # type: ignore[no-untyped-def]
    import ftfy  # imported on first use: the annotator never needs it

    return functools.partial(ftfy.fix_text, uncurl_quotes=False)


def _ftfy_fix(text: str) -> str:
    fixed: str = _fixer()(text)
    return fixed
