"""Queued responses checked against an operation's output shape, and converted.

Structure and types only, never min/max/pattern: real services and moto
return values the models' constraints reject (botocore #3199). Conversion
does what botocore's parser would have done: timestamps become aware
datetimes, blobs bytes.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, Callable, Dict, List, cast

from botocore.utils import parse_timestamp

from .._util.copy import find_cycle, plain_copy
from .._util.messages import format_value, suggest
from ..errors import InvalidResponseError
from .models import Compiled, OperationInfo

__unittest = True

_TYPE_NAMES = {
    "string": "str",
    "integer": "int",
    "long": "int",
    "boolean": "bool",
    "float": "float",
    "double": "float",
    "structure": "dict",
    "map": "dict",
    "list": "list",
    "timestamp": "datetime or ISO-8601 str",
    "blob": "bytes",
}


class LiveStream:
    """A file object queued as the streaming payload that cannot be re-read.

    It is handed to the code inside a ``StreamingBody``: a stream that fails
    half-way (to test a retry on a broken download) fails there. What its
    ``read()`` returns is checked as it is read: it cannot be peeked at.
    """

    __slots__ = ("raw", "path")

    def __init__(self, raw: Any, path: str = "") -> None:
        self.raw = raw
        self.path = path

    def read(self, amount: Any = None) -> bytes:
        return _read_bytes(self.raw.read() if amount is None else self.raw.read(amount), self.path)

    def close(self) -> None:
        close = getattr(self.raw, "close", None)
        if callable(close):
            close()


def _fail(path: str, shape: Any, value: Any) -> InvalidResponseError:
    expected = _TYPE_NAMES.get(shape.type_name, shape.type_name)
    return InvalidResponseError(
        f"{path}: expected {expected}, got {type(value).__name__} ({format_value(value, 60)})"
    )


def _read_all(value: Any, path: str) -> bytes:
    """Read a file object without consuming it: the same one may be queued twice."""
    seekable = getattr(value, "seekable", None)
    start = value.tell() if callable(seekable) and seekable() else None
    data = value.read()
    if start is not None:
        value.seek(start)
    return _read_bytes(data, path)


def _read_bytes(data: Any, path: str) -> bytes:
    """What a queued file object's ``read()`` returned, as bytes, or why it is not."""
    if isinstance(data, str):
        return data.encode("utf-8")
    if not isinstance(data, (bytes, bytearray)):
        raise InvalidResponseError(
            f"{path}: the file object's read() returned {type(data).__name__}, not bytes"
            f" ({format_value(data, 60)})"
        )
    return bytes(data)


def _to_bytes(value: Any, path: str, shape: Any, streaming: bool) -> Any:
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, LiveStream):
        return value
    read = getattr(value, "read", None)
    if callable(read):
        seekable = getattr(value, "seekable", None)
        if streaming and not (callable(seekable) and seekable()):
            return LiveStream(value, path)
        return _read_all(value, path)
    raise _fail(path, shape, value)


def _to_datetime(value: Any, path: str, shape: Any) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        # botocore never hands out a naive datetime: a naive one is UTC.
        return value if value.tzinfo is not None else value.replace(tzinfo=datetime.timezone.utc)
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        try:
            parsed: datetime.datetime = parse_timestamp(cast(Any, value))
        except (ValueError, TypeError, OverflowError, OSError, RuntimeError):
            raise _fail(path, shape, value) from None
        # AWS always sends a zone; botocore never hands out a naive datetime.
        return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=datetime.timezone.utc)
    raise _fail(path, shape, value)


def _key(path: str, key: Any) -> None:
    if not isinstance(key, str):
        where = f"{path}: " if path else ""
        raise InvalidResponseError(
            f"{where}keys must be strings, as in the JSON AWS sends; got"
            f" {type(key).__name__} {key!r}"
        )


def _shape_value(value: Any, shape: Any, path: str, check: bool, payload: str = "") -> Any:
    """Check ``value`` against ``shape`` (when ``check``) and convert it."""
    if value is None:
        # botocore's own handlers return None (GetBucketLocation in us-east-1).
        return None
    kind = shape.type_name
    if kind == "structure":
        # A document is any JSON value (a list, a string...), not only a dict.
        if getattr(shape, "is_document_type", False):
            return plain_copy(value)
        # An event stream is queued as the list of its events, in order.
        if shape.serialization.get("eventstream") and isinstance(value, (list, tuple)):
            return [_shape_value(e, shape, f"{path}[{i}]", check) for i, e in enumerate(value)]
        if not isinstance(value, dict):
            raise _fail(path, shape, value)
        members = shape.members
        out = {}
        for key, item in value.items():
            _key(path, key)
            member = members.get(key)
            if member is None:
                if check:
                    raise _unknown_key(path, key, list(members))
                out[key] = plain_copy(item)
                continue
            sub = f"{path}.{key}" if path else key
            if not path and key == payload and item is not None:
                out[key] = _to_bytes(item, sub, member, streaming=True)
            else:
                out[key] = _shape_value(item, member, sub, check)
        return out
    if kind == "list":
        if not isinstance(value, (list, tuple)):
            raise _fail(path, shape, value)
        return [_shape_value(v, shape.member, f"{path}[{i}]", check) for i, v in enumerate(value)]
    if kind == "map":
        if not isinstance(value, dict):
            raise _fail(path, shape, value)
        for key in value:
            _key(path, key)
        return {k: _shape_value(v, shape.value, f"{path}[{k!r}]", check) for k, v in value.items()}
    if kind == "timestamp":
        return _to_datetime(value, path, shape)
    if kind == "blob":
        return _to_bytes(value, path, shape, streaming=False)
    if check:
        _check_scalar(value, shape, path)
    return value


def _check_scalar(value: Any, shape: Any, path: str) -> None:
    kind = shape.type_name
    if kind == "string":
        ok = isinstance(value, str)
    elif kind in ("integer", "long"):
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif kind == "boolean":
        ok = isinstance(value, bool)
    elif kind in ("float", "double"):
        ok = isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)
    else:  # pragma: no cover - botocore has no other scalar types today
        ok = True
    if not ok:
        raise _fail(path, shape, value)


def _unknown_key(path: str, key: str, members: List[str]) -> InvalidResponseError:
    where = f"{path}: " if path else ""
    valid = ", ".join(members) if members else "(none)"
    return InvalidResponseError(
        f"{where}unknown key {key!r}.{suggest(key, members)} Valid keys: {valid}"
    )


def check_metadata(meta: Any, status_required: bool = False) -> Dict[str, Any]:
    """A queued ``ResponseMetadata``, checked: botocore reads these keys itself."""
    if not isinstance(meta, dict):
        raise InvalidResponseError(f"ResponseMetadata: expected dict, got {type(meta).__name__}")
    status = meta.get("HTTPStatusCode", 200)
    if not isinstance(status, int) or isinstance(status, bool) or not 100 <= status <= 599:
        raise InvalidResponseError(
            f"ResponseMetadata.HTTPStatusCode: expected an int HTTP status (100-599),"
            f" got {format_value(status, 60)}"
        )
    headers = meta.get("HTTPHeaders", {})
    if not isinstance(headers, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in headers.items()
    ):
        raise InvalidResponseError(
            f"ResponseMetadata.HTTPHeaders: expected a dict of str to str, got"
            f" {format_value(headers, 60)}"
        )
    retries = meta.get("RetryAttempts", 0)
    if not isinstance(retries, int) or isinstance(retries, bool):
        raise InvalidResponseError(
            f"ResponseMetadata.RetryAttempts: expected int, got {format_value(retries, 60)}"
        )
    return plain_copy(meta)  # type: ignore[no-any-return]


class _Unsure(Exception):
    """A compiled shaper met a value only the full walk converts, or can explain."""


_UNSURE = _Unsure()
Shaper = Callable[[Any], Any]


def _identity(value: Any) -> Any:
    return value


def compile_shaper(shape: Any, check: bool, payload: str = "") -> Shaper:
    """``_shape_value`` for the common case, compiled once per shape.

    The result is the same as the full walk's; anything else (a tuple for a
    list, a str for a blob, a naive datetime, an unknown key, a wrong type)
    raises ``_Unsure`` and the full walk converts it or says what is wrong.
    The full walk builds a path string at every step for its messages; this
    builds none.
    """
    kind = shape.type_name
    if kind == "structure":
        if getattr(shape, "is_document_type", False):
            return plain_copy
        if shape.serialization.get("eventstream"):
            return _always_unsure
        return _structure_shaper(shape, check, payload)
    if kind == "list":
        return _list_shaper(shape, check)
    if kind == "map":
        return _map_shaper(shape, check)
    if kind in ("timestamp", "blob"):
        return _exact(
            datetime.datetime if kind == "timestamp" else bytes, aware=kind == "timestamp"
        )
    if not check:
        return _identity
    return _exact(_SCALAR_CLASSES.get(kind, object))


_SCALAR_CLASSES: Dict[str, Any] = {
    "string": str,
    "integer": int,
    "long": int,
    "boolean": bool,
    "float": (float, int, Decimal),
    "double": (float, int, Decimal),
}


def _always_unsure(value: Any) -> Any:
    raise _UNSURE


def _exact(classes: Any, aware: bool = False) -> Shaper:
    """Values of exactly these classes pass as they are (True is not an int here)."""
    allowed = classes if isinstance(classes, tuple) else (classes,)

    def shaper(value: Any) -> Any:
        if value.__class__ in allowed and not (aware and value.tzinfo is None):
            return value
        raise _UNSURE

    return shaper


def _structure_shaper(shape: Any, check: bool, payload: str) -> Shaper:
    def member_shaper(name: str, member: Any) -> Shaper:
        return _exact(bytes) if name == payload else compile_shaper(member, check)

    compiled = Compiled(shape.members, member_shaper)

    def shaper(value: Any) -> Any:
        if value.__class__ is not dict:
            raise _UNSURE
        out = {}
        for key, item in value.items():
            shape_member = compiled[key]
            if shape_member is None:
                raise _UNSURE
            out[key] = None if item is None else shape_member(item)
        return out

    return shaper


def _list_shaper(shape: Any, check: bool) -> Shaper:
    compiled = Compiled({"member": shape.member}, lambda _, member: compile_shaper(member, check))

    def shaper(value: Any) -> Any:
        if value.__class__ is not list:
            raise _UNSURE
        item_shaper = compiled["member"]
        return [None if item is None else item_shaper(item) for item in value]

    return shaper


def _map_shaper(shape: Any, check: bool) -> Shaper:
    compiled = Compiled({"value": shape.value}, lambda _, value: compile_shaper(value, check))

    def shaper(value: Any) -> Any:
        if value.__class__ is not dict:
            raise _UNSURE
        value_shaper = compiled["value"]
        out = {}
        for key, item in value.items():
            if key.__class__ is not str:
                raise _UNSURE
            out[key] = None if item is None else value_shaper(item)
        return out

    return shaper


def _shape_body(info: OperationInfo, body: Dict[str, Any], check: bool) -> Dict[str, Any]:
    """``_shape_value`` of a response's body: the compiled shaper, else the full walk."""
    shaper = info.shapers.get(check)
    if shaper is None:
        payload = info.streaming_member or ""
        shaper = info.shapers[check] = compile_shaper(info.model.output_shape, check, payload)
    try:
        shaped: Dict[str, Any] = shaper(body)
    except _Unsure:
        payload = info.streaming_member or ""
        shaped = _shape_value(body, info.model.output_shape, "", check, payload)
    return shaped


def shape_response(info: OperationInfo, response: Dict[str, Any], check: bool) -> Dict[str, Any]:
    """Check and convert a queued response once, when it is queued.

    The result is a template: a call gets a copy of it, with the streaming
    payload (kept as bytes here) wrapped in a fresh ``StreamingBody``. One
    that contains itself (it would recurse forever) is invalid: it says where.
    """
    try:
        return _shape_response(info, response, check)
    except RecursionError:
        cycle = find_cycle(response)
        if cycle is None:
            raise InvalidResponseError("the response nests too deeply to check") from None
        path, again = cycle
        raise InvalidResponseError(
            f"{path}: the response contains itself here (this is {again or 'the response'}"
            " again). Queue a tree of dicts and lists, as botocore's parser returns."
        ) from None


def _shape_response(info: OperationInfo, response: Dict[str, Any], check: bool) -> Dict[str, Any]:
    out_shape = info.model.output_shape
    meta = response.get("ResponseMetadata")
    body = response
    if meta is not None:
        body = {k: v for k, v in response.items() if k != "ResponseMetadata"}
    shaped: Dict[str, Any]
    if out_shape is None:
        if check and body:
            raise _unknown_key("", next(iter(body)), [])
        shaped = plain_copy(body)
    elif check or info.needs_shaping:
        # Builds new containers all the way down.
        shaped = _shape_body(info, body, check)
    else:
        # Copy the containers: the test may reuse and change its dict.
        shaped = plain_copy(body)
    if meta is not None:
        shaped["ResponseMetadata"] = check_metadata(meta)
    return shaped
