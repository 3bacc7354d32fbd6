"""The queue dictionary: one FIFO of queued responses per (service, operation).

Thread-safe: s3transfer calls from worker threads, and a response must be
served exactly once.
"""

from __future__ import annotations

import threading
from collections import deque
from typing import Any, Callable, Deque, Dict, List, Optional, Tuple

from ._models import OperationInfo

__unittest = True

Key = Tuple[str, str]
ResponseFactory = Callable[[Dict[str, Any]], Any]


class Entry:
    """One queued response, client error or exception.

    ``remaining`` counts the calls it still serves; ``None`` means forever.
    """

    __slots__ = (
        "info",
        "template",
        "headers",
        "factory",
        "error",
        "exception",
        "make_exception",
        "expected_params",
        "normalise",
        "required",
        "remaining",
        "origin",
    )

    def __init__(
        self,
        info: OperationInfo,
        *,
        template: Optional[Dict[str, Any]] = None,
        headers: Optional[Dict[str, str]] = None,
        factory: Optional[ResponseFactory] = None,
        error: Optional[Dict[str, Any]] = None,
        exception: Optional[BaseException] = None,
        make_exception: Optional[Callable[[Any], BaseException]] = None,
        expected_params: Optional[Dict[str, Any]] = None,
        normalise: Optional[Callable[[Dict[str, Any]], Dict[str, Any]]] = None,
        required: bool = True,
        remaining: Optional[int] = 1,
        origin: str = "",
    ) -> None:
        self.info = info
        self.template = template
        self.headers = headers or {}
        self.factory = factory
        self.error = error
        self.exception = exception
        #: Builds the exception raised, for the client of each call (a network
        #: fault naming its endpoint); ``exception`` is then its description.
        self.make_exception = make_exception
        self.expected_params = expected_params
        #: Applied to the call's params before they are compared with
        #: ``expected_params`` (a cassette's ``match_params=callable``).
        self.normalise = normalise
        self.required = required
        self.remaining = remaining
        self.origin = origin

    def describe(self) -> str:
        name = self.info.name
        if self.error is not None:
            name += f" (client error {self.error['Error']['Code']})"
        elif self.exception is not None:
            name += f" (exception {type(self.exception).__name__})"
        if self.remaining is not None and self.remaining > 1:
            name += f", {self.remaining} more times"
        return name


class QueueDict:
    """FIFO queues keyed by (service, operation), plus standing defaults.

    A ``times=None`` entry is a standing default for its operation: it serves
    whenever that operation's FIFO is empty, so one-shot responses queued
    after it are still served first.
    """

    def __init__(self, lock: threading.Lock) -> None:
        self.lock = lock
        self._queues: Dict[Key, Deque[Entry]] = {}
        self._defaults: Dict[Key, Entry] = {}

    def add(self, entry: Entry) -> None:
        key = (entry.info.service, entry.info.operation)
        with self.lock:
            if entry.remaining is None:
                self._defaults[key] = entry
                return
            queue = self._queues.get(key)
            if queue is None:
                queue = self._queues[key] = deque()
            queue.append(entry)

    def take(self, key: Key) -> Optional[Entry]:
        """Serve the head of ``key``'s queue once; the caller holds ``lock``."""
        queue = self._queues.get(key)
        if queue:
            entry = queue[0]
            remaining = entry.remaining - 1  # type: ignore[operator]
            entry.remaining = remaining
            if remaining == 0:
                queue.popleft()
            return entry
        return self._defaults.get(key)

    def pending(self) -> List[Entry]:
        """Entries still queued (finite ones only), in registration order per key."""
        with self.lock:
            return [e for queue in self._queues.values() for e in queue]

    def summary(self) -> str:
        """The "Queued now" lines of an UnmockedCallError message."""
        lines: List[str] = []
        with self.lock:
            for (service, op), queue in self._queues.items():
                count = sum(e.remaining or 0 for e in queue)
                if count:
                    lines.append(f"- {service}.{op} ({count})")
            for service, op in self._defaults:
                lines.append(f"- {service}.{op} (always)")
        return "\n".join(lines) if lines else "- nothing"
