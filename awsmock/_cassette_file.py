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

from ._redact import REDACTED, REDACTED_BYTES
from .errors import CassetteError

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


def decode(value: Any, params: bool = False) -> Any:
    """JSON data back to Python values; ValueError for an unknown tag.

    In params (``params=True``) a redacted secret or a recorded stream
    matches anything on replay.
    """
    if isinstance(value, dict):
        if len(value) == 1:
            ((key, inner),) = value.items()
            if key.startswith("$"):
                return _decode_tagged(key, inner, params)
        return {k: decode(v, params) for k, v in value.items()}
    if isinstance(value, list):
        return [decode(v, params) for v in value]
    if params and value == REDACTED:
        return ANY
    return value


def _decode_tagged(tag: str, inner: Any, params: bool) -> Any:
    if tag == "$dict" and isinstance(inner, dict):
        return {k: decode(v, params) for k, v in inner.items()}
    if tag in ("$bytes", "$base64") and isinstance(inner, str):
        data = inner.encode("utf-8") if tag == "$bytes" else base64.b64decode(inner)
        return ANY if params and data == REDACTED_BYTES else data
    if tag == "$datetime" and isinstance(inner, str):
        parsed = datetime.datetime.fromisoformat(inner)
        # botocore's parser hands out UTC datetimes as tzutc().
        if parsed.utcoffset() == datetime.timedelta(0):
            parsed = parsed.replace(tzinfo=tzutc())
        return parsed
    if tag == "$decimal" and isinstance(inner, str):
        return Decimal(inner)
    if tag == "$set" and isinstance(inner, list):
        return {decode(v, params) for v in inner}
    if tag == "$tuple" and isinstance(inner, list):
        return tuple(decode(v, params) for v in inner)
    if tag == "$binary":
        data = decode(inner)
        if isinstance(data, bytes):
            return Binary(data)
    if tag == "$stream":
        return ANY
    raise ValueError(f"unknown value tag {tag!r} (with {inner!r:.40})")


# the file


def load(path: str) -> List[Interaction]:
    """The interactions of the cassette at ``path``, checked; CassetteError otherwise."""
    __tracebackhide__ = True
    try:
        with open(path, encoding="utf-8") as file:
            text = file.read()
    except (OSError, UnicodeDecodeError) as error:
        raise CassetteError(f"Cannot read cassette {path}: {error}") from None
    try:
        data = json.loads(text)
    except ValueError as error:
        raise CassetteError(
            f"Cassette {path} is corrupt: it is not valid JSON ({error})."
        ) from None
    if not isinstance(data, dict) or FORMAT_KEY not in data:
        raise CassetteError(
            f"{path} is not an awsmock cassette: it has no {FORMAT_KEY!r} version key."
        )
    version = data[FORMAT_KEY]
    if version != VERSION:
        raise CassetteError(
            f"Cassette {path} has format version {version!r}; this awsmock reads version"
            f" {VERSION}. Upgrade awsmock, or record the cassette again."
        )
    interactions = data.get("interactions")
    if not isinstance(interactions, list):
        raise CassetteError(f"Cassette {path} is corrupt: 'interactions' must be a list.")
    for number, item in enumerate(interactions, 1):
        found = problem(item)
        if found:
            raise CassetteError(f"Cassette {path} is corrupt: interaction {number} {found}.")
    return interactions


def problem(item: Any) -> str:
    """What is wrong with one interaction, or ''."""
    if not isinstance(item, dict):
        return f"is {type(item).__name__}, not an object"
    for key, kind in (("service", str), ("operation", str), ("status", int), ("response", dict)):
        if not isinstance(item.get(key), kind) or isinstance(item.get(key), bool):
            return f"needs {key!r} ({kind.__name__}), got {item.get(key)!r:.40}"
    if "params" in item and not isinstance(item["params"], dict):
        return f"has 'params' that is not an object: {item['params']!r:.40}"
    if item["status"] >= 300 and not isinstance(item["response"].get("Error"), dict):
        return f"has status {item['status']} but no 'Error' in its response"
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
        raise CassetteError(f"Cannot write cassette {path}: {error.strerror or error}.") from None


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
