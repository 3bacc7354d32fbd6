"""``patch_boto3()`` and ``AwsMock``: one patch over ``BaseClient._make_api_call``.

``start()``/``stop()`` do all the work; the context manager, the decorator,
the TestCase mixin and the pytest fixture are thin layers over them.
"""

from __future__ import annotations

import difflib
import functools
import inspect
import os
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    Dict,
    Iterable,
    List,
    Optional,
    Type,
    TypeVar,
    Union,
    cast,
)
from unittest import mock

import botocore.session
import botocore.waiter
from botocore.awsrequest import AWSResponse
from botocore.client import BaseClient
from botocore.exceptions import ParamValidationError
from botocore.httpsession import URLLib3Session
from botocore.validate import ParamValidationDecorator, ParamValidator

from . import _botocore, _hermetic
from ._calls import Call, CallAssertions, format_call, params_diff, unasserted
from ._queues import Entry, QueueDict, ResponseFactory, caller_location
from .errors import (
    AwsMockError,
    InvalidResponseError,
    ParamsMismatchError,
    UnassertedCallError,
    UnmockedCallError,
    UnusedResponseError,
)

if TYPE_CHECKING:  # pragma: no cover
    from .cassette import Cassette

__unittest = True

F = TypeVar("F", bound=Callable[..., Any])

RECORD_MODES = ("none", "once", "all", "new_episodes")

DEFAULT_OPTIONS: Dict[str, Any] = {
    "validate": True,
    "verify": True,
    "strict": False,
    "hermetic": True,
    "region": "us-east-1",
    "passthrough": False,
    "cassette": None,
    "record_mode": None,
    "match_params": True,
    "before_record": None,
}

_validator = ParamValidator()
# Innermost last. Patches nest like mock.patch: the inner one serves.
_active: List[AwsMock] = []


def check_options(options: Dict[str, Any], where: str = "patch_boto3()") -> Dict[str, Any]:
    """Validate ``patch_boto3`` keyword options; return them merged with defaults."""
    __tracebackhide__ = True
    for name in options:
        if name not in DEFAULT_OPTIONS:
            close = difflib.get_close_matches(name, list(DEFAULT_OPTIONS), n=1)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise TypeError(
                f"{where} got an unknown option {name!r}.{hint}"
                f" Options: {', '.join(DEFAULT_OPTIONS)}."
            )
    merged = {**DEFAULT_OPTIONS, **options}
    for name in ("validate", "verify", "strict", "hermetic"):
        if not isinstance(merged[name], bool):
            raise TypeError(f"{where}: {name} must be True or False, got {merged[name]!r}.")
    if not isinstance(merged["region"], str) or not merged["region"]:
        raise TypeError(
            f"{where}: region must be a region name such as 'eu-west-1', got {merged['region']!r}."
        )
    merged["passthrough"] = _check_passthrough(merged["passthrough"], where)
    if merged["record_mode"] is not None and merged["record_mode"] not in RECORD_MODES:
        raise ValueError(
            f"{where}: record_mode must be one of {', '.join(map(repr, RECORD_MODES))},"
            f" got {merged['record_mode']!r}."
        )
    if merged["cassette"] is not None and not isinstance(merged["cassette"], (str, os.PathLike)):
        raise TypeError(f"{where}: cassette must be a file path, got {merged['cassette']!r}.")
    return merged


def _check_passthrough(value: Any, where: str) -> Union[bool, frozenset[str]]:
    __tracebackhide__ = True
    if isinstance(value, bool):
        return value
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise TypeError(
            f"{where}: passthrough must be True, False or a list of service names"
            f" such as ['s3'], got {value!r}."
        )
    services = frozenset(value)
    for service in services:
        _botocore.service_model(service)
    return services


class _ApiCallMock(mock.MagicMock):
    """The mock that replaces ``BaseClient._make_api_call``.

    A plain MagicMock on a class is not a descriptor, so it would never see
    the client; binding like a method gives ``aws.mock`` calls of the form
    ``(client, operation_name, api_params)``.
    """

    def __get__(self, obj: Any, objtype: Any = None) -> Any:
        if obj is None:
            return self
        return functools.partial(self, obj)


def _client_context(client: BaseClient, model: Any) -> Dict[str, Any]:
    """The request context botocore's events expect (a subset of the real one)."""
    return {
        "client_region": client.meta.region_name,
        "client_config": client.meta.config,
        "has_streaming_input": model.has_streaming_input,
        "auth_type": model.resolved_auth_type,
    }


class AwsMock(CallAssertions):
    """Queued AWS responses, a record of the calls made, and assertions on them.

    Create it with ``patch_boto3()``; use it as a context manager, a decorator
    or with ``start()``/``stop()``.
    """

    def __init__(self, **options: Any) -> None:
        __tracebackhide__ = True
        self._options = check_options(options)
        self.validate: bool = self._options["validate"]
        self.calls: List[Call] = []
        self.mock: Optional[mock.MagicMock] = None
        self._queues = QueueDict()
        self._failures: List[AwsMockError] = []
        self._patchers: List[Any] = []
        self._environment: Optional[_hermetic.Environment] = None
        self._original: Any = None
        self._started = False
        self._cassette: Optional[Cassette] = None

    def __repr__(self) -> str:
        state = "started" if self._started else "stopped"
        return f"<AwsMock {state}, {len(self.calls)} calls>"

    @property
    def options(self) -> Dict[str, Any]:
        """The options this patch was created with, defaults filled in."""
        return dict(self._options)

    # registration

    def add_response(
        self,
        service: str,
        operation: str,
        response: Union[Dict[str, Any], ResponseFactory, None] = None,
        *,
        expected_params: Optional[Dict[str, Any]] = None,
        required: bool = True,
        times: Optional[int] = 1,
    ) -> None:
        """Queue a response for the next call to ``service``.``operation``."""
        __tracebackhide__ = True
        info = self._info(service, operation)
        entry = self._entry(info, expected_params, required, times)
        if response is None:
            response = {}
        if isinstance(response, dict):
            entry.template = self._shape(info, response)
        elif callable(response):
            entry.factory = response
        else:
            raise TypeError(
                f"add_response({info.service!r}, {info.operation!r}, ...): response must be"
                f" a dict in botocore's parsed form or a callable f(params) -> dict,"
                f" got {type(response).__name__}: {response!r:.60}"
            )
        self._queues.add(entry)

    def add_client_error(
        self,
        service: str,
        operation: str,
        code: str,
        message: str = "",
        *,
        http_status_code: int = 400,
        expected_params: Optional[Dict[str, Any]] = None,
        required: bool = True,
        times: Optional[int] = 1,
        response_meta: Optional[Dict[str, Any]] = None,
        modeled_fields: Optional[Dict[str, Any]] = None,
    ) -> None:
        """Queue the ClientError (the modeled class where one exists) a real call raises."""
        __tracebackhide__ = True
        info = self._info(service, operation)
        entry = self._entry(info, expected_params, required, times)
        if not isinstance(code, str) or not code:
            raise TypeError(
                f"add_client_error: code must be an error code such as 'NoSuchKey', got {code!r}."
            )
        if not isinstance(http_status_code, int) or not 300 <= http_status_code <= 599:
            raise ValueError(
                f"add_client_error: http_status_code must be 300-599 (botocore raises"
                f" only for those), got {http_status_code!r}."
            )
        meta = _botocore.response_metadata(http_status_code)
        meta.update(response_meta or {})
        error: Dict[str, Any] = {
            "Error": {"Code": code, "Message": message},
            "ResponseMetadata": meta,
        }
        if modeled_fields:
            error.update(modeled_fields)
        entry.error = error
        self._queues.add(entry)

    def add_exception(
        self,
        service: str,
        operation: str,
        exception: BaseException,
        *,
        expected_params: Optional[Dict[str, Any]] = None,
        required: bool = True,
        times: Optional[int] = 1,
    ) -> None:
        """Queue any exception (a network fault, a timeout) for the next call."""
        __tracebackhide__ = True
        info = self._info(service, operation)
        entry = self._entry(info, expected_params, required, times)
        if isinstance(exception, type) and issubclass(exception, BaseException):
            raise TypeError(
                f"add_exception takes an exception instance, got the class"
                f" {exception.__name__}. Write {exception.__name__}(...) instead."
            )
        if not isinstance(exception, BaseException):
            raise TypeError(f"add_exception takes an exception instance, got {exception!r}.")
        entry.exception = exception
        self._queues.add(entry)

    def _info(self, service: str, operation: str) -> _botocore.OperationInfo:
        __tracebackhide__ = True
        service, op = _botocore.resolve(service, operation)
        return _botocore.operation_info(service, op)

    def _entry(
        self,
        info: _botocore.OperationInfo,
        expected_params: Optional[Dict[str, Any]],
        required: bool,
        times: Optional[int],
    ) -> Entry:
        __tracebackhide__ = True
        if times is not None and (
            not isinstance(times, int) or isinstance(times, bool) or times < 1
        ):
            raise ValueError(
                f"times must be a positive int, or None to serve forever; got {times!r}."
            )
        if expected_params is not None and not isinstance(expected_params, dict):
            raise TypeError(
                f"expected_params must be a dict of the call's keyword arguments,"
                f" got {type(expected_params).__name__}: {expected_params!r:.60}"
            )
        if not isinstance(required, bool):
            raise TypeError(f"required must be True or False, got {required!r}.")
        return Entry(
            info,
            expected_params=expected_params,
            required=required,
            remaining=times,
            origin=caller_location(),
        )

    def _shape(self, info: _botocore.OperationInfo, response: Dict[str, Any]) -> Dict[str, Any]:
        __tracebackhide__ = True
        try:
            return _botocore.shape_response(info, response, self.validate)
        except InvalidResponseError as error:
            raise InvalidResponseError(
                f"Invalid response for {info.service}.{info.operation}: {error}"
            ) from None

    # start / stop

    def start(self) -> AwsMock:
        """Patch botocore; calls are served from this mock's queues until stop()."""
        __tracebackhide__ = True
        if self._started:
            raise RuntimeError(
                "This AwsMock is already started. Stop it first, or create another"
                " with patch_boto3()."
            )
        try:
            self._start()
        except BaseException:
            self._restore()
            raise
        return self

    def _start(self) -> None:
        self._started = True
        _active.append(self)
        _hermetic._on_blocked.append(self._failures.append)
        if self._options["hermetic"]:
            self._environment = _hermetic.Environment(self._options["region"])
            self._environment.enter()
        self._original = BaseClient.__dict__["_make_api_call"]
        api_mock = _ApiCallMock(name="_make_api_call", side_effect=self._handle)
        self._patch(BaseClient, "_make_api_call", api_mock)
        self._patch(botocore.waiter, "time", _hermetic.NO_SLEEP_TIME)
        self._patch(URLLib3Session, "send", _hermetic.blocked_send)
        self._patch(botocore.session, "create_loader", _hermetic.shared_loader)
        self.mock = api_mock
        if self._options["cassette"] is not None:
            from .cassette import Cassette

            self._cassette = Cassette(self)
            self._cassette.start()

    def _patch(self, target: Any, name: str, new: Any) -> None:
        patcher = mock.patch.object(target, name, new)
        patcher.start()
        self._patchers.append(patcher)

    def stop(self) -> None:
        """Restore botocore exactly, then verify (unless verify=False).

        Harmless before start() and when called twice.
        """
        __tracebackhide__ = True
        self._stop(verify=self._options["verify"])

    def _stop(self, verify: bool, succeeded: bool = True) -> None:
        __tracebackhide__ = True
        if not self._started:
            return
        if _active and _active[-1] is not self and self in _active:
            raise RuntimeError(
                "Patches must stop in the reverse order they started: stop the inner"
                " patch_boto3() first."
            )
        try:
            if self._cassette is not None:
                self._cassette.stop(succeeded and not self._failures)
        finally:
            self._restore()
        if verify:
            self.verify()

    def _restore(self) -> None:
        while self._patchers:
            self._patchers.pop().stop()
        if self._environment is not None:
            self._environment.exit()
            self._environment = None
        if self in _active:
            _active.remove(self)
        if self._failures.append in _hermetic._on_blocked:
            _hermetic._on_blocked.remove(self._failures.append)
        self._started = False

    def verify(self) -> None:
        """Raise what should fail the test: swallowed errors, unused responses, unasserted calls."""
        __tracebackhide__ = True
        if self._failures:
            first = self._failures[0]
            raise type(first)(
                "This error was raised inside the patched block, and the code under"
                f" test caught it:\n{first}"
            ) from first
        self.assert_all_responses_used()
        if self._options["strict"]:
            missed = unasserted(self.calls)
            if missed:
                listed = "\n".join(
                    f"- {format_call(c.service, c.operation, c.params)}" for c in missed
                )
                noun = "call was" if len(missed) == 1 else "calls were"
                raise UnassertedCallError(
                    f"strict=True: {len(missed)} {noun} not checked by any assertion:\n"
                    f"{listed}\nCheck each with aws.assert_called_with(...),"
                    " aws.assert_any_call(...) or aws.assert_has_calls([...])."
                )

    def assert_all_responses_used(self) -> None:
        """Every required response queued was served."""
        __tracebackhide__ = True
        unused = [e for e in self._queues.pending() if e.required]
        if unused:
            listed = "\n".join(f"- {e.describe()}, added at {e.origin}" for e in unused)
            noun = "response was" if len(unused) == 1 else "responses were"
            raise UnusedResponseError(
                f"{len(unused)} queued {noun} not used:\n{listed}\n"
                "Remove them, make sure the code makes those calls, or queue them"
                " with required=False."
            )

    def __enter__(self) -> AwsMock:
        __tracebackhide__ = True
        return self.start()

    def __exit__(self, exc_type: Optional[Type[BaseException]], exc: Any, tb: Any) -> None:
        __tracebackhide__ = True
        # A body that raised keeps its own exception: never mask it.
        self._stop(verify=self._options["verify"] and exc_type is None, succeeded=exc_type is None)

    # decorator

    def __call__(self, func: F) -> F:
        """Decorate a test function, method or TestCase class.

        Each run gets a fresh AwsMock, passed as the last positional argument.
        """
        if isinstance(func, type):
            return cast(F, self._decorate_class(func))
        if not callable(func):
            raise TypeError(f"patch_boto3() decorates functions and classes, got {func!r}.")
        return cast(F, _decorate_function(func, self._options))

    def _decorate_class(self, cls: type) -> type:
        for name, value in list(vars(cls).items()):
            if name.startswith(mock.patch.TEST_PREFIX) and callable(value):
                setattr(cls, name, _decorate_function(value, self._options))
        return cls

    # the call path

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
        call = Call(service, operation_name, api_params)
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
        """Run the client's own parameter events and botocore's validation on a copy."""
        __tracebackhide__ = True
        model = _botocore.operation_info(service, operation_name).model
        context = _client_context(client, model)
        params = client._emit_api_params(
            api_params=_botocore.fast_copy(api_params), operation_model=model, context=context
        )
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
        http = AWSResponse(
            client.meta.endpoint_url, meta["HTTPStatusCode"], meta["HTTPHeaders"], None
        )
        service_id = client._service_model.service_id.hyphenize()
        client.meta.events.emit(
            f"after-call.{service_id}.{info.operation}",
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
            code = (context or {}).get("error_code_override") or response.get("Error", {}).get(
                "Code"
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


def _decorate_function(func: Callable[..., Any], options: Dict[str, Any]) -> Callable[..., Any]:
    """Wrap ``func`` so each run gets a fresh, started AwsMock as last positional arg."""
    if inspect.iscoroutinefunction(func):

        @functools.wraps(func)
        async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
            __tracebackhide__ = True
            with AwsMock(**options) as aws:
                return await func(*args, aws, **kwargs)

        wrapper: Callable[..., Any] = async_wrapper
    else:

        @functools.wraps(func)
        def sync_wrapper(*args: Any, **kwargs: Any) -> Any:
            __tracebackhide__ = True
            with AwsMock(**options) as aws:
                return func(*args, aws, **kwargs)

        wrapper = sync_wrapper
    wrapper.__signature__ = _signature_without_aws(func)  # type: ignore[attr-defined]
    return wrapper


def _signature_without_aws(func: Callable[..., Any]) -> inspect.Signature:
    """Hide the injected parameter, so pytest does not look for an 'aws' fixture.

    pytest passes fixtures by keyword, so the AwsMock lands on the first
    positional parameter after ``self``/``cls``.
    """
    sig = inspect.signature(func)
    params = list(sig.parameters.values())
    index = 1 if params and params[0].name in ("self", "cls") else 0
    positional = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    if index < len(params) and params[index].kind in positional:
        del params[index]
    return sig.replace(parameters=params)


def patch_boto3(
    *,
    validate: bool = True,
    verify: bool = True,
    strict: bool = False,
    hermetic: bool = True,
    region: str = "us-east-1",
    passthrough: Union[bool, Iterable[str]] = False,
    cassette: Optional[Union[str, os.PathLike[str]]] = None,
    record_mode: Optional[str] = None,
    match_params: Union[bool, Callable[[Dict[str, Any]], Dict[str, Any]]] = True,
    before_record: Optional[Callable[[Dict[str, Any]], Optional[Dict[str, Any]]]] = None,
    **unknown: Any,
) -> AwsMock:
    """Replace every boto3/botocore call with queued, checked responses.

    Use as ``with patch_boto3() as aws:``, as a decorator, or with
    ``aws = patch_boto3(); aws.start(); ...; aws.stop()``.
    """
    __tracebackhide__ = True
    options = {
        "validate": validate,
        "verify": verify,
        "strict": strict,
        "hermetic": hermetic,
        "region": region,
        "passthrough": passthrough,
        "cassette": cassette,
        "record_mode": record_mode,
        "match_params": match_params,
        "before_record": before_record,
        **unknown,
    }
    return AwsMock(**options)


def active() -> Optional[AwsMock]:
    """The innermost started AwsMock, if any."""
    return _active[-1] if _active else None
