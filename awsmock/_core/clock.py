"""The virtual clock: the seconds the SDK's retries would sleep, added up instead.

With ``retries=True`` the delays the client's ``needs-retry`` handlers ask
for go here, and so do the waits of adaptive mode's rate limiter.
"""

from __future__ import annotations

import threading
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


def token_bucket_acquire(clock: VirtualClock, original: Callable[..., Any]) -> Callable[..., Any]:
    """``TokenBucket.acquire`` that waits for missing tokens on ``clock``.

    botocore's blocking acquire waits ``(amount - capacity) / fill rate``
    seconds on a condition variable for the bucket to refill, then takes the
    tokens. This adds that wait to the clock and takes the tokens the wait
    would have brought at once. The bucket keeps reading the real time, so it
    is consistent with it when the patch stops (clients outlive tests).
    """
    from botocore.exceptions import CapacityNotAvailableError

    def acquire(bucket: Any, amount: int = 1, block: bool = True) -> Any:
        try:
            return original(bucket, amount, block=False)
        except CapacityNotAvailableError:
            if not block:
                raise
        # botocore 1.44's TokenBucket._acquire, with the wait made virtual.
        with bucket._new_fill_rate_condition:
            return take_tokens(clock, bucket, amount)

    return acquire


def take_tokens(clock: VirtualClock, bucket: Any, amount: int) -> bool:
    """Take ``amount`` tokens from ``bucket`` (its lock held), waiting on ``clock`` for any missing.

    The same for botocore's ``TokenBucket`` and aiobotocore's ``AsyncTokenBucket``.
    """
    bucket._refill()
    missing = amount - bucket._current_capacity
    if missing > 0:
        clock.sleep(missing / bucket._fill_rate)
        bucket._current_capacity += missing
    bucket._current_capacity -= amount
    return True


def sleep_attribute(clock: VirtualClock) -> property:
    """A ``_sleep`` for botocore's standard ``RetryHandler`` class: the clock's sleep.

    The handler sleeps through ``self._sleep`` (``time.sleep``, bound when
    it was made) when the retry quota is spent on a long-polling operation
    (SQS ``ReceiveMessage``). A data descriptor on the class wins over that
    instance attribute while patched; handlers made meanwhile still store
    their own, for after the patch.
    """

    def get(handler: Any) -> Callable[[float], None]:
        return clock.sleep

    def set_(handler: Any, value: Any) -> None:
        handler.__dict__["_sleep"] = value

    return property(get, set_)
