"""Wording shared by every message awsmock writes.

Suggestions ("Did you mean ...?"), plurals, calls and values cut to a
readable size, params diffs, and links to the section of the docs that
explains the fix.
"""

from __future__ import annotations

import sys
from typing import Any, Dict, Iterable, List

from .version import DOCS

__unittest = True


# Long enough to tell values apart, short enough that a 5 MB Body does not
# become a 5 MB message.
VALUE_LIMIT = 80
DIFF_LINE_LIMIT = 200
DIFF_LINES = 60


def docs(page_anchor: str) -> str:
    """``See <url>`` for the docs section ``page.html#anchor``."""
    return f"See {DOCS}{page_anchor}"


def plural(count: int, word: str, many: str = "") -> str:
    """``1 response``, ``2 responses``."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def were(count: int) -> str:
    return "was" if count == 1 else "were"


def times(count: int) -> str:
    return "once" if count == 1 else f"{count} times"


def listed(items: Iterable[str]) -> str:
    """``'a'``, ``'a' or 'b'``, ``'a', 'b' or 'c'``."""
    quoted = [repr(i) for i in items]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " or " + quoted[-1]


def suggest(name: Any, choices: List[str]) -> str:
    """`` Did you mean 'X'?`` for the choices close to ``name``, or ``""``."""
    import difflib  # not at import: only a mistake needs it

    if not isinstance(name, str):
        return ""
    close = difflib.get_close_matches(name, choices, n=3, cutoff=0.6)
    if not close:
        folded = {c.lower().replace("_", "").replace("-", ""): c for c in choices}
        key = name.lower().replace("_", "").replace("-", "")
        if key in folded:
            close = [folded[key]]
    return f" Did you mean {listed(close)}?" if close else ""


def format_value(value: Any, limit: int = VALUE_LIMIT) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def format_call(service: str, operation: str, params: Dict[str, Any]) -> str:
    args = ", ".join(f"{k}={format_value(v)}" for k, v in params.items())
    return f"{service}.{operation}({args})"


def is_any(value: Any) -> bool:
    """Whether ``value`` is ``unittest.mock.ANY`` (``awsmock.ANY``) or ``botocore.stub.ANY``."""
    from unittest.mock import ANY  # imported late: unittest.mock costs 12 ms

    if value is ANY:
        return True
    stub = sys.modules.get("botocore.stub")  # not imported: nobody has its ANY
    return stub is not None and value is stub.ANY


def _align(expected: Any, actual: Any) -> Any:
    """Copy ``expected`` with each ANY replaced by what it matched in ``actual``.

    The diff then shows only the differences that fail the comparison.
    """
    if is_any(expected):
        return actual
    if isinstance(expected, dict) and isinstance(actual, dict):
        return {k: _align(v, actual[k]) if k in actual else v for k, v in expected.items()}
    if isinstance(expected, (list, tuple)) and isinstance(actual, (list, tuple)):
        items = [_align(e, a) for e, a in zip(expected, actual, strict=False)]
        items += list(expected[len(actual) :])
        return type(expected)(items) if isinstance(expected, list) else tuple(items)
    return expected


def _cut(line: str) -> str:
    return line if len(line) <= DIFF_LINE_LIMIT else line[: DIFF_LINE_LIMIT - 3] + "..."


def params_diff(expected: Any, actual: Any) -> str:
    """A line diff of two param dicts, '-' for expected and '+' for actual."""
    import difflib
    import pprint

    left = [_cut(x) for x in pprint.pformat(_align(expected, actual), width=72).splitlines()]
    right = [_cut(x) for x in pprint.pformat(actual, width=72).splitlines()]
    lines = [line.rstrip() for line in difflib.ndiff(left, right) if not line.startswith("?")]
    if len(lines) > DIFF_LINES:
        lines = [*lines[:DIFF_LINES], f"... ({len(lines) - DIFF_LINES} more lines)"]
    return "Differences (- expected, + actual):\n" + "\n".join("  " + line for line in lines)


def counted(lines: Iterable[str], shown: int = 20) -> List[str]:
    """``lines`` with repeats counted, "(x3)", and at most ``shown`` of them.

    A test that queues in a loop may leave thousands of the same entry.
    """
    counts: Dict[str, int] = {}
    for line in lines:
        counts[line] = counts.get(line, 0) + 1
    out = [line if n == 1 else f"{line} (x{n})" for line, n in counts.items()]
    if len(out) > shown:
        out[shown:] = [f"- ... and {len(out) - shown} more"]
    return out
