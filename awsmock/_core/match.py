"""Choosing a queued entry by what was asked: ``match=`` and ``region=``.

A selection is built once, when the test queues the entry, into one
predicate ``f(call) -> bool`` (``Entry.select``); the queues call it under
their lock. The wording of a near miss ("what differed") is computed only
when no entry accepted a call.
"""

from __future__ import annotations

import os
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    Dict,
    List,
    Mapping,
    Optional,
    Tuple,
    Union,
    cast,
)

from .._util.messages import format_value, suggest

if TYPE_CHECKING:  # pragma: no cover
    from .._model.models import OperationInfo
    from .calls import Call

__unittest = True

Match = Union[Mapping[str, Any], Callable[["Call"], Any], None]
Selector = Callable[["Call"], Any]


def matches(pattern: Any, actual: Any) -> bool:
    """Whether ``actual`` has everything ``pattern`` names.

    Dicts are partial (keys not named are free), lists and tuples compare
    element by element and must be as long; any other value compares with
    ``==``, the pattern's ``__eq__`` first, so ``ANY`` matches anything.
    """
    if isinstance(pattern, dict):
        if not isinstance(actual, Mapping):
            return False
        for key, value in pattern.items():
            if key not in actual or not matches(value, actual[key]):
                return False
        return True
    if isinstance(pattern, (list, tuple)):
        if not isinstance(actual, (list, tuple)) or len(actual) != len(pattern):
            return False
        return all(map(matches, pattern, actual))  # as long: checked above
    return bool(pattern == actual) or _both_nan(pattern, actual)


def equal(expected: Any, actual: Any) -> bool:
    """``expected == actual``, except that a float NaN equals a NaN, at any depth.

    A NaN equals nothing in Python, itself included, so a NaN in
    ``expected_params`` could never match the call's (another NaN object).
    """
    if expected == actual:
        return True
    if isinstance(expected, dict) and isinstance(actual, dict):
        return expected.keys() == actual.keys() and all(
            equal(value, actual[key]) for key, value in expected.items()
        )
    if (isinstance(expected, list) and isinstance(actual, list)) or (
        isinstance(expected, tuple) and isinstance(actual, tuple)
    ):
        return len(expected) == len(actual) and all(map(equal, expected, actual))
    return _both_nan(expected, actual)


def _both_nan(left: Any, right: Any) -> bool:
    return isinstance(left, float) and isinstance(right, float) and left != left and right != right


def selector(pattern: Match, region: Optional[str]) -> Optional[Selector]:
    """The predicate of ``match=`` and ``region=`` together; None when both are None."""
    if pattern is None:
        if region is None:
            return None
        return lambda call: call.region == region
    if isinstance(pattern, dict):

        def by_params(call: Call) -> bool:
            return matches(pattern, call.params)

        test: Selector = by_params
    else:
        test = cast(Selector, pattern)  # pragma: no mutate (cast does nothing at run time)
    if region is None:
        return test
    return lambda call: call.region == region and test(call)


def checked(info: OperationInfo, pattern: Any, region: Any) -> Match:
    """``match=`` as the entry keeps it (a plain dict, or the callable), checked now."""
    __tracebackhide__ = True
    if region is not None and (not isinstance(region, str) or not region):
        raise TypeError(
            f"region must be a region name such as 'eu-west-1', got {format_value(region, 60)}."
        )
    if pattern is None:
        return None
    if isinstance(pattern, Mapping):
        pattern = _plain(pattern)
        check_names(info, pattern, "match")
        return pattern  # type: ignore[no-any-return]
    if callable(pattern) and not isinstance(pattern, type):
        return pattern  # type: ignore[no-any-return]
    raise TypeError(
        "match must be a dict of params (partial; ANY allowed at any depth) or a"
        f" callable f(call) -> bool, got {type(pattern).__name__}: {format_value(pattern, 60)}"
    )


def check_names(info: OperationInfo, params: Mapping[str, Any], option: str) -> None:
    """Raise ValueError, with a suggestion, for a key of ``params`` the operation does not take.

    ``option``: what the test gave them as (``match``, ``expected_params``).
    """
    __tracebackhide__ = True
    members = _input_members(info)
    for key in params:
        if key not in members:
            raise ValueError(
                f"{option} names {key!r}, which is not a parameter of {info.name}."
                f"{suggest(key, members)}"
            )


def _plain(value: Any) -> Any:
    """Mappings as dicts (``matches`` tests ``dict``); the rest kept as given."""
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    return value


def _input_members(info: OperationInfo) -> List[str]:
    shape = info.model.input_shape
    return [] if shape is None else list(shape.members)


def same(left: Any, right: Any) -> bool:
    """Whether two selections are the same: equal, with ``ANY`` equal only to itself."""
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        return left.keys() == right.keys() and all(same(v, right[k]) for k, v in left.items())
    if isinstance(left, (list, tuple)):
        return len(left) == len(right) and all(map(same, left, right))
    return left is right or bool(left == right)


def describe(pattern: Match, region: Optional[str]) -> List[str]:
    """``["match {...}", "region 'eu-west-1'"]``, the parts an entry's description shows."""
    parts = []
    if pattern is not None:
        shown = format_value(pattern) if isinstance(pattern, dict) else name(pattern)
        parts.append(f"match {shown}")
    if region is not None:
        parts.append(f"region {region!r}")
    return parts


def differences(pattern: Match, region: Optional[str], call: Call) -> List[str]:
    """What kept an entry from serving ``call``, one line per reason."""
    found: List[str] = []
    if region is not None and call.region != region:
        found.append(f"region: expected {region!r}, got {call.region!r}")
    if isinstance(pattern, dict):
        params: Dict[str, Any] = call.params
        for key, value in pattern.items():
            if key not in params:
                found.append(f"{key}: expected {format_value(value)}, but the call has no {key}")
            elif not matches(value, params[key]):
                found.append(
                    f"{key}: expected {format_value(value)}, got {format_value(params[key])}"
                )
    elif pattern is not None and not found:
        found.append(f"match: {name(pattern)} did not accept the call")
    return found


def name(function: Any) -> str:
    return str(getattr(function, "__qualname__", None) or repr(function))


def closeness(expected: Dict[str, Any], actual: Dict[str, Any]) -> Tuple[int, int]:
    """How alike two param dicts are, to pick the closest for a diff.

    Twice the keys they agree on, less the keys only one has; then, among
    equals, how long a start the values that differ share (``bytes=0-5242879``
    is closer to ``bytes=0-6291455`` than ``bytes=5242880-10485759`` is).
    """
    agree = shared = 0  # pragma: no mutate (an offset common to all changes no order)
    for key, value in expected.items():
        if key not in actual:
            continue
        if equal(value, actual[key]):
            agree += 1
        else:
            shared += _shared_start(format_value(value), format_value(actual[key]))
    return 2 * agree - len(expected.keys() ^ actual.keys()), shared


def _shared_start(left: str, right: str) -> int:
    return len(os.path.commonprefix([left, right]))  # noqa: RUF071 (text, not paths)
