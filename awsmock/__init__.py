"""awsmock: queued, botocore-faithful responses for testing boto3 code."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._util import version as _version
from .errors import (
    AwsMockError,
    CassetteError,
    InvalidResponseError,
    LeakedPatchError,
    MatchError,
    MissingFailureError,
    NetworkBlockedError,
    ParamsMismatchError,
    UnassertedCallError,
    UnknownOperationError,
    UnmockedCallError,
    UnusedResponseError,
)

if TYPE_CHECKING:
    from unittest.mock import ANY

    from ._api.patch import AwsMock, patch_boto3
    from ._core.calls import Call, call
    from ._core.expect import Expectation
    from ._model.example import example
    from ._model.failures import failures
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
    "Expectation",
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
    "call",
    "example",
    "failures",
    "patch_boto3",
]


__version__ = _version.VERSION  # written once, in awsmock/_util/version.py

# Where each lazily imported public name lives. ``import awsmock`` imports
# neither botocore nor unittest.mock: the pytest plugin is a submodule, and an
# installed plugin must not import botocore at pytest's start-up.
_LAZY = {
    "ANY": ("unittest.mock", "ANY"),
    "AwsMock": ("awsmock._api.patch", "AwsMock"),
    "AwsMockFixture": ("awsmock._api.patch", "AwsMock"),
    "patch_boto3": ("awsmock._api.patch", "patch_boto3"),
    "Call": ("awsmock._core.calls", "Call"),
    "call": ("awsmock._core.calls", "call"),
    "example": ("awsmock._model.example", "example"),
    "failures": ("awsmock._model.failures", "failures"),
    # A module, and not in __all__: it imports Hypothesis, an optional extra.
    "strategies": ("awsmock.strategies", ""),
    "Expectation": ("awsmock._core.expect", "Expectation"),
    "AwsMockTestCase": ("awsmock.testcase", "AwsMockTestCase"),
    "AwsMockMixin": ("awsmock.testcase", "AwsMockMixin"),
}


def __getattr__(name: str) -> Any:
    where = _LAZY.get(name)
    if where is None:
        raise AttributeError(f"module 'awsmock' has no attribute {name!r}")
    module = importlib.import_module(where[0])
    value = getattr(module, where[1]) if where[1] else module
    globals()[name] = value  # once: later lookups are plain attribute reads
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
