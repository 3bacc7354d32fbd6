"""Frames of the mutation tool, left out where a test checks what a traceback shows.

``.ci/mutation`` runs the suite under mutmut, which wraps each function of
the module it mutates in a trampoline of its own (``mutmut/mutation/
trampoline.py``). Those frames are in no user's traceback, and carry no
``__tracebackhide__``: the tests that count frames skip them.
"""

from __future__ import annotations

import os
from typing import Any, List

MUTATION_TOOL = f"{os.sep}mutmut{os.sep}"


def is_mutation_tool(path: Any) -> bool:
    return MUTATION_TOOL in str(path)


def visible(excinfo: Any) -> List[Any]:
    """The traceback entries pytest shows for ``excinfo``, the mutation tool's left out."""
    return [
        entry
        for entry in excinfo.traceback
        if not entry.ishidden(excinfo) and not is_mutation_tool(entry.path)
    ]
