"""A griffe extension for the docs site: docstring examples and Sphinx roles render as code.

The docstrings keep plain doctest blocks, which pytest runs (``--doctest-modules``). Markdown has
no notion of them, so without this mkdocstrings would render an example as a paragraph and read
``[...]`` in its output as cross-references. Each block of lines from a ``>>>`` line up to the
next blank line becomes a ``pycon`` fence before the docstring is parsed. The docstrings also
name objects with Sphinx roles (``:func:`load```), which Markdown would print as written; each
becomes inline code, the ``~`` form keeping only the last component as Sphinx does. Loaded by
``mkdocs.yml`` (``plugins.mkdocstrings.handlers.python.options.extensions``).
"""

from __future__ import annotations

import re
from typing import Any

import griffe

PROMPT = ">>>"
FENCE = "```"
ROLE = re.compile(r":(?:func|meth|class|mod|data|attr|exc|obj):`(~?)([^`]+)`")


def unrole(text: str) -> str:
    """``text`` with each Sphinx cross-reference role as inline code.

    >>> unrole("See :func:`toponyms.load` and :class:`~toponyms.errors.Problem`.")
    'See `toponyms.load` and `Problem`.'
    """
    return ROLE.sub(lambda m: f"`{m[2].rsplit('.', 1)[-1] if m[1] else m[2]}`", text)


def fence_examples(text: str) -> str:
    r"""``text`` with each doctest block wrapped in a ``pycon`` fence at the block's indent.

    >>> fence_examples("Adds.\n\n>>> 1 + 1\n2\n\nMore.").split("\n")
    ['Adds.', '', '```pycon', '>>> 1 + 1', '2', '```', '', 'More.']
    """
    out: list[str] = []
    indent: str | None = None  # the open block's indent, None outside a block
    in_fence = False
    for line in text.split("\n"):
        stripped = line.lstrip()
        if indent is not None and not stripped:
            out.append(indent + FENCE)
            indent = None
        elif indent is None and stripped.startswith(FENCE):
            in_fence = not in_fence
        elif indent is None and not in_fence and stripped.startswith(PROMPT):
            indent = line[: len(line) - len(stripped)]
            out.append(indent + FENCE + "pycon")
        out.append(line)
    if indent is not None:
        out.append(indent + FENCE)
    return "\n".join(out)


class MarkdownDocstrings(griffe.Extension):
    """Rewrites every docstring for Markdown once the object tree is built."""

    def on_object(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = unrole(fence_examples(obj.docstring.value))
