"""Tracebacks that end at the user's line, not inside awsmock.

pytest hides frames marked ``__tracebackhide__`` and unittest hides leading
frames of modules marked ``__unittest``, but unittest keeps trailing library
frames for any exception that is not exactly ``AssertionError``, and neither
hides botocore's or ``unittest.mock``'s frames between the user's call and
awsmock. For errors awsmock raised itself, the integrations cut those frames
off, so every runner shows the message under the user's own line.
"""

from __future__ import annotations

import concurrent.futures
import os
import threading
from types import TracebackType
from typing import Optional, Set, Tuple
from unittest import mock

import boto3
import botocore
import s3transfer

__unittest = True


def _directory(module_file: Optional[str]) -> str:
    return os.path.dirname(os.path.abspath(module_file or "")) + os.sep


_AWSMOCK_DIR = _directory(__file__)
# Frames between the user's call and the point where awsmock raised.
_LIBRARY: Tuple[str, ...] = (
    _AWSMOCK_DIR,
    _directory(botocore.__file__),
    _directory(boto3.__file__),
    _directory(s3transfer.__file__),
    _directory(concurrent.futures.__file__),
    os.path.abspath(mock.__file__),
    os.path.abspath(threading.__file__),
)


def _filename(tb: TracebackType) -> str:
    return os.path.abspath(tb.tb_frame.f_code.co_filename)


def _trim_one(tb: Optional[TracebackType]) -> None:
    """Drop the library frames after the last user frame, if awsmock raised."""
    last_user: Optional[TracebackType] = None
    innermost: Optional[TracebackType] = None
    while tb is not None:
        if not _filename(tb).startswith(_LIBRARY):
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
