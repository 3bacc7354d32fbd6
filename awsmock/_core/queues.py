"""The queue dictionary: one FIFO of queued responses per (service, operation).

Thread-safe: s3transfer calls from worker threads, and a response must be
served exactly once.
"""

from __future__ import annotations

import threading
from collections import deque
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    Deque,
    Dict,
    List,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    Union,
)

from .._model.models import OperationInfo
from .._model.responses import NO_HEADERS, checksum_of, template_headers
from .._util.messages import docs, format_call
from .._util.traceback import Place, location
from ..errors import AwsMockError, MatchError
from . import match as _match

if TYPE_CHECKING:  # pragma: no cover
    from .calls import Call

__unittest = True

Key = Tuple[str, str]
ResponseFactory = Callable[[Dict[str, Any]], Any]
#: Checks a call against the expected_params of the entry chosen for it.
ParamsCheck = Callable[["Entry", "Call"], None]


class Entry:
    """One queued response, client error or exception.

    ``remaining`` counts the calls it still serves; ``None`` means forever.
    What most entries leave unset is a class attribute: an entry is made for
    every queued response, and setting a dozen attributes costs more than
    the rest of queuing it.
    """

    #: The response template, checked and shaped (``add_response`` with a dict).
    template: Optional[Dict[str, Any]] = None
    #: The HTTP headers the template's header-bound members came from.
    headers: Mapping[str, str] = NO_HEADERS
    #: The (algorithm, value) of the checksum header queued, which botocore
    #: validates the body against when the call asks it to.
    checksum: Optional[Tuple[str, str]] = None
    #: The response callable (``add_response`` with a callable).
    factory: Optional[ResponseFactory] = None
    #: The parsed error response (``add_client_error``).
    error: Optional[Dict[str, Any]] = None
    #: The exception raised (``add_exception``).
    exception: Optional[BaseException] = None
    #: Builds the exception raised, for the client of each call (a network
    #: fault naming its endpoint); ``exception`` is then its description.
    make_exception: Optional[Callable[[Any], BaseException]] = None
    #: Applied to the call's params before they are compared with
    #: ``expected_params`` (a cassette's ``match_params=callable``).
    normalise: Optional[Callable[[Dict[str, Any]], Dict[str, Any]]] = None
    #: ``match=`` and ``region=`` as given, for messages; ``select`` decides.
    match: _match.Match = None
    region: Optional[str] = None
    select: Optional[_match.Selector] = None
    #: When no entry of its operation accepts a call, the closest
    #: ``fallback`` entry serves it anyway, so that its ``expected_params``
    #: report what differs (a cassette's recorded interactions).
    fallback = False
    #: What a call served by it is served by (``Call.served_by``).
    source = "queue"

    def __init__(
        self,
        info: OperationInfo,
        *,
        template: Optional[Dict[str, Any]] = None,
        error: Optional[Dict[str, Any]] = None,
        exception: Optional[BaseException] = None,
        expected_params: Optional[Dict[str, Any]] = None,
        required: bool = True,
        remaining: Optional[int] = 1,
        origin: Union[str, Place] = "",  # pragma: no mutate (every caller gives one)
        match: _match.Match = None,
        region: Optional[str] = None,
    ) -> None:
        self.info = info
        self.expected_params = expected_params
        self.required = required
        self.remaining = remaining
        #: Served exactly once (times=1), so its template may become that
        #: call's response without a copy: no other call can share it. Not
        #: "remaining hit 0": a thread serving an earlier time may still be
        #: copying the template while the last serving's code changes it.
        self.single = remaining == 1
        self._origin = origin
        if template is not None:
            self.template = template
        if error is not None:
            self.error = error
        if exception is not None:
            self.exception = exception
        if match is not None or region is not None:
            self.match = match
            self.region = region
            self.select = _match.selector(match, region)

    @property
    def origin(self) -> str:
        """``file:line`` where the test queued it."""
        where = self._origin
        return where if isinstance(where, str) else location(where)

    def set_template(self, template: Dict[str, Any]) -> None:
        """Serve ``template``: a checked and shaped response (``shape_response``).

        The HTTP headers its header-bound members go in, and the checksum
        header among them, are worked out here once, not on every call.
        """
        self.template = template
        info = self.info
        if info.header_members or info.streaming_member is not None:
            self.headers = template_headers(info, template)
            if info.checksum_algorithms:
                self.checksum = checksum_of(info, self.headers)

    def describe(self) -> str:
        name = self.info.name
        kinds = []
        if self.error is not None:
            kinds.append(f"client error {self.error['Error']['Code']}")
        elif self.exception is not None:
            kinds.append(f"exception {type(self.exception).__name__}")
        kinds += _match.describe(self.match, self.region)
        if kinds:
            name += f" ({', '.join(kinds)})"
        if self.remaining is not None and self.remaining > 1:
            name += f", {self.remaining} more times"
        return name


class QueueDict:
    """FIFO queues keyed by (service, operation), plus standing defaults.

    A call takes the first entry of its operation's FIFO that accepts it (an
    entry without ``match=`` or ``region=`` accepts every call); failing that,
    the first standing default (``times=None``) that accepts it; failing
    that, the closest ``fallback`` entry. So one-shot responses queued after
    a default are still served first.
    """

    def __init__(self, lock: threading.Lock) -> None:
        self.lock = lock
        self._queues: Dict[Key, Deque[Entry]] = {}
        self._defaults: Dict[Key, List[Entry]] = {}

    def add(self, entry: Entry) -> None:
        key = (entry.info.service, entry.info.operation)
        with self.lock:
            if entry.remaining is None:
                defaults = self._defaults.setdefault(key, [])
                for index, old in enumerate(defaults):
                    if old.region == entry.region and _match.same(old.match, entry.match):
                        defaults[index] = entry  # a later default replaces its like
                        return
                defaults.append(entry)
                return
            queue = self._queues.get(key)
            if queue is None:
                queue = self._queues[key] = deque()
            queue.append(entry)

    def take(self, key: Key, call: Call, check: Optional[ParamsCheck] = None) -> Optional[Entry]:
        """Serve ``call`` once from ``key``'s entries; the caller holds ``lock``.

        Raises ``MatchError`` when a ``match=`` callable raised. ``check``
        sees the entry chosen, if it has expected_params, before it is used
        up: when it raises, the entry stays queued (as botocore's Stubber
        keeps a response whose expected params the call did not match).
        """
        __tracebackhide__ = True
        queue = self._queues.get(key)
        if queue:
            entry = queue[0]
            if entry.select is None:  # the common case: the head serves
                if check is not None and entry.expected_params is not None:
                    check(entry, call)
                remaining = entry.remaining - 1  # type: ignore[operator]
                entry.remaining = remaining
                if remaining == 0:
                    queue.popleft()
                return entry
            return self._choose(queue, call, self._defaults.get(key, ()), check)
        defaults = self._defaults.get(key)
        if defaults is not None:
            for entry in defaults:
                if entry.select is None or _accepts(entry, call):
                    return _checked(entry, call, check)
        return None

    def _choose(
        self,
        queue: Deque[Entry],
        call: Call,
        defaults: Sequence[Entry],
        check: Optional[ParamsCheck],
    ) -> Optional[Entry]:
        __tracebackhide__ = True
        fallbacks: List[Tuple[int, Entry]] = []
        for index, entry in enumerate(queue):
            if entry.select is None or _accepts(entry, call):
                return _serve(queue, index, _checked(entry, call, check))
            if entry.fallback:
                fallbacks.append((index, entry))
        for entry in defaults:
            if entry.select is None or _accepts(entry, call):
                return _checked(entry, call, check)
        if not fallbacks:
            return None
        # max() keeps the first of equals: the earliest queued.
        index, entry = max(fallbacks, key=lambda found: _closeness(found[1], call))
        return _serve(queue, index, _checked(entry, call, check))

    def near_misses(self, key: Key) -> List[Entry]:
        """The entries of ``key`` that choose their calls, in the order they are tried."""
        with self.lock:
            entries = [*self._queues.get(key, ()), *self._defaults.get(key, ())]
        return [e for e in entries if e.select is not None]

    def pending(self) -> List[Entry]:
        """Entries still queued (finite ones only), in registration order per key."""
        with self.lock:
            return [e for queue in self._queues.values() for e in queue]

    def summary(self) -> str:
        """The "Queued now" lines of an UnmockedCallError message."""
        lines: List[str] = []
        with self.lock:
            for (service, op), queue in self._queues.items():
                count = sum(e.remaining for e in queue if e.remaining)
                if count:
                    lines.append(f"- {service}.{op} ({count})")
            for service, op in self._defaults:
                lines.append(f"- {service}.{op} (always)")
        return "\n".join(lines) if lines else "- nothing"


def _checked(entry: Entry, call: Call, check: Optional[ParamsCheck]) -> Entry:
    """``entry``, once ``check`` passed the call against its expected_params."""
    __tracebackhide__ = True
    if check is not None and entry.expected_params is not None:
        check(entry, call)
    return entry


def _serve(queue: Deque[Entry], index: int, entry: Entry) -> Entry:
    remaining = entry.remaining - 1  # type: ignore[operator]
    entry.remaining = remaining
    if remaining == 0:
        del queue[index]
    return entry


def _accepts(entry: Entry, call: Call) -> bool:
    """Whether ``entry`` chooses ``call``; a selection that raises is a MatchError."""
    __tracebackhide__ = True
    try:
        return bool(entry.select(call))  # type: ignore[misc]
    except AwsMockError:
        raise  # awsmock's own (a cassette's match_params callable): as it is
    except Exception as error:
        function = entry.match if callable(entry.match) else entry.select
        made = format_call(call.service, call.operation, call.params)
        raise MatchError(
            f"The match callable {_match.name(function)} (queued at {entry.origin} for"
            f" {entry.info.name}) raised {type(error).__name__}: {error}, on {made}.\n"
            "A match callable must return True or False for every call of its operation."
            f" {docs('errors.html#matcherror')}"
        ) from error


def _closeness(entry: Entry, call: Call) -> Tuple[int, int]:
    """How alike the call's params and a fallback entry's expected params are."""
    expected = entry.expected_params
    if expected is None:
        return 0, 0
    try:
        actual = call.params if entry.normalise is None else entry.normalise(call.params)
    except Exception:
        return 0, 0  # expected_params reports it
    return _match.closeness(expected, actual)
