"""awsmock: queued, botocore-faithful responses for testing boto3 code."""

from __future__ import annotations

from ._calls import ANY, Call, call
from ._patch import AwsMock, patch_boto3
from .errors import (
    AwsMockError,
    CassetteError,
    InvalidResponseError,
    NetworkBlockedError,
    ParamsMismatchError,
    UnassertedCallError,
    UnknownOperationError,
    UnmockedCallError,
    UnusedResponseError,
)
from .testcase import AwsMockMixin, AwsMockTestCase

#: The type of the pytest ``awsmock`` fixture, for annotations.
AwsMockFixture = AwsMock

__all__ = [
    "ANY",
    "AwsMock",
    "AwsMockError",
    "AwsMockFixture",
    "AwsMockMixin",
    "AwsMockTestCase",
    "Call",
    "CassetteError",
    "InvalidResponseError",
    "NetworkBlockedError",
    "ParamsMismatchError",
    "UnassertedCallError",
    "UnknownOperationError",
    "UnmockedCallError",
    "UnusedResponseError",
    "call",
    "patch_boto3",
]

__version__ = "0.1.0"
