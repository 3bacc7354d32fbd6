"""``aws.expect_failure()``: a failure a test provokes on purpose, and only it, passes.

A test of the unhappy path (the code meets an unmocked call, a params
mismatch) had only ``verify=False``, which switches every check off. This
marks just the awsmock errors raised inside one block as expected: they
are not raised again when the patch stops, and everything else (other
failures, unused responses, strict mode) is verified as usual.
"""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING, List, Optional, Type

from .._util.messages import docs
from .._util.traceback import chain
from ..errors import AwsMockError, MissingFailureError

if TYPE_CHECKING:  # pragma: no cover
    from .state import State

__unittest = True


def expect_failure(
    aws: State, error_class: Type[AwsMockError] = AwsMockError
) -> ExpectedFailure:
    """A context manager: the awsmock errors of ``error_class`` raised inside are expected.

    Use it inside the patched block, around the code that fails on purpose.
    Errors of ``error_class`` raised inside it, whether the code under test
    caught them or not, are not raised again when the patch stops; one that
    leaves the block still propagates (catch it with ``pytest.raises``).
    Every other check still runs. If no such error was raised inside,
    leaving the block raises :class:`~awsmock.errors.MissingFailureError`.

    :param error_class: the awsmock error expected, such as ``UnmockedCallError``;
        by default any (``AwsMockError``).
    """
    __tracebackhide__ = True
    if not (isinstance(error_class, type) and issubclass(error_class, AwsMockError)):
        hint = ""
        mro = getattr(error_class, "__mro__", ())
        if any(cls.__name__ == "ClientError" for cls in mro):
            hint = (
                " A ClientError is AWS's answer, not a failure: catch it with"
                " pytest.raises() instead."
            )
        raise TypeError(
            "aws.expect_failure() takes an awsmock error class, such as UnmockedCallError"
            f" or ParamsMismatchError; got {error_class!r}.{hint}"
        )
    return ExpectedFailure(aws, error_class)


class ExpectedFailure:
    """The block of one :meth:`~awsmock.AwsMock.expect_failure`; it never swallows an exception."""

    def __init__(self, aws: State, error_class: Type[AwsMockError]) -> None:
        self._aws = aws
        self._error_class = error_class
        self._before: List[AwsMockError] = []

    def __enter__(self) -> ExpectedFailure:
        __tracebackhide__ = True
        if not self._aws._started:
            raise RuntimeError(
                "aws.expect_failure() is used inside the patched block: this AwsMock is not"
                " started. Write it inside `with patch_boto3() as aws:` (or after aws.start())."
            )
        self._before = list(self._aws._failures)
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        __tracebackhide__ = True
        failures = self._aws._failures
        before = {id(error) for error in self._before}
        new = [e for e in failures if id(e) not in before]
        expected = [e for e in new if isinstance(e, self._error_class)]
        leaving = [e for e in chain(exc) if isinstance(e, self._error_class)]
        for error in expected:
            _remove(failures, error)
        if expected or leaving or exc is not None:
            return  # another exception leaving the block is never masked
        name = self._error_class.__name__
        article = "an" if name[0] in "AEIOU" else "a"
        raise MissingFailureError(
            f"expected {article} {name} inside this block, none was raised. Remove"
            " aws.expect_failure() if the code no longer fails there, or check that it still"
            " makes the call that should fail."
            f" {docs('errors.html#missingfailureerror')}"
        )


def _remove(failures: List[AwsMockError], error: AwsMockError) -> None:
    """Take ``error`` itself out of ``failures`` (in place: the call path appends to it)."""
    for index, item in enumerate(failures):
        if item is error:
            del failures[index]
            return
