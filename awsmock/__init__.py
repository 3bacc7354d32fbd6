"""awsmock: queued, botocore-faithful responses for testing boto3 code."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._calls import Call, call
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

if TYPE_CHECKING:
    from unittest.mock import ANY

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


def __getattr__(name: str) -> Any:
    # Imported on first use, to keep ``import awsmock`` fast: ANY is
    # unittest.mock's own object (unittest.mock imports asyncio), and the
    # TestCase classes need unittest.
    if name == "ANY":
        from unittest.mock import ANY

        return ANY
    if name in ("AwsMockTestCase", "AwsMockMixin"):
        from . import testcase

        return getattr(testcase, name)
    raise AttributeError(f"module 'awsmock' has no attribute {name!r}")
