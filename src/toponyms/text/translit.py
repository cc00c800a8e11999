"""Romanization of Ukrainian and Russian text, one table-driven engine for every scheme.

Each scheme is a YAML table in ``text/schemes/<lang>_<name>.yaml``: a rule for every letter of the
language, optional multi-letter sequences, and ``samples`` that the tests check. The rule format is
described in ``docs/transliteration.md``. Schemes are discovered from the files, read once on first
use and cached; nothing is read at import.

The vectors name schemes per language and use some names for both (``bgn_pcgn``, ``iso9``, ``de``
…), so a scheme is identified by ``(lang, name)``; ``lang`` may be left out where the name is
unique.
"""

from __future__ import annotations

import enum
import functools
import re
import unicodedata
from collections.abc import Callable, Mapping
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, TypeAlias

import attrs

from toponyms._tables import parse_table
from toponyms.errors import UnknownSchemeError

_PACKAGE = "toponyms.text"
_SCHEME_DIR = "schemes"
_ALPHABET_FILE = "_alphabets.yaml"  # the leading underscore keeps it out of scheme discovery
_NORMALIZE_TABLE = ("tables", "normalize.yaml")  # its `apostrophes` list is the one source
_APOSTROPHE = "\u2019"  # the key of the Ukrainian apostrophe in the tables, as in the vectors
_FIELDS = frozenset(
    {"name", "lang", "title", "source", "extends", "letters", "sequences", "samples"}
)
_REQUIRED = ("name", "lang", "title", "source", "samples")


class Condition(enum.StrEnum):
    """Where a rule of a scheme table applies; a rule tries its conditions in the order written.

    ``after`` and ``before`` map a string of letters to an output; the others map to an output.
    Vowels and consonants are those of the language (``schemes/_alphabets.yaml``); the soft and
    hard signs and the apostrophe are neither.
    """

    INITIAL = "initial"  # first letter of a word (an apostrophe inside a word does not start one)
    FINAL = "final"  # last letter of a word
    AFTER = "after"
    AFTER_VOWEL = "after_vowel"
    AFTER_CONSONANT = "after_consonant"
    BEFORE = "before"
    BEFORE_VOWEL = "before_vowel"
    BEFORE_CONSONANT = "before_consonant"
    BETWEEN_VOWELS = "between_vowels"  # not at the joint after a compound prefix (Novo|silka)
    DEFAULT = "default"


_Clause: TypeAlias = tuple[Condition, frozenset[str], str]
_Rule: TypeAlias = str | tuple[_Clause, ...]


@attrs.frozen(kw_only=True, eq=False)
class _Table:
    """A scheme compiled for the engine: candidates by first letter, longest sequence first."""

    entries: Mapping[str, tuple[tuple[str, _Rule], ...]]
    fast: Mapping[int, str]  # letters whose output never depends on context, for str.translate
    special: re.Pattern[str]  # any other character that the engine must look at
    lower: Mapping[int, str]
    letters: frozenset[str]
    vowels: frozenset[str]
    consonants: frozenset[str]
    compound_prefixes: tuple[str, ...]
    apostrophes: re.Pattern[str] | None  # set when the language writes an apostrophe letter


@attrs.frozen(kw_only=True)
class Scheme:
    """A romanization scheme: its identity, where it comes from, and its compiled table.

    ``name`` is the scheme id of the test vectors (``kmu2010``, ``bgn_pcgn`` …) and is unique only
    together with ``lang`` (``uk`` or ``ru``). ``samples`` are the (Cyrillic, Latin) pairs of its
    file.
    """

    name: str
    lang: str
    title: str
    source: str
    file: str
    samples: tuple[tuple[str, str], ...] = attrs.field(repr=False)
    # Compiled on first use: a process that romanizes with one scheme pays for one, not twenty.
    _compile_table: Callable[[], _Table] = attrs.field(eq=False, repr=False, alias="compile")

    @functools.cached_property
    def _table(self) -> _Table:
        return self._compile_table()


def transliterate(text: str, scheme: str, *, lang: str | None = None) -> str:
    """Romanize the Cyrillic letters of ``text`` with ``scheme``; everything else passes through.

    ``lang`` (``uk`` or ``ru``) is needed only when the scheme name exists for both languages.
    Case is kept: a capital that becomes several letters is title-cased in a Title word
    (Щ → Shch) and upper-cased in an all-caps word (SHCH). Input is NFC-normalized first. Letters
    outside the scheme's alphabet (Russian ы in a Ukrainian scheme) are left as they are.

    Raises :class:`~toponyms.errors.UnknownSchemeError` for an unknown scheme, listing those that
    exist, and TypeError for a non-str argument or a name that needs ``lang``.

    >>> transliterate("Часів Яр", "kmu2010")
    'Chasiv Yar'
    >>> transliterate("ЩАСТЯ", "kmu2010")
    'SHCHASTIA'
    >>> transliterate("Красноармейск", "bgn_pcgn", lang="ru")
    'Krasnoarmeysk'
    """
    if not isinstance(text, str):
        raise TypeError(f"transliterate expects text as str, not {type(text).__name__}")
    if not isinstance(scheme, str):
        raise TypeError(f"transliterate expects scheme as str, not {type(scheme).__name__}")
    if lang is not None and not isinstance(lang, str):
        raise TypeError(f"transliterate expects lang as str or None, not {type(lang).__name__}")
    return _romanize(_resolve(scheme, lang)._table, unicodedata.normalize("NFC", text))


def schemes() -> tuple[Scheme, ...]:
    """Every scheme, sorted by language and name.

    >>> ("uk", "kmu2010") in {(s.lang, s.name) for s in schemes()}
    True
    """
    return _registry()


def schemes_for(lang: str) -> tuple[Scheme, ...]:
    """The schemes for the Cyrillic of language ``lang`` (``uk`` or ``ru``); empty for others.

    >>> "icao" in [s.name for s in schemes_for("ru")]
    True
    """
    if not isinstance(lang, str):
        raise TypeError(f"schemes_for expects lang as str, not {type(lang).__name__}")
    return tuple(s for s in _registry() if s.lang == lang)


@functools.cache
def _resolve(name: str, lang: str | None) -> Scheme:
    found = [s for s in _registry() if s.name == name and lang in (None, s.lang)]
    if len(found) == 1:
        return found[0]
    if found:
        langs = " and ".join(repr(s.lang) for s in found)
        raise TypeError(f"scheme {name!r} exists for lang {langs}; pass lang= to choose one")
    pool = schemes_for(lang) if lang is not None else ()
    available = sorted({s.name for s in pool or _registry()})
    raise UnknownSchemeError(name if lang is None else f"{name} (lang {lang!r})", available)


# --- the engine -------------------------------------------------------------------------------


def _romanize(table: _Table, text: str) -> str:
    # Letters whose output never depends on context go through str.translate in one call; the
    # rest (conditional letters, sequence starts, capitals that become several letters,
    # apostrophes) are handled one by one.
    out: list[str] = []
    low = ""
    position = 0
    while (found := table.special.search(text, position)) is not None:
        start = found.start()
        low = low or _lookup_copy(table, text)
        out.append(text[position:start].translate(table.fast))
        piece, position = _step(table, text, low, start)
        out.append(piece)
    out.append(text[position:].translate(table.fast))
    return "".join(out)


def _lookup_copy(table: _Table, text: str) -> str:
    """``text`` lower-cased letter for letter; an apostrophe between two letters of the alphabet
    becomes the apostrophe letter, any other apostrophe or quote a space (it ends a word)."""
    low = text.lower()
    if len(low) != len(text):  # a few letters outside Cyrillic lower-case to two characters
        low = text.translate(table.lower)
    if table.apostrophes is None or table.apostrophes.search(low) is None:
        return low

    def mark(match: re.Match[str]) -> str:
        at = match.start()
        inside = 0 < at < len(low) - 1 and {low[at - 1], low[at + 1]} <= table.letters
        return _APOSTROPHE if inside else " "

    return table.apostrophes.sub(mark, low)


def _step(table: _Table, text: str, low: str, index: int) -> tuple[str, int]:
    """The output for the letter or sequence at ``index``, and the index after it."""
    for sequence, rule in table.entries.get(low[index], ()):
        end = index + len(sequence)
        if end - index > 1 and low[index:end] != sequence:
            continue
        piece = rule if isinstance(rule, str) else _choose(rule, table, low, index, end)
        if piece is None:
            continue
        if text[index] != low[index] and text[index].isupper():
            piece = _capital(piece, text, index, end)
        return piece, end
    return text[index], index + 1


def _choose(rule: tuple[_Clause, ...], table: _Table, low: str, start: int, end: int) -> str | None:
    for condition, letters, piece in rule:
        if _HOLDS[condition](table, low, start, end, letters):
            return piece
    return None


def _is_word_char(char: str) -> bool:
    return bool(char) and (char.isalpha() or char == _APOSTROPHE or unicodedata.combining(char) > 0)


def _between_vowels(table: _Table, low: str, start: int, end: int) -> bool:
    if low[start - 1 : start] not in table.vowels or low[end : end + 1] not in table.vowels:
        return False
    for prefix in table.compound_prefixes:  # the word so far is a prefix: a compound joint
        word_start = start - len(prefix)
        at_joint = word_start >= 0 and low.startswith(prefix, word_start)
        if at_joint and not _is_word_char(low[word_start - 1 : word_start]):
            return False
    return True


# Whether a condition holds for the letters low[start:end]; the letters of `after`/`before` last.
# A slice stands for the neighbour so that the start and end of the text give "".
_HOLDS: dict[Condition, Callable[[_Table, str, int, int, frozenset[str]], bool]] = {
    Condition.INITIAL: lambda t, low, start, end, c: not _is_word_char(low[start - 1 : start]),
    Condition.FINAL: lambda t, low, start, end, c: not _is_word_char(low[end : end + 1]),
    Condition.AFTER: lambda t, low, start, end, c: low[start - 1 : start] in c,
    Condition.AFTER_VOWEL: lambda t, low, start, end, c: low[start - 1 : start] in t.vowels,
    Condition.AFTER_CONSONANT: lambda t, low, start, end, c: low[start - 1 : start] in t.consonants,
    Condition.BEFORE: lambda t, low, start, end, c: low[end : end + 1] in c,
    Condition.BEFORE_VOWEL: lambda t, low, start, end, c: low[end : end + 1] in t.vowels,
    Condition.BEFORE_CONSONANT: lambda t, low, start, end, c: low[end : end + 1] in t.consonants,
    Condition.BETWEEN_VOWELS: lambda t, low, start, end, c: _between_vowels(t, low, start, end),
    Condition.DEFAULT: lambda t, low, start, end, c: True,
}


def _capital(piece: str, text: str, start: int, end: int) -> str:
    """The output for a capital letter: all caps in an all-caps word, else title case."""
    if len(piece) < 2:
        return piece.upper()
    if end - start > 1:
        all_caps = text[start + 1].isupper()
    elif end < len(text) and text[end].isalpha():
        all_caps = text[end].isupper()
    else:
        all_caps = start > 0 and text[start - 1].isupper()
    return piece.upper() if all_caps else piece[0].upper() + piece[1:]


# --- loading ----------------------------------------------------------------------------------


@functools.cache
def _registry() -> tuple[Scheme, ...]:
    package = resources.files(_PACKAGE)
    folder = package.joinpath(_SCHEME_DIR)
    alphabets = _read(folder.joinpath(_ALPHABET_FILE))
    apostrophes = _read(package.joinpath(*_NORMALIZE_TABLE))["apostrophes"]
    raws = {
        entry.name: _read(entry)
        for entry in sorted(folder.iterdir(), key=lambda e: e.name)
        if entry.name.endswith(".yaml") and not entry.name.startswith("_")
    }
    by_key = {(raw.get("lang"), raw.get("name")): raw for raw in raws.values()}
    problems: list[str] = []
    found = []
    for file, raw in raws.items():
        _check(file, raw, alphabets, problems)
        base = by_key.get((raw.get("lang"), raw.get("extends")), {}) if "extends" in raw else {}
        if "extends" in raw and (not base or "extends" in base):
            problems.append(f"{file}: extends: {raw['extends']!r} is no base scheme of its lang")
        letters = {**(base.get("letters") or {}), **(raw.get("letters") or {})}
        sequences = {**(base.get("sequences") or {}), **(raw.get("sequences") or {})}
        spec = alphabets.get(str(raw.get("lang")), {})
        if missing := [c for c in _alphabet(spec) if c not in letters]:
            problems.append(f"{file}: letters: no rule for {' '.join(missing)}")
        if not problems:
            samples = tuple((str(k), str(v)) for k, v in raw["samples"].items())
            compile_table = functools.partial(_compile, letters, sequences, spec, apostrophes)
            fields = {k: raw[k] for k in ("name", "lang", "title", "source")}
            found.append(Scheme(**fields, file=file, samples=samples, compile=compile_table))
    if problems:
        raise ValueError("invalid transliteration scheme data:\n" + "\n".join(problems))
    return tuple(sorted(found, key=lambda s: (s.lang, s.name)))


def _read(entry: Traversable) -> dict[str, Any]:
    data = parse_table(entry.read_text("utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{entry.name}: expected a mapping at the top level")
    return data


def _check(file: str, raw: dict[str, Any], alphabets: dict[str, Any], problems: list[str]) -> None:
    """Append every problem of one scheme file to ``problems``."""
    for field in sorted(set(raw) - _FIELDS):
        problems.append(f"{file}: unknown field {field!r}; allowed: {', '.join(sorted(_FIELDS))}")
    problems.extend(f"{file}: missing field {f!r}" for f in _REQUIRED if f not in raw)
    for field in ("name", "lang", "title", "source", "extends"):
        if field in raw and not isinstance(raw[field], str):
            problems.append(f"{file}: {field} must be a string")
    lang = raw.get("lang")
    if lang not in alphabets:
        problems.append(f"{file}: lang {lang!r} is not one of {', '.join(sorted(alphabets))}")
        return
    if file != f"{lang}_{raw.get('name')}.yaml":
        problems.append(f"{file}: the file name must be <lang>_<name>.yaml")
    alphabet = set(_alphabet(alphabets[lang]))
    for part, is_letter in (("letters", True), ("sequences", False)):
        for key, rule in (raw.get(part) or {}).items():
            where = f"{file}: {part}.{key}"
            if (len(str(key)) == 1) != is_letter or not set(str(key)) <= alphabet:
                problems.append(f"{where}: not {'a letter' if is_letter else 'letters'} of {lang}")
            _check_rule(where, rule, alphabet, problems, needs_default=is_letter)
    samples = raw.get("samples")
    if not isinstance(samples, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in samples.items()
    ):
        problems.append(f"{file}: samples must map Cyrillic text to its expected romanization")


def _check_rule(
    where: str, rule: Any, alphabet: set[str], problems: list[str], *, needs_default: bool
) -> None:
    if isinstance(rule, str):
        return
    if not isinstance(rule, dict) or not rule:
        problems.append(f"{where}: a rule is a string or a mapping of conditions to strings")
        return
    for key, value in rule.items():
        if key not in _HOLDS:
            allowed = ", ".join(_HOLDS)
            problems.append(f"{where}: unknown condition {key!r}; allowed: {allowed}")
        elif key in (Condition.AFTER, Condition.BEFORE):
            if not isinstance(value, dict) or not all(
                isinstance(v, str) and set(str(k)) <= alphabet for k, v in value.items()
            ):
                problems.append(f"{where}.{key}: must map letters of the alphabet to strings")
        elif not isinstance(value, str):
            problems.append(f"{where}.{key}: the output must be a string (quote it in YAML)")
    keys = list(rule)
    if Condition.DEFAULT in keys[:-1]:
        problems.append(f"{where}: default must come last (conditions are tried in order)")
    if needs_default and keys[-1] != Condition.DEFAULT:
        problems.append(f"{where}: a letter rule needs a default")


def _alphabet(spec: dict[str, Any]) -> str:
    return "".join(str(spec.get(part, "")) for part in ("vowels", "consonants", "signs"))


def _compile(
    letters: dict[str, Any], sequences: dict[str, Any], spec: dict[str, Any], apostrophes: list[str]
) -> _Table:
    entries: dict[str, list[tuple[str, _Rule]]] = {}
    for key, rule in [*sequences.items(), *letters.items()]:
        entries.setdefault(key[0], []).append((key, _compile_rule(rule)))
    alphabet = _alphabet(spec)
    lower = {ord(c.upper()): c for c in alphabet if len(c.upper()) == 1 and c.upper() != c}
    marks = {*apostrophes, _APOSTROPHE} if _APOSTROPHE in alphabet else set()
    # Every letter is in the table, so a first letter with one candidate starts no sequence.
    plain = {k: v[0][1] for k, v in entries.items() if len(v) == 1 and isinstance(v[0][1], str)}
    plain.pop(_APOSTROPHE, None)  # an apostrophe is the letter only between two letters
    fast = {ord(c): out for c, out in plain.items()}
    fast.update({ord(c.upper()): out.upper() for c, out in plain.items() if len(out) < 2})
    others = {c for c in alphabet + alphabet.upper() if ord(c) not in fast} | marks
    special = _char_class(others)
    return _Table(
        fast=fast,
        special=special,
        entries={k: tuple(sorted(v, key=lambda e: -len(e[0]))) for k, v in entries.items()},
        lower=lower,
        letters=frozenset(alphabet),
        vowels=frozenset(spec["vowels"]),
        consonants=frozenset(spec["consonants"]),
        compound_prefixes=tuple(spec.get("compound_prefixes") or ()),
        apostrophes=_char_class(marks) if marks else None,
    )


def _char_class(chars: set[str]) -> re.Pattern[str]:
    return re.compile("[" + re.escape("".join(sorted(chars))) + "]" if chars else "(?!)")


def _compile_rule(rule: str | dict[str, Any]) -> _Rule:
    if isinstance(rule, str):
        return rule
    clauses: list[_Clause] = []
    for key, value in rule.items():
        condition = Condition(key)
        if condition in (Condition.AFTER, Condition.BEFORE):
            clauses.extend((condition, frozenset(k), v) for k, v in value.items())
        else:
            clauses.append((condition, frozenset(), value))
    if len(clauses) == 1 and clauses[0][0] is Condition.DEFAULT:
        return clauses[0][2]
    return tuple(clauses)
