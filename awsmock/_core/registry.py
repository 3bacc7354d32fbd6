"""What a test queues, checked where the test queues it and shaped into ``Entry`` objects.

Every mistake (an unknown operation, a malformed response, a bad option)
fails here, at the test's line, not when the code under test runs.
"""

from __future__ import annotations

import base64
import binascii
import inspect
from typing import Any, Callable, Dict, Mapping, Optional, Union

from .._model.models import ModeledError, OperationInfo, modeled_errors
from .._model.names import lookup
from .._model.responses import response_metadata
from .._model.shapes import check_metadata, shape_response
from .._util.copy import plain_copy
from .._util.messages import docs, format_value, suggest
from .._util.traceback import caller_place
from ..errors import InvalidResponseError
from . import match as _match
from .match import Match
from .queues import Entry, QueueDict, ResponseFactory

__unittest = True

Response = Union[Mapping[str, Any], ResponseFactory, None]


class Registry:
    """Turns ``add_response`` / ``add_client_error`` / ``add_exception`` into queued entries."""

    def __init__(self, queues: QueueDict, validate: bool) -> None:
        self._queues = queues
        self._validate = validate

    def add_response(
        self,
        service: str,
        operation: str,
        response: Response,
        *,
        expected_params: Optional[Mapping[str, Any]],
        required: bool,
        times: Optional[int],
        match: Match = None,
        region: Optional[str] = None,
    ) -> None:
        __tracebackhide__ = True
        info = lookup(service, operation)
        entry = self._entry(info, expected_params, required, times, match, region)
        if response is None:
            response = {}
        # dict first: the Mapping ABC check costs more.
        if isinstance(response, (dict, Mapping)):
            # shape_response builds new containers: no copy needed here.
            template = self.shape(info, response if type(response) is dict else dict(response))
            entry.set_template(template)
        elif callable(response):
            _check_takes_params(info, response)
            entry.factory = response
        else:
            raise TypeError(
                f"add_response({info.service!r}, {info.operation!r}, ...): response must be"
                f" a dict in botocore's parsed form or a callable f(params) -> dict,"
                f" got {type(response).__name__}: {format_value(response, 60)}"
            )
        self._queues.add(entry)

    def add_client_error(
        self,
        service: str,
        operation: str,
        code: str,
        message: str,
        *,
        http_status_code: int,
        expected_params: Optional[Mapping[str, Any]],
        required: bool,
        times: Optional[int],
        response_meta: Optional[Mapping[str, Any]],
        modeled_fields: Optional[Mapping[str, Any]],
        match: Match = None,
        region: Optional[str] = None,
    ) -> None:
        __tracebackhide__ = True
        info = lookup(service, operation)
        entry = self._entry(info, expected_params, required, times, match, region)
        if not isinstance(code, str) or not code:
            raise TypeError(
                f"add_client_error: code must be an error code such as 'NoSuchKey', got {code!r}."
            )
        if not isinstance(message, str):
            raise TypeError(f"add_client_error: message must be a str, got {message!r}.")
        if (
            not isinstance(http_status_code, int)
            or isinstance(http_status_code, bool)  # pragma: no mutate (0 and 1: out of range)
            or not 300 <= http_status_code <= 599
        ):
            raise ValueError(
                f"add_client_error: http_status_code must be 300-599 (botocore raises"
                f" only for those), got {http_status_code!r}."
            )
        entry.error = client_error(
            info, code, message, http_status_code, response_meta, modeled_fields
        )
        self._queues.add(entry)

    def add_exception(
        self,
        service: str,
        operation: str,
        exception: BaseException,
        *,
        expected_params: Optional[Mapping[str, Any]],
        required: bool,
        times: Optional[int],
        match: Match = None,
        region: Optional[str] = None,
        make_exception: Optional[Callable[[Any], BaseException]] = None,
    ) -> None:
        __tracebackhide__ = True
        info = lookup(service, operation)
        entry = self._entry(info, expected_params, required, times, match, region)
        entry.make_exception = make_exception
        if isinstance(exception, type) and issubclass(exception, BaseException):
            raise TypeError(
                f"add_exception takes an exception instance, got the class"
                f" {exception.__name__}. Write {exception.__name__}(...) instead."
            )
        if not isinstance(exception, BaseException):
            raise TypeError(f"add_exception takes an exception instance, got {exception!r}.")
        entry.exception = exception
        self._queues.add(entry)

    def shape(self, info: OperationInfo, response: Dict[str, Any]) -> Dict[str, Any]:
        """``response`` checked against the output shape and converted, as a template."""
        __tracebackhide__ = True
        try:
            template = shape_response(info, response, self._validate)
            if info.checksum_algorithms:
                _check_checksums(info, template)
            return template
        except InvalidResponseError as error:
            raise InvalidResponseError(
                f"Invalid response for {info.name}: {error}\n"
                f"{docs('errors.html#invalidresponseerror')}"
            ) from None

    def _entry(
        self,
        info: OperationInfo,
        expected_params: Optional[Mapping[str, Any]],
        required: bool,
        times: Optional[int],
        match: Match,
        region: Optional[str],
    ) -> Entry:
        __tracebackhide__ = True
        # The defaults (times=1, required=True, no expected_params) pass at once.
        if times.__class__ is not int or times < 1:  # pragma: no mutate (_check_times decides)
            _check_times(times)
        if required is not True and required is not False:
            raise TypeError(f"required must be True or False, got {required!r}.")
        if expected_params is not None:
            if not isinstance(expected_params, Mapping):
                raise TypeError(
                    f"expected_params must be a dict of the call's keyword arguments,"
                    f" got {type(expected_params).__name__}: {format_value(expected_params, 60)}"
                )
            expected_params = dict(expected_params)
            _match.check_names(info, expected_params, "expected_params")
        return Entry(
            info,
            expected_params=expected_params,
            required=required,
            remaining=times,
            # Registry.add_* and the AwsMock method that called it are awsmock's.
            origin=caller_place(skip=2),
            match=None if match is None and region is None else _match.checked(info, match, region),
            region=region,
        )


def _check_takes_params(info: OperationInfo, function: Callable[..., Any]) -> None:
    """A response callable is called with one argument, the params: fail now if it cannot be.

    At call time the TypeError would reach the code under test, which may
    swallow it. A callable whose signature cannot be read is taken on trust.
    """
    __tracebackhide__ = True
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        return
    try:
        signature.bind(None)
    except TypeError as error:
        name = getattr(function, "__name__", None) or type(function).__name__
        empty = inspect.Parameter.empty
        bare = signature.replace(
            parameters=[p.replace(annotation=empty) for p in signature.parameters.values()],
            return_annotation=empty,
        )
        raise TypeError(
            f"add_response({info.service!r}, {info.operation!r}, ...): the response callable"
            f" {name}{bare} cannot"
            f" take the call's params as its one argument ({error}). Write it as f(params)"
            " -> dict, such as lambda params: {...}."
        ) from None


def _check_times(times: Any) -> None:
    __tracebackhide__ = True
    if times is not None and (not isinstance(times, int) or isinstance(times, bool) or times < 1):
        raise ValueError(f"times must be a positive int, or None to serve forever; got {times!r}.")


def client_error(
    info: OperationInfo,
    code: str,
    message: str,
    status: int,
    response_meta: Optional[Mapping[str, Any]] = None,
    modeled_fields: Optional[Mapping[str, Any]] = None,
) -> Dict[str, Any]:
    """The parsed error response botocore builds for ``code``, checked."""
    __tracebackhide__ = True
    meta = response_metadata(status)
    if response_meta is not None:
        if not isinstance(response_meta, Mapping):
            raise TypeError(
                f"add_client_error: response_meta must be a dict, got {response_meta!r}."
            )
        if "HTTPStatusCode" in response_meta:
            raise ValueError(
                "add_client_error: give the status as http_status_code=..., not in"
                " response_meta (it would contradict it)."
            )
        meta.update(response_meta)
        try:
            meta = check_metadata(meta)
        except InvalidResponseError as problem:
            raise InvalidResponseError(f"add_client_error: response_meta: {problem}") from None
    error: Dict[str, Any] = {"Code": code, "Message": message}
    # The code as the wire carries it (the shape's name or its modeled code,
    # SQS's old query codes), with what botocore's parser adds for it.
    modeled = modeled_errors(info.service).get(code)
    if modeled is not None:
        error.update(modeled.error)
    response: Dict[str, Any] = {"Error": error, "ResponseMetadata": meta}
    if modeled_fields is not None:
        if not isinstance(modeled_fields, Mapping):
            raise TypeError(
                "add_client_error: modeled_fields must be a dict of the error shape's"
                f" members, got {modeled_fields!r}."
            )
        fields = plain_copy(dict(modeled_fields))
        _check_modeled_fields(info, code, modeled, fields)
        extra = fields.pop("Error", None)
        if extra is not None:
            if not isinstance(extra, dict):
                raise TypeError(
                    "add_client_error: modeled_fields['Error'] must be a dict (it is merged"
                    f" into the error's Code and Message), got {extra!r}."
                )
            error.update(extra)
        response.update(fields)
    return plain_copy(response)  # type: ignore[no-any-return]


def _check_modeled_fields(
    info: OperationInfo, code: str, modeled: Optional[ModeledError], fields: Dict[str, Any]
) -> None:
    __tracebackhide__ = True
    members = [] if modeled is None else list(modeled.shape.members)
    unknown = [name for name in fields if name != "Error" and name not in members]
    if not unknown:
        return
    if modeled is None:
        raise InvalidResponseError(
            f"add_client_error: {code!r} is not a modeled error of {info.service}, so"
            f" modeled_fields has no member {unknown[0]!r}; it takes only 'Error'"
            " (merged into the error's Code and Message)."
        )
    shape = modeled.shape.name
    valid = ", ".join(repr(m) for m in members) if members else "none"
    raise InvalidResponseError(
        f"add_client_error: the {info.service} error {shape} has no member"
        f" {unknown[0]!r}.{suggest(unknown[0], members)} Its members: {valid}"
        " (and 'Error', merged into the error's Code and Message)."
    )


def _check_checksums(info: OperationInfo, template: Dict[str, Any]) -> None:
    """A ``Checksum*`` member is base64, as AWS sends it: botocore decodes it to compare."""
    for name, value in template.items():  # the template's few keys
        if not name.startswith("Checksum") or name[8:].lower() not in info.checksum_algorithms:
            continue
        algorithm = name[8:].lower()
        if not isinstance(value, str) or "-" in value:  # "...-3": a multipart checksum
            continue
        try:
            base64.b64decode(value, validate=True)
        except binascii.Error:
            raise InvalidResponseError(
                f"{name}: expected the base64 {algorithm} checksum of the body, got"
                f" {format_value(value, 60)}"
            ) from None
