"""``patch_boto3()`` and ``AwsMock``: one patch over ``BaseClient._make_api_call``.

``start()``/``stop()`` do all the work; the context manager, the decorator,
the TestCase mixin and the pytest fixture are thin layers over them.
"""

from __future__ import annotations

import functools
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

import botocore.waiter
from botocore.client import BaseClient
from botocore.httpsession import URLLib3Session

from . import _botocore, _hermetic
from ._calls import Call, CallAssertions, format_call, unasserted
from ._decorate import decorate_function
from ._dispatch import CallPath
from ._options import check_options
from ._queues import Entry, QueueDict, ResponseFactory, caller_location
from .errors import AwsMockError, UnassertedCallError, UnusedResponseError

if TYPE_CHECKING:  # pragma: no cover
    from unittest import mock

    from .cassette import Cassette

__unittest = True

F = TypeVar("F", bound=Callable[..., Any])

# Innermost last. Patches nest like mock.patch: the inner one serves.
_active: List[AwsMock] = []


@functools.cache
def _api_call_mock_class() -> type[mock.MagicMock]:
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

    return _ApiCallMock


def _make_api_call_for(aws: AwsMock) -> Callable[..., Any]:
    """The function patched over ``BaseClient._make_api_call`` for ``aws``.

    A plain function is a descriptor, so it is bound to the client like the
    method it replaces, at C speed.
    """
    handle = aws._handle

    def _make_api_call(client: BaseClient, operation_name: str, api_params: Dict[str, Any]) -> Any:
        __tracebackhide__ = True
        api_mock = aws._mock
        if api_mock is not None:
            return api_mock(client, operation_name, api_params)
        return handle(client, operation_name, api_params)

    return _make_api_call


class AwsMock(CallPath, CallAssertions):
    """Queued AWS responses, a record of the calls made, and assertions on them.

    Create it with ``patch_boto3()``; use it as a context manager, a decorator
    or with ``start()``/``stop()``.
    """

    def __init__(self, **options: Any) -> None:
        __tracebackhide__ = True
        self._options = check_options(options)
        self.validate: bool = self._options["validate"]
        self.calls: List[Call] = []
        self._mock: Optional[mock.MagicMock] = None
        self._function: Optional[Callable[..., Any]] = None
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
        entry.error = _botocore.plain_copy(error)
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
        self._function = _make_api_call_for(self)
        self._patch(BaseClient, "_make_api_call", self._function)
        self._patch(botocore.waiter, "time", _hermetic.NO_SLEEP_TIME)
        self._patch(URLLib3Session, "send", _hermetic.blocked_send)
        from botocore import session  # not at import: it costs 3 ms

        self._patch(session, "create_loader", _hermetic.shared_loader)
        if self._options["cassette"] is not None:
            from .cassette import Cassette

            self._cassette = Cassette(self)
            self._cassette.start()

    def _patch(self, target: Any, name: str, new: Any) -> None:
        from unittest import mock

        patcher = mock.patch.object(target, name, new)
        patcher.start()
        self._patchers.append(patcher)

    @property
    def mock(self) -> Optional[mock.MagicMock]:
        """The ``unittest.mock`` object over ``_make_api_call``, with every call so far.

        Built on first use: a MagicMock's call bookkeeping costs more than the
        rest of a mocked call, and most tests never look at it. From then on
        calls go through it (so ``side_effect`` and friends work), and while
        this patch is the innermost it is the attribute on ``BaseClient``.
        """
        if self._mock is None and self._function is not None:
            with self._queues.lock:
                api_mock = _api_call_mock_class()(name="_make_api_call")
                for made in self.calls:
                    api_mock(made.client, made.operation, made.params)
                api_mock.side_effect = self._handle
                self._mock = api_mock
            if self._started and BaseClient.__dict__["_make_api_call"] is self._function:
                # The patcher still restores the original on stop().
                BaseClient._make_api_call = api_mock
        return self._mock

    def stop(self) -> None:
        """Restore botocore exactly, then verify (unless verify=False).

        Harmless before start() and when called twice.
        """
        __tracebackhide__ = True
        self._stop()

    def _stop(self, succeeded: bool = True) -> None:
        """Restore botocore; verify (with ``verify=True``) only if what ran succeeded.

        A test that already failed gets no second failure from verification.
        """
        __tracebackhide__ = True
        if not self._started:
            return
        verify = self._options["verify"] and succeeded
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
            if verify:
                self.verify()
            passed = True
        finally:
            if self._cassette is not None:
                # Written only when the block succeeded and verification passed:
                # a failing test leaves the old cassette untouched.
                self._cassette.stop(passed and succeeded and not self._failures)

    def _stop_inner(self) -> int:
        """Stop, unverified, the patches started inside this one; return how many.

        Each patch restores what was there when it started, so restoring this
        one while an inner one is active would leave botocore patched.
        """
        count = 0
        while self in _active and _active[-1] is not self:
            _active[-1]._stop(succeeded=False)
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
        self._stop(succeeded=exc_type is None)

    # decorator

    def __call__(self, func: F) -> F:
        """Decorate a test function, method or TestCase class.

        Each run gets a fresh AwsMock, passed as the last positional argument.
        """
        if isinstance(func, type):
            return cast(F, self._decorate_class(func))
        if not callable(func):
            raise TypeError(f"patch_boto3() decorates functions and classes, got {func!r}.")
        return cast(F, decorate_function(func, self._fresh))

    def _fresh(self) -> AwsMock:
        return AwsMock(**self._options)

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


def patch_boto3(
    *misused: Any,
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
    if misused:
        if len(misused) == 1 and callable(misused[0]):
            raise TypeError(
                "patch_boto3 is used with parentheses: write @patch_boto3(), not @patch_boto3."
            )
        raise TypeError(
            f"patch_boto3() takes keyword options only, got {misused!r}."
            " Write, for example, patch_boto3(strict=True)."
        )
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
