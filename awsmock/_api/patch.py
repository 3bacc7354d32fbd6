"""``patch_boto3()`` and ``AwsMock``: one patch over ``BaseClient._make_api_call``.

``AwsMock`` is the one object users see, and reads as a table of contents:
queueing (``queueing.py``), the fault helpers (``faults.py``), the record
and its assertions (the ``CallLog``), start and stop (``lifecycle.py``).
It composes small parts, each given what it needs when it is made: the
``Registry`` (checks what a test queues), the ``QueueDict``, the ``CallLog``,
the ``CallPath`` (what a call gets) and its drivers, the hermetic
``Environment`` and, with ``cassette=``, the ``Cassette``.
"""

from __future__ import annotations

import inspect
import threading
from typing import TYPE_CHECKING, Any, Callable, List, Optional, Sequence, Type, TypeVar, cast

from .._core.callpath import CallPath
from .._core.calls import Call, CallLog, ExpectedCall
from .._core.clock import VirtualClock
from .._core.expect import Expectation, operation_of
from .._core.options import Options
from .._core.queues import QueueDict
from .._core.registry import Registry
from .._util.decorate import decorate_function
from .._util.messages import plural
from .._util.traceback import caller_directory
from ..errors import AwsMockError
from . import expected, faults, iam, lifecycle, queueing
from .state import State

if TYPE_CHECKING:  # pragma: no cover
    from unittest import mock

    from .._core.expect import P, R
    from .._drivers.hermetic import Environment
    from .._replay.cassette import Cassette

__unittest = True

F = TypeVar("F", bound=Callable[..., Any])


class AwsMock(State):
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
            enforce=iam.enforcer(self._options),
        )
        self._sync: Any = None
        self._aio: Any = None  # the aiobotocore driver, when aiobotocore is installed
        self._backend: Any = None  # backend="moto": the MotoBackend, while started
        self._patchers: List[Any] = []
        self._environment: Optional[Environment] = None
        self._started = False
        self._task: Any = None  # the asyncio task that started it, if any
        self._thread: Optional[threading.Thread] = None  # the thread that started it

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

    # queueing (queueing.py)
    add_response = queueing.add_response
    add_client_error = queueing.add_client_error
    add_exception = queueing.add_exception

    # faults (faults.py)
    add_throttling = faults.add_throttling
    add_server_error = faults.add_server_error
    add_connection_error = faults.add_connection_error
    add_read_timeout = faults.add_read_timeout

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

    # the record and assertions (the CallLog)

    @property
    def slept(self) -> float:
        """Seconds the clients' retries slept while patched: virtual, added up, never slept.

        With ``retries=True``: the delays of the retry handlers (each call's
        ``delays``), the waits of adaptive mode's rate limiter, and the backoff
        standard mode sleeps before giving up a long-polling call (SQS
        ``ReceiveMessage``) once its retry quota is spent.
        """
        return self._clock.slept

    def calls_for(self, service: str, operation: Optional[str] = None) -> List[Call]:
        """The calls made to ``service`` (and ``operation``, when given), in order."""
        __tracebackhide__ = True
        return self._log.calls_for(service, operation)

    def call_count(self, service: Optional[str] = None, operation: Optional[str] = None) -> int:
        """How many calls were made: all of them, to one service, or to one of its operations."""
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

    # failures provoked on purpose (expected.py)
    expect_failure = expected.expect_failure

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
            api_mock = lifecycle.api_call_mock_class()(name="_make_api_call")
            api_mock.side_effect = self._served_by_mock
            self._log.attach_mock(api_mock)
            from botocore.client import BaseClient

            if self._started and BaseClient.__dict__["_make_api_call"] is self._sync.function:
                # The patcher still restores the original on stop().
                cast(Any, BaseClient)._make_api_call = api_mock
        return cast(Optional["mock.MagicMock"], self._log.mock)

    def _served_by_mock(self, client: Any, operation_name: str, api_params: Any) -> Any:
        """``aws.mock``'s own side effect: the driver of the client's kind serves the call.

        For an aiobotocore client it is a coroutine, which the async driver awaits.
        """
        __tracebackhide__ = True
        aio = self._aio
        if aio is not None and aio.serves(client):
            return aio.mock_side_effect(client, operation_name, api_params)
        return self._sync.mock_side_effect(client, operation_name, api_params)

    # least privilege (iam.py)
    iam_policy = iam.iam_policy

    # start / stop (lifecycle.py)
    start = lifecycle.start
    stop = lifecycle.stop

    def _passes_through(self, service: str) -> bool:
        if self._backend is not None:
            return True  # to moto's backends
        passthrough = self._options.passthrough
        if passthrough is True or (passthrough and service in passthrough):
            return True
        return self._cassette is not None and self._cassette.recording

    def _on_passed(self, call: Call) -> None:
        if self._cassette is not None:
            self._cassette.record(call)

    def __enter__(self) -> AwsMock:
        __tracebackhide__ = True
        return self.start()

    def __exit__(self, exc_type: Optional[Type[BaseException]], exc: Any, tb: Any) -> None:
        __tracebackhide__ = True
        # A generator its consumer closed early (close(), a break, collection)
        # gets GeneratorExit here: not a failure, so it is verified, and what
        # that raises comes out of close().
        closed = exc_type is not None and issubclass(exc_type, GeneratorExit)
        if exc is not None and not closed:
            lifecycle.note_swallowed(exc, [self])
        # A body that raised keeps its own exception: never mask it.
        self.stop(succeeded=exc_type is None or closed)

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
