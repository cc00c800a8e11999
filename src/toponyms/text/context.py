"""What the words around a span say, for every stage that reads context: sentence starts,
capitals and the separators of a list.
"""

from __future__ import annotations

import re

# Only a few characters back: copying the whole prefix would make long texts quadratic.
_LOOKBACK = 64  # characters: more quotes, brackets and spaces than any sentence opens with
_OPENERS = " \t\r«»\"'“”„‘’([—–-*•"
_SENTENCE_ENDS = ".!?…\n:"
# Between two members of a list: ", ", " и ", " та ", ", and " (in the original text).
LIST_SEPARATOR = re.compile(
    r"\s*(?:,?\s*(?:а\s+также|а\s+також|as\s+well\s+as)|,\s*(?:and|or|и|і|й|та|або|или)?|;|/"
    r"|\s(?:и|і|й|та|and|or|или|або))\s*",
    re.IGNORECASE,
)
MAX_LIST_GAP = 12  # characters between two places of a list: ", ", " и ", ", а также "
CONJUNCTIONS = frozenset({"and", "or", "и", "і", "й", "та", "або", "или"})  # as normalized


def starts_sentence(text: str, start: int) -> bool:
    """Whether ``text[start:]`` begins a sentence (quotes and brackets aside).

    >>> starts_sentence("Бої тривають. Покровськ", 14), starts_sentence("під Покровськом", 4)
    (True, False)
    """
    window = max(0, start - _LOOKBACK)
    before = text[window:start].rstrip(_OPENERS)
    if not before:
        return window == 0
    return before[-1] in _SENTENCE_ENDS


def is_capitalised(surface: str) -> bool:
    """Whether the first letter of ``surface`` is a capital."""
    if surface[:1].isalpha():  # almost always: skip the scan
        return surface[0].isupper()
    return next((c for c in surface if c.isalpha()), "").isupper()


def is_list_gap(gap: str) -> bool:
    """Whether ``gap`` (the text between two names) joins them as members of one list."""
    return len(gap) <= MAX_LIST_GAP and LIST_SEPARATOR.fullmatch(gap) is not None
