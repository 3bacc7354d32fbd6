"""Record and replay (cassettes). Being built: see issue 4."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._calls import Call
    from ._patch import AwsMock


class Cassette:
    """Interface the core calls; the implementation lands with issue 4."""

    recording: bool = False

    def __init__(self, aws: AwsMock) -> None:
        self.aws = aws

    def start(self) -> None:
        raise NotImplementedError("cassettes are not implemented yet")

    def record(self, call: Call) -> None:
        raise NotImplementedError("cassettes are not implemented yet")

    def stop(self, succeeded: bool) -> None:
        raise NotImplementedError("cassettes are not implemented yet")
