"""The call path: what one mocked call gets, decided with no I/O of its own.

A driver (``_drivers/sync.py``, ``_drivers/aio.py``) runs the client's events
and any response callable around these steps::

    take()     record the call, take its entry (or pass it through), check
               expected_params, raise a queued exception
    respond()  the response: a copy of the template, the queued error, or
               what the response callable returned, checked and shaped
    finish()   raise the modeled exception for an error status, else return it

With ``retries=True`` the client's own retry handlers run: ``first_attempt()``
takes the entry without raising its exception; each attempt's outcome
(``respond()`` or ``exception()``) goes to ``needs-retry``, and while a handler
answers with a delay, ``retry(call, delay)`` takes the next entry (the delay
goes to the virtual clock). Then ``concluded()`` and ``finish()``, or ``raised()``.

Failures the code under test could swallow (an unmocked call, a params
mismatch, an invalid response from a callable) are kept in ``failures`` to be
raised again when the patch stops.
"""

from __future__ import annotations

import inspect
from typing import Any, Callable, Dict, List, Optional, Tuple, cast

import botocore.handlers

from .._model.models import OperationInfo
from .._model.parsing import client_parsers, reparse
from .._model.responses import (
    SYNC_STREAMS,
    Streams,
    checksum_of,
    checksums_validated,
    materialize,
    template_headers,
)
from .._model.shapes import shape_response
from .._util.copy import fast_copy
from .._util.messages import docs, format_call, params_diff
from ..errors import (
    AwsMockError,
    InvalidResponseError,
    ParamsMismatchError,
    UnmockedCallError,
)
from .bodies import read_bodies
from .calls import Call, CallLog
from .clock import VirtualClock
from .match import differences, equal
from .queues import Entry, QueueDict

__unittest = True

# botocore >= 1.37 reads an error's code from the context (after-call handlers), else Code.
_CODE_IN_CONTEXT = hasattr(botocore.handlers, "_handle_sqs_compatible_error")


class CallPath:
    """Serves calls from ``queues`` into ``log``; shared by every driver."""

    def __init__(
        self,
        queues: QueueDict,
        log: CallLog,
        failures: List[AwsMockError],
        *,
        validate: bool,
        passes_through: Callable[[str], bool],
        on_passed: Callable[[Call], None],
        retries: bool,
        clock: VirtualClock,
        hermetic: bool,
        enforce: Optional[Callable[[Call], Optional[BaseException]]],
    ) -> None:
        self._queues = queues
        self._log = log
        self._failures = failures
        self.validate = validate
        self._passes_through = passes_through
        self._on_passed = on_passed
        #: Whether drivers run the client's own retry handlers (``retries=True``).
        self.retries = retries
        self.clock = clock
        self._hermetic = hermetic
        #: Every call goes straight through, neither recorded nor served: a nested
        #: patch's (a test's cassette recording in AwsMockTestCase), recorded there.
        self.forwarding = False  # pragma: no mutate (None is as false)
        #: ``iam_policy=``: the AccessDenied error a call gets, or None when allowed.
        self._enforce = enforce

    # the steps

    def take(
        self,
        client: Any,
        info: OperationInfo,
        api_params: Dict[str, Any],
        via_mock: bool,
        raises: bool = True,
    ) -> Tuple[Call, Optional[Entry]]:
        """Record the call and take its entry; ``None`` means: pass it through.

        A queued exception is raised here, unless ``raises`` is False.
        """
        __tracebackhide__ = True
        # A copy: code that reuses and clears its params dict must not
        # rewrite the record.
        call = Call(info.service, info.operation, fast_copy(api_params), client=client)
        if self.forwarding:
            return call, None
        call.hermetic = self._hermetic
        if info.input_blob_members:
            call.bodies = read_bodies(info.input_blob_members, call.params)
        denial = None if self._enforce is None else self._enforce(call)
        if denial is not None:
            self._denied(call, denial, via_mock)
        entry = self._take_entry(call, via_mock)
        if entry is None:  # off the hot path: a served call makes no more calls here
            entry = self._checked(call, None)
        if raises and entry is not None and entry.exception is not None:
            raised = self.exception(client, entry)
            call.exception = raised
            raise raised
        return call, entry

    def first_attempt(
        self, client: Any, info: OperationInfo, api_params: Dict[str, Any], via_mock: bool
    ) -> Tuple[Call, Optional[Entry]]:
        """``take()`` for a driver running retries: a queued exception is not raised.

        It is the attempt's outcome, ``exception(client, entry)``, for the
        client's retry handlers to look at.
        """
        __tracebackhide__ = True
        return self.take(
            client,
            info,
            api_params,
            via_mock,
            raises=False,  # pragma: no mutate (raises=None is as false)
        )

    def retry(self, call: Call, delay: float) -> Optional[Entry]:
        """The entry the next attempt of ``call`` takes, after sleeping ``delay`` virtually.

        Each attempt takes the next queued entry of the operation; ``None``
        means: pass this attempt through. The call stays one record.
        """
        __tracebackhide__ = True
        self.clock.sleep(delay)
        call.delays += (delay,)
        call.attempts += 1
        return self._checked(call, self._take_entry(call, None))

    def _take_entry(self, call: Call, via_mock: Optional[bool]) -> Optional[Entry]:
        """The entry ``call`` takes; recorded in the log unless ``via_mock`` is None (a retry)."""
        __tracebackhide__ = True
        with self._log.lock:
            try:
                entry = self._queues.take((call.service, call.operation), call, _check_expected)
            except AwsMockError as error:  # a match callable raised, or a params mismatch
                if via_mock is not None:
                    self._log.append(call, via_mock)
                raise self._fail(call, error) from error.__cause__
            if via_mock is not None:
                self._log.append(call, via_mock)
        if entry is not None:
            call.served_by = entry.source
        return entry

    def _denied(self, call: Call, denial: BaseException, via_mock: bool) -> None:
        """Record ``call`` as denied by ``iam_policy=`` and raise AWS's AccessDenied."""
        __tracebackhide__ = True
        call.denied = True
        call.exception = denial
        with self._log.lock:
            self._log.append(call, via_mock)
        raise denial

    def exception(self, client: Any, entry: Entry) -> BaseException:
        """The exception a queued exception entry raises for ``client``."""
        if entry.make_exception is not None:
            return entry.make_exception(client)
        return entry.exception  # type: ignore[return-value]

    def concluded(
        self, call: Call, response: Optional[Dict[str, Any]], error: Optional[BaseException]
    ) -> Dict[str, Any]:
        """The last attempt's outcome: raise its exception, or count the retries in the
        response's ``RetryAttempts``, as botocore does."""
        __tracebackhide__ = True
        if response is None:
            failure = cast(BaseException, error)  # pragma: no mutate (cast: a no-op at run time)
            self.raised(call, failure)
            raise failure
        response["ResponseMetadata"]["RetryAttempts"] = call.attempts - 1
        return response

    def _checked(self, call: Call, entry: Optional[Entry]) -> Optional[Entry]:
        """``entry``; for None, pass the call through or fail it as unmocked."""
        __tracebackhide__ = True
        if entry is None:
            if self._passes_through(call.service):
                return None
            raise self._fail(call, self._unmocked(call))
        return entry

    def sent_params(self, call: Call) -> Dict[str, Any]:
        """The params a passed-through call sends: the file objects the code gave, not bytes."""
        params: Dict[str, Any] = fast_copy(call.params)
        if call.bodies is not None:
            params.update(call.bodies)
        return params

    def factory_params(self, call: Call) -> Dict[str, Any]:
        """The params a response callable gets: its own copy, the record stays true."""
        return fast_copy(call.params)  # type: ignore[no-any-return]

    def respond(
        self, call: Call, entry: Entry, produced: Any, streams: Streams = SYNC_STREAMS
    ) -> Dict[str, Any]:
        """The response of ``call``: ``produced`` is what the entry's callable returned.

        ``streams`` makes the payload a driver's clients can read.
        """
        __tracebackhide__ = True
        info = entry.info
        if entry.error is not None:
            return fast_copy(entry.error)  # type: ignore[no-any-return]
        if entry.template is not None:
            checksum = entry.checksum  # None for most: no checksum header queued
            if checksum is not None and not checksums_validated(info, call.client, call.params):
                checksum = None
            # shape_response made the template's containers: the test has none.
            response: Dict[str, Any] = materialize(
                info, entry.template, entry.headers, streams, checksum,
                entry.single,  # pragma: no mutate (False: a copy, only slower)
            )
            if info.needs_shaping:
                parsers = client_parsers(call.client)
                if parsers is not None:
                    return reparse(info, response, parsers)
            return response
        error: AwsMockError
        if inspect.isawaitable(produced) and not streams.asynchronous:
            close = getattr(produced, "close", None)
            if close is not None:
                close()  # never awaited: no "coroutine was never awaited" warning
            error = InvalidResponseError(
                f"The response callable queued at {entry.origin} for {info.name} is"
                " async, but a synchronous client (boto3/botocore) made the call."
                " Queue a plain def for sync clients; async def callables serve"
                " aiobotocore clients only."
            )
        elif not isinstance(produced, dict):
            error = InvalidResponseError(
                f"The response callable queued at {entry.origin} for {info.name}"
                f" returned {type(produced).__name__}, not a dict."
            )
        else:
            try:
                template = shape_response(info, produced, self.validate)
                headers = template_headers(info, template)
                validated = checksums_validated(info, call.client, call.params)
                checksum = checksum_of(info, headers) if validated else None
                response = materialize(
                    info, template, headers, streams, checksum,
                    last=True,  # pragma: no mutate (False: a copy, only slower)
                )
                parsers = client_parsers(call.client)
                return response if parsers is None else reparse(info, response, parsers)
            except InvalidResponseError as exc:
                error = InvalidResponseError(f"Invalid response for {info.name}: {exc}")
        raise self._fail(call, error)

    def finish(
        self, client: Any, call: Call, response: Dict[str, Any], context: Optional[Dict[str, Any]]
    ) -> Dict[str, Any]:
        """Raise the modeled exception for an error status; else the response."""
        __tracebackhide__ = True  # the error is AWS's answer to the user's line
        status = response["ResponseMetadata"]["HTTPStatusCode"]  # respond() always sets it
        if status >= 300:
            error_info = response.get("Error", {})
            if _CODE_IN_CONTEXT:
                code = (context or {}).get("error_code_override") or error_info.get("Code")
            else:
                # pragma: no mutate block (botocore < 1.37: the oldest-botocore run holds it)
                code = error_info.get("QueryErrorCode") or error_info.get("Code")
            error = client.exceptions.from_code(code)(response, call.operation)
            call.exception = error
            raise error
        call.response = response
        return response

    def raised(self, call: Call, error: BaseException) -> None:
        """The entry's response callable raised ``error``."""
        call.exception = error

    def passed(
        self,
        call: Call,
        response: Optional[Dict[str, Any]] = None,
        error: Optional[BaseException] = None,
        served_by: str = "passthrough",
    ) -> Any:
        """A call passed through came back with ``response``, or raised ``error``.

        ``served_by``: ``"backend"`` for a call moto served. An awsmock error
        it raised (an operation moto does not implement) is kept, to be
        raised again at the end if the code under test swallows it.
        """
        call.served_by = served_by
        if error is not None:
            call.exception = error
            if served_by == "backend" and isinstance(error, AwsMockError):
                self._failures.append(error)
        else:
            call.response = response
            # Not a dict: what a plain patch passed to returned, given back as it is.
            meta = response.get("ResponseMetadata") if isinstance(response, dict) else None
            if meta is not None:
                # Retried here (attempts - 1), then by what answered (its count).
                meta["RetryAttempts"] = meta.get("RetryAttempts", 0) + call.attempts - 1
        self._on_passed(call)
        return response

    # failures

    def _fail(self, call: Call, error: AwsMockError) -> AwsMockError:
        self._failures.append(error)
        call.exception = error
        return error

    def _unmocked(self, call: Call) -> UnmockedCallError:
        near = self._queues.near_misses((call.service, call.operation))
        if near:
            return self._unmatched(call, near)
        if call.attempts > 1:
            happened = (
                f" was retried by the client's retry handlers (attempt {call.attempts}),"
                " but nothing is queued for that attempt.\n"
                "With retries=True each attempt takes the next queued entry. Queue what"
                " the retry gets with:\n"
            )
        else:
            happened = " was called, but nothing is queued for it.\nQueue a response with:\n"
        return UnmockedCallError(
            f"{format_call(call.service, call.operation, call.params)}{happened}"
            f'    aws.add_response("{call.service}", "{call.operation}", {{...}})\n'
            f"{_scaffold(call)}"
            f"Queued now:\n{self._queues.summary()}\n"
            f"{docs('errors.html#unmockedcallerror')}"
        )

    def _unmatched(self, call: Call, near: List[Entry]) -> UnmockedCallError:
        """In the style of the ``responses`` library: each entry, and why it did not match."""
        listed = []
        for entry in near:
            # Never empty: a near miss is an entry that did not accept the call.
            reasons = differences(entry.match, entry.region, call)
            lines = "".join(f"\n    {reason}" for reason in reasons)
            listed.append(f"- {entry.describe()}, queued at {entry.origin}:{lines}")
        return UnmockedCallError(
            f"{format_call(call.service, call.operation, call.params)} was called,"
            " but no queued response matches it.\n"
            f"Queued for {call.service}.{call.operation}, and what differs:\n"
            + "\n".join(listed)
            + "\nQueue a response that matches with:\n"
            f'    aws.add_response("{call.service}", "{call.operation}", {{...}}, match={{...}})\n'
            f"{_scaffold(call)}"
            f"{docs('errors.html#unmockedcallerror')}"
        )


def _scaffold(call: Call) -> str:
    """Where the ``{...}`` of a suggested ``add_response`` comes from."""
    command = f"python -m awsmock example {call.service} {call.operation}"
    return f"For {{...}}, print an example response with: {command}\n"


def _check_expected(entry: Entry, call: Call) -> None:
    """Raise ``ParamsMismatchError`` unless ``call`` has the params ``entry`` expects.

    Run by the queues before the entry is used up: a mismatch leaves it queued.
    A cassette's match_params callable that fails raises its own AwsMockError.
    """
    __tracebackhide__ = True
    expected = entry.expected_params
    actual = call.params if entry.normalise is None else entry.normalise(call.params)
    if equal(expected, actual):
        call.asserted = True
        return
    raise ParamsMismatchError(
        f"{format_call(call.service, call.operation, call.params)} does not match"
        f" the expected_params of the response queued at {entry.origin}.\n"
        f"{params_diff(expected, actual)}\n{docs('errors.html#paramsmismatcherror')}"
    )
