"""What awsmock knows from botocore's models.

Name normalisation ("get_object" -> "GetObject") with suggestions, response
checking against an operation's output shape (structure and types only), and
shaping a response the way botocore's parser would hand it to the code
(timestamps as aware datetimes, blobs as bytes, the streaming payload as a
``StreamingBody``). Everything derived from a model is cached per
(service, operation), because it sits on every test's hot path.
"""

from __future__ import annotations

import datetime
import difflib
import io
import itertools
import threading
from decimal import Decimal
from typing import Any, Dict, Iterator, List, Optional, Tuple

from botocore import xform_name
from botocore.model import OperationModel, ServiceModel, Shape
from botocore.response import StreamingBody
from botocore.utils import parse_timestamp

from .errors import InvalidResponseError, UnknownOperationError

__unittest = True

_lock = threading.Lock()
_session: Any = None  # a botocore Session, made on first use
_services: Optional[List[str]] = None
_service_models: Dict[str, ServiceModel] = {}
_op_names: Dict[str, Dict[str, str]] = {}
_op_infos: Dict[Tuple[str, str], OperationInfo] = {}


def _get_session() -> Any:
    global _session
    if _session is None:
        import botocore.session  # not at import: it costs 3 ms

        _session = botocore.session.Session()
    return _session


def available_services() -> List[str]:
    global _services
    if _services is None:
        _services = sorted(_get_session().get_available_services())
    return _services


def _suggest(name: str, choices: List[str]) -> str:
    close = difflib.get_close_matches(name, choices, n=3, cutoff=0.6)
    if not close:
        lowered = {c.lower().replace("_", ""): c for c in choices}
        key = name.lower().replace("_", "").replace("-", "")
        if key in lowered:
            close = [lowered[key]]
    if not close:
        return ""
    quoted = [repr(c) for c in close]
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f" Did you mean {listed}?"


def service_model(service: str) -> ServiceModel:
    """Return botocore's model for ``service``, or raise UnknownOperationError."""
    __tracebackhide__ = True
    model = _service_models.get(service)
    if model is not None:
        return model
    if not isinstance(service, str):
        raise TypeError(f"service must be a botocore service name such as 's3', got {service!r}.")
    if service not in available_services():
        raise UnknownOperationError(
            f"Unknown service {service!r}.{_suggest(service, available_services())}"
            " Use botocore's service name, as in boto3.client('s3')."
        )
    with _lock:
        model = _get_session().get_service_model(service)
        _service_models[service] = model
    return model


def _operation_names(service: str) -> Dict[str, str]:
    __tracebackhide__ = True
    names = _op_names.get(service)
    if names is None:
        names = {}
        for op in service_model(service).operation_names:
            names[op] = op
            names[xform_name(op)] = op
        _op_names[service] = names
    return names


def resolve(service: str, operation: str) -> Tuple[str, str]:
    """Normalise to (service, PascalCaseOperation), raising UnknownOperationError."""
    __tracebackhide__ = True
    names = _operation_names(service)
    op = names.get(operation)
    if op is None:
        if not isinstance(operation, str):
            raise TypeError(f"operation must be a string such as 'GetObject', got {operation!r}.")
        pascal = sorted(set(names.values()))
        hint = _suggest(operation, pascal) or _suggest(
            operation, sorted(k for k in names if k not in names.values())
        )
        raise UnknownOperationError(
            f"Unknown operation {operation!r} for service {service!r}.{hint}"
            f" Operations are named as in the API (GetObject) or as client"
            f" methods (get_object)."
        )
    return service, op


# Response shaping


class OperationInfo:
    """What a mocked call needs to know about one operation, computed once."""

    __slots__ = (
        "service",
        "operation",
        "model",
        "streaming_member",
        "event_stream_member",
        "needs_shaping",
        "after_call_event",
        "provide_params_event",
        "before_build_event",
    )

    def __init__(self, service: str, operation: str) -> None:
        self.service = service
        self.operation = operation
        self.model: OperationModel = service_model(service).operation_model(operation)
        out = self.model.output_shape
        self.streaming_member: Optional[str] = None
        self.event_stream_member: Optional[str] = None
        if out is not None:
            payload = out.serialization.get("payload")
            if payload is not None and out.members[payload].type_name == "blob":
                self.streaming_member = payload
            elif payload is not None and out.members[payload].serialization.get("eventstream"):
                self.event_stream_member = payload
        self.needs_shaping = out is not None and _has_convertible(out, set())
        service_id = self.model.service_model.service_id.hyphenize()
        # Canonical names, as botocore's EventAliaser would produce them.
        self.after_call_event = f"after-call.{service_id}.{operation}"
        self.provide_params_event = f"provide-client-params.{service_id}.{operation}"
        self.before_build_event = f"before-parameter-build.{service_id}.{operation}"


def operation_info(service: str, operation: str) -> OperationInfo:
    key = (service, operation)
    info = _op_infos.get(key)
    if info is None:
        info = _op_infos[key] = OperationInfo(service, operation)
    return info


def _has_convertible(shape: Shape, seen: set[str]) -> bool:
    """Whether any member below ``shape`` is a timestamp or blob."""
    if shape.type_name in ("timestamp", "blob"):
        return True
    if shape.name in seen:
        return False
    seen.add(shape.name)
    if shape.type_name == "structure":
        return any(_has_convertible(m, seen) for m in shape.members.values())
    if shape.type_name == "list":
        return _has_convertible(shape.member, seen)
    if shape.type_name == "map":
        return _has_convertible(shape.value, seen)
    return False


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


def _fail(path: str, shape: Shape, value: Any) -> InvalidResponseError:
    expected = _TYPE_NAMES.get(shape.type_name, shape.type_name)
    return InvalidResponseError(
        f"{path}: expected {expected}, got {type(value).__name__} ({value!r:.60})"
    )


def _to_bytes(value: Any, path: str, shape: Shape) -> bytes:
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    if isinstance(value, str):
        return value.encode("utf-8")
    read = getattr(value, "read", None)
    if callable(read):
        data = read()
        return data.encode("utf-8") if isinstance(data, str) else bytes(data)
    raise _fail(path, shape, value)


def _to_datetime(value: Any, path: str, shape: Shape) -> datetime.datetime:
    if isinstance(value, datetime.datetime):
        return value
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        try:
            parsed: datetime.datetime = parse_timestamp(value)
        except (ValueError, TypeError, OverflowError):
            raise _fail(path, shape, value) from None
        # AWS always sends a zone; botocore never hands out a naive datetime.
        return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=datetime.timezone.utc)
    raise _fail(path, shape, value)


def _shape_value(value: Any, shape: Shape, path: str, check: bool) -> Any:
    """Check ``value`` against ``shape`` (when ``check``) and convert it.

    Only structure and types are checked, never min/max/pattern: real services
    and moto return values the models' constraints reject (botocore #3199).
    """
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
            member = members.get(key)
            if member is None:
                if check:
                    raise _unknown_key(path, key, list(members))
                out[key] = plain_copy(item)
                continue
            sub = f"{path}.{key}" if path else key
            out[key] = _shape_value(item, member, sub, check)
        return out
    if kind == "list":
        if not isinstance(value, (list, tuple)):
            raise _fail(path, shape, value)
        return [_shape_value(v, shape.member, f"{path}[{i}]", check) for i, v in enumerate(value)]
    if kind == "map":
        if not isinstance(value, dict):
            raise _fail(path, shape, value)
        return {k: _shape_value(v, shape.value, f"{path}[{k!r}]", check) for k, v in value.items()}
    if kind == "timestamp":
        return _to_datetime(value, path, shape)
    if kind == "blob":
        return _to_bytes(value, path, shape)
    if check:
        _check_scalar(value, shape, path)
    return value


def _check_scalar(value: Any, shape: Shape, path: str) -> None:
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
    hint = _suggest(key, members)
    valid = ", ".join(members) if members else "(none)"
    return InvalidResponseError(f"{where}unknown key {key!r}.{hint} Valid keys: {valid}")


def shape_response(info: OperationInfo, response: Dict[str, Any], check: bool) -> Dict[str, Any]:
    """Check and convert a registered response once, at registration time.

    The result is a template: a call gets a copy of it, with the streaming
    payload (kept as bytes here) wrapped in a fresh ``StreamingBody``.
    """
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
        shaped = _shape_value(body, out_shape, "", check)
    else:
        # Copy the containers: the test may reuse and change its dict.
        shaped = plain_copy(body)
    if meta is not None:
        if check and not isinstance(meta, dict):
            raise InvalidResponseError(
                f"ResponseMetadata: expected dict, got {type(meta).__name__}"
            )
        shaped["ResponseMetadata"] = plain_copy(meta)
    return shaped


# Per-call copies


_CONTAINERS = (dict, list)


def fast_copy(value: Any) -> Any:
    """Deep-copy the containers of JSON-like data, keep the leaves.

    ``copy.deepcopy`` is several times slower, and fails on leaves such as
    s3transfer's ``ReadFileChunk``; leaves here are immutable or owned by the
    caller. Leaves are tested inline: a call per leaf is most of the cost.
    """
    cls = value.__class__
    if cls is dict:
        return {k: fast_copy(v) if v.__class__ in _CONTAINERS else v for k, v in value.items()}
    if cls is list:
        return [fast_copy(v) if v.__class__ in _CONTAINERS else v for v in value]
    return value


def plain_copy(value: Any) -> Any:
    """Deep-copy registered data into plain dicts and lists, once, at registration.

    ``fast_copy`` (per call) copies exact dicts and lists only, so a template
    holding an ``OrderedDict`` or a tuple would be shared by every call; and
    botocore's parser only ever hands out dicts and lists.
    """
    if isinstance(value, dict):
        return {k: plain_copy(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain_copy(v) for v in value]
    return value


_request_ids = itertools.count(1)


def response_metadata(status: int = 200) -> Dict[str, Any]:
    rid = f"a3b0c7e1-0000-4000-8000-{next(_request_ids):012x}"
    return {
        "RequestId": rid,
        "HTTPStatusCode": status,
        "HTTPHeaders": {"x-amzn-requestid": rid},
        "RetryAttempts": 0,
    }


def materialize(info: OperationInfo, template: Dict[str, Any]) -> Dict[str, Any]:
    """A fresh response for one call, built from a registered template."""
    response: Dict[str, Any] = fast_copy(template)
    meta = response.get("ResponseMetadata")
    if meta is None:
        response["ResponseMetadata"] = response_metadata()
    else:
        defaults = response_metadata(meta.get("HTTPStatusCode", 200))
        defaults.update(meta)
        response["ResponseMetadata"] = defaults
    member = info.streaming_member
    if member is not None:
        # botocore always hands out the stream, empty when the body is.
        data = response.get(member) or b""
        response[member] = StreamingBody(io.BytesIO(data), len(data))
    member = info.event_stream_member
    if member is not None:
        events = response.get(member) or []
        response[member] = QueuedEventStream(events if isinstance(events, list) else [events])
    return response


class QueuedEventStream:
    """Stands in for botocore's ``EventStream``: yields the queued events once."""

    def __init__(self, events: List[Dict[str, Any]]) -> None:
        self._events: Iterator[Dict[str, Any]] = iter(events)

    def __iter__(self) -> Iterator[Dict[str, Any]]:
        return self._events

    def close(self) -> None:
        self._events = iter(())
