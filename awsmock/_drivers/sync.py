"""The sync driver: the function patched over ``BaseClient._make_api_call``.

It runs the client's own events (synchronously) around the call path's
steps, calls response callables, and passes calls through to the original
method when the call path says so.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, Optional, Tuple

from botocore.hooks import first_non_none_response

from .._core.callpath import CallPath
from .._core.calls import Call, CallLog
from .._core.queues import Entry
from .._model import events as _events
from .._model.models import OperationInfo, operation_info
from .._util.copy import fast_copy
from . import hermetic as _hermetic

__unittest = True


def emit(client: Any, event_name: str, **kwargs: Any) -> Any:
    """Emit ``event_name`` on the client's events, as botocore's emitter does."""
    handlers = _events.lookup_handlers(client, event_name)
    if handlers is None:  # not looked up yet, or not botocore's emitter
        return list(client.meta.events.emit(event_name, **kwargs))
    kwargs["event_name"] = event_name
    return [(handler, handler(**kwargs)) for handler in handlers]


def notify(client: Any, event_name: str, **kwargs: Any) -> None:
    """``emit`` for an event whose handlers' answers botocore ignores.

    ``before-parameter-build`` and ``after-call``: no list of answers is built.
    """
    handlers = _events.lookup_handlers(client, event_name)
    if handlers is None:
        client.meta.events.emit(event_name, **kwargs)
        return
    kwargs["event_name"] = event_name
    for handler in handlers:
        handler(**kwargs)


def check_params(client: Any, info: OperationInfo, api_params: Dict[str, Any]) -> Dict[str, Any]:
    """Run the client's parameter events and botocore's validation on a copy.

    The same two events, in the same order, as ``BaseClient._emit_api_params``;
    validation after them, as the serializer would (boto3's DynamoDB Table
    turns Python values into wire format in them).
    """
    __tracebackhide__ = True
    model = info.model
    context = _events.client_context(client, info)
    params = fast_copy(api_params)
    if _events.has_handlers(client, info.provide_params_event):
        responses = emit(
            client, info.provide_params_event, params=params, model=model, context=context
        )
        params = first_non_none_response(responses, default=params)
    notify(client, info.before_build_event, params=params, model=model, context=context)
    _events.validate(client, info, params)
    return context


class SyncDriver:
    """Serves ``BaseClient._make_api_call`` from a ``CallPath``."""

    def __init__(
        self, path: CallPath, log: CallLog, original: Callable[..., Any], backend: Any = None
    ) -> None:
        self._path = path
        self._log = log
        self._original = original
        #: ``backend="moto"``: the ``MotoBackend`` serving what nothing queued serves.
        self._backend = backend
        self.function = self._make_function()

    def _make_function(self) -> Callable[..., Any]:
        """A plain function binds to the client like the method it replaces, at C speed."""
        log = self._log
        handle = self.handle

        def _make_api_call(client: Any, operation_name: str, api_params: Dict[str, Any]) -> Any:
            __tracebackhide__ = True
            api_mock = log.mock
            if api_mock is not None:
                return api_mock(client, operation_name, api_params)
            return handle(client, operation_name, api_params)

        return _make_api_call

    def mock_side_effect(self, client: Any, operation_name: str, api_params: Any) -> Any:
        """What ``aws.mock`` does when called: the same as the patched function."""
        __tracebackhide__ = True
        return self.handle(client, operation_name, api_params, via_mock=True)

    def handle(
        self, client: Any, operation_name: str, api_params: Dict[str, Any], via_mock: bool = False
    ) -> Any:
        __tracebackhide__ = True
        path = self._path
        info = operation_info(client.meta.service_model.service_name, operation_name)
        context = check_params(client, info, api_params) if path.validate else None
        if path.retries:
            return self._handle_with_retries(client, info, api_params, via_mock, context)
        call, entry = path.take(client, info, api_params, via_mock)
        if entry is None:
            return self._pass_through(client, call)
        produced = None
        if entry.factory is not None:
            try:
                produced = entry.factory(path.factory_params(call))
            except BaseException as error:
                path.raised(call, error)
                raise
        response = path.respond(call, entry, produced)
        if context is None and entry.error is not None:
            # Errors are off the fast path: let botocore's handlers pick the
            # class (SQS's Error.QueryErrorCode) with validate=False too.
            context = {}
        if context is not None:
            notify(
                client,
                info.after_call_event,
                **_events.after_call_kwargs(client, info, response, context),
            )
        return path.finish(client, call, response, context)

    def _handle_with_retries(
        self,
        client: Any,
        info: OperationInfo,
        api_params: Dict[str, Any],
        via_mock: bool,
        context: Optional[Dict[str, Any]],
    ) -> Any:
        """As ``Endpoint._send_request``: each attempt's outcome goes to ``needs-retry``."""
        __tracebackhide__ = True
        path = self._path
        call, entry = path.first_attempt(client, info, api_params, via_mock)
        if entry is None:
            return self._pass_through(client, call)
        context = _events.retry_context(client, info, context)
        limiters = _events.rate_limiters(client, info)
        try:
            while True:
                for limiter in limiters:
                    limiter(request=None, event_name="before-send")
                response, error = self._attempt(client, call, entry)
                kwargs = _events.needs_retry_kwargs(
                    client, info, call.attempts, response, error, context
                )
                delay = first_non_none_response(emit(client, info.needs_retry_event, **kwargs))
                if delay is None or delay is False:
                    break
                next_entry = path.retry(call, delay)
                if next_entry is None:
                    return self._pass_through(client, call)
                entry = next_entry
        except BaseException as raised:
            # A handler raised (legacy mode re-raises the last network error),
            # or a response callable raised something botocore would not catch.
            if call.exception is None:
                path.raised(call, raised)
            raise
        response = path.concluded(call, response, error)
        notify(
            client,
            info.after_call_event,
            **_events.after_call_kwargs(client, info, response, context),
        )
        return path.finish(client, call, response, context)

    def _attempt(
        self, client: Any, call: Call, entry: Entry
    ) -> Tuple[Optional[Dict[str, Any]], Optional[BaseException]]:
        """One attempt's outcome: the response (maybe an error response), or an exception.

        What botocore's endpoint catches while sending (any ``Exception``) is
        an outcome for the retry handlers; anything else propagates.
        """
        __tracebackhide__ = True
        path = self._path
        if entry.exception is not None:
            error = path.exception(client, entry)
            if not isinstance(error, Exception):
                raise error  # KeyboardInterrupt: botocore catches Exception only
            return None, error
        produced = None
        if entry.factory is not None:
            try:
                produced = entry.factory(path.factory_params(call))
            except Exception as error:
                return None, error
        return path.respond(call, entry, produced), None

    def _pass_through(self, client: Any, call: Call) -> Any:
        """Send the call to whatever was there before the patch (AWS, LocalStack, moto)."""
        __tracebackhide__ = True
        if self._backend is not None:
            return self._from_backend(client, call)
        before = _hermetic.allow_network(True)
        _hermetic.passed_through()
        response: Optional[Dict[str, Any]] = None
        try:
            response = self._original(client, call.operation, self._path.sent_params(call))
        except BaseException as error:
            self._path.passed(call, error=error)
            raise
        finally:
            _hermetic.allow_network(before)
        return self._path.passed(call, response)

    def _from_backend(self, client: Any, call: Call) -> Any:
        """The original ``_make_api_call``, its HTTP requests answered by the backend."""
        __tracebackhide__ = True
        token = self._backend.serve(call)
        response: Optional[Dict[str, Any]] = None
        try:
            response = self._original(client, call.operation, self._path.sent_params(call))
        except BaseException as error:
            self._path.passed(call, error=error, served_by="backend")
            raise
        finally:
            self._backend.done(token)
        return self._path.passed(call, response, served_by="backend")
