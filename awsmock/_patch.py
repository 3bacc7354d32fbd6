"""``patch_boto3()`` and ``AwsMock``: one patch over ``BaseClient._make_api_call``.

``AwsMock`` composes small parts, each given what it needs when it is made:
the ``Registry`` (checks what a test queues), the ``QueueDict``, the
``CallLog`` (record and assertions), the ``CallPath`` (what a call gets) and
its drivers, the hermetic ``Environment`` and, with ``cassette=``, the
``Cassette``. ``start()``/``stop()`` do all the work; the context manager,
the decorator, the TestCase mixin and the pytest fixture are thin layers
over them.
"""

from __future__ import annotations

import contextvars
import functools
import inspect
import sys
import threading
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    List,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    Type,
    TypeVar,
    cast,
)

from . import _faults, _hermetic
from ._callpath import CallPath
from ._calls import Call, CallLog, ExpectedCall
from ._clock import VirtualClock, sleep_attribute, token_bucket_acquire
from ._decorate import decorate_function
from ._expect import Expectation, operation_of
from ._match import Match
from ._messages import counted, docs, plural, were
from ._names import lookup
from ._options import Options
from ._queues import QueueDict
from ._registry import Registry, Response
from ._traceback import caller_directory
from .errors import AwsMockError, UnusedResponseError

if TYPE_CHECKING:  # pragma: no cover
    from unittest import mock

    from ._expect import P, R
    from .cassette import Cassette

__unittest = True

F = TypeVar("F", bound=Callable[..., Any])

# Innermost last. Patches nest like mock.patch: the inner one serves.
_active: List[AwsMock] = []
# The patches started in this context or the one it was copied from: an
# asyncio task sees those of the code that created it, not its siblings'.
_visible: contextvars.ContextVar[Tuple[AwsMock, ...]] = contextvars.ContextVar(
    "awsmock_visible", default=()
)


def _current_task() -> Any:
    asyncio = sys.modules.get("asyncio")  # not imported: no task is running
    if asyncio is None:
        return None
    try:
        return asyncio.current_task()
    except RuntimeError:  # no running event loop
        return None


def active_patches() -> List[AwsMock]:
    """The patches started and not stopped yet, outermost first."""
    return list(_active)


@functools.cache
def _api_call_mock_class() -> Type[mock.MagicMock]:
    """The MagicMock subclass for ``aws.mock``, defined late (import time)."""
    from unittest import mock

    class _ApiCallMock(mock.MagicMock):
        """A MagicMock that binds like a method.

        A plain MagicMock on a class is not a descriptor, so it would never
        see the client; bound, ``aws.mock`` gets calls of the form
        ``(client, operation_name, api_params)``.
        """

        def __get__(self, obj: Any, objtype: Any = None) -> Any:
            if obj is None:
                return self
            return functools.partial(self, obj)

        def _increment_mock_call(self, *args: Any, **kwargs: Any) -> None:
            # unittest.mock counts with "call_count += 1": calls from several
            # threads at once would be lost.
            with _MOCK_LOCK:
                super()._increment_mock_call(*args, **kwargs)

    return _ApiCallMock


# Serialises aws.mock's bookkeeping (its calls and the call log's mirror).
_MOCK_LOCK = threading.Lock()


class AwsMock:
    """Queued AWS responses, a record of the calls made, and assertions on them.

    Create it with :func:`patch_boto3` (``AwsMock(**options)`` is the same);
    use it as a context manager, a decorator or with ``start()``/``stop()``.
    """

    def __init__(self, **options: Any) -> None:
        __tracebackhide__ = True
        # A relative cassette path is the creating test file's (the caller's).
        self._options = Options.create(options).relative_to(caller_directory)
        lock = threading.Lock()
        self._queues = QueueDict(lock)
        self._log = CallLog(lock)
        self._failures: List[AwsMockError] = []
        self._registry = Registry(self._queues, self._options.validate)
        self._cassette: Optional[Cassette] = None
        self._clock = VirtualClock()
        self._path = CallPath(
            self._queues,
            self._log,
            self._failures,
            validate=self._options.validate,
            passes_through=self._passes_through,
            on_passed=self._on_passed,
            retries=self._options.retries,
            clock=self._clock,
            hermetic=self._options.hermetic,
        )
        self._sync: Any = None
        self._patchers: List[Any] = []
        self._environment: Optional[_hermetic.Environment] = None
        self._started = False
        self._task: Any = None  # the asyncio task that started it, if any

    def __repr__(self) -> str:
        state = "started" if self._started else "stopped"
        return f"<AwsMock {state}, {plural(len(self._log.calls), 'call')}>"

    @property
    def options(self) -> dict[str, Any]:
        """The options this patch was created with, defaults filled in."""
        return self._options.as_dict()

    @property
    def validate(self) -> bool:
        """Whether params and responses are checked (the ``validate`` option)."""
        return self._options.validate

    # queueing

    def add_response(
        self,
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
        self._registry.add_response(
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
        self,
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
        self._registry.add_client_error(
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
        self,
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
        self._registry.add_exception(
            service,
            operation,
            exception,
            expected_params=expected_params,
            required=required,
            times=times,
            match=match,
            region=region,
        )

    # faults

    def add_throttling(
        self,
        service: str,
        operation: str,
        *,
        times: Optional[int] = 1,
        code: Optional[str] = None,
        message: Optional[str] = None,
        expected_params: Optional[Mapping[str, Any]] = None,
        required: bool = True,
    ) -> None:
        """Queue the throttling error ``service`` answers with (S3 ``SlowDown``, SQS
        ``RequestThrottled``, DynamoDB ``ProvisionedThroughputExceededException``,
        ``ThrottlingException`` ...), with its HTTP status: retried by every retry mode.

        :param times: how many calls (or, with ``retries=True``, attempts) it serves.
        :param code: another throttling code, such as ``"TooManyRequestsException"``.
        :param message: the error message; the service's usual one by default.
        :param expected_params: as for :meth:`add_response`.
        :param required: as for :meth:`add_response`.
        """
        __tracebackhide__ = True
        found, status, text = _faults.throttling(lookup(service, operation))
        self.add_client_error(
            service,
            operation,
            found if code is None else code,
            text if message is None else message,
            http_status_code=status,
            expected_params=expected_params,
            required=required,
            times=times,
        )

    def add_server_error(
        self,
        service: str,
        operation: str,
        status: int = 500,
        *,
        times: Optional[int] = 1,
        code: Optional[str] = None,
        message: Optional[str] = None,
        expected_params: Optional[Mapping[str, Any]] = None,
        required: bool = True,
    ) -> None:
        """Queue a 5xx error response (``InternalError``/``InternalFailure``,
        ``ServiceUnavailable`` ...), as the service sends it.

        :param status: the HTTP status, 500-599 (500, 502, 503 and 504 are retried).
        :param times: how many calls (or, with ``retries=True``, attempts) it serves.
        :param code: the error code; the service's usual one for ``status`` by default.
        :param message: the error message; the service's usual one by default.
        :param expected_params: as for :meth:`add_response`.
        :param required: as for :meth:`add_response`.
        """
        __tracebackhide__ = True
        if not isinstance(status, int) or isinstance(status, bool) or not 500 <= status <= 599:
            raise ValueError(f"add_server_error: status must be 500-599, got {status!r}.")
        found, text = _faults.server_error(lookup(service, operation), status)
        self.add_client_error(
            service,
            operation,
            found if code is None else code,
            text if message is None else message,
            http_status_code=status,
            expected_params=expected_params,
            required=required,
            times=times,
        )

    def add_connection_error(
        self,
        service: str,
        operation: str,
        *,
        times: Optional[int] = 1,
        expected_params: Optional[Mapping[str, Any]] = None,
        required: bool = True,
    ) -> None:
        """Queue the ``EndpointConnectionError`` botocore raises when the endpoint is down.

        Its message names the endpoint URL of the client that made the call.

        :param times: how many calls (or, with ``retries=True``, attempts) it serves.
        :param expected_params: as for :meth:`add_response`.
        :param required: as for :meth:`add_response`.
        """
        __tracebackhide__ = True
        self._add_network_fault(
            service, operation, _faults.connection_error, times, expected_params, required
        )

    def add_read_timeout(
        self,
        service: str,
        operation: str,
        *,
        times: Optional[int] = 1,
        expected_params: Optional[Mapping[str, Any]] = None,
        required: bool = True,
    ) -> None:
        """Queue the ``ReadTimeoutError`` botocore raises when the endpoint does not answer.

        Its message names the endpoint URL of the client that made the call.

        :param times: how many calls (or, with ``retries=True``, attempts) it serves.
        :param expected_params: as for :meth:`add_response`.
        :param required: as for :meth:`add_response`.
        """
        __tracebackhide__ = True
        self._add_network_fault(
            service, operation, _faults.read_timeout, times, expected_params, required
        )

    def _add_network_fault(
        self,
        service: str,
        operation: str,
        make: Callable[[Any], BaseException],
        times: Optional[int],
        expected_params: Optional[Mapping[str, Any]],
        required: bool,
    ) -> None:
        """Queue a network fault built for the calling client (its endpoint URL)."""
        __tracebackhide__ = True
        self._registry.add_exception(
            service,
            operation,
            make(None),
            expected_params=expected_params,
            required=required,
            times=times,
            make_exception=make,
        )

    def on(self, method: Callable[P, R]) -> Expectation[P, R]:
        """A typed expectation for the operation ``method`` calls.

        :param method: a bound method of a real client, such as ``sqs.send_message``.
            With the boto3-stubs / types-boto3 packages, type checkers check the
            params of ``.expect(...)`` and the assertions, and the response of
            ``.returns(...)``, against the method's own types.
        """
        __tracebackhide__ = True
        service, operation = operation_of(method)
        return Expectation(self, service, operation)

    # the record and assertions

    @property
    def slept(self) -> float:
        """Seconds the clients' retries slept while patched: virtual, added up, never slept.

        With ``retries=True``: the delays of the retry handlers (each call's
        ``delays``), the waits of adaptive mode's rate limiter, and the backoff
        standard mode sleeps before giving up a long-polling call (SQS
        ``ReceiveMessage``) once its retry quota is spent.
        """
        return self._clock.slept

    @property
    def calls(self) -> List[Call]:
        """Every call made while patched, all services, in order."""
        return self._log.calls

    def calls_for(self, service: str, operation: Optional[str] = None) -> List[Call]:
        """The calls made to ``service`` (and ``operation``, when given), in order."""
        __tracebackhide__ = True
        return self._log.calls_for(service, operation)

    def call_count(self, service: Optional[str] = None, operation: Optional[str] = None) -> int:
        """How many calls were made: all of them, or to one service or operation."""
        __tracebackhide__ = True
        return self._log.call_count(service, operation)

    def assert_called(self, service: str, operation: Optional[str] = None) -> None:
        """At least one call was made to ``service`` (``.operation``, when given)."""
        __tracebackhide__ = True
        self._log.assert_called(service, operation)

    def assert_called_once(self, service: str, operation: Optional[str] = None) -> None:
        """Exactly one call was made to ``service`` (``.operation``, when given)."""
        __tracebackhide__ = True
        self._log.assert_called_once(service, operation)

    def assert_not_called(self, service: str, operation: Optional[str] = None) -> None:
        """No call was made to ``service`` (or, when given, to that operation)."""
        __tracebackhide__ = True
        self._log.assert_not_called(service, operation)

    def assert_called_with(self, service: str, operation: str, /, **params: Any) -> None:
        """The last call to ``service.operation`` had exactly these params."""
        __tracebackhide__ = True
        self._log.assert_called_with(service, operation, **params)

    def assert_called_once_with(self, service: str, operation: str, /, **params: Any) -> None:
        """Exactly one call to ``service.operation`` was made, with these params."""
        __tracebackhide__ = True
        self._log.assert_called_once_with(service, operation, **params)

    def assert_any_call(self, service: str, operation: str, /, **params: Any) -> None:
        """Some call to ``service.operation`` had exactly these params."""
        __tracebackhide__ = True
        self._log.assert_any_call(service, operation, **params)

    def assert_has_calls(self, calls: Sequence[ExpectedCall], any_order: bool = False) -> None:
        """These :func:`call` items were made consecutively in this order (or ``any_order``)."""
        __tracebackhide__ = True
        self._log.assert_has_calls(calls, any_order)

    def assert_all_responses_used(self) -> None:
        """Every required response queued was served (Stubber's ``assert_no_pending_responses``)."""
        __tracebackhide__ = True
        unused = [e for e in self._queues.pending() if e.required]
        if unused:
            listed = "\n".join(counted(f"- {e.describe()}, added at {e.origin}" for e in unused))
            raise UnusedResponseError(
                f"{plural(len(unused), 'queued response')} {were(len(unused))} not used:\n"
                f"{listed}\nRemove them, make sure the code makes those calls, or queue them"
                f" with required=False. {docs('usage.html#unused-responses')}"
            )

    def verify(self) -> None:
        """Raise what should fail the test: swallowed errors, unused responses, unasserted calls."""
        __tracebackhide__ = True
        if self._failures:
            first = self._failures[0]
            raise type(first)(
                "This error was raised inside the patched block, and the code under"
                f" test caught it:\n{first}"
            ) from first
        if self._cassette is not None:
            self._cassette.check()
        self.assert_all_responses_used()
        if self._options.strict:
            self._log.assert_all_asserted()

    @property
    def swallowed(self) -> List[AwsMockError]:
        """The awsmock errors raised while patched that the code under test caught.

        ``stop()`` raises the first again; when the test fails on its own
        first, they are shown with its failure instead.
        """
        return list(self._failures)

    @property
    def mock(self) -> Optional[mock.MagicMock]:
        """The ``unittest.mock`` object over ``_make_api_call``, with every call so far.

        Built on first use: a MagicMock's call bookkeeping costs more than the
        rest of a mocked call, and most tests never look at it. From then on
        calls go through it (so ``side_effect`` and friends work), and while
        this patch is the innermost it is the attribute on ``BaseClient``.
        None before ``start()``.
        """
        if self._log.mock is None and self._sync is not None:
            api_mock = _api_call_mock_class()(name="_make_api_call")
            api_mock.side_effect = self._sync.mock_side_effect
            self._log.attach_mock(api_mock)
            from botocore.client import BaseClient

            if self._started and BaseClient.__dict__["_make_api_call"] is self._sync.function:
                # The patcher still restores the original on stop().
                cast(Any, BaseClient)._make_api_call = api_mock
        return cast(Optional["mock.MagicMock"], self._log.mock)

    # start / stop

    def start(self) -> AwsMock:
        """Patch botocore; calls are served from this mock's queues until :meth:`stop`."""
        __tracebackhide__ = True
        if self._started:
            raise RuntimeError(
                "This AwsMock is already started. Stop it first, or create another"
                " with patch_boto3()."
            )
        self._check_not_concurrent()
        try:
            self._start()
        except BaseException:
            self._restore()
            raise
        return self

    def _check_not_concurrent(self) -> None:
        """Refuse to start beside another asyncio task's patch.

        Patches replace botocore for the whole process and nest: the inner one
        serves every call. A task's patch started while a sibling task's is
        active would serve the sibling's calls, and whichever stopped first
        would stop the other.
        """
        __tracebackhide__ = True
        self._task = _current_task()
        if not _active:
            return
        inner = _active[-1]
        # A patch started outside any task (a sync fixture), in this task or in
        # the task that made this one is an outer patch: this one nests in it.
        outer = inner._task is None or inner._task is self._task or inner in _visible.get()
        if outer or self._task is None:
            return
        raise RuntimeError(
            "patch_boto3() cannot start here: a patch_boto3() started in another asyncio"
            " task is active. Patches replace botocore for the whole process, so concurrent"
            " tasks cannot each have their own: start one patch_boto3() around"
            " asyncio.gather(...) and queue every task's responses on it."
        )

    def _start(self) -> None:
        __tracebackhide__ = True
        import botocore.waiter
        from botocore import session
        from botocore.client import BaseClient
        from botocore.httpsession import URLLib3Session

        from ._sync import SyncDriver

        self._started = True
        _active.append(self)
        _visible.set((*(aws for aws in _visible.get() if aws._started), self))
        _hermetic.watch_blocked(self._failures.append)
        if self._options.hermetic:
            from botocore.signers import RequestSigner

            self._environment = _hermetic.Environment(self._options.region)
            self._environment.enter()
            self._patch(session.Session, "get_credentials", _hermetic.get_credentials)
            self._patch(RequestSigner, "get_auth_instance", _hermetic.get_auth_instance)
            self._patch(RequestSigner, "get_auth", _hermetic.get_auth_instance)
        self._sync = SyncDriver(self._path, self._log, BaseClient.__dict__["_make_api_call"])
        self._patch(BaseClient, "_make_api_call", self._sync.function)
        self._patch(botocore.waiter, "time", _hermetic.NO_SLEEP_TIME)
        self._patch(URLLib3Session, "send", _hermetic.blocked_send)
        self._patch(session, "create_loader", _hermetic.shared_loader)
        if self._options.retries:
            from botocore.retries.bucket import TokenBucket
            from botocore.retries.standard import RetryHandler

            acquire = token_bucket_acquire(self._clock, TokenBucket.acquire)
            self._patch(TokenBucket, "acquire", acquire)
            self._patch(RetryHandler, "_sleep", sleep_attribute(self._clock), create=True)
        from . import _async  # aiobotocore only if it is installed

        for target, name, new in _async.patches(self._path, self._log, self._options.hermetic):
            self._patch(target, name, new)
        if self._options.cassette is not None:
            from .cassette import Cassette

            self._cassette = Cassette(self._options)
            for entry in self._cassette.start():
                self._queues.add(entry)
            for target, name, new in self._cassette.patches():
                self._patch(target, name, new)

    def _patch(self, target: Any, name: str, new: Any, create: bool = False) -> None:
        from unittest import mock

        patcher = mock.patch.object(target, name, new, create=create)
        patcher.start()
        self._patchers.append(patcher)

    def _passes_through(self, service: str) -> bool:
        passthrough = self._options.passthrough
        if passthrough is True or (passthrough and service in passthrough):
            return True
        return self._cassette is not None and self._cassette.recording

    def _on_passed(self, call: Call) -> None:
        if self._cassette is not None:
            self._cassette.record(call)

    def stop(self, *, succeeded: bool = True) -> None:
        """Restore botocore exactly, then verify (with ``verify=True``).

        Harmless before :meth:`start` and when called twice.

        :param succeeded: ``False`` when what ran under the patch has failed
            already (test runners pass it): botocore is restored, but nothing is
            verified and no cassette is written, so the failure is reported once.
        """
        __tracebackhide__ = True
        if not self._started:
            return
        left_started = self._stop_inner()
        self._restore()
        passed = False
        try:
            if left_started and succeeded:
                # Only now: a body that raised keeps its own exception.
                raise RuntimeError(
                    f"Patches must stop in the reverse order they started: {left_started}"
                    " patch_boto3() started inside this one was still active. It is stopped"
                    " now, unverified; stop the inner patch_boto3() first."
                )
            if self._options.verify and succeeded:
                self.verify()
            passed = True
        finally:
            if self._cassette is not None:
                # Written only when the block succeeded and verification passed:
                # a failing test leaves the old cassette untouched.
                self._cassette.finish(passed and succeeded and not self._failures)

    def _stop_inner(self) -> int:
        """Stop, unverified, the patches started inside this one; return how many.

        Each patch restores what was there when it started, so restoring this
        one while an inner one is active would leave botocore patched.
        """
        count = 0
        while self in _active and _active[-1] is not self:
            _active[-1].stop(succeeded=False)
            count += 1
        return count

    def _restore(self) -> None:
        while self._patchers:
            self._patchers.pop().stop()
        if self._environment is not None:
            self._environment.exit()
            self._environment = None
        if self in _active:
            _active.remove(self)
        _hermetic.unwatch_blocked(self._failures.append)
        self._started = False
        self._task = None

    def __enter__(self) -> AwsMock:
        __tracebackhide__ = True
        return self.start()

    def __exit__(self, exc_type: Optional[Type[BaseException]], exc: Any, tb: Any) -> None:
        __tracebackhide__ = True
        if exc is not None:
            note_swallowed(exc, [self])
        # A body that raised keeps its own exception: never mask it.
        self.stop(succeeded=exc_type is None)

    # decorator

    def __call__(self, func: F) -> F:
        """Decorate a test function, method or ``TestCase`` class.

        Each run gets a fresh ``AwsMock``, passed as the last positional argument.
        Generators (and pytest yield fixtures) stay patched until they finish.
        """
        if isinstance(func, type):
            return cast(F, self._decorate_class(func))
        if not callable(func):
            raise TypeError(f"patch_boto3() decorates functions and classes, got {func!r}.")
        return cast(F, decorate_function(func, self._fresh))

    def _fresh(self) -> AwsMock:
        return AwsMock(**self._options.as_dict())

    def _decorate_class(self, cls: type) -> type:
        # As mock.patch does: dir(), so inherited test methods are patched too.
        for name in dir(cls):
            if not name.startswith("test"):  # mock.patch.TEST_PREFIX
                continue
            value = getattr(cls, name)
            # A test inherited from a class decorated already is patched once.
            if name not in vars(cls) and getattr(value, "_awsmock_decorated", False):
                continue
            if callable(value):
                setattr(cls, name, decorate_function(value, self._fresh))
        return cls


def swallowed_note(patches: Sequence[AwsMock], error: Optional[BaseException] = None) -> str:
    """What the code under test caught of awsmock's errors (``""``: nothing), ``error`` aside."""
    caught = [e for aws in patches for e in aws.swallowed if e is not error]
    if not caught:
        return ""
    listed = "\n".join(f"{type(e).__name__}: {e}" for e in caught)
    return (
        f"awsmock: the code under test caught {plural(len(caught), 'error')} awsmock raised"
        f" while patched (it may be why this test failed):\n{listed}"
    )


def note_swallowed(error: BaseException, patches: Sequence[AwsMock]) -> None:
    """Add the swallowed awsmock errors to ``error``'s notes, shown with its traceback."""
    note = swallowed_note(patches, error)
    if not note:
        return
    notes = getattr(error, "__notes__", None)
    if isinstance(notes, list) and note in notes:
        return
    add_note = getattr(error, "add_note", None)
    if add_note is not None:  # Python 3.11+
        add_note(note)
    else:
        setattr(error, "__notes__", [*(notes or []), note])  # noqa: B010


def patch_boto3(*misused: Any, **options: Any) -> AwsMock:
    """Replace every boto3/botocore call with queued, checked responses.

    Use as ``with patch_boto3() as aws:``, as a decorator (``@patch_boto3()``),
    or with ``aws = patch_boto3(); aws.start(); ...; aws.stop()``. The options
    are keywords; see :ref:`options`.
    """
    __tracebackhide__ = True
    if misused:
        if len(misused) == 1 and callable(misused[0]):
            raise TypeError(
                "patch_boto3 is used with parentheses: write @patch_boto3(), not @patch_boto3."
            )
        raise TypeError(
            f"patch_boto3() takes keyword options only, got {misused!r}."
            " Write, for example, patch_boto3(strict=True)."
        )
    return AwsMock(**options)


def _signature() -> inspect.Signature:
    """``patch_boto3``'s signature, derived from ``Options`` (for help() and the docs)."""
    import dataclasses

    keyword = inspect.Parameter.KEYWORD_ONLY
    return inspect.Signature(
        [
            inspect.Parameter(f.name, keyword, default=f.default, annotation=f.type)
            for f in dataclasses.fields(Options)
        ],
        return_annotation="AwsMock",
    )


patch_boto3.__signature__ = _signature()  # type: ignore[attr-defined]
