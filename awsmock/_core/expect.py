"""``aws.on(client.method)``: a typed expectation for one operation.

The service and operation come from a bound method of a real client, so the
method's own type (from the boto3-stubs / types-boto3 packages, where
installed) types the params of ``expect()`` and the assertions, and the
response of ``returns()``. Everything is queued and asserted through the
``AwsMock`` it came from.
"""

from __future__ import annotations

from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    Dict,
    Generic,
    List,
    Optional,
    ParamSpec,
    Tuple,
    TypeVar,
    Union,
)

from .._util.messages import format_value, suggest

P = ParamSpec("P")

if TYPE_CHECKING:
    from .calls import Call

__unittest = True

__all__ = ["Expectation", "P", "R", "operation_of"]

R = TypeVar("R")


def operation_of(method: Any) -> Tuple[str, str]:
    """``(service, Operation)`` of a bound method of a botocore client."""
    __tracebackhide__ = True
    client = getattr(method, "__self__", None)
    meta = getattr(client, "meta", None)
    mapping = getattr(meta, "method_to_api_mapping", None)
    service_model = getattr(meta, "service_model", None)
    name = getattr(method, "__name__", None)
    if not isinstance(mapping, dict) or service_model is None or not isinstance(name, str):
        hint = ""
        if getattr(meta, "client", None) is not None:
            # A boto3 resource's action: its client has the operation.
            hint = f" For a boto3 resource, pass its client's method: resource.meta.client.{name}."
        raise TypeError(
            "aws.on() takes a method of a boto3/botocore client, such as"
            f" aws.on(sqs.send_message), got {format_value(method, 60)}.{hint}"
        )
    service: str = service_model.service_name
    operation = mapping.get(name)
    if operation is None:
        raise TypeError(
            f"aws.on() takes a client method that calls an AWS operation; {name!r} of the"
            f" {service} client is not one.{suggest(name, sorted(mapping))}"
        )
    return service, operation


class Expectation(Generic[P, R]):
    """Queue responses and errors for one operation, and assert on its calls.

    Made by :meth:`AwsMock.on`; ``expect(**params)`` makes one whose queued
    entries require those params.
    """

    __slots__ = ("service", "operation", "expected_params", "_aws")

    def __init__(
        self,
        aws: Any,
        service: str,
        operation: str,
        expected_params: Optional[Dict[str, Any]] = None,
    ) -> None:
        #: The ``AwsMock`` this expectation queues on and asserts with.
        self._aws = aws
        self.service = service
        self.operation = operation
        self.expected_params = expected_params

    def __repr__(self) -> str:
        if self.expected_params is None:
            return f"<Expectation {self.service}.{self.operation}>"
        params = ", ".join(f"{k}={format_value(v)}" for k, v in self.expected_params.items())
        return f"<Expectation {self.service}.{self.operation}({params})>"

    # queueing

    def expect(self, *args: P.args, **kwargs: P.kwargs) -> Expectation[P, R]:
        """The same expectation, whose entries require a call with exactly these params."""
        __tracebackhide__ = True
        self._keywords_only("expect", args)
        return Expectation(self._aws, self.service, self.operation, dict(kwargs))

    def returns(
        self, response: Union[R, Callable[[Dict[str, Any]], R], None] = None, **options: Any
    ) -> Expectation[P, R]:
        """Queue ``response`` (as for ``aws.add_response``); options as there."""
        __tracebackhide__ = True
        self._aws.add_response(self.service, self.operation, response, **self._options(options))
        return self

    def raises(
        self, error: Union[str, BaseException], message: str = "", **options: Any
    ) -> Expectation[P, R]:
        """Queue an error: a code (``aws.add_client_error``) or an exception instance
        (``aws.add_exception``); options as there."""
        __tracebackhide__ = True
        options = self._options(options)
        if isinstance(error, str):
            self._aws.add_client_error(self.service, self.operation, error, message, **options)
        elif isinstance(error, BaseException):
            if message:
                raise TypeError(
                    "raises(exception, message): the message is for an error code such as"
                    " 'NoSuchKey'; an exception instance carries its own."
                )
            self._aws.add_exception(self.service, self.operation, error, **options)
        else:
            raise TypeError(
                "raises() takes an error code such as 'NoSuchKey' or an exception instance,"
                f" got {format_value(error, 60)}."
            )
        return self

    def _options(self, options: Dict[str, Any]) -> Dict[str, Any]:
        __tracebackhide__ = True
        if self.expected_params is None:
            return options
        if "expected_params" in options:
            raise TypeError(
                "expected_params given twice: once with expect(...), once as an option. Keep one."
            )
        return {**options, "expected_params": self.expected_params}

    # the record and assertions

    @property
    def calls(self) -> List[Call]:
        """The calls made to this operation, in order."""
        __tracebackhide__ = True
        return self._aws.calls_for(self.service, self.operation)  # type: ignore[no-any-return]

    @property
    def call_count(self) -> int:
        """How many calls were made to this operation."""
        __tracebackhide__ = True
        return self._aws.call_count(self.service, self.operation)  # type: ignore[no-any-return]

    def assert_called(self) -> None:
        """At least one call was made to this operation."""
        __tracebackhide__ = True
        self._aws.assert_called(self.service, self.operation)

    def assert_called_once(self) -> None:
        """Exactly one call was made to this operation."""
        __tracebackhide__ = True
        self._aws.assert_called_once(self.service, self.operation)

    def assert_not_called(self) -> None:
        """No call was made to this operation."""
        __tracebackhide__ = True
        self._aws.assert_not_called(self.service, self.operation)

    def assert_called_with(self, *args: P.args, **kwargs: P.kwargs) -> None:
        """The last call to this operation had exactly these params."""
        __tracebackhide__ = True
        self._keywords_only("assert_called_with", args)
        self._aws.assert_called_with(self.service, self.operation, **kwargs)

    def assert_called_once_with(self, *args: P.args, **kwargs: P.kwargs) -> None:
        """Exactly one call was made to this operation, with these params."""
        __tracebackhide__ = True
        self._keywords_only("assert_called_once_with", args)
        self._aws.assert_called_once_with(self.service, self.operation, **kwargs)

    def assert_any_call(self, *args: P.args, **kwargs: P.kwargs) -> None:
        """Some call to this operation had exactly these params."""
        __tracebackhide__ = True
        self._keywords_only("assert_any_call", args)
        self._aws.assert_any_call(self.service, self.operation, **kwargs)

    def _keywords_only(self, name: str, args: Any) -> None:
        __tracebackhide__ = True
        if args:
            raise TypeError(
                f"{name}() takes the call's params as keywords, as the {self.service}"
                f" client's methods do; got positional arguments {format_value(args, 60)}."
            )
