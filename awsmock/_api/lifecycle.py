"""Start and stop: the patches, the stack of active mocks, and what is restored.

``AwsMock.start()``/``stop()`` are these functions. Patches replace botocore
for the whole process and nest like ``mock.patch``: the innermost serves.
"""

from __future__ import annotations

import contextvars
import functools
import importlib
import sys
import threading
from typing import TYPE_CHECKING, Any, List, Optional, Sequence, Tuple, Type, TypeVar

from .._core.clock import sleep_attribute, token_bucket_acquire
from .._drivers import hermetic as _hermetic
from .._util.attributes import AttributePatch
from .._util.messages import plural
from .._util.traceback import chain
from . import iam

if TYPE_CHECKING:  # pragma: no cover
    from unittest import mock

    from .state import State

__unittest = True

S = TypeVar("S", bound="State")

# Innermost last. Patches nest like mock.patch: the inner one serves.
_active: List[State] = []
# The patches started in this context or the one it was copied from: an
# asyncio task sees those of the code that created it, not its siblings'.
_visible: contextvars.ContextVar[Tuple[State, ...]] = contextvars.ContextVar(
    "awsmock_visible", default=()
)


def _current_task() -> Any:
    asyncio = sys.modules.get("asyncio")  # not imported: no task is running
    if asyncio is None:
        return None
    try:
        return asyncio.current_task()
    except RuntimeError:  # no running event loop
        return None


def active_patches() -> List[State]:
    """The patches started and not stopped yet, outermost first."""
    return list(_active)


@functools.cache
def api_call_mock_class() -> Type[mock.MagicMock]:
    """The MagicMock subclass for ``aws.mock``, defined late (import time)."""
    from unittest import mock

    class _ApiCallMock(mock.MagicMock):
        """A MagicMock that binds like a method.

        A plain MagicMock on a class is not a descriptor, so it would never
        see the client; bound, ``aws.mock`` gets calls of the form
        ``(client, operation_name, api_params)``.
        """

        def __get__(self, obj: Any, objtype: Any = None) -> Any:
            if obj is None:
                return self
            return functools.partial(self, obj)

        def _increment_mock_call(self, *args: Any, **kwargs: Any) -> None:
            # unittest.mock counts with "call_count += 1": calls from several
            # threads at once would be lost.
            with _MOCK_LOCK:
                super()._increment_mock_call(*args, **kwargs)

    return _ApiCallMock


# Serialises aws.mock's bookkeeping (its calls and the call log's mirror).
_MOCK_LOCK = threading.Lock()
# Serialises starting and stopping: the check against the active patches and
# the patching itself are one step.
_LIFECYCLE_LOCK = threading.RLock()


def start(aws: S) -> S:
    """Patch botocore; calls are served from this mock's queues until :meth:`stop`."""
    __tracebackhide__ = True
    if aws._started:
        raise RuntimeError(
            "This AwsMock is already started. Stop it first, or create another"
            " with patch_boto3()."
        )
    with _LIFECYCLE_LOCK:  # two threads must not both pass the check
        _check_not_concurrent(aws)
        try:
            _start(aws)
        except BaseException:
            _restore(aws)
            raise
    return aws


def _check_not_concurrent(aws: State) -> None:
    """Refuse to start beside another thread's or another asyncio task's patch.

    Patches replace botocore for the whole process and nest: the inner one
    serves every call. A patch started while one from another thread or a
    sibling task is active would serve the other's calls, and whichever
    stopped first would stop the other: its calls would then reach the real
    endpoint, signed with the machine's credentials.
    """
    __tracebackhide__ = True
    aws._thread = threading.current_thread()
    aws._task = _current_task()
    if not _active:
        return
    inner = _active[-1]
    if inner._thread is not aws._thread:
        raise RuntimeError(
            "patch_boto3() cannot start here: a patch_boto3() started in another thread is"
            " active. Patches replace botocore for the whole process, so concurrent threads"
            " cannot each have their own: start one patch_boto3() around the threads and"
            " queue every thread's responses on it."
        )
    # A patch started outside any task (a sync fixture), in this task or in
    # the task that made this one is an outer patch: this one nests in it.
    outer = inner._task is None or inner._task is aws._task or inner in _visible.get()
    if outer or aws._task is None:
        return
    raise RuntimeError(
        "patch_boto3() cannot start here: a patch_boto3() started in another asyncio"
        " task is active. Patches replace botocore for the whole process, so concurrent"
        " tasks cannot each have their own: start one patch_boto3() around"
        " asyncio.gather(...) and queue every task's responses on it."
    )


def _start(aws: State) -> None:
    __tracebackhide__ = True
    import botocore.waiter
    from botocore import session
    from botocore.client import BaseClient
    from botocore.httpsession import URLLib3Session

    from .._drivers.sync import SyncDriver

    aws._started = True
    _active.append(aws)
    _visible.set((*(other for other in _visible.get() if other._started), aws))
    _hermetic.watch_blocked(aws._failures.append)
    if aws._options.hermetic:
        from botocore.signers import RequestSigner

        aws._environment = _hermetic.Environment(aws._options.region)
        aws._environment.enter()
        _patch(aws, session.Session, "get_credentials", _hermetic.get_credentials)
        _patch(aws, session.Session, "get_scoped_config", _hermetic.get_scoped_config)
        _patch(aws, session.Session, "full_config", _hermetic.FULL_CONFIG)
        _patch(aws, session.Session, "_build_profile_map", _hermetic.build_profile_map)
        _patch(aws, RequestSigner, "get_auth_instance", _hermetic.get_auth_instance)
        _patch(aws, RequestSigner, "get_auth", _hermetic.get_auth_instance)
    entries = _cassette_entries(aws)
    backend = _backend(aws)
    aws._sync = SyncDriver(aws._path, aws._log, BaseClient.__dict__["_make_api_call"], backend)
    _patch(aws, BaseClient, "_make_api_call", aws._sync.function)
    _patch(aws, botocore.waiter, "time", _hermetic.WAITER_TIME)
    waiter = botocore.waiter.Waiter
    _patch(aws, waiter, "wait", _hermetic.waiting(waiter.__dict__["wait"]))
    send = _hermetic.blocked_send
    if backend is not None:
        from .._drivers.backend import sender

        send = sender(send)
    _patch(aws, URLLib3Session, "send", send)
    _patch(aws, session, "create_loader", _hermetic.shared_loader)
    _classic_transfers(aws)
    if aws._options.retries:
        from botocore.retries.bucket import TokenBucket
        from botocore.retries.standard import RetryHandler

        acquire = token_bucket_acquire(aws._clock, TokenBucket.acquire)
        _patch(aws, TokenBucket, "acquire", acquire)
        _patch(aws, RetryHandler, "_sleep", sleep_attribute(aws._clock), create=True)
    from .._drivers import aio as _async  # aiobotocore only if it is installed

    hermetic = aws._options.hermetic
    aws._aio, aio_patches = _async.patches(aws._path, aws._log, hermetic, backend)
    for target, name, new in aio_patches:
        _patch(aws, target, name, new)
    if aws._cassette is not None:
        for entry in entries:
            aws._queues.add(entry)
        for target, name, new in aws._cassette.patches():
            _patch(aws, target, name, new)


def _cassette_entries(aws: State) -> List[Any]:
    """With ``cassette=``: the cassette opened (recording or replaying); the entries it replays."""
    __tracebackhide__ = True
    if aws._options.cassette is None:
        return []
    from .._replay.cassette import Cassette

    aws._cassette = Cassette(aws._options)
    return aws._cassette.start()


def _backend(aws: State) -> Any:
    """With ``backend="moto"``: moto's backends started, unless a cassette replays (offline)."""
    __tracebackhide__ = True
    if aws._options.backend is None:
        return None
    if aws._cassette is not None and not aws._cassette.recording:
        return None
    from .._drivers.backend import MotoBackend

    backend = MotoBackend(aws._options.hermetic)
    backend.start()
    aws._backend = backend
    return backend


def _classic_transfers(aws: State) -> None:
    """Make s3transfer use its classic transfer manager, never the CRT one.

    With ``boto3[crt]`` boto3 may choose the CRT transfer manager, which
    sends through awscrt's own HTTP client, not ``_make_api_call``: awsmock
    could neither serve its calls nor block them (``upload_file`` failed with
    ``KeyError: 'http_request'``). boto3's own choice is still made, so what
    it raises (a ``"crt"`` preference without awscrt) is raised, then overruled.
    """
    transfer: Any = sys.modules.get("boto3.s3.transfer")
    if transfer is None:
        from botocore.compat import HAS_CRT

        if not HAS_CRT:  # boto3 can only choose the classic one (not imported: 50 ms)
            return
        transfer = importlib.import_module("boto3.s3.transfer")
    should_use_crt = getattr(transfer, "_should_use_crt", None)
    if should_use_crt is None:
        return

    def classic_only(config: Any) -> bool:
        should_use_crt(config)
        return False

    _patch(aws, transfer, "_should_use_crt", classic_only)


def _patch(aws: State, target: Any, name: str, new: Any, create: bool = False) -> None:
    aws._patchers.append(AttributePatch(target, name, new, create=create))


def _restore(aws: State) -> None:
    while aws._patchers:
        aws._patchers.pop().stop()
    if aws._backend is not None:
        aws._backend.stop()
        aws._backend = None
    if aws._environment is not None:
        aws._environment.exit()
        aws._environment = None
    if aws in _active:
        _active.remove(aws)
    _hermetic.unwatch_blocked(aws._failures.append)
    aws._started = False
    aws._task = None
    aws._thread = None


def stop(aws: State, *, succeeded: bool = True) -> None:
    """Restore botocore exactly, then verify (with ``verify=True``).

    Harmless before :meth:`start` and when called twice.

    :param succeeded: ``False`` when what ran under the patch has failed
        already (test runners pass it): botocore is restored, but nothing is
        verified and no cassette is written, so the failure is reported once.
    """
    __tracebackhide__ = True
    if not aws._started:
        return
    with _LIFECYCLE_LOCK:
        left_started = _stop_inner(aws)
        _restore(aws)
    iam.collect(aws)
    passed = False
    try:
        if left_started and succeeded:
            # Only now: a body that raised keeps its own exception.
            raise RuntimeError(
                f"Patches must stop in the reverse order they started: {left_started}"
                " patch_boto3() started inside this one was still active. It is stopped"
                " now, unverified; stop the inner patch_boto3() first."
            )
        if aws._options.verify and succeeded:
            aws.verify()
        passed = True
    finally:
        if aws._cassette is not None:
            # Written only when the block succeeded and verification passed:
            # a failing test leaves the old cassette untouched.
            aws._cassette.finish(passed and succeeded and not aws._failures)


def _stop_inner(aws: State) -> int:
    """Stop, unverified, the patches started inside this one; return how many.

    Each patch restores what was there when it started, so restoring this
    one while an inner one is active would leave botocore patched.
    """
    count = 0
    while aws in _active and _active[-1] is not aws:
        stop(_active[-1], succeeded=False)
        count += 1
    return count


def swallowed_note(patches: Sequence[State], error: Optional[BaseException] = None) -> str:
    """What the code under test caught of awsmock's errors (``""``: nothing), ``error`` aside.

    ``error`` is the test's own failure: an awsmock error it is, or was raised
    from (the code wrapped it, or awsmock raised it again as a copy), was not
    swallowed, and its traceback shows it already.
    """
    failure = chain(error)
    caught = [
        e
        for aws in patches
        for e in aws.swallowed
        if not any(linked is e for linked in failure)
        and not any(linked is error for linked in chain(e))
    ]
    if not caught:
        return ""
    listed = "\n".join(f"{type(e).__name__}: {e}" for e in caught)
    return (
        f"awsmock: the code under test caught {plural(len(caught), 'error')} awsmock raised"
        f" while patched (it may be why this test failed):\n{listed}"
    )


def note_swallowed(error: BaseException, patches: Sequence[State]) -> None:
    """Add the swallowed awsmock errors to ``error``'s notes, shown with its traceback."""
    note = swallowed_note(patches, error)
    if not note:
        return
    notes = getattr(error, "__notes__", None)
    if isinstance(notes, list) and note in notes:
        return
    add_note = getattr(error, "add_note", None)
    if add_note is not None:  # Python 3.11+
        add_note(note)
    else:
        setattr(error, "__notes__", [*(notes or []), note])  # noqa: B010


