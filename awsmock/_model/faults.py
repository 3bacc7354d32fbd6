"""The usual faults, as each service sends them: throttling, server errors, network errors.

The codes are the ones botocore's retry handlers know (``_retry.json`` for
legacy mode, ``botocore.retries.standard`` for standard and adaptive), with
the HTTP status each service answers with, so a queued fault is retried
exactly as the real one would be.
"""

from __future__ import annotations

from typing import Any, Dict, Tuple

from botocore.exceptions import EndpointConnectionError, ReadTimeoutError

from .models import OperationInfo

__unittest = True

_RATE_EXCEEDED = "Rate exceeded"

# Services whose throttling error is not the protocol's usual one: the
# service-specific policies of botocore's _retry.json, and the classic
# throughput errors of DynamoDB and Kinesis.
_THROTTLING: Dict[str, Tuple[str, int, str]] = {
    "s3": ("SlowDown", 503, "Please reduce your request rate."),
    "ec2": ("RequestLimitExceeded", 503, "Request limit exceeded."),
    "sqs": ("RequestThrottled", 403, _RATE_EXCEEDED),
    "dynamodb": (
        "ProvisionedThroughputExceededException",
        400,
        "The level of configured provisioned throughput for the table was exceeded."
        " Consider increasing your provisioning level with the UpdateTable API.",
    ),
    "kinesis": (
        "ProvisionedThroughputExceededException",
        400,
        "Rate exceeded for shard shardId-000000000000 in stream s under account 123456789012.",
    ),
    "cloudsearch": ("BandwidthLimitExceeded", 509, _RATE_EXCEEDED),
    "organizations": ("TooManyRequestsException", 400, _RATE_EXCEEDED),
    "route53": ("Throttling", 400, _RATE_EXCEEDED),
}

# The codes botocore's standard retry mode treats as throttling.
_THROTTLING_CODES = frozenset(
    (
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "RequestThrottledException",
        "TooManyRequestsException",
        "ProvisionedThroughputExceededException",
        "RequestLimitExceeded",
        "RequestThrottled",
        "SlowDown",
        "EC2ThrottledException",
    )
)


def throttling(info: OperationInfo) -> Tuple[str, int, str]:
    """The throttling error ``info``'s service answers with: code, HTTP status, message."""
    known = _THROTTLING.get(info.service)
    if known is not None:
        return known
    for shape in info.model.error_shapes:
        error = shape.metadata.get("error", {})
        code = error.get("code") or shape.name
        if code in _THROTTLING_CODES:
            # Lambda, API Gateway: a modeled TooManyRequestsException (429).
            return code, error.get("httpStatusCode", 400), _RATE_EXCEEDED
    if info.model.service_model.protocol in ("json", "rest-json"):
        return "ThrottlingException", 400, _RATE_EXCEEDED
    return "Throttling", 400, _RATE_EXCEEDED


_SERVER_ERRORS: Dict[int, Tuple[str, str]] = {
    500: (
        "InternalFailure",
        "The request processing has failed because of an unknown error, exception or failure.",
    ),
    502: ("BadGateway", "Bad Gateway"),
    503: ("ServiceUnavailable", "Service is unable to handle request."),
    504: ("GatewayTimeout", "Gateway Timeout"),
}

_S3_SERVER_ERRORS: Dict[int, Tuple[str, str]] = {
    500: ("InternalError", "We encountered an internal error. Please try again."),
    503: ("ServiceUnavailable", "Please reduce your request rate."),
}


def server_error(info: OperationInfo, status: int) -> Tuple[str, str]:
    """The code and message of a ``status`` (5xx) error from ``info``'s service."""
    if info.service == "s3" and status in _S3_SERVER_ERRORS:
        return _S3_SERVER_ERRORS[status]
    if info.service == "dynamodb" and status == 500:
        return "InternalServerError", "Internal server error"
    return _SERVER_ERRORS.get(status, ("InternalFailure", _SERVER_ERRORS[500][1]))


def _endpoint(client: Any) -> str:
    # None: the entry's own exception, before any client called (its description).
    return "the client's endpoint URL" if client is None else str(client.meta.endpoint_url)


def connection_error(client: Any) -> EndpointConnectionError:
    """What botocore raises when the client's endpoint cannot be reached."""
    return EndpointConnectionError(endpoint_url=_endpoint(client))


def read_timeout(client: Any) -> ReadTimeoutError:
    """What botocore raises when the client's endpoint does not answer in time."""
    return ReadTimeoutError(endpoint_url=_endpoint(client))
