"""botocore's service models, loaded once per process and cached.

Everything a mocked call derives from a model (``OperationInfo``) is computed
once per (service, operation): it sits on every test's hot path.
"""

from __future__ import annotations

import threading
from typing import Any, Callable, Dict, List, Optional, Set, Tuple, cast

from botocore.model import OperationModel, ServiceModel

from .._util.messages import docs, suggest
from ..errors import UnknownOperationError

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


#: The twelve most used services: IAM maps each of their operations, and the
#: generated-response property tests draw from every one of them.
MOST_USED_SERVICES = (
    "s3",
    "sqs",
    "sns",
    "dynamodb",
    "lambda",
    "secretsmanager",
    "ssm",
    "sts",
    "kms",
    "events",
    "kinesis",
    "stepfunctions",
)


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
            f" {docs('errors.html#unknownoperationerror')}"
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
        "input_blob_members",
        "needs_shaping",
        "after_call_event",
        "provide_params_event",
        "before_build_event",
        "needs_retry_event",
        "header_members",
        "checksum_mode_member",
        "checksum_algorithms",
        "checksum_headers",
        "input_check",
        "shapers",
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
        #: The input members botocore takes a file object for (S3's Body).
        members = getattr(self.model.input_shape, "members", {})
        self.input_blob_members: Tuple[str, ...] = tuple(
            name for name, member in members.items() if member.type_name == "blob"
        )
        self.needs_shaping = out is not None and shape_contains(out, _convertible)
        #: member -> (header name or prefix, lower case; "header" or "headers")
        #: for the output members a real response carries in its HTTP headers.
        self.header_members: Dict[str, Tuple[str, str]] = {}
        if out is not None and out.type_name == "structure":
            for name, member in out.members.items():
                location = member.serialization.get("location")
                if location in ("header", "headers"):
                    wire = member.serialization.get("name", name)
                    self.header_members[name] = (wire.lower(), location)
        service_id = self.model.service_model.service_id.hyphenize()
        # Canonical names, as botocore's EventAliaser would produce them.
        self.after_call_event = f"after-call.{service_id}.{operation}"
        self.provide_params_event = f"provide-client-params.{service_id}.{operation}"
        self.before_build_event = f"before-parameter-build.{service_id}.{operation}"
        self.needs_retry_event = f"needs-retry.{service_id}.{operation}"
        # Response checksum validation (GetObject): the request member that
        # turns it on, and the algorithms botocore checks, in its order.
        http_checksum = self.model.http_checksum
        self.checksum_mode_member: Optional[str] = http_checksum.get("requestValidationModeMember")
        self.checksum_algorithms: List[str] = _response_algorithms(
            http_checksum.get("responseAlgorithms", [])
        )
        #: (algorithm, the response header that carries its checksum)
        self.checksum_headers = [(a, f"x-amz-checksum-{a}") for a in self.checksum_algorithms]
        #: The compiled params check (``_validation``, on first use).
        self.input_check: Optional[Callable[[Any], bool]] = None
        #: The compiled output shapers, by ``check`` (filled by ``_shapes`` on first use).
        self.shapers: Dict[bool, Callable[[Any], Any]] = {}

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


def _response_algorithms(modeled: List[str]) -> List[str]:
    """The modeled response algorithms botocore can check, in its priority order."""
    from botocore import httpchecksum

    # botocore's own lists (private): what it checks depends on awscrt.
    names = vars(httpchecksum)
    supported = names.get("_CHECKSUM_CLS", {})
    wanted = {a.lower() for a in modeled}
    return [a for a in names.get("_ALGORITHMS_PRIORITY_LIST", []) if a in wanted and a in supported]


def shape_contains(
    shape: Any, found: Callable[[Any], bool], seen: Optional[Set[str]] = None
) -> bool:
    """Whether ``found`` holds for ``shape`` or any shape below it (recursive shapes end)."""
    if found(shape):
        return True
    seen = set() if seen is None else seen
    if shape.name in seen:
        return False
    seen.add(shape.name)
    if shape.type_name == "structure":
        return any(shape_contains(m, found, seen) for m in shape.members.values())
    if shape.type_name == "list":
        return shape_contains(shape.member, found, seen)
    if shape.type_name == "map":
        return shape_contains(shape.value, found, seen)
    return False


class Compiled(Dict[str, Any]):
    """A function per member of a shape, compiled on first use; None for a non-member.

    The members: a structure's, or a list's ``member``, a map's ``key`` and ``value``.

    Compiling lazily matters: botocore builds new shape objects on every
    member access, so a recursive shape compiled eagerly would not end.
    """

    def __init__(self, members: Any, compile: Callable[[str, Any], Any]) -> None:
        super().__init__()
        self._members = members
        self._compile = compile

    def __missing__(self, name: str) -> Any:
        member = self._members.get(name)
        if member is None:
            return None
        made = self[name] = self._compile(name, member)
        return made


def _convertible(shape: Any) -> bool:
    """A timestamp or blob: botocore's parser converts it."""
    return shape.type_name in ("timestamp", "blob")


# SQS moved from the query protocol to JSON keeping its query error codes, but
# botocore's SQS model lost them (no "error" key on its shapes; botocore's
# handlers.py, _handle_sqs_compatible_error). The service sends them in the
# x-amzn-query-error header; these are the awsQueryError codes of its Smithy
# model. A shape not listed keeps its name as its code.
_SQS_QUERY_CODES = {
    "BatchEntryIdsNotDistinct": "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
    "BatchRequestTooLong": "AWS.SimpleQueueService.BatchRequestTooLong",
    "EmptyBatchRequest": "AWS.SimpleQueueService.EmptyBatchRequest",
    "InvalidBatchEntryId": "AWS.SimpleQueueService.InvalidBatchEntryId",
    "KmsAccessDenied": "KMS.AccessDeniedException",
    "KmsDisabled": "KMS.DisabledException",
    "KmsInvalidKeyUsage": "KMS.InvalidKeyUsageException",
    "KmsInvalidState": "KMS.InvalidStateException",
    "KmsNotFound": "KMS.NotFoundException",
    "KmsOptInRequired": "KMS.OptInRequired",
    "KmsThrottled": "KMS.ThrottlingException",
    "MessageNotInflight": "AWS.SimpleQueueService.MessageNotInflight",
    "PurgeQueueInProgress": "AWS.SimpleQueueService.PurgeQueueInProgress",
    "QueueDeletedRecently": "AWS.SimpleQueueService.QueueDeletedRecently",
    "QueueDoesNotExist": "AWS.SimpleQueueService.NonExistentQueue",
    "QueueNameExists": "QueueAlreadyExists",
    "TooManyEntriesInBatchRequest": "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
    "UnsupportedOperation": "AWS.SimpleQueueService.UnsupportedOperation",
}


class ModeledError:
    """One modeled error of a service: the ``Error`` dict a real client parses for it."""

    __slots__ = ("shape", "error")

    def __init__(self, shape: Any, error: Dict[str, str]) -> None:
        self.shape = shape  # a StructureShape
        self.error = error


_modeled_errors: Dict[str, Dict[str, ModeledError]] = {}


def modeled_errors(service: str) -> Dict[str, ModeledError]:
    """The service's modeled errors, by shape name and by wire error code."""
    errors = _modeled_errors.get(service)
    if errors is not None:
        return errors
    model = service_model(service)
    metadata = model.metadata
    query_compatible = "awsQueryCompatible" in metadata
    query = metadata.get("protocol") == "query"
    errors = {}
    shape: Any  # StructureShape
    for shape in model.error_shapes:
        name = shape.name
        code = str(shape.error_code)
        if service == "sqs":
            code = _SQS_QUERY_CODES.get(name, name)
        info = shape.metadata.get("error", {})
        sender = info.get("senderFault") or not shape.metadata.get("fault")
        fault = "Sender" if sender else "Receiver"
        error = {"Code": code}
        if query_compatible:
            # botocore's parser: Code from the x-amzn-query-error header, the
            # JSON __type (the shape's name) kept as QueryErrorCode.
            error["QueryErrorCode"] = name
            error["Type"] = fault
        elif query:
            error["Type"] = fault  # <Error><Type>Sender</Type>...
        modeled = ModeledError(shape, error)
        errors[name] = modeled
        errors[code] = modeled
    _modeled_errors[service] = errors
    return errors
