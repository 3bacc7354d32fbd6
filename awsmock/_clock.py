"""The virtual clock: the seconds the SDK's retries would sleep, added up instead.

With ``retries=True`` the delays the client's ``needs-retry`` handlers ask
for go here, and so do the waits of adaptive mode's rate limiter: botocore's
``TokenBucket`` waits on a condition variable and reads ``time.time()``
through ``botocore.retries.bucket``, so while patched that module sees this
clock's time, and a bucket short of tokens advances the clock by the wait
botocore would have made instead of making it.
"""

from __future__ import annotations

import threading
import time
from typing import Any, Callable

__unittest = True


class VirtualClock:
    """Seconds slept while patched (``aws.slept``), never slept for real."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.slept = 0.0

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.slept += seconds

    def time(self) -> float:
        """The wall clock, as if every virtual sleep had happened."""
        return time.time() + self.slept


class ClockTime:
    """Stands in for the ``time`` module inside ``botocore.retries.bucket``."""

    def __init__(self, clock: VirtualClock) -> None:
        self.sleep = clock.sleep
        self.time = clock.time

    def __getattr__(self, name: str) -> Any:
        return getattr(time, name)


def token_bucket_acquire(clock: VirtualClock, original: Callable[..., Any]) -> Callable[..., Any]:
    """``TokenBucket.acquire`` that waits on ``clock`` for missing tokens.

    botocore's blocking acquire waits ``(amount - capacity) / fill rate``
    seconds on a condition variable, refills and tries again; this does the
    same with the clock's time, through the bucket's own non-blocking acquire.
    """
    from botocore.exceptions import CapacityNotAvailableError

    def acquire(bucket: Any, amount: int = 1, block: bool = True) -> Any:
        while True:
            try:
                return original(bucket, amount, block=False)
            except CapacityNotAvailableError:
                if not block:
                    raise
                clock.sleep((amount - bucket.available_capacity) / bucket.max_rate)

    return acquire
