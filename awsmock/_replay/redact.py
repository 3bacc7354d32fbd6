"""Keep secrets out of cassettes.

A recorded call is scrubbed before it is written, in its params, its
response and its HTTP headers, at any depth:

- every member whose botocore shape is marked ``sensitive`` becomes a
  placeholder of the same type, so a replayed response still fits the
  operation's output shape;
- under a key whose name says it holds a secret (``is_secret_name``), every
  string and bytes value becomes a placeholder, while numbers and flags
  (``MinimumPasswordLength``) are kept. A modeled structure under such a
  name (STS's ``Credentials``) is scrubbed member by member instead: the
  model says which members are secrets, and ``AccessKeyId`` or
  ``Expiration`` are what the code under test reads;
- a string or payload that holds JSON (Lambda's ``Invoke`` ``Payload``, an
  SQS ``MessageBody``) is parsed, scrubbed the same way and serialised
  again, so a replayed response still parses; JSON in a text member the
  model marks sensitive (a ``SecretString``) keeps only its keys.
"""

from __future__ import annotations

import json
from typing import Any, Optional, Union

__unittest = True

REDACTED = "<redacted>"
REDACTED_BYTES = REDACTED.encode()

# Key names are compared lowercased, with "-", "_", "." and spaces removed:
# client_secret, clientSecret and Client-Secret are one name.
#: A name that ends with (or is) one of these holds a secret.
_SECRET_ENDINGS = (
    "secret",
    "token",
    "password",
    "apikey",
    "accesskey",
    "secretkey",
    "sessiontoken",
    "cookie",
    "authorization",
    "credential",
    "credentials",
    "privatekey",
)
#: A name that holds one of these anywhere holds a secret (``PasswordData``,
#: ``SecretString``); its numbers and flags are kept all the same.
_SECRET_PARTS = (
    "password",
    "authorization",
    "secretaccesskey",
    "sessiontoken",
    "securitytoken",
    "secretstring",
    "secretbinary",
    "privatekey",
)
#: Tokens that are no secret and must replay as recorded: pagination
#: (``NextToken``, ``ContinuationToken``, ``NextPageToken``, CloudWatch
#: Logs' ``nextForwardToken``) and idempotency (``ClientToken``,
#: ``ClientRequestToken``, ``IdempotencyToken``).
_NOT_SECRET_ENDINGS = (
    "nexttoken",
    "continuationtoken",
    "pagetoken",
    "paginationtoken",
    "startingtoken",
    "forwardtoken",
    "backwardtoken",
    "sequencetoken",
    "clienttoken",
    "clientrequesttoken",
    "idempotencytoken",
)


def normalised_name(name: str) -> str:
    """``Client-Secret``, ``client_secret`` and ``clientSecret`` -> ``clientsecret``."""
    return "".join(c for c in name.lower() if c not in "-_. ")  # pragma: no mutate (lowercased)


def is_secret_name(name: str) -> bool:
    """Whether a key's name says that its value is a secret."""
    key = normalised_name(name)
    if key.endswith(_NOT_SECRET_ENDINGS):
        return False
    return key.endswith(_SECRET_ENDINGS) or any(part in key for part in _SECRET_PARTS)


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
    model does not describe the value (``ResponseMetadata``, HTTP headers).
    A secret param becomes the placeholder string whatever its type: replay
    matches it with ANY. A secret in a response keeps its type, to fit the
    shape.
    """
    sensitive = shape is not None and bool(shape.metadata.get("sensitive"))
    if isinstance(value, (bytes, bytearray, str)):
        # A sensitive text member is the secret itself (SecretString); a
        # sensitive payload (Lambda's Payload) is the function's data.
        whole = sensitive and (shape.type_name != "blob")  # type: ignore[union-attr]
        return _redact_payload(value, sensitive, whole, params)
    if sensitive:
        return REDACTED if params else placeholder(value)
    if isinstance(value, dict):
        return _redact_dict(value, shape, params)
    if isinstance(value, list):
        member = shape.member if shape is not None and shape.type_name == "list" else None
        return [redact(v, member, params) for v in value]
    return value


def _redact_payload(
    value: Union[bytes, bytearray, str], sensitive: bool, whole: bool, params: bool
) -> Any:
    """Text or a payload (an SQS ``MessageBody``, Lambda's ``Payload``) with its secrets replaced.

    JSON keeps its data, with the text under secret-sounding keys replaced,
    so a replayed response still parses (``json.loads``); JSON in a text
    member the model marks sensitive (``whole``: a ``SecretString``) keeps
    only its keys. In params JSON with a secret inside becomes the
    placeholder (replay matches it with ANY). Other text is kept, unless the
    model marks it sensitive.
    """
    document = _json(value)
    if document is _NOT_JSON:
        if not sensitive:
            return value
        return REDACTED if params else placeholder(value)
    if whole:
        scrubbed = placeholder(document)
    else:
        scrubbed = _redact_json(document)
        if scrubbed == document:
            return value
    if params:
        return REDACTED
    text = json.dumps(scrubbed)
    if isinstance(value, (bytes, bytearray)):
        return text.encode("utf-8")  # pragma: no mutate (codec)
    return text


_NOT_JSON = object()


def _json(value: Union[bytes, bytearray, str]) -> Any:
    """``value`` parsed, when it is a JSON object or array; else ``_NOT_JSON``."""
    start = value.lstrip()[:1]
    if start not in (b"{", b"[", "{", "["):
        return _NOT_JSON
    try:
        return json.loads(value)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return _NOT_JSON


def _redact_json(value: Any) -> Any:
    """Parsed JSON, scrubbed by key name; JSON inside its strings too (an SNS message)."""
    if isinstance(value, dict):
        return {
            k: _redact_text(v) if is_secret_name(k) else _redact_json(v) for k, v in value.items()
        }
    if isinstance(value, list):
        return [_redact_json(v) for v in value]
    if isinstance(value, str):
        return _redact_payload(value, False, False, False)  # pragma: no mutate (None is as false)
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
        if sensitive or not isinstance(key, str) or not is_secret_name(key):
            out[key] = redact(item, sub, params)
        elif kind == "structure" and sub is not None and sub.type_name == "structure":
            # A modeled member (STS's Credentials): its own members say what is secret.
            # Equivalent to the names' verdict in today's models (CONTRIBUTING.rst).
            out[key] = redact(item, sub, params)  # pragma: no mutate (equivalent)
        else:
            out[key] = _redact_text(item)
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
