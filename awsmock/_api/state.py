"""What an ``AwsMock`` is made of, for the modules that hold its methods.

``AwsMock`` (``patch.py``) takes its queueing, fault, start/stop and IAM
methods from modules of their own; those modules type their ``aws`` against
this base, so none of them imports the facade that imports them. The state
is set by ``AwsMock.__init__``; the methods here read only these parts.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, List, Optional

from .._util.messages import counted, docs, plural, were
from ..errors import AwsMockError, UnusedResponseError

if TYPE_CHECKING:  # pragma: no cover
    from .._core.callpath import CallPath
    from .._core.calls import Call, CallLog
    from .._core.clock import VirtualClock
    from .._core.options import Options
    from .._core.queues import QueueDict
    from .._core.registry import Registry
    from .._drivers.hermetic import Environment
    from .._replay.cassette import Cassette

__unittest = True


class State:
    """The parts of one patch, and what reads only them."""

    _options: Options
    _queues: QueueDict
    _log: CallLog
    _failures: List[AwsMockError]
    _registry: Registry
    _cassette: Optional[Cassette]
    _clock: VirtualClock
    _path: CallPath
    _sync: Any
    _aio: Any
    _backend: Any
    _patchers: List[Any]
    _environment: Optional[Environment]
    _started: bool
    _task: Any
    _thread: Optional[threading.Thread]

    @property
    def calls(self) -> List[Call]:
        """Every call made while patched, all services, in order."""
        return self._log.calls

    def assert_all_responses_used(self) -> None:
        """Every required response queued was served (Stubber's ``assert_no_pending_responses``)."""
        __tracebackhide__ = True
        unused = [e for e in self._queues.pending() if e.required]
        if unused:
            listed = "\n".join(counted(f"- {e.describe()}, added at {e.origin}" for e in unused))
            raise UnusedResponseError(
                f"{plural(len(unused), 'queued response')} {were(len(unused))} not used:\n"
                f"{listed}\nRemove them, make sure the code makes those calls, or queue them"
                f" with required=False. {docs('errors.html#unusedresponseerror')}"
            )

    def verify(self) -> None:
        """Raise what should fail the test: swallowed errors, unused responses, unasserted calls."""
        __tracebackhide__ = True
        if self._failures:
            first = self._failures[0]
            raise type(first)(
                "This error was raised inside the patched block, and the code under"
                f" test caught it:\n{first}"
            ) from first
        if self._cassette is not None:
            self._cassette.check()
        self.assert_all_responses_used()
        if self._options.strict:
            self._log.assert_all_asserted()

    @property
    def swallowed(self) -> List[AwsMockError]:
        """The awsmock errors raised while patched that the code under test caught.

        ``stop()`` raises the first again; when the test fails on its own
        first, they are shown with its failure instead. A read-only copy:
        changing it changes nothing; mark a failure provoked on purpose
        with :meth:`expect_failure`.
        """
        return list(self._failures)

