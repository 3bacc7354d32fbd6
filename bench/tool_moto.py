"""moto: a stateful in-process AWS. No queued responses: the state is the mock."""

from __future__ import annotations

from typing import Any, Dict, Optional, Set

from _common import BODY, BUCKET, KEY, Op, Tool, require


class MotoTool(Tool):
    name = "moto"
    import_name = "moto"
    distributions = ("moto",)
    slow = True
    pays_for = (
        "the whole real request path (validation, serialising, signing, an HTTP-shaped"
        " request), then a simulated service (parsing the request, updating its state,"
        " rendering XML/JSON) and botocore's response parsing"
    )
    quirks = (
        "intercepts only sessions created after 'import moto' (imported in load());"
        " nothing is queued: the first 'add' of a test creates the queue/bucket the"
        " calls read (inside each test's cycle, as a moto test must); SQS state grows"
        " with every message sent, so it runs fewer calls (see 'n')."
    )

    def __init__(self) -> None:
        self.mocker: Optional[Any] = None
        self.setup_client: Dict[str, Any] = {}

    def load(self) -> None:
        self.moto = require("moto")

    def start(self) -> None:
        self.mocker = self.moto.mock_aws()
        self.mocker.start()
        self.ready: Set[str] = set()

    def _setup_client(self, service: str) -> Any:
        client = self.setup_client.get(service)
        if client is None:
            client = self.setup_client[service] = self.new_client(service)
        return client

    def stop(self) -> None:
        if self.mocker is not None:
            self.mocker.stop()
            self.mocker = None

    def add(self, client: Any, op: Op, response: Dict[str, Any]) -> None:
        """moto's "registration": create, once per test, the state the call reads."""
        service = op[0]
        if service in self.ready:
            return
        self.ready.add(service)
        setup = self._setup_client(service)
        if service == "sqs":
            setup.create_queue(QueueName="bench")
        else:
            setup.create_bucket(Bucket=BUCKET)
            setup.put_object(Bucket=BUCKET, Key=KEY, Body=BODY)

    def response_for(self, op: Op) -> Dict[str, Any]:
        return {}


def tools() -> list[Tool]:
    return [MotoTool()]
