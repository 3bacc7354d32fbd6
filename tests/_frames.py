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


def skip_mutation_tool_frames() -> None:
    """Under mutmut, find the test's line past mutmut's trampolines too.

    awsmock tells where a response was queued from the first frame outside
    its package (``_util/traceback._caller_frame``); a trampoline between
    the test and awsmock would be taken for the test's line. Called by
    tests/conftest.py only when mutmut runs the suite.
    """
    import sys
    from types import FrameType

    from awsmock._util import traceback as _traceback

    def caller_frame(skip: int = 0) -> FrameType:
        frame = sys._getframe(2 + skip)
        while frame.f_back is not None and (
            frame.f_code.co_filename.startswith(_traceback._AWSMOCK_DIR)
            or is_mutation_tool(frame.f_code.co_filename)
        ):
            frame = frame.f_back
        return frame

    _traceback._caller_frame = caller_frame
    # A trampoline between awsmock's frames is not the user's line either:
    # the frames awsmock cuts off a traceback it raised go on past it.
    library = _traceback._library()
    tool = os.path.dirname(str(sys.modules["mutmut"].__file__)) + os.sep
    setattr(_traceback, "_library", lambda: (*library, tool))  # noqa: B010
