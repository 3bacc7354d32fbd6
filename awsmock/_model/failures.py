"""``failures()``: every way a call to one operation can fail, as cases to queue.

The operation's modeled errors (S3's documented ones too: its model names
few), the errors every service answers with though no model lists them
(access denied, throttling, 500, 503), and the two network faults.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Tuple

from .._util.messages import suggest
from . import faults, s3_errors
from .example import member_example
from .models import OperationInfo, modeled_errors
from .names import lookup

__unittest = True

__all__ = ["Failure", "Failures", "failures"]

_QUEUE_OPTIONS = ("times", "match", "region", "expected_params", "required")
_RETRIED_STATUSES = frozenset((500, 502, 503, 504))
_TAG = re.compile(r"<[^>]+>")


class Failure:
    """One way a call can fail. ``str()`` is its readable id (``"NoSuchKey"``).

    :ivar kind: ``"error"`` (a ``ClientError``), ``"connection"``
        (``EndpointConnectionError``) or ``"timeout"`` (``ReadTimeoutError``).
    :ivar source: ``"modeled"`` (botocore's model lists it for the operation),
        ``"documented"`` (S3's API reference does) or ``"common"`` (every
        service sends it: access denied, throttling, 5xx, network faults).
    :ivar retryable: botocore's retry handlers retry it.
    """

    __slots__ = (
        "service",
        "operation",
        "kind",
        "code",
        "message",
        "status",
        "fields",
        "source",
        "retryable",
    )

    def __init__(
        self,
        info: OperationInfo,
        kind: str,
        source: str,
        code: str = "",
        message: str = "",
        status: int = 0,
        fields: Optional[Dict[str, Any]] = None,
    ) -> None:
        self.service = info.service
        self.operation = info.operation
        self.kind = kind
        self.source = source
        self.code = code
        self.message = message
        self.status = status
        self.fields = fields or {}
        self.retryable = (
            kind != "error" or status in _RETRIED_STATUSES or code in faults._THROTTLING_CODES
        )

    def __str__(self) -> str:
        if self.kind == "connection":
            return "EndpointConnectionError"
        if self.kind == "timeout":
            return "ReadTimeoutError"
        if self.code.isdigit():  # a HEAD request's error: only the status
            return f"{self.code}-{self.message.replace(' ', '')}"
        return self.code

    def __repr__(self) -> str:
        detail = f"{self.status}, " if self.kind == "error" else ""
        return f"<Failure {self.service}.{self.operation} {self} ({detail}{self.source})>"

    def queue(self, aws: Any, **add_kwargs: Any) -> None:
        """Queue this failure on ``aws`` (an ``AwsMock``, the ``awsmock`` fixture, ``self.aws``).

        :param add_kwargs: ``times``, ``match``, ``region``, ``expected_params``
            and ``required``, as for ``add_response``.
        """
        __tracebackhide__ = True
        for name in add_kwargs:
            if name not in _QUEUE_OPTIONS:
                raise TypeError(
                    f"{self!r}.queue() got an unexpected keyword argument {name!r}."
                    f"{suggest(name, list(_QUEUE_OPTIONS))} It takes"
                    f" {', '.join(_QUEUE_OPTIONS)}, as add_response does."
                )
        if self.kind == "error":
            aws.add_client_error(
                self.service,
                self.operation,
                self.code,
                self.message,
                http_status_code=self.status,
                modeled_fields=self.fields or None,
                **add_kwargs,
            )
            return
        if self.kind == "connection":
            aws.add_connection_error(self.service, self.operation, **add_kwargs)
        else:
            aws.add_read_timeout(self.service, self.operation, **add_kwargs)


class Failures(List[Failure]):
    """The cases of one operation, in order: modeled, documented, common, network.

    :ivar left_out: ``{id: why}`` for each usual case this operation does not get.
    """

    def __init__(self, cases: List[Failure], left_out: Dict[str, str]) -> None:
        super().__init__(cases)
        self.left_out = left_out

    def __repr__(self) -> str:
        ids = ", ".join(str(c) for c in self)
        gone = "".join(f"; left out {k}: {v}" for k, v in self.left_out.items())
        return f"<Failures [{ids}]{gone}>"


def failures(service: str, operation: str) -> Failures:
    """Every way a call to ``service``.``operation`` can fail, each a case to queue.

    ``@pytest.mark.parametrize("failure", awsmock.failures("s3", "GetObject"), ids=str)``,
    then ``failure.queue(awsmock)`` in the test.
    """
    __tracebackhide__ = True
    info = lookup(service, operation)
    cases: List[Failure] = []
    left_out: Dict[str, str] = {}
    seen: Dict[str, str] = {}

    def add(case: Failure) -> None:
        key = str(case)
        if key in seen:
            if case.source == "common":
                left_out[key] = f"the operation models {key} itself: listed once, as {seen[key]}"
            return
        seen[key] = case.source
        cases.append(case)

    for case in _modeled(info):
        add(case)
    if info.service == "s3":
        members = list(info.model.input_shape.members)  # every S3 operation has an input
        for code, status, message in s3_errors.documented(info.operation, members):
            add(Failure(info, "error", "documented", code, message, status))
    for case in _common(info, left_out):
        add(case)
    add(Failure(info, "connection", "common"))
    add(Failure(info, "timeout", "common"))
    return Failures(cases, left_out)


def _modeled(info: OperationInfo) -> List[Failure]:
    errors = modeled_errors(info.service)
    found = []
    for shape in info.model.error_shapes:
        modeled = errors.get(shape.name)
        # A guard: each operation's errors are among the model's exception shapes
        # in every model of botocore 1.35 and 1.40 (checked), as modeled_errors has them.
        code = modeled.error["Code"] if modeled is not None else shape.name  # pragma: no mutate
        meta = shape.metadata.get("error", {})
        # "fault" (a server error, 500 unless the model says) is not among the
        # attributes botocore's Shape.metadata keeps: read from the model.
        fault = shape._shape_model.get("fault")
        status = int(meta.get("httpStatusCode") or (500 if fault else 400))
        message = _first_sentence(shape.documentation) or code
        fields = {}
        for name, member in shape.members.items():
            if name.lower() == "message":
                fields[name] = message
                continue
            fields[name] = member_example(info.service, member, name)
        found.append(Failure(info, "error", "modeled", code, message, status, fields))
    return found


def _common(info: OperationInfo, left_out: Dict[str, str]) -> List[Failure]:
    denied = _access_denied(info)
    found = []
    if _unsigned(info):
        left_out[denied[0]] = (
            f"{info.operation} is an unsigned operation (no credentials, auth none):"
            " IAM never denies it"
        )
    else:
        found.append(Failure(info, "error", "common", *_reorder(denied)))
    found.append(Failure(info, "error", "common", *_reorder(faults.throttling(info))))
    for status in (500, 503):
        code, message = faults.server_error(info, status)
        found.append(Failure(info, "error", "common", code, message, status))
    return found


def _reorder(found: Tuple[str, int, str]) -> Tuple[str, str, int]:
    """(code, status, message) as faults gives it -> (code, message, status)."""
    return found[0], found[2], found[1]


def _access_denied(info: OperationInfo) -> Tuple[str, int, str]:
    """The access-denied error as the service's protocol spells it."""
    if info.service == "s3" and info.operation in s3_errors.HEAD_OPERATIONS:
        return s3_errors.HEAD_FORBIDDEN
    protocol = info.model.service_model.protocol
    if info.service == "s3":
        return "AccessDenied", 403, "Access Denied"
    if protocol in ("json", "rest-json"):
        return (
            "AccessDeniedException",
            400 if protocol == "json" else 403,
            ("User is not authorized to perform this action"),
        )
    return "AccessDenied", 403, "User is not authorized to perform this action"


# Unsigned by botocore's choose-signer handlers (botocore/handlers.py) where
# older models (1.35) do not say "auth none" themselves.
_UNSIGNED_BY_HANDLERS = frozenset(
    [
        ("cognito-identity", "GetCredentialsForIdentity"),
        ("cognito-identity", "GetId"),
        ("cognito-identity", "GetOpenIdToken"),
        ("cognito-identity", "UnlinkIdentity"),
        ("sts", "AssumeRoleWithSAML"),
        ("sts", "AssumeRoleWithWebIdentity"),
    ]
)


def _unsigned(info: OperationInfo) -> bool:
    model = info.model
    if (info.service, info.operation) in _UNSIGNED_BY_HANDLERS:
        return True
    # botocore 1.35's models say it one way, newer ones both ways: a test at
    # one botocore cannot tell the two checks apart (pragmas).
    auth_type = getattr(model, "auth_type", None)  # pragma: no mutate
    auth = getattr(model, "auth", None) or []  # pragma: no mutate
    return auth_type == "none" or "smithy.api#noAuth" in auth  # pragma: no mutate


def _first_sentence(documentation: str) -> str:
    text = " ".join(_TAG.sub("", documentation or "").split())
    head, end, _ = text.partition(". ")
    sentence = head + "." if end else text
    return sentence if len(sentence) <= 200 else ""
