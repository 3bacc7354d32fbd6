"""File-object params (an S3 ``Body``) recorded as the bytes that were sent.

botocore reads a file-like blob param to send it, from where the file is to
its end. The call record must hold those bytes, not the file: smart_open
empties its buffer after each part, and ``upload_fileobj`` closes the file
once the call returns. So the body is read once, when the call is made, and
a file that can seek is put back where it was, as the code gave it (for a
call that is passed through, botocore then reads it itself); one that
cannot seek is read up, as sending it would, and a copy goes on in its place.
"""

from __future__ import annotations

import inspect
import io
from typing import Any, Dict, Optional, Sequence

__unittest = True


def read_bodies(members: Sequence[str], params: Dict[str, Any]) -> Optional[Dict[str, Any]]:
    """Replace the file objects among ``params[members]`` by the bytes read from them.

    ``params`` is the call record's own copy. Returns what to send in their
    place when the call is passed through (member -> file object), or None
    when no member held a file object.
    """
    sent: Optional[Dict[str, Any]] = None
    for member in members:
        body = params.get(member)
        if body is None or isinstance(body, (bytes, bytearray, str)):
            continue
        read = getattr(body, "read", None)
        if not callable(read) or inspect.iscoroutinefunction(read):
            continue  # not a file; or an async stream, which aiobotocore reads
        position = _position(body)
        data = _read(body, position)
        if data is None:
            continue
        params[member] = data
        if sent is None:
            sent = {}
        sent[member] = body if position is not None else _copy(data)
    return sent


def _read(body: Any, position: Optional[int]) -> Any:
    """What ``body`` holds from ``position`` on, the file put back there; None if it cannot.

    A closed file stays in the record as it is: botocore reports it when it sends.
    """
    try:
        data = body.read()
        if position is not None:
            body.seek(position)
    except (OSError, ValueError):
        return None
    return data


def _position(body: Any) -> Optional[int]:
    """Where a file that can seek is; None for one that cannot (a pipe, a socket)."""
    seekable = getattr(body, "seekable", None)
    try:
        if callable(seekable) and not seekable():
            return None
        if not callable(getattr(body, "seek", None)):
            return None
        return int(body.tell())
    except Exception:
        return None


def _copy(data: Any) -> Any:
    """A file over ``data``, for botocore to read in place of the one read up."""
    if isinstance(data, (bytes, bytearray)):
        return io.BytesIO(data)
    return io.StringIO(data) if isinstance(data, str) else data
