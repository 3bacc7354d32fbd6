"""Keep secrets out of cassettes.

A recorded call is scrubbed before it is written: every member whose
botocore shape is marked ``sensitive`` becomes a placeholder of the same
type, so a replayed response still fits the operation's output shape; under
a key whose name says it holds a secret (``SessionToken``,
``SecretAccessKey``, ``SecretString``, ``Password``, an ``Authorization``
header ...), every string and bytes value becomes a placeholder, while
numbers and flags (``MinimumPasswordLength``) are kept. JSON payloads
(Lambda's ``Invoke`` ``Payload``) keep their data, secret-named keys inside
them redacted the same way.
"""

from __future__ import annotations

import json
from typing import Any, Optional, Union

__unittest = True

REDACTED = "<redacted>"
REDACTED_BYTES = REDACTED.encode()

# Matched against key names lowercased, with "-" and "_" removed, so the
# HTTP header "x-amz-security-token" is caught as well as "SessionToken".
# Not "token" alone: NextToken and ContinuationToken must replay as recorded.
_SECRET_NAME_PARTS = (
    "password",
    "authorization",
    "secretaccesskey",
    "sessiontoken",
    "securitytoken",
    "secretstring",
    "secretbinary",
    "privatekey",
)


def is_secret_name(name: str) -> bool:
    """Whether a key's name says that its value is a secret."""
    key = name.lower().replace("-", "").replace("_", "")
    return any(part in key for part in _SECRET_NAME_PARTS)


def placeholder(value: Any) -> Any:
    """``value`` with every leaf replaced by a placeholder of the same kind.

    Containers keep their structure (a DynamoDB ``{"S": ...}`` stays a dict);
    numbers become 0 and booleans False.
    """
    if isinstance(value, dict):
        return {k: placeholder(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [placeholder(v) for v in value]
    if isinstance(value, (bytes, bytearray)):
        return REDACTED_BYTES
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return 0
    if value is None:
        return None
    if isinstance(value, str):
        return REDACTED
    # Datetimes and file objects carry no secret text of their own.
    return value


def redact(value: Any, shape: Optional[Any], params: bool = False) -> Any:
    """A copy of ``value`` (params or a response) with its secrets replaced.

    ``shape`` is the operation's input or output shape, or None where the
    model does not describe the value (``ResponseMetadata``). A secret param
    becomes the placeholder string whatever its type: replay matches it
    with ANY. A secret in a response keeps its type, to fit the shape.
    """
    if shape is not None and shape.type_name == "blob" and isinstance(value, (bytes, str)):
        return _redact_blob(value, bool(shape.metadata.get("sensitive")), params)
    if shape is not None and shape.metadata.get("sensitive"):
        return REDACTED if params else placeholder(value)
    if isinstance(value, dict):
        return _redact_dict(value, shape, params)
    if isinstance(value, list):
        member = shape.member if shape is not None and shape.type_name == "list" else None
        return [redact(v, member, params) for v in value]
    return value


def _redact_blob(value: Union[bytes, str], sensitive: bool, params: bool) -> Any:
    """A payload (Lambda's ``Invoke`` ``Payload``, an S3 ``Body``) with its secrets replaced.

    A JSON payload keeps its data, with the text under secret-sounding keys
    replaced, so a replayed response still parses (``json.loads``); in params
    such a payload becomes the placeholder (replay matches it with ANY).
    Other payloads are kept, unless the model marks them sensitive.
    """
    document = _json(value)
    if document is not _NOT_JSON:
        scrubbed = _redact_json(document)
        if scrubbed == document:
            return value
        if params:
            return REDACTED
        text = json.dumps(scrubbed)
        return text.encode("utf-8") if isinstance(value, bytes) else text
    if not sensitive:
        return value
    return REDACTED if params else placeholder(value)


_NOT_JSON = object()


def _json(value: Union[bytes, str]) -> Any:
    """``value`` parsed, when it is a JSON object or array; else ``_NOT_JSON``."""
    start = value.lstrip()[:1]
    if start not in (b"{", b"[", "{", "["):
        return _NOT_JSON
    try:
        return json.loads(value)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return _NOT_JSON


def _redact_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: _redact_text(v) if is_secret_name(k) else _redact_json(v) for k, v in value.items()
        }
    if isinstance(value, list):
        return [_redact_json(v) for v in value]
    return value


def _redact_dict(value: dict[str, Any], shape: Optional[Any], params: bool) -> dict[str, Any]:
    kind = shape.type_name if shape is not None else None
    out: dict[str, Any] = {}
    for key, item in value.items():
        sub: Optional[Any] = None
        if kind == "structure":
            sub = shape.members.get(key)  # type: ignore[union-attr]
        elif kind == "map":
            sub = shape.value  # type: ignore[union-attr]
        sensitive = sub is not None and sub.metadata.get("sensitive")
        if not sensitive and isinstance(key, str) and is_secret_name(key):
            out[key] = _redact_text(item)
        else:
            out[key] = redact(item, sub, params)
    return out


def _redact_text(value: Any) -> Any:
    """``value`` with every string and bytes beneath it replaced.

    For values under a secret-sounding name: the text is the secret, while
    numbers and flags (``MinimumPasswordLength``, ``PasswordResetRequired``)
    are settings the code under test may read, so they replay as recorded.
    In params the placeholder string matches anything on replay.
    """
    if isinstance(value, dict):
        return {k: _redact_text(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_redact_text(v) for v in value]
    if isinstance(value, (bytes, bytearray)):
        return REDACTED_BYTES
    if isinstance(value, str):
        return REDACTED
    return value
