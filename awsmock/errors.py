"""The exceptions awsmock raises.

Two families, kept apart on purpose:

* mistakes in the test itself (an unknown operation, a malformed response, a
  bad option) are ``ValueError``/``TypeError`` subclasses raised at the line
  that made them;
* test failures (an unmocked call, a params mismatch, unused responses) are
  ``AssertionError`` subclasses, so code under test that catches botocore's
  errors (``ClientError``, ``BotoCoreError``) never swallows them by accident,
  and every runner reports them as failures.
"""

from __future__ import annotations

__all__ = [
    "AwsMockError",
    "CassetteError",
    "InvalidResponseError",
    "LeakedPatchError",
    "MatchError",
    "MissingFailureError",
    "NetworkBlockedError",
    "ParamsMismatchError",
    "UnassertedCallError",
    "UnknownOperationError",
    "UnmockedCallError",
    "UnusedResponseError",
]


class AwsMockError(Exception):
    """Base class of every exception awsmock raises itself."""


class UnknownOperationError(AwsMockError, ValueError):
    """A service or operation name botocore does not know."""


class InvalidResponseError(AwsMockError, ValueError):
    """A queued response that does not fit the operation's output shape."""


class CassetteError(AwsMockError, ValueError):
    """A cassette file that is missing, corrupt, or of an unknown version."""


class UnmockedCallError(AwsMockError, AssertionError):
    """An AWS call was made with nothing queued for it."""


class ParamsMismatchError(AwsMockError, AssertionError):
    """An AWS call's params differ from the queued response's expected_params."""


class MatchError(AwsMockError, AssertionError):
    """A ``match=`` callable raised while a call's entry was being chosen."""


class UnusedResponseError(AwsMockError, AssertionError):
    """Required responses were still queued when the patch stopped."""


class UnassertedCallError(AwsMockError, AssertionError):
    """strict=True: calls were made that no assertion looked at."""


class MissingFailureError(AwsMockError, AssertionError):
    """``aws.expect_failure()`` expected an awsmock error inside its block; none was raised."""


class LeakedPatchError(AwsMockError, AssertionError):
    """A test started ``patch_boto3()`` and never stopped it; awsmock stopped it."""


class NetworkBlockedError(AwsMockError, AssertionError):
    """Something tried to send an HTTP request while AWS was patched.

    Deliberately not a botocore ``HTTPClientError``: botocore's retry handler
    would retry those, and the code under test could catch it as a network
    blip.
    """
