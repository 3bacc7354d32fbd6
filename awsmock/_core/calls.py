"""The call record (``CallLog``) and the assertion helpers that read it.

Assertion failures are plain ``AssertionError`` whose messages stand on their
own (expected vs. actual as a diff, the calls that were made), so they read
the same under unittest, pytest and Django's runner.
"""

from __future__ import annotations

import threading
from typing import Any, Dict, List, Optional, Sequence, Tuple

from .._model.credentials import resolved
from .._model.names import resolve, resolve_optional
from .._util.messages import docs, format_call, params_diff, plural, times, were
from ..errors import UnassertedCallError

__unittest = True

__all__ = ["Call", "CallLog", "ExpectedCall", "call"]


class _Comparable:
    """Equality of recorded and expected calls: service, operation, params."""

    __slots__ = ()
    service: str
    operation: str
    params: Dict[str, Any]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _Comparable):
            return (
                self.service == other.service
                and self.operation == other.operation
                and self.params == other.params
            )
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]


class Call(_Comparable):
    """One AWS call as the code under test made it.

    ``params`` are the keyword arguments as the code passed them, before any
    botocore event handler rewrote them; a file object passed as a blob
    (``Body``) is there as the bytes read from it, which is what was sent.
    Exactly one of ``response`` and ``exception`` is set once the call has
    finished. With ``patch_boto3(retries=True)`` one call may take several
    attempts: ``attempts`` counts them and ``delays`` holds the seconds the
    client's retry handlers asked to sleep before each retry.
    """

    __slots__ = (
        "service",
        "operation",
        "params",
        "response",
        "exception",
        "asserted",
        "client",
        "attempts",
        "delays",
        "hermetic",
        "bodies",
        "denied",
        "served_by",
    )

    def __init__(
        self,
        service: str,
        operation: str,
        params: Dict[str, Any],
        response: Optional[Dict[str, Any]] = None,
        exception: Optional[BaseException] = None,
        client: Any = None,
    ) -> None:
        self.service = service
        self.operation = operation
        self.params = params
        self.response = response
        self.exception = exception
        self.asserted = False
        #: The botocore client the call was made on.
        self.client = client
        #: How many attempts the call took (1 unless the client retried it).
        self.attempts = 1
        #: The delay before each retry, in (virtual) seconds.
        self.delays: Tuple[float, ...] = ()
        #: Made while hermetic: machine credentials were replaced when signing.
        self.hermetic = False
        #: The file objects the code passed (member -> file), whose bytes
        #: ``params`` hold; what a passed-through call sends. Usually None.
        self.bodies: Optional[Dict[str, Any]] = None
        #: Denied by ``patch_boto3(iam_policy=...)``: AWS would have refused it.
        self.denied = False
        #: What answered it: ``"queue"`` (a queued entry, or nothing: the call
        #: failed as unmocked), ``"cassette"`` (a cassette's recorded answer),
        #: ``"backend"`` (moto, with ``backend="moto"``) or ``"passthrough"``.
        self.served_by = "queue"

    @property
    def slept(self) -> float:
        """The seconds the client's retry handlers slept (virtually) during this call."""
        return sum(self.delays)

    @property
    def region(self) -> Optional[str]:
        """The region of the client the call was made on."""
        return None if self.client is None else self.client.meta.region_name

    @property
    def access_key_id(self) -> Optional[str]:
        """The access key id of the credentials that signed the call (None if unsigned)."""
        signer = getattr(self.client, "_request_signer", None)
        credentials = getattr(signer, "_credentials", None)
        if credentials is None:
            return None
        if self.hermetic and resolved(credentials):
            # A client made before the patch: it signed with the fake keys.
            return "testing"
        # aiobotocore's credentials freeze asynchronously; the key is at hand.
        key = getattr(credentials, "_access_key", None) or getattr(credentials, "access_key", None)
        return None if key is None else str(key)

    def __repr__(self) -> str:
        return f"<Call {format_call(self.service, self.operation, self.params)}>"


class ExpectedCall(_Comparable):
    """What ``call(service, operation, **params)`` builds, for assert_has_calls."""

    __slots__ = ("service", "operation", "params")

    def __init__(self, service: str, operation: str, params: Dict[str, Any]) -> None:
        self.service = service
        self.operation = operation
        self.params = params

    def __repr__(self) -> str:
        args = "".join(f", {k}={v!r}" for k, v in self.params.items())
        return f"call({self.service!r}, {self.operation!r}{args})"

    def matches(self, actual: Call) -> bool:
        return (
            actual.service == self.service
            and actual.operation == self.operation
            and self.params == actual.params
        )


def call(service: str, operation: str, **params: Any) -> ExpectedCall:
    """An expected call for ``aws.assert_has_calls([...])``; names may be snake_case."""
    __tracebackhide__ = True
    service, op = resolve(service, operation)
    return ExpectedCall(service, op, params)


def _score(expected: Dict[str, Any], actual: Dict[str, Any]) -> int:
    same = sum(1 for k, v in expected.items() if k in actual and v == actual[k])
    return 2 * same - len(set(expected) ^ set(actual))


class CallLog:
    """Every call made while patched, in global order, and the assertions on them.

    ``lock`` is shared with the queues, so the order of the record is the
    order in which calls took their entries. ``mock`` (built on first use by
    the patch) mirrors the record exactly, calls in flight on other threads
    included.
    """

    def __init__(self, lock: threading.Lock) -> None:
        self.lock = lock
        self.calls: List[Call] = []
        self.mock: Any = None

    def append(self, call: Call, via_mock: bool) -> None:
        """Record ``call``; caller holds ``lock``."""
        self.calls.append(call)
        if self.mock is not None and not via_mock:
            self._mirror(call)

    def attach_mock(self, mock: Any) -> None:
        """From now on ``mock`` counts every call, and it counts those made so far."""
        with self.lock:
            for made in self.calls:
                self._mirror(made, mock)
            self.mock = mock

    def _mirror(self, made: Call, mock: Any = None) -> None:
        # Counts the call as the mock's own call does, without its side effect
        # (unittest.mock's bookkeeping step, public since 3.8 in all but name).
        target = mock if mock is not None else self.mock
        target._increment_mock_call(made.client, made.operation, made.params)

    # queries

    def calls_for(self, service: str, operation: Optional[str] = None) -> List[Call]:
        """The calls made to ``service`` (and ``operation``, when given), in order."""
        __tracebackhide__ = True
        op = resolve_optional(service, operation)
        return [
            c
            for c in list(self.calls)
            if c.service == service and (op is None or c.operation == op)
        ]

    def call_count(self, service: Optional[str] = None, operation: Optional[str] = None) -> int:
        """How many calls were made, to everything or to one service/operation."""
        __tracebackhide__ = True
        if service is None:
            if operation is not None:
                raise TypeError(self._operation_without_service(operation))
            return len(self.calls)
        return len(self.calls_for(service, operation))

    def _operation_without_service(self, operation: str) -> str:
        """An operation alone is ambiguous: ListTagsForResource is many services'."""
        made = [c.service for c in list(self.calls) if c.operation == operation]
        service = made[0] if made else "<service>"
        return (
            f"call_count(operation={operation!r}) needs the service too: operations are"
            f' counted per service. Write aws.call_count("{service}", "{operation}").'
        )

    def _calls_made(self) -> str:
        if not self.calls:
            return "No AWS calls were made."
        listed = "\n".join(
            f"  {i}. {format_call(c.service, c.operation, c.params)}"
            for i, c in enumerate(self.calls, 1)
        )
        return f"Calls made ({len(self.calls)}):\n{listed}"

    def _fail(self, message: str) -> AssertionError:
        return AssertionError(f"{message}\n{self._calls_made()}")

    # count assertions

    def assert_called(self, service: str, operation: Optional[str] = None) -> None:
        """At least one call was made to ``service.operation``."""
        __tracebackhide__ = True
        found = self.calls_for(service, operation)
        if not found:
            raise self._fail(f"Expected {self._name(service, operation)} to have been called.")
        for c in found:
            c.asserted = True

    def assert_called_once(self, service: str, operation: Optional[str] = None) -> None:
        """Exactly one call was made to ``service.operation``."""
        __tracebackhide__ = True
        found = self.calls_for(service, operation)
        if len(found) != 1:
            raise self._fail(
                f"Expected {self._name(service, operation)} to have been called once."
                f" Called {len(found)} times."
            )
        found[0].asserted = True

    def assert_not_called(self, service: str, operation: Optional[str] = None) -> None:
        """No call was made to ``service`` (or to one of its operations)."""
        __tracebackhide__ = True
        found = self.calls_for(service, operation)
        if found:
            raise self._fail(
                f"Expected {self._name(service, operation)} not to have been called."
                f" Called {times(len(found))}."
            )

    # params assertions

    def assert_called_with(self, service: str, operation: str, /, **params: Any) -> None:
        """The last call to ``service.operation`` had exactly these params."""
        __tracebackhide__ = True
        op = resolve(service, operation)[1]
        found = self.calls_for(service, op)
        expected = format_call(service, op, params)
        if not found:
            raise self._fail(f"Expected call: {expected}\nNot called.")
        last = found[-1]
        if not params == last.params:
            raise self._fail(
                f"Expected call: {expected}\n"
                f"Actual call:   {format_call(service, op, last.params)}\n"
                f"{params_diff(params, last.params)}"
            )
        last.asserted = True

    def assert_called_once_with(self, service: str, operation: str, /, **params: Any) -> None:
        """Exactly one call to ``service.operation`` was made, with these params."""
        __tracebackhide__ = True
        op = resolve(service, operation)[1]
        found = self.calls_for(service, op)
        if len(found) != 1:
            raise self._fail(
                f"Expected {service}.{op} to be called once. Called {len(found)} times."
            )
        self.assert_called_with(service, op, **params)

    def assert_any_call(self, service: str, operation: str, /, **params: Any) -> None:
        """Some call to ``service.operation`` had exactly these params."""
        __tracebackhide__ = True
        op = resolve(service, operation)[1]
        found = self.calls_for(service, op)
        for c in found:
            if params == c.params:
                c.asserted = True
                return
        expected = format_call(service, op, params)
        if not found:
            raise self._fail(f"{expected} call not found: {service}.{op} was not called.")
        closest = max(reversed(found), key=lambda c: _score(params, c.params))
        raise self._fail(
            f"{expected} call not found.\n"
            f"Closest call: {format_call(service, op, closest.params)}\n"
            f"{params_diff(params, closest.params)}"
        )

    def assert_has_calls(self, calls: Sequence[ExpectedCall], any_order: bool) -> None:
        """These calls were made: in this order, consecutively, unless any_order.

        ``any_order`` has no default here: ``AwsMock.assert_has_calls`` has it.
        """
        __tracebackhide__ = True
        wanted = list(calls)
        for item in wanted:
            if not isinstance(item, ExpectedCall):
                raise TypeError(
                    f"assert_has_calls takes awsmock.call(...) items, got {item!r}."
                    ' Write: call("s3", "PutObject", Bucket="b", Key="k")'
                )
        made = list(self.calls)
        if any_order:
            self._assert_has_calls_any_order(wanted, made)
            return
        n = len(wanted)
        for start in range(len(made) - n + 1):
            window = made[start : start + n]
            if all(map(ExpectedCall.matches, wanted, window)):  # as long: n each
                for c in window:
                    c.asserted = True
                return
        listed = "\n".join(f"  {w!r}" for w in wanted)
        raise self._fail(f"Calls not found in this order:\n{listed}")

    def _assert_has_calls_any_order(self, wanted: List[ExpectedCall], made: List[Call]) -> None:
        __tracebackhide__ = True
        remaining = list(made)
        missing = []
        for w in wanted:
            for c in remaining:
                if w.matches(c):
                    remaining.remove(c)
                    c.asserted = True
                    break
            else:
                missing.append(w)
        if missing:
            listed = "\n".join(f"  {w!r}" for w in missing)
            raise self._fail(f"Calls not found (any order):\n{listed}")

    @staticmethod
    def _name(service: str, operation: Optional[str]) -> str:
        op = resolve_optional(service, operation)
        return service if op is None else f"{service}.{op}"

    # strict

    def assert_all_asserted(self) -> None:
        """strict=True: every call was looked at by an assertion."""
        __tracebackhide__ = True
        missed = [c for c in self.calls if not c.asserted]
        if missed:
            listed = "\n".join(f"- {format_call(c.service, c.operation, c.params)}" for c in missed)
            raise UnassertedCallError(
                f"strict=True: {plural(len(missed), 'call')} {were(len(missed))} not checked by"
                f" any assertion:\n{listed}\nCheck each with aws.assert_called_with(...),"
                " aws.assert_any_call(...) or aws.assert_has_calls([...])."
                f" {docs('errors.html#unassertedcallerror')}"
            )
