"""The cassette file: a versioned, human-readable, diff-friendly JSON document.

::

    {
      "awsmock_cassette": 1,
      "interactions": [
        {"service": "s3", "operation": "GetObject",
         "params": {"Bucket": "b", "Key": "k"},
         "status": 200,
         "response": {"Body": {"$bytes": "hello"}, "ResponseMetadata": {...}}}
      ]
    }

Values JSON cannot hold are tagged with a one-key object: ``$bytes`` (UTF-8
text) or ``$base64``, ``$datetime`` (ISO 8601), ``$decimal``, ``$set``,
``$tuple``, ``$binary`` (boto3's DynamoDB ``Binary``), ``$stream`` (a file
object passed as a param: replayed as ANY); a real one-key object whose key
starts with ``$`` is wrapped in ``$dict``.
"""

from __future__ import annotations

import base64
import datetime
import json
import os
import tempfile
from decimal import Decimal
from typing import Any, Dict, List, cast
from unittest.mock import ANY

import botocore.utils
from boto3.dynamodb.types import Binary

from .._util.messages import docs
from ..errors import CassetteError
from .redact import REDACTED, REDACTED_BYTES


def cassette_error(message: str) -> CassetteError:
    """A ``CassetteError`` whose message ends with the link to its docs section.

    A message that wraps another error's (which has its own link) keeps that one.
    """
    if "See https://" not in message:
        end = "" if message.endswith((".", "?")) else "."
        message = f"{message}{end} {docs('errors.html#cassetteerror')}"
    return CassetteError(message)


# dateutil's UTC, as botocore's parser gives it (dateutil ships no type stubs).
tzutc: Any = cast(Any, botocore.utils).tzutc

__unittest = True

FORMAT_KEY = "awsmock_cassette"
VERSION = 1

Interaction = Dict[str, Any]


# encoding


def encode(value: Any) -> Any:
    """``value`` as JSON data, dict keys sorted; TypeError for what cannot be stored."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, dict):
        return _encode_dict(value)
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, tuple):
        return {"$tuple": [encode(v) for v in value]}
    if isinstance(value, (bytes, bytearray)):
        return _encode_bytes(bytes(value))
    if isinstance(value, datetime.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, Decimal):
        return {"$decimal": str(value)}
    if isinstance(value, (set, frozenset)):
        items = [encode(v) for v in value]
        return {"$set": sorted(items, key=lambda v: json.dumps(v, sort_keys=True))}
    if isinstance(value, Binary):
        return {"$binary": _encode_bytes(bytes(cast(Any, value).value))}
    if callable(getattr(value, "read", None)):
        return {"$stream": type(value).__name__}
    raise TypeError(f"cannot store a {type(value).__name__} value ({value!r:.60}) in a cassette")


def _encode_dict(value: Dict[Any, Any]) -> Dict[str, Any]:
    for key in value:
        if not isinstance(key, str):
            raise TypeError(f"cannot store the non-string key {key!r} in a cassette")
    out = {key: encode(value[key]) for key in sorted(value)}
    if len(out) == 1 and next(iter(out)).startswith("$"):
        return {"$dict": out}
    return out


def _encode_bytes(data: bytes) -> Dict[str, str]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return {"$base64": base64.b64encode(data).decode("ascii")}
    if text.isprintable() or all(c.isprintable() or c in "\n\r\t" for c in text):
        return {"$bytes": text}
    return {"$base64": base64.b64encode(data).decode("ascii")}


# decoding


class BadValue(ValueError):
    """A value that cannot be decoded; ``where`` says where it is (``.Body``, ``[0]``)."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem
        self._path: List[str] = []  # innermost first

    @property
    def where(self) -> str:
        return "".join(reversed(self._path))

    def __str__(self) -> str:
        where = self.where.lstrip(".")
        return f"{where}: {self.problem}" if where else self.problem


def decode(value: Any, params: bool = False) -> Any:
    """JSON data back to Python values; ``BadValue`` (a ValueError) saying where otherwise.

    In params (``params=True``) a redacted secret or a recorded stream
    matches anything on replay.
    """
    try:
        return _decode(value, params)
    except RecursionError:
        raise BadValue("values nest too deeply to decode") from None


def _decode(value: Any, params: bool) -> Any:
    if isinstance(value, dict):
        if len(value) == 1:
            ((key, inner),) = value.items()
            if key.startswith("$"):
                return _decode_tagged(key, inner, params)
        return _decode_dict(value, params)
    if isinstance(value, list):
        out = []
        for index, item in enumerate(value):
            try:
                out.append(_decode(item, params))
            except BadValue as error:
                error._path.append(f"[{index}]")
                raise
        return out
    if params and value == REDACTED:
        return ANY
    return value


def _decode_dict(value: Dict[str, Any], params: bool) -> Dict[str, Any]:
    out = {}
    for key, item in value.items():
        try:
            out[key] = _decode(item, params)
        except BadValue as error:
            error._path.append(f".{key}")
            raise
    return out


# What each tag holds, for the message when it holds something else.
_TAG_HOLDS = {
    "$dict": (dict, "an object"),
    "$bytes": (str, "a string"),
    "$base64": (str, "a string"),
    "$datetime": (str, "an ISO 8601 string"),
    "$decimal": (str, "a string"),
    "$set": (list, "a list"),
    "$tuple": (list, "a list"),
    "$stream": (str, "a string"),
}


def _decode_tagged(tag: str, inner: Any, params: bool) -> Any:
    if tag == "$binary":
        data = _decode(inner, False)
        if not isinstance(data, bytes):
            raise BadValue(f"$binary holds a $bytes or $base64 value, got {inner!r:.40}")
        return Binary(data)
    holds = _TAG_HOLDS.get(tag)
    if holds is None:
        raise BadValue(f"unknown value tag {tag!r} (with {inner!r:.40})")
    if not isinstance(inner, holds[0]):
        raise BadValue(f"{tag} holds {holds[1]}, got {inner!r:.40}")
    if tag == "$dict":
        return _decode_dict(inner, params)
    if tag in ("$bytes", "$base64"):
        data = inner.encode("utf-8") if tag == "$bytes" else _base64(inner)
        return ANY if params and data == REDACTED_BYTES else data
    if tag == "$datetime":
        try:
            parsed = datetime.datetime.fromisoformat(inner)
        except ValueError:
            raise BadValue(
                f"$datetime holds an ISO 8601 date and time, got {inner!r:.40}"
            ) from None
        # botocore's parser hands out UTC datetimes as tzutc().
        if parsed.utcoffset() == datetime.timedelta(0):
            parsed = parsed.replace(tzinfo=tzutc())
        return parsed
    if tag == "$decimal":
        try:
            return Decimal(inner)
        except ArithmeticError:  # decimal.InvalidOperation
            raise BadValue(f"$decimal holds a number, got {inner!r:.40}") from None
    if tag == "$set":
        items = _decode(inner, params)
        try:
            return set(items)
        except TypeError:
            raise BadValue(f"$set holds strings, numbers or bytes, got {inner!r:.40}") from None
    if tag == "$tuple":
        return tuple(_decode(inner, params))
    if not params:
        raise BadValue("$stream (a file object passed as a param) is only for params")
    return ANY  # $stream


def _base64(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except ValueError:  # binascii.Error
        raise BadValue(f"$base64 holds base64 data, got {text!r:.40}") from None


# the file


def load(path: str) -> List[Interaction]:
    """The interactions of the cassette at ``path``, checked; CassetteError otherwise."""
    __tracebackhide__ = True
    try:
        with open(path, encoding="utf-8") as file:
            text = file.read()
    except (OSError, UnicodeDecodeError) as error:
        raise cassette_error(f"Cannot read cassette {path}: {error}") from None
    try:
        data = json.loads(text)
    except ValueError as error:
        raise cassette_error(
            f"Cassette {path} is corrupt: it is not valid JSON ({error})."
        ) from None
    except RecursionError:
        raise cassette_error(
            f"Cassette {path} is corrupt: its values nest too deeply to read ({_deepest(text)})."
        ) from None
    if not isinstance(data, dict) or FORMAT_KEY not in data:
        raise cassette_error(
            f"{path} is not an awsmock cassette: it has no {FORMAT_KEY!r} version key."
        )
    version = data[FORMAT_KEY]
    if not isinstance(version, int) or isinstance(version, bool):
        raise cassette_error(
            f"Cassette {path} is corrupt: its {FORMAT_KEY!r} version must be a whole"
            f" number such as {VERSION}, got {version!r:.40}."
        )
    if version != VERSION:
        raise cassette_error(
            f"Cassette {path} has format version {version!r}; this awsmock reads version"
            f" {VERSION}. Upgrade awsmock, or record the cassette again."
        )
    interactions = data.get("interactions")
    if not isinstance(interactions, list):
        raise cassette_error(f"Cassette {path} is corrupt: 'interactions' must be a list.")
    for number, item in enumerate(interactions, 1):
        found = problem(item) or _bad_value(item)
        if found:
            raise cassette_error(f"Cassette {path} is corrupt: interaction {number} {found}.")
    return interactions


def _bad_value(item: Interaction) -> str:
    """What in an interaction's params or response cannot be decoded, or ''."""
    for key in ("params", "response"):
        if key in item:
            try:
                decode(item[key], key == "params")
            except BadValue as error:
                return f"has a bad value at {key}{error.where}: {error.problem}"
    return ""


def _deepest(text: str) -> str:
    """Where the JSON ``text`` nests deepest: "N levels at line L, column C"."""
    depth = deepest = 0
    at = 0
    in_string = escaped = False
    for index, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > deepest:
                deepest, at = depth, index
        elif char in "]}":
            depth -= 1
    line = text.count("\n", 0, at) + 1
    column = at - text.rfind("\n", 0, at)
    return f"{deepest} levels at line {line}, column {column}"


def problem(item: Any) -> str:
    """What is wrong with one interaction, or ''."""
    if not isinstance(item, dict):
        return f"is {type(item).__name__}, not an object"
    for key, kind in (("service", str), ("operation", str), ("status", int), ("response", dict)):
        if not isinstance(item.get(key), kind) or isinstance(item.get(key), bool):
            return f"needs {key!r} ({kind.__name__}), got {item.get(key)!r:.40}"
    if "params" in item and not isinstance(item["params"], dict):
        return f"has 'params' that is not an object: {item['params']!r:.40}"
    status = item["status"]
    if not 100 <= status <= 599:
        return f"has status {status}, which is not an HTTP status (100-599)"
    response = item["response"]
    if status >= 300 and not isinstance(response.get("Error"), dict):
        return f"has status {status} but no 'Error' in its response"
    meta = response.get("ResponseMetadata", {})
    if not isinstance(meta, dict):
        return f"has a 'ResponseMetadata' that is not an object: {meta!r:.40}"
    if meta.get("HTTPStatusCode", status) != status:
        return (
            f"has ResponseMetadata.HTTPStatusCode {meta['HTTPStatusCode']!r:.40}"
            f" but status {status}; remove one"
        )
    return ""


def dumps(interactions: List[Interaction]) -> str:
    document = {FORMAT_KEY: VERSION, "interactions": interactions}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write(path: str, interactions: List[Interaction]) -> None:
    """Write the cassette atomically: a temp file renamed over ``path``.

    A crash or a failing test never leaves a partial cassette behind; a path
    that cannot be written is a CassetteError naming it.
    """
    __tracebackhide__ = True
    text = dumps(interactions)
    try:
        _write_atomically(path, text)
    except OSError as error:
        raise cassette_error(f"Cannot write cassette {path}: {error.strerror or error}.") from None


def _write_atomically(path: str, text: str) -> None:
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=directory, prefix=f".{os.path.basename(path)}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(text)
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        os.unlink(temp)
        raise
