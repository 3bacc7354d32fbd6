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
        raise UnknownOperationError(
            f"Unknown operation {operation!r} for service {service!r}.{_hint(operation, names)}"
            f" {docs('errors.html#unknownoperationerror')}"
        )
    return service, op


# boto3's S3 transfer methods: client methods that are not API operations.
# What they call, as s3transfer makes the calls (multipart above 8 MB).
TRANSFER_CALLS = {
    "upload_file": "PutObject, or CreateMultipartUpload, UploadPart and CompleteMultipartUpload",
    "upload_fileobj": "PutObject, or CreateMultipartUpload, UploadPart and CompleteMultipartUpload",
    "download_file": "HeadObject, then GetObject (ranged GetObjects for large objects)",
    "download_fileobj": "HeadObject, then GetObject (ranged GetObjects for large objects)",
    "copy": "HeadObject, then CopyObject, or CreateMultipartUpload, UploadPartCopy and"
    " CompleteMultipartUpload",
}


def _hint(operation: str, names: Dict[str, str]) -> str:
    """What to write instead: the transfer method's calls, or the names close to it."""
    if operation in TRANSFER_CALLS and "PutObject" in names:
        return (
            f" {operation} is a boto3 transfer method, not an S3 operation: it makes"
            f" {TRANSFER_CALLS[operation]} calls. Queue responses for those."
        )
    pascal = sorted(set(names.values()))
    close = suggest(operation, pascal) or suggest(
        operation, sorted(k for k in names if k not in names.values())
    )
    return (
        f"{close} Operations are named as in the API (GetObject) or as client"
        " methods (get_object)."
    )


_infos: Dict[Tuple[str, str], OperationInfo] = {}


def lookup(service: str, operation: str) -> OperationInfo:
    """The ``OperationInfo`` of names as a test writes them."""
    __tracebackhide__ = True
    try:
        return _infos[service, operation]
    except (KeyError, TypeError):  # not looked up yet, or a name that is not a str
        pass
    info = operation_info(*resolve(service, operation))  # outside the except: nothing chained
    _infos[service, operation] = info  # both spellings, once each resolved
    return info


def resolve_optional(service: str, operation: Optional[str]) -> Optional[str]:
    """The PascalCase operation, or None for "any operation of ``service``"."""
    __tracebackhide__ = True
    if operation is None:
        service_model(service)
        return None
    return resolve(service, operation)[1]
