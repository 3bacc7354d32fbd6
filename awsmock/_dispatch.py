"""The call path: what happens when the code under test calls AWS while patched.

Params through the client's own events and botocore's validation, the head of
the operation's queue, a response shaped like botocore's, ``after-call``
events, and the modeled exception for errors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Tuple, cast

from botocore.awsrequest import AWSResponse, HeadersDict
from botocore.client import BaseClient
from botocore.exceptions import ParamValidationError
from botocore.hooks import first_non_none_response
from botocore.validate import ParamValidationDecorator, ParamValidator

from . import _botocore, _hermetic
from ._calls import Call, format_call, params_diff
from ._queues import Entry, QueueDict, ResponseFactory
from .errors import AwsMockError, InvalidResponseError, ParamsMismatchError, UnmockedCallError

if TYPE_CHECKING:  # pragma: no cover
    from .cassette import Cassette

__unittest = True

_validator = ParamValidator()


def _client_context(client: BaseClient, model: Any) -> Dict[str, Any]:
    """The request context botocore's events expect (a subset of the real one)."""
    return {
        "client_region": client.meta.region_name,
        "client_config": client.meta.config,
        "has_streaming_input": model.has_streaming_input,
        "auth_type": model.resolved_auth_type,
    }


def _emit(client: BaseClient, event_name: str, **kwargs: Any) -> List[Tuple[Any, Any]]:
    """Emit ``event_name`` on the client's events, as botocore's emitter does.

    Our event names are already canonical (built from the hyphenized service
    id), so this goes past botocore's EventAliaser, and calls the handlers
    the emitter has already looked up directly, without its per-handler debug
    log line: on a mocked call those are most of the cost of an event.
    """
    events = client.meta.events
    emitter = getattr(events, "_emitter", events)
    handlers = getattr(emitter, "_lookup_cache", {}).get(event_name)
    if handlers is None:  # not looked up yet, or not botocore's emitter
        return list(emitter.emit(event_name, **kwargs))
    kwargs["event_name"] = event_name
    return [(handler, handler(**kwargs)) for handler in handlers]


class _HttpResponse(AWSResponse):  # type: ignore[misc]
    """The HTTP response ``after-call`` handlers see: no body on the wire.

    ``raw`` is None, which botocore's handlers check before reading a body
    (``GetBucketLocation``); the headers dict is built only if one reads it.
    """

    def __init__(self, url: str, status_code: int, headers: Dict[str, str]) -> None:
        self.url = url
        self.status_code = status_code
        self.raw = None
        self._content = b""
        self._raw_headers = headers
        self._headers: Optional[HeadersDict] = None

    @property
    def headers(self) -> HeadersDict:
        if self._headers is None:
            self._headers = HeadersDict(self._raw_headers)
        return self._headers


class CallPath:
    """The part of ``AwsMock`` that serves calls; ``_handle`` is the mock's side effect."""

    validate: bool
    calls: List[Call]
    _options: Dict[str, Any]
    _queues: QueueDict
    _failures: List[AwsMockError]
    _original: Any
    _cassette: Optional[Cassette]

    def _shape(self, info: _botocore.OperationInfo, response: Dict[str, Any]) -> Dict[str, Any]:
        __tracebackhide__ = True
        try:
            return _botocore.shape_response(info, response, self.validate)
        except InvalidResponseError as error:
            raise InvalidResponseError(
                f"Invalid response for {info.service}.{info.operation}: {error}"
            ) from None

    def _handle(self, client: BaseClient, operation_name: str, api_params: Dict[str, Any]) -> Any:
        __tracebackhide__ = True
        service = client._service_model.service_name
        context = (
            self._check_params(client, service, operation_name, api_params)
            if self.validate
            else None
        )
        key = (service, operation_name)
        queues = self._queues
        call = Call(service, operation_name, api_params, client=client)
        with queues.lock:
            entry = queues.take(key)
            self.calls.append(call)
        if entry is None:
            return self._unqueued(client, call)
        if entry.expected_params is not None:
            self._check_expected(call, entry)
        if entry.exception is not None:
            call.exception = entry.exception
            raise entry.exception
        info = entry.info
        if entry.error is not None:
            response = _botocore.fast_copy(entry.error)
        elif entry.template is not None:
            response = _botocore.materialize(info, entry.template)
        else:
            response = self._from_factory(call, entry)
        if context is None and entry.error is not None:
            # Errors are off the fast path: let botocore's handlers pick the
            # class (SQS's Error.QueryErrorCode) with validate=False too.
            context = {}
        if context is not None:
            self._after_call(client, info, response, context)
        return self._finish(client, call, response, context)

    def _check_params(
        self, client: BaseClient, service: str, operation_name: str, api_params: Dict[str, Any]
    ) -> Dict[str, Any]:
        """Run the client's own parameter events and botocore's validation on a copy.

        The same two events, in the same order, as ``BaseClient._emit_api_params``.
        """
        __tracebackhide__ = True
        info = _botocore.operation_info(service, operation_name)
        model = info.model
        context = _client_context(client, model)
        params = _botocore.fast_copy(api_params)
        responses = _emit(
            client, info.provide_params_event, params=params, model=model, context=context
        )
        params = first_non_none_response(responses, default=params)
        _emit(client, info.before_build_event, params=params, model=model, context=context)
        # Config(parameter_validation=False) only shows in the serializer.
        if (
            isinstance(client._serializer, ParamValidationDecorator)
            and model.input_shape is not None
        ):
            report = _validator.validate(params, model.input_shape)
            if report.has_errors():
                raise ParamValidationError(report=report.generate_report())
        return context

    def _check_expected(self, call: Call, entry: Entry) -> None:
        __tracebackhide__ = True
        expected = cast(Dict[str, Any], entry.expected_params)
        # A cassette's match_params=callable (cassette.NormalisedParams)
        # normalises the call's params the way it normalised the recorded ones.
        normalise: Optional[Callable[[Dict[str, Any]], Dict[str, Any]]]
        normalise = getattr(expected, "normalise", None)
        actual = call.params if normalise is None else normalise(call.params)
        if expected == actual:
            call.asserted = True
            return
        error = ParamsMismatchError(
            f"{format_call(call.service, call.operation, call.params)} does not match"
            f" the expected_params of the response queued at {entry.origin}.\n"
            f"{params_diff(expected, actual)}"
        )
        self._failures.append(error)
        call.exception = error
        raise error

    def _from_factory(self, call: Call, entry: Entry) -> Dict[str, Any]:
        __tracebackhide__ = True
        factory = cast(ResponseFactory, entry.factory)
        try:
            result = factory(call.params)
        except BaseException as raised:
            call.exception = raised
            raise
        info = entry.info
        error: AwsMockError
        if not isinstance(result, dict):
            error = InvalidResponseError(
                f"The response callable queued at {entry.origin} for"
                f" {info.service}.{info.operation} returned {type(result).__name__},"
                " not a dict."
            )
        else:
            try:
                return _botocore.materialize(info, self._shape(info, result))
            except InvalidResponseError as exc:
                error = exc
        self._failures.append(error)
        call.exception = error
        raise error

    def _after_call(
        self,
        client: BaseClient,
        info: _botocore.OperationInfo,
        response: Dict[str, Any],
        context: Dict[str, Any],
    ) -> None:
        """Emit ``after-call`` so handlers (boto3's resource layer, s3, sqs) see the response."""
        meta = response["ResponseMetadata"]
        http = _HttpResponse(client.meta.endpoint_url, meta["HTTPStatusCode"], meta["HTTPHeaders"])
        _emit(
            client,
            info.after_call_event,
            http_response=http,
            parsed=response,
            model=info.model,
            context=context,
        )

    def _finish(
        self,
        client: BaseClient,
        call: Call,
        response: Dict[str, Any],
        context: Optional[Dict[str, Any]],
    ) -> Dict[str, Any]:
        status = response["ResponseMetadata"].get("HTTPStatusCode", 200)
        if status >= 300:
            error_info = response.get("Error", {})
            # botocore >= 1.37 moves Error.QueryErrorCode into the context with
            # an after-call handler; older releases read it right here.
            code = (
                (context or {}).get("error_code_override")
                or error_info.get("QueryErrorCode")
                or error_info.get("Code")
            )
            error = client.exceptions.from_code(code)(response, call.operation)
            call.exception = error
            raise error
        call.response = response
        return response

    def _unqueued(self, client: BaseClient, call: Call) -> Any:
        __tracebackhide__ = True
        if self._passes_through(call.service):
            return self._pass_through(client, call)
        error = UnmockedCallError(
            f"{format_call(call.service, call.operation, call.params)} was called,"
            " but nothing is queued for it.\n"
            "Queue a response with:\n"
            f'    aws.add_response("{call.service}", "{call.operation}", {{...}})\n'
            f"Queued now:\n{self._queues.summary()}"
        )
        self._failures.append(error)
        call.exception = error
        raise error

    def _passes_through(self, service: str) -> bool:
        passthrough = self._options["passthrough"]
        if passthrough is True or (passthrough and service in passthrough):
            return True
        return self._cassette is not None and self._cassette.recording

    def _pass_through(self, client: BaseClient, call: Call) -> Any:
        """Send the call to whatever was there before the patch (AWS, LocalStack, moto)."""
        original = self._original
        before = _hermetic.allow_network(True)
        try:
            response = original(client, call.operation, _botocore.fast_copy(call.params))
        except BaseException as error:
            call.exception = error
            if self._cassette is not None:
                self._cassette.record(call)
            raise
        finally:
            _hermetic.allow_network(before)
        call.response = response
        if self._cassette is not None:
            self._cassette.record(call)
        return call.response
