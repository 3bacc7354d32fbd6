"""Stopping patches at the end of a test that a runner (unittest, pytest) ran.

Shared by the TestCase mixin and the pytest plugin: verify only if the test
passed so far (each failure is reported once), end a failure's traceback at
the user's line, and catch a patch a test started and never stopped before
it breaks the next, unrelated test.
"""

from __future__ import annotations

from typing import Sequence

from .._util.messages import docs, plural
from .._util.traceback import trim
from ..errors import AwsMockError, LeakedPatchError
from .lifecycle import active_patches, stop
from .patch import AwsMock
from .state import State

__unittest = True


def stop_for_runner(aws: AwsMock, succeeded: bool) -> None:
    """Stop ``aws`` at the end of a test (or class): verify only if it passed."""
    __tracebackhide__ = True
    try:
        aws.stop(succeeded=succeeded)
    except AwsMockError as error:
        trim(error)
        raise


def stop_leaked(started: Sequence[State], test: str) -> None:
    """Stop those of the patches ``test`` started that are still active, and fail it."""
    __tracebackhide__ = True
    leaked = [aws for aws in active_patches() if aws in started]
    if not leaked:
        return
    for aws in reversed(leaked):
        stop(aws, succeeded=False)
    raise LeakedPatchError(
        f"{test} started {plural(len(leaked), 'patch_boto3()', 'patch_boto3() patches')} and"
        " did not stop it; awsmock stopped it now, unverified, so the next test runs"
        " unpatched. Use `with patch_boto3() as aws:`, the awsmock fixture, or call"
        " aws.stop() (in a finally: block or with addCleanup)."
        f" {docs('errors.html#leakedpatcherror')}"
    )
