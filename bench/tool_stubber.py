"""botocore's own ``Stubber``: per-client, activated per test."""

from __future__ import annotations

from typing import Any, Dict, List

from _common import Op, Tool


class StubberTool(Tool):
    name = "Stubber"
    import_name = "botocore.stub"
    distributions = ("botocore",)
    pays_for = (
        "the whole real request path except sending: param validation, serialising the"
        " request, endpoint resolution, building and signing-related events, then the"
        " stubbed response checked against the output shape (min/max too) on add"
    )
    quirks = (
        "attaches to one client, not to boto3: 'client creation while patched' does not"
        " apply; responses are returned as given (no ResponseMetadata copy), so a"
        " GetObject test must build a fresh StreamingBody per response."
    )
    patches_globally = False

    def __init__(self) -> None:
        self.stubbers: List[Any] = []
        self.active: Dict[int, Any] = {}
        self.started = False

    def load(self) -> None:
        from botocore.stub import Stubber

        self.Stubber = Stubber

    def start(self) -> None:
        self.started = True
        for stubber in self.stubbers:
            stubber.activate()

    def stop(self) -> None:
        for stubber in self.stubbers:
            stubber.deactivate()
            stubber.assert_no_pending_responses()
        self.started = False

    def new_client(self, service: str) -> Any:
        client = super().new_client(service)
        stubber = self.Stubber(client)
        self.stubbers.append(stubber)
        self.active[id(client)] = stubber
        if self.started:
            stubber.activate()
        return client

    def add(self, client: Any, op: Op, response: Dict[str, Any]) -> None:
        self.active[id(client)].add_response(op[2], response)

    def check(self) -> None:
        for stubber in self.stubbers:
            stubber.assert_no_pending_responses()


def tools() -> list[Tool]:
    return [StubberTool()]
