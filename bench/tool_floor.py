"""The floor: a bare ``mock.patch.object(BaseClient, "_make_api_call", return_value=...)``."""

from __future__ import annotations

from typing import Any, Dict, Optional
from unittest import mock

from _common import Op, Tool


class FloorTool(Tool):
    name = "floor"
    import_name = "unittest.mock"
    pays_for = (
        "one MagicMock call: no events, no validation, no copy, no ResponseMetadata;"
        " every call returns the same object (a GetObject body can be read once)"
    )
    quirks = "the baseline every ratio is taken to; it checks nothing."

    def __init__(self) -> None:
        self.patcher: Optional[Any] = None
        self.mock: Optional[mock.MagicMock] = None

    def start(self) -> None:
        from botocore.client import BaseClient

        self.patcher = mock.patch.object(BaseClient, "_make_api_call", return_value={})
        self.mock = self.patcher.start()

    def stop(self) -> None:
        if self.patcher is not None:
            self.patcher.stop()
            self.patcher = None

    def add(self, client: Any, op: Op, response: Dict[str, Any]) -> None:
        self.mock.return_value = response  # type: ignore[union-attr]

    def assertions(self, op: Op, count: int) -> None:
        if self.mock.call_count != count:  # type: ignore[union-attr]
            raise AssertionError(f"floor: {self.mock.call_count} calls, expected {count}")


def tools() -> list[Tool]:
    return [FloorTool()]
