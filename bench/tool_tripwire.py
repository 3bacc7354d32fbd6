"""pytest-tripwire's Boto3Plugin, driven the way its pytest fixture drives it."""

from __future__ import annotations

from typing import Any, Dict, Optional

from _common import Op, Tool, require


class TripwireTool(Tool):
    name = "tripwire"
    import_name = "tripwire"
    distributions = ("pytest-tripwire",)
    pays_for = (
        "a formatted stack trace captured per registration, a sandbox that activates"
        " every tripwire plugin (sockets, DNS, files, subprocess ...), a recorded"
        " Interaction per call, and an assertion per call that scans the timeline"
        " from the start (quadratic); responses returned as given, unchecked"
    )
    quirks = (
        "a pytest plugin (pytest11 entry point) that blocks boto3 calls outside its"
        " sandbox: never install it in the test venv. Outside pytest, a StrictVerifier"
        " is made per test as its fixture does (_suppress_direct_warning), calls run in"
        " verifier.sandbox(), every call must be asserted after the sandbox exits."
    )

    def __init__(self) -> None:
        self.verifier: Optional[Any] = None
        self.plugin: Optional[Any] = None
        self.sandbox: Optional[Any] = None

    def load(self) -> None:
        require("tripwire")
        from tripwire import StrictVerifier
        from tripwire._context import _current_test_verifier
        from tripwire.plugins.boto3_plugin import Boto3Plugin

        self.StrictVerifier = StrictVerifier
        self.current = _current_test_verifier
        self.Boto3Plugin = Boto3Plugin

    def start(self) -> None:
        self.StrictVerifier._suppress_direct_warning = True
        try:
            verifier = self.StrictVerifier()
        finally:
            self.StrictVerifier._suppress_direct_warning = False
        self.token = self.current.set(verifier)
        self.verifier = verifier
        self.plugin = next(p for p in verifier._plugins if isinstance(p, self.Boto3Plugin))

    def stop(self) -> None:
        if self.verifier is not None:
            verifier = self.verifier
            self.after_calls()
            self.current.reset(self.token)
            self.verifier = self.plugin = None
            verifier.verify_all()

    def add(self, client: Any, op: Op, response: Dict[str, Any]) -> None:
        self.plugin.mock_call(op[0], op[1], returns=response)  # type: ignore[union-attr]

    def before_calls(self) -> None:
        self.sandbox = self.verifier.sandbox()  # type: ignore[union-attr]
        self.sandbox.__enter__()

    def after_calls(self) -> None:
        if self.sandbox is not None:
            self.sandbox.__exit__(None, None, None)
            self.sandbox = None

    def assertions(self, op: Op, count: int) -> None:
        plugin = self.plugin
        for _ in range(count):
            plugin.assert_boto3_call(op[0], op[1], params=op[3])  # type: ignore[union-attr]

    def check(self) -> None:
        self.verifier.verify_all()  # type: ignore[union-attr]


def tools() -> list[Tool]:
    return [TripwireTool()]
