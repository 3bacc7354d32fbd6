"""Service and operation names as tests write them: ``"get_object"`` is ``"GetObject"``."""

from __future__ import annotations

from typing import Dict, Optional, Tuple

from botocore import xform_name

from .._util.messages import docs, suggest
from ..errors import UnknownOperationError
from .models import OperationInfo, operation_info, service_model

__unittest = True

_op_names: Dict[str, Dict[str, str]] = {}


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
        hint = suggest(operation, pascal) or suggest(
            operation, sorted(k for k in names if k not in names.values())
        )
        raise UnknownOperationError(
            f"Unknown operation {operation!r} for service {service!r}.{hint}"
            f" Operations are named as in the API (GetObject) or as client"
            f" methods (get_object). {docs('usage.html#unknown-operation')}"
        )
    return service, op


_infos: Dict[Tuple[str, str], OperationInfo] = {}


def lookup(service: str, operation: str) -> OperationInfo:
    """The ``OperationInfo`` of names as a test writes them."""
    __tracebackhide__ = True
    try:
        return _infos[service, operation]
    except (KeyError, TypeError):  # not looked up yet, or a name that is not a str
        pass
    # Outside the except: a misspelt name's error is not shown as raised
    # while handling the KeyError.
    info = operation_info(*resolve(service, operation))
    _infos[service, operation] = info  # both spellings, once each resolved
    return info


def resolve_optional(service: str, operation: Optional[str]) -> Optional[str]:
    """The PascalCase operation, or None for "any operation of ``service``"."""
    __tracebackhide__ = True
    if operation is None:
        service_model(service)
        return None
    return resolve(service, operation)[1]
