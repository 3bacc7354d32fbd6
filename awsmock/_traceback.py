"""Tracebacks that end at the user's line, not inside awsmock.

pytest hides frames marked ``__tracebackhide__`` and unittest hides leading
frames of modules marked ``__unittest``, but unittest keeps trailing library
frames for any exception that is not exactly ``AssertionError``, and neither
hides botocore's or ``unittest.mock``'s frames between the user's call and
awsmock. For errors awsmock raised itself, the integrations cut those frames
off, so every runner shows the message under the user's own line.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import sys
from types import TracebackType
from typing import Optional, Set, Tuple

__unittest = True


def _location(module: str) -> str:
    """Where ``module`` lives, found without importing it (import time matters)."""
    spec = importlib.util.find_spec(module)
    origin = spec.origin if spec is not None and spec.origin else ""
    if spec is not None and spec.submodule_search_locations:
        return os.path.dirname(os.path.abspath(origin)) + os.sep
    return os.path.abspath(origin)


_AWSMOCK_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep


def caller_location() -> str:
    """``file:line`` of the first frame outside awsmock: where the test queued it."""
    frame = sys._getframe(1)
    while frame.f_back is not None and frame.f_code.co_filename.startswith(_AWSMOCK_DIR):
        frame = frame.f_back
    return f"{frame.f_code.co_filename}:{frame.f_lineno}"


def caller_directory() -> str:
    """The directory of the first file outside awsmock on the stack, else the cwd."""
    frame = sys._getframe(1)
    while frame.f_back is not None and frame.f_code.co_filename.startswith(_AWSMOCK_DIR):
        frame = frame.f_back
    filename = frame.f_code.co_filename
    if os.path.isfile(filename):  # not "<stdin>" or "<string>"
        return os.path.dirname(os.path.abspath(filename))
    return os.getcwd()


@functools.cache
def _library() -> Tuple[str, ...]:
    """Frames between the user's call and the point where awsmock raised."""
    packages = ("botocore", "boto3", "s3transfer", "concurrent.futures")
    return (
        _AWSMOCK_DIR,
        *(_location(name) for name in packages),
        _location("unittest.mock"),
        _location("threading"),
    )


def _filename(tb: TracebackType) -> str:
    return os.path.abspath(tb.tb_frame.f_code.co_filename)


def _trim_one(tb: Optional[TracebackType]) -> None:
    """Drop the library frames after the last user frame, if awsmock raised."""
    library = _library()
    last_user: Optional[TracebackType] = None
    innermost: Optional[TracebackType] = None
    while tb is not None:
        if not _filename(tb).startswith(library):
            last_user = tb
        innermost = tb
        tb = tb.tb_next
    if innermost is None or last_user is None:
        return
    if _filename(innermost).startswith(_AWSMOCK_DIR):
        last_user.tb_next = None


def trim(error: BaseException) -> None:
    """Cut awsmock's, botocore's and mock's frames off ``error`` and its causes."""
    seen: Set[int] = set()
    pending = [error]
    while pending:
        current = pending.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        _trim_one(current.__traceback__)
        for linked in (current.__cause__, current.__context__):
            if linked is not None:
                pending.append(linked)
