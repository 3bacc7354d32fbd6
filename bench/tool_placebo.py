"""placebo: responses saved as JSON files, replayed through a ``before-call`` hook."""

from __future__ import annotations

import contextlib
import io
import shutil
import tempfile
from typing import Any, Dict, Optional

from _common import Op, Tool, require


class PlaceboTool(Tool):
    name = "placebo"
    import_name = "placebo"
    distributions = ("placebo",)
    slow = True
    pays_for = (
        "the real request path up to sending (validation, serialising, endpoint"
        " resolution), a JSON file written per registered response (after a glob of"
        " the data directory) and read back and decoded per call; after-call events"
    )
    quirks = (
        "attaches to a session, and sees only clients created after attach(): the pill"
        " is attached to boto3's default session once, each test gets a fresh data"
        " directory; serializer.serialize() print()s two debug lines per non-JSON value"
        " saved (a GetObject Body), silenced here with redirect_stdout; it wraps around"
        " to the first response when the files run out and has no verification."
    )

    def __init__(self) -> None:
        self.pill: Optional[Any] = None
        self.directory: Optional[str] = None

    def load(self) -> None:
        self.placebo = require("placebo")
        import boto3

        boto3.setup_default_session()
        self.session = boto3.DEFAULT_SESSION
        self.pill = self.placebo.attach(self.session, data_path=tempfile.gettempdir())

    def new_client(self, service: str) -> Any:
        return self.session.client(service, region_name="us-east-1")

    def create_client(self) -> Any:
        """boto3.client("s3") on the attached session (placebo hooks client creation)."""
        return self.session.client("s3")

    def start(self) -> None:
        pill = self.pill
        self.directory = tempfile.mkdtemp(prefix="bench-placebo-")
        pill._data_path = self.directory  # a fresh data directory per test
        pill._index = {}
        pill.playback()

    def stop(self) -> None:
        if self.directory is not None:
            self.pill.stop()  # type: ignore[union-attr]
            shutil.rmtree(self.directory, ignore_errors=True)
            self.directory = None

    def add(self, client: Any, op: Op, response: Dict[str, Any]) -> None:
        with contextlib.redirect_stdout(io.StringIO()):
            self.pill.save_response(op[0], op[1], response)  # type: ignore[union-attr]


def tools() -> list[Tool]:
    return [PlaceboTool()]
