"""What a test queues: ``add_response``, ``add_client_error``, ``add_exception``.

``AwsMock`` takes these functions as its methods; the ``Registry`` checks
and shapes each entry. Here are the signatures and their documentation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping, Optional

from .._core.match import Match
from .._core.registry import Response

if TYPE_CHECKING:  # pragma: no cover
    from .state import State

__unittest = True


def add_response(
    aws: State,
    service: str,
    operation: str,
    response: Response = None,
    *,
    expected_params: Optional[Mapping[str, Any]] = None,
    required: bool = True,
    times: Optional[int] = 1,
    match: Match = None,
    region: Optional[str] = None,
) -> None:
    """Queue a response for the next call to ``service.operation``.

    :param service: botocore's service name: ``"s3"``, ``"sqs"``, ``"dynamodb"``...
    :param operation: ``"GetObject"`` or the client method's name, ``"get_object"``.
    :param response: the parsed response, as botocore returns it (checked against
        the operation's output shape now), or a callable ``f(params) -> dict``
        called with each call's params.
    :param expected_params: when given, the call's params must equal it
        (``ANY`` allowed at any depth), or the call fails with ``ParamsMismatchError``.
    :param required: ``False``: leaving it unused is not a failure.
    :param times: how many calls it serves; ``None`` serves every call (a standing default).
    :param match: which calls it serves: a partial dict of params (keys not named
        are free, ``ANY`` allowed at any depth, lists compare element by element
        and must be as long) or a callable ``f(call) -> bool`` given the
        :class:`Call`. A call takes the first queued response of its operation
        that matches it; responses without ``match`` match every call.
    :param region: serve only calls made by a client of this region (``"eu-west-1"``).
    """
    __tracebackhide__ = True
    aws._registry.add_response(
        service,
        operation,
        response,
        expected_params=expected_params,
        required=required,
        times=times,
        match=match,
        region=region,
    )


def add_client_error(
    aws: State,
    service: str,
    operation: str,
    code: str,
    message: str = "",
    *,
    http_status_code: int = 400,
    expected_params: Optional[Mapping[str, Any]] = None,
    required: bool = True,
    times: Optional[int] = 1,
    response_meta: Optional[Mapping[str, Any]] = None,
    modeled_fields: Optional[Mapping[str, Any]] = None,
    match: Match = None,
    region: Optional[str] = None,
) -> None:
    """Queue the ``ClientError`` a real call raises: the modeled class where one exists.

    :param code: the error code, such as ``"NoSuchKey"``.
    :param message: the error message.
    :param http_status_code: the HTTP status, 300-599.
    :param response_meta: merged into the error's ``ResponseMetadata``.
    :param modeled_fields: members of the error shape, merged into the response
        (``{"Error": {...}}`` is merged into the error's ``Code`` and ``Message``).
    :param expected_params: as for :meth:`add_response`.
    :param required: as for :meth:`add_response`.
    :param times: as for :meth:`add_response`.
    :param match: as for :meth:`add_response`.
    :param region: as for :meth:`add_response`.
    """
    __tracebackhide__ = True
    aws._registry.add_client_error(
        service,
        operation,
        code,
        message,
        http_status_code=http_status_code,
        expected_params=expected_params,
        required=required,
        times=times,
        response_meta=response_meta,
        modeled_fields=modeled_fields,
        match=match,
        region=region,
    )


def add_exception(
    aws: State,
    service: str,
    operation: str,
    exception: BaseException,
    *,
    expected_params: Optional[Mapping[str, Any]] = None,
    required: bool = True,
    times: Optional[int] = 1,
    match: Match = None,
    region: Optional[str] = None,
) -> None:
    """Queue any exception instance (a network fault, a timeout) for the next call.

    :param exception: raised as it is, e.g.
        ``EndpointConnectionError(endpoint_url="https://s3.amazonaws.com")``.
    :param expected_params: as for :meth:`add_response`.
    :param required: as for :meth:`add_response`.
    :param times: as for :meth:`add_response`.
    :param match: as for :meth:`add_response`.
    :param region: as for :meth:`add_response`.
    """
    __tracebackhide__ = True
    aws._registry.add_exception(
        service,
        operation,
        exception,
        expected_params=expected_params,
        required=required,
        times=times,
        match=match,
        region=region,
    )
