"""The call record and the assertion helpers.

Assertion failures are plain ``AssertionError`` whose messages stand on their
own (expected vs. actual as a diff, the calls that were made), so they read
the same under unittest, pytest and Django's runner.
"""

from __future__ import annotations

import difflib
import pprint
from typing import Any, Dict, Iterable, List, Optional, Sequence

from . import _botocore

__unittest = True

__all__ = ["Call", "CallAssertions", "call"]


def _resolve_quietly(service: str, operation: Optional[str]) -> Optional[str]:
    """Normalise an operation name for an assertion, failing at the test line."""
    __tracebackhide__ = True
    if operation is None:
        _botocore.service_model(service)
        return None
    return _botocore.resolve(service, operation)[1]


def format_value(value: Any, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def format_call(service: str, operation: str, params: Dict[str, Any]) -> str:
    args = ", ".join(f"{k}={format_value(v)}" for k, v in params.items())
    return f"{service}.{operation}({args})"


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
    botocore event handler rewrote them. Exactly one of ``response`` and
    ``exception`` is set once the call has finished.
    """

    __slots__ = ("service", "operation", "params", "response", "exception", "asserted", "client")

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
    service, op = _botocore.resolve(service, operation)
    return ExpectedCall(service, op, params)


def _align(expected: Any, actual: Any) -> Any:
    """Copy ``expected`` with each ANY replaced by what it matched in ``actual``.

    The diff then shows only the differences that fail the comparison.
    """
    from unittest.mock import ANY  # imported late: unittest.mock costs 12 ms

    if expected is ANY:
        return actual
    if isinstance(expected, dict) and isinstance(actual, dict):
        return {k: _align(v, actual[k]) if k in actual else v for k, v in expected.items()}
    if isinstance(expected, (list, tuple)) and isinstance(actual, (list, tuple)):
        items = [_align(e, a) for e, a in zip(expected, actual)]
        items += list(expected[len(actual) :])
        return type(expected)(items) if isinstance(expected, list) else tuple(items)
    return expected


def params_diff(expected: Dict[str, Any], actual: Dict[str, Any]) -> str:
    """A line diff of two param dicts, '-' for expected and '+' for actual."""
    left = pprint.pformat(_align(expected, actual), width=72, sort_dicts=True).splitlines()
    right = pprint.pformat(actual, width=72, sort_dicts=True).splitlines()
    lines = [line.rstrip() for line in difflib.ndiff(left, right) if not line.startswith("?")]
    return "Differences (- expected, + actual):\n" + "\n".join("  " + line for line in lines)


def _score(expected: Dict[str, Any], actual: Dict[str, Any]) -> int:
    same = sum(1 for k, v in expected.items() if k in actual and v == actual[k])
    return 2 * same - len(set(expected) ^ set(actual))


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


class CallAssertions:
    """The assertion helpers of ``AwsMock``; they read ``self.calls``."""

    calls: List[Call]

    # queries

    def calls_for(self, service: str, operation: Optional[str] = None) -> List[Call]:
        """The calls made to ``service`` (and ``operation``, when given), in order."""
        __tracebackhide__ = True
        op = _resolve_quietly(service, operation)
        return [
            c
            for c in list(self.calls)
            if c.service == service and (op is None or c.operation == op)
        ]

    def call_count(self, service: Optional[str] = None, operation: Optional[str] = None) -> int:
        """How many calls were made, to everything or to one service/operation."""
        __tracebackhide__ = True
        if service is None:
            return len(self.calls)
        return len(self.calls_for(service, operation))

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
        """At least one call was made to ``service``.``operation``."""
        __tracebackhide__ = True
        found = self.calls_for(service, operation)
        if not found:
            raise self._fail(f"Expected {self._name(service, operation)} to have been called.")
        for c in found:
            c.asserted = True

    def assert_called_once(self, service: str, operation: Optional[str] = None) -> None:
        """Exactly one call was made to ``service``.``operation``."""
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
                f" Called {_times(len(found))}."
            )

    # params assertions

    def assert_called_with(self, service: str, operation: str, /, **params: Any) -> None:
        """The last call to ``service``.``operation`` had exactly these params."""
        __tracebackhide__ = True
        op = _botocore.resolve(service, operation)[1]
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
        """Exactly one call to ``service``.``operation`` was made, with these params."""
        __tracebackhide__ = True
        op = _botocore.resolve(service, operation)[1]
        found = self.calls_for(service, op)
        if len(found) != 1:
            raise self._fail(
                f"Expected {service}.{op} to be called once. Called {len(found)} times."
            )
        self.assert_called_with(service, op, **params)

    def assert_any_call(self, service: str, operation: str, /, **params: Any) -> None:
        """Some call to ``service``.``operation`` had exactly these params."""
        __tracebackhide__ = True
        op = _botocore.resolve(service, operation)[1]
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

    def assert_has_calls(self, calls: Sequence[ExpectedCall], any_order: bool = False) -> None:
        """These calls were made: in this order, consecutively, unless any_order."""
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
            if all(w.matches(c) for w, c in zip(wanted, window)):
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
        op = _resolve_quietly(service, operation)
        return service if op is None else f"{service}.{op}"


def unasserted(calls: Iterable[Call]) -> List[Call]:
    return [c for c in calls if not c.asserted]
