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
from typing import Any, Dict, Generic, Iterator, List, Optional, Tuple, TypeVar

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


def _key(members: Optional[Tuple[str, ...]], params: Dict[str, Any]) -> Any:
    if members is None:
        return tuple(params.items())
    return tuple([params.get(m, _MISSING) for m in members])


Slot = List[Tuple[Optional[Tuple[str, ...]], Dict[Any, Any]]]


class Memo(Generic[T]):
    """Outcomes per ``where`` (what besides the params decides: operation, region...).

    Each ``where`` has a slot: (members read, or None for all; their values ->
    outcome) for each way the members were read. A caller may keep the slot
    and skip finding it again.
    """

    def __init__(self) -> None:
        self._slots: Dict[Any, Slot] = {}
        self._lock = threading.Lock()

    def slot(self, where: Any) -> Slot:
        with self._lock:
            if where not in self._slots and len(self._slots) >= _LIMIT:
                self._slots.clear()
            return self._slots.setdefault(where, [])

    @staticmethod
    def get(slot: Slot, params: Dict[str, Any]) -> Tuple[bool, Any]:
        """(True, outcome) when a call with the same deciding values was decided before."""
        for members, outcomes in slot:
            if members is None:
                key: Any = tuple(params.items())
            else:
                key = tuple([params.get(m, _MISSING) for m in members])
            try:
                return True, outcomes[key]
            except (KeyError, TypeError):  # not seen, or unhashable (a list, a dict)
                continue
        return False, None

    def put(self, slot: Slot, reads: Reads, outcome: T) -> None:
        members = None if reads.every else tuple(dict.fromkeys(reads.read))
        try:
            key = _key(members, reads.params)
            hash(key)
        except TypeError:
            return  # a list or dict decided it: evaluated each time
        with self._lock:
            found = [outcomes for known, outcomes in slot if known == members]
            if found:
                outcomes = found[0]
            else:
                if len(slot) >= _SHAPES:
                    slot.clear()
                outcomes = {}
                slot.append((members, outcomes))
            if len(outcomes) >= _LIMIT:
                outcomes.clear()
            outcomes[key] = outcome
