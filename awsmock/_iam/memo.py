"""Outcomes remembered by the params that decided them.

Deciding a call reads only some of its params: ``QueueUrl`` but not
``MessageBody``, ``Bucket`` and ``Key`` but not ``Body``. The first time, the
params are wrapped in ``Reads``, which notes each member read; the outcome is
then kept under the values of exactly those members. A later call of the same
client and operation with the same values for them takes the same path
through the same code (each step depends only on what was read before it),
so it gets the same outcome: a test that sends a thousand different message
bodies to one queue is evaluated once.
"""

from __future__ import annotations

import threading
from typing import (
    Any,
    Callable,
    Dict,
    FrozenSet,
    Generic,
    Iterator,
    List,
    Optional,
    Tuple,
    TypeVar,
)

__unittest = True

T = TypeVar("T")
_MISSING = object()
_SHAPES = 8  # read sets kept per client and operation (most have one)
_LIMIT = 10_000  # outcomes kept per read set


class Reads(Dict[str, Any]):
    """A params dict that notes which members were read (all of them, once iterated)."""

    def __init__(self, params: Dict[str, Any]) -> None:
        super().__init__(params)
        self.params = params  # read without noting it
        self.read: List[str] = []
        self.every = False

    def get(self, key: str, default: Any = None) -> Any:
        self.read.append(key)
        return super().get(key, default)

    def __getitem__(self, key: str) -> Any:
        self.read.append(key)
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        self.read.append(str(key))
        return super().__contains__(key)

    def __iter__(self) -> Iterator[str]:
        self.every = True
        return super().__iter__()

    def items(self) -> Any:
        self.every = True
        return super().items()

    def values(self) -> Any:
        self.every = True
        return super().values()

    def keys(self) -> Any:
        self.every = True
        return super().keys()


def present(params: Dict[str, Any], members: FrozenSet[str]) -> FrozenSet[str]:
    """Which of ``members`` ``params`` has: one set operation, each member noted as read."""
    if isinstance(params, Reads):
        params.read.extend(members)
        params = params.params
    return members.intersection(params)


def _key(members: Optional[Tuple[str, ...]], params: Dict[str, Any]) -> Any:
    if members is None:
        return tuple(params.items())
    return tuple([params.get(m, _MISSING) for m in members])


Shapes = List[Tuple[Optional[Tuple[str, ...]], Dict[Any, Any]]]


class Slot:
    """What one ``where`` remembers: for each way its params were read, their values -> outcome.

    Remembering pays when calls repeat (one queue, a thousand bodies). When
    they rarely do (a new S3 key each call), storing each outcome costs more
    than deciding it again: after ``_TRIAL`` calls with fewer than one in
    ``_WORTH`` found, the slot stops remembering.
    """

    __slots__ = ("shapes", "hits", "misses")

    def __init__(self) -> None:
        self.shapes: Shapes = []
        self.hits = 0  # counted without a lock: a lost count only delays the choice
        self.misses = 0

    @property
    def remembering(self) -> bool:
        return self.misses < _TRIAL or self.hits * _WORTH >= self.misses


_TRIAL = 256
_WORTH = 4


class Memo(Generic[T]):
    """Outcomes per ``where`` (what besides the params decides: operation, region...).

    Each ``where`` has a ``Slot``. A caller may keep the slot and skip
    finding it again.
    """

    def __init__(self) -> None:
        self._slots: Dict[Any, Slot] = {}
        self._lock = threading.Lock()

    def slot(self, where: Any) -> Slot:
        with self._lock:
            found = self._slots.get(where)
            if found is None:
                if len(self._slots) >= _LIMIT:
                    self._slots.clear()
                found = self._slots[where] = Slot()
            return found

    def outcome(
        self, slot: Slot, params: Dict[str, Any], decide: Callable[[Dict[str, Any]], T]
    ) -> T:
        """``decide(params)``, or what it gave for a call with the same deciding values."""
        if not slot.remembering:
            return decide(params)
        for members, outcomes in slot.shapes:
            if members is None:
                key: Any = tuple(params.items())
            else:
                key = tuple([params.get(m, _MISSING) for m in members])
            try:
                found: T = outcomes[key]
            except (KeyError, TypeError):  # not seen, or unhashable (a list, a dict)
                continue
            slot.hits += 1
            return found
        slot.misses += 1
        reads = Reads(params)
        decided = decide(reads)
        self.put(slot, reads, decided)
        return decided

    def put(self, slot: Slot, reads: Reads, outcome: T) -> None:
        members = None if reads.every else tuple(dict.fromkeys(reads.read))
        try:
            key = _key(members, reads.params)
            hash(key)
        except TypeError:
            return  # a list or dict decided it: evaluated each time
        with self._lock:
            found = [outcomes for known, outcomes in slot.shapes if known == members]
            if found:
                outcomes = found[0]
            else:
                if len(slot.shapes) >= _SHAPES:
                    slot.shapes.clear()
                outcomes = {}
                slot.shapes.append((members, outcomes))
            if len(outcomes) >= _LIMIT:
                outcomes.clear()
            outcomes[key] = outcome
