"""The fault helpers: the throttling, 5xx and network errors each service sends.

``AwsMock`` takes these functions as its methods. What a service sends
(codes, statuses, messages) is the model layer's (``_model/faults.py``);
these queue it as a client error or an exception.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Mapping, Optional

from .._core.match import Match
from .._model import faults as _faults
from .._model.names import lookup
from . import queueing

if TYPE_CHECKING:  # pragma: no cover
    from .state import State

__unittest = True


def add_throttling(
    aws: State,
    service: str,
    operation: str,
    *,
    times: Optional[int] = 1,
    code: Optional[str] = None,
    message: Optional[str] = None,
    expected_params: Optional[Mapping[str, Any]] = None,
    required: bool = True,
    match: Match = None,
    region: Optional[str] = None,
) -> None:
    """Queue the throttling error ``service`` answers with (S3 ``SlowDown``, SQS
    ``RequestThrottled``, DynamoDB ``ProvisionedThroughputExceededException``,
    ``ThrottlingException`` ...), with its HTTP status: retried by every retry mode.

    :param times: how many calls (or, with ``retries=True``, attempts) it serves.
    :param code: another throttling code, such as ``"TooManyRequestsException"``.
    :param message: the error message; the service's usual one by default.
    :param expected_params: as for :meth:`add_response`.
    :param required: as for :meth:`add_response`.
    :param match: as for :meth:`add_response`.
    :param region: as for :meth:`add_response`.
    """
    __tracebackhide__ = True
    found, status, text = _faults.throttling(lookup(service, operation))
    queueing.add_client_error(
        aws,
        service,
        operation,
        found if code is None else code,
        text if message is None else message,
        http_status_code=status,
        expected_params=expected_params,
        required=required,
        times=times,
        match=match,
        region=region,
    )


def add_server_error(
    aws: State,
    service: str,
    operation: str,
    status: int = 500,
    *,
    times: Optional[int] = 1,
    code: Optional[str] = None,
    message: Optional[str] = None,
    expected_params: Optional[Mapping[str, Any]] = None,
    required: bool = True,
    match: Match = None,
    region: Optional[str] = None,
) -> None:
    """Queue a 5xx error response (``InternalError``/``InternalFailure``,
    ``ServiceUnavailable`` ...), as the service sends it.

    :param status: the HTTP status, 500-599 (500, 502, 503 and 504 are retried).
    :param times: how many calls (or, with ``retries=True``, attempts) it serves.
    :param code: the error code; the service's usual one for ``status`` by default.
    :param message: the error message; the service's usual one by default.
    :param expected_params: as for :meth:`add_response`.
    :param required: as for :meth:`add_response`.
    :param match: as for :meth:`add_response`.
    :param region: as for :meth:`add_response`.
    """
    __tracebackhide__ = True
    if not isinstance(status, int) or isinstance(status, bool) or not 500 <= status <= 599:
        raise ValueError(f"add_server_error: status must be 500-599, got {status!r}.")
    found, text = _faults.server_error(lookup(service, operation), status)
    queueing.add_client_error(
        aws,
        service,
        operation,
        found if code is None else code,
        text if message is None else message,
        http_status_code=status,
        expected_params=expected_params,
        required=required,
        times=times,
        match=match,
        region=region,
    )


def add_connection_error(
    aws: State,
    service: str,
    operation: str,
    *,
    times: Optional[int] = 1,
    expected_params: Optional[Mapping[str, Any]] = None,
    required: bool = True,
    match: Match = None,
    region: Optional[str] = None,
) -> None:
    """Queue the ``EndpointConnectionError`` botocore raises when the endpoint is down.

    Its message names the endpoint URL of the client that made the call.

    :param times: how many calls (or, with ``retries=True``, attempts) it serves.
    :param expected_params: as for :meth:`add_response`.
    :param required: as for :meth:`add_response`.
    :param match: as for :meth:`add_response`.
    :param region: as for :meth:`add_response`.
    """
    __tracebackhide__ = True
    _add_network_fault(
        aws,
        service,
        operation,
        _faults.connection_error,
        times,
        expected_params,
        required,
        match,
        region,
    )


def add_read_timeout(
    aws: State,
    service: str,
    operation: str,
    *,
    times: Optional[int] = 1,
    expected_params: Optional[Mapping[str, Any]] = None,
    required: bool = True,
    match: Match = None,
    region: Optional[str] = None,
) -> None:
    """Queue the ``ReadTimeoutError`` botocore raises when the endpoint does not answer.

    Its message names the endpoint URL of the client that made the call.

    :param times: how many calls (or, with ``retries=True``, attempts) it serves.
    :param expected_params: as for :meth:`add_response`.
    :param required: as for :meth:`add_response`.
    :param match: as for :meth:`add_response`.
    :param region: as for :meth:`add_response`.
    """
    __tracebackhide__ = True
    _add_network_fault(
        aws,
        service,
        operation,
        _faults.read_timeout,
        times,
        expected_params,
        required,
        match,
        region,
    )


def _add_network_fault(
    aws: State,
    service: str,
    operation: str,
    make: Callable[[Any], BaseException],
    times: Optional[int],
    expected_params: Optional[Mapping[str, Any]],
    required: bool,
    match: Match,
    region: Optional[str],
) -> None:
    """Queue a network fault built for the calling client (its endpoint URL)."""
    __tracebackhide__ = True
    aws._registry.add_exception(
        service,
        operation,
        make(None),
        expected_params=expected_params,
        required=required,
        times=times,
        match=match,
        region=region,
        make_exception=make,
    )
