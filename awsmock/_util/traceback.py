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
from types import CodeType, FrameType, TracebackType
from typing import List, Optional, Set, Tuple

__unittest = True


def _location(module: str) -> Optional[str]:
    """Where ``module`` lives, found without importing it (import time matters)."""
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    if spec.submodule_search_locations:
        return os.path.dirname(os.path.abspath(spec.origin)) + os.sep
    return os.path.abspath(spec.origin)


# The package folder (this file is in awsmock/_util/): every layer is library code.
_AWSMOCK_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep


def _caller_frame(skip: int = 0) -> FrameType:
    """The first frame outside awsmock: the test's line that called it.

    ``skip``: how many more frames above the caller's caller are awsmock's for certain.
    """
    frame = sys._getframe(2 + skip)
    while frame.f_back is not None and frame.f_code.co_filename.startswith(_AWSMOCK_DIR):
        frame = frame.f_back
    return frame


Place = Tuple[CodeType, int]


def caller_place(skip: int = 0) -> Place:
    """Where the first frame outside awsmock is, formatted by ``location()`` if a message needs it.

    Queuing a response reads its caller's place every time and shows it
    rarely: the line number is worked out from the instruction offset later.
    """
    frame = _caller_frame(skip)
    return frame.f_code, frame.f_lasti


def location(place: Place) -> str:
    """``file:line`` of a ``caller_place()``."""
    code, offset = place
    line = next((n for start, end, n in code.co_lines() if start <= offset < end), None)
    # normpath: Python 3.10 keeps "./" of a relative sys.path entry (Django's
    # --pythonpath=.) in the file name.
    return f"{os.path.normpath(code.co_filename)}:{line}"


def caller_directory() -> str:
    """The directory of the first file outside awsmock on the stack, else the cwd."""
    filename = _caller_frame().f_code.co_filename
    if os.path.isfile(filename):  # not "<stdin>" or "<string>"
        return os.path.dirname(os.path.abspath(filename))
    return os.getcwd()


# Between the user's call and the point where awsmock raised, or wrapped
# around a test by a runner's plugin: never the place to look.
_LIBRARIES = (
    "botocore",
    "boto3",
    "s3transfer",
    "concurrent.futures",
    "unittest.mock",
    "threading",
    "asyncio",
    "aiobotocore",
    "aioboto3",
    "aiohttp",
    "fsspec",
    "s3fs",
)
# Wrapped around tests and fixtures by a runner's plugin.
_RUNNER_PLUGINS = ("pytest_asyncio", "anyio")


@functools.cache
def _library() -> Tuple[str, ...]:
    found = (_location(name) for name in _LIBRARIES)
    return (_AWSMOCK_DIR, *(path for path in found if path))


@functools.cache
def _runner_plugins() -> Tuple[str, ...]:
    return tuple(path for path in map(_location, _RUNNER_PLUGINS) if path)


def is_runner_plugin(path: str) -> bool:
    """Whether a frame in ``path`` is a test runner plugin's (pytest-asyncio, anyio)."""
    return os.path.abspath(path).startswith(_runner_plugins())


def raised_by_awsmock(tb: Optional[TracebackType]) -> bool:
    """Whether the innermost frame of ``tb`` is awsmock's."""
    innermost = None
    while tb is not None:
        innermost, tb = tb, tb.tb_next
    return innermost is not None and _filename(innermost).startswith(_AWSMOCK_DIR)


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


def chain(error: Optional[BaseException]) -> List[BaseException]:
    """``error`` and what it was raised from or while handling, transitively, each once."""
    seen: Set[int] = set()
    found: List[BaseException] = []
    pending = [error]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        found.append(current)
        pending.extend((current.__cause__, current.__context__))
    return found


def trim(error: BaseException) -> None:
    """Cut awsmock's, botocore's and mock's frames off ``error`` and its causes."""
    for current in chain(error):
        _trim_one(current.__traceback__)
