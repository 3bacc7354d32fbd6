"""botocore's service models, loaded once per process and cached.

Everything a mocked call derives from a model (``OperationInfo``) is computed
once per (service, operation): it sits on every test's hot path.
"""

from __future__ import annotations

import threading
from typing import Any, Dict, List, Optional, Tuple, cast

from botocore.model import OperationModel, ServiceModel

from ._messages import suggest
from .errors import UnknownOperationError

__unittest = True

_lock = threading.Lock()
_session: Any = None  # a botocore Session, made on first use
_services: Optional[List[str]] = None
_service_models: Dict[str, ServiceModel] = {}
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
            f"Unknown service {service!r}.{suggest(service, available_services())}"
            " Use botocore's service name, as in boto3.client('s3')."
        )
    with _lock:
        model = cast(ServiceModel, _get_session().get_service_model(service))
        _service_models[service] = model
    return model


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
        "needs_retry_event",
        "header_members",
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
        #: (member, header name or prefix, "header" or "headers") of the output
        #: members a real response carries in its HTTP headers.
        self.header_members: List[Tuple[str, str, str]] = []
        if out is not None and out.type_name == "structure":
            for name, member in out.members.items():
                location = member.serialization.get("location")
                if location in ("header", "headers"):
                    wire = member.serialization.get("name", name)
                    self.header_members.append((name, wire, location))
        service_id = self.model.service_model.service_id.hyphenize()
        # Canonical names, as botocore's EventAliaser would produce them.
        self.after_call_event = f"after-call.{service_id}.{operation}"
        self.provide_params_event = f"provide-client-params.{service_id}.{operation}"
        self.before_build_event = f"before-parameter-build.{service_id}.{operation}"
        self.needs_retry_event = f"needs-retry.{service_id}.{operation}"

    @property
    def name(self) -> str:
        return f"{self.service}.{self.operation}"


def operation_info(service: str, operation: str) -> OperationInfo:
    """The cached ``OperationInfo``; names must be resolved already."""
    key = (service, operation)
    info = _op_infos.get(key)
    if info is None:
        info = _op_infos[key] = OperationInfo(service, operation)
    return info


def _has_convertible(shape: Any, seen: set[str]) -> bool:
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
