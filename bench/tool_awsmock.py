"""awsmock, with full fidelity (validate=True) and on its fast path (validate=False)."""

from __future__ import annotations

from typing import Any, Dict, Optional

from _common import BODY, GET_OBJECT, SQS_RESPONSE, Op, Tool, require


class AwsMockTool(Tool):
    import_name = "awsmock"
    distributions = ("awsmock",)
    quirks = "none: hermetic=True and verify=True (the defaults) are included."

    def __init__(self, validate: bool) -> None:
        self.validate = validate
        self.name = f"awsmock validate={validate}"
        if validate:
            self.pays_for = (
                "the client's parameter events and botocore's param validation, after-call"
                " events, a checked response template copied per call (ResponseMetadata,"
                " StreamingBody, datetimes), a Call record, MagicMock bookkeeping"
            )
        else:
            self.pays_for = (
                "a response template copied per call (ResponseMetadata, StreamingBody,"
                " datetimes), a Call record, MagicMock bookkeeping; no events, no validation"
            )
        self.aws: Optional[Any] = None

    def load(self) -> None:
        self.awsmock = require("awsmock")

    def start(self) -> None:
        self.aws = self.awsmock.patch_boto3(validate=self.validate).start()

    def stop(self) -> None:
        if self.aws is not None:
            self.aws.stop()
            self.aws = None

    def add(self, client: Any, op: Op, response: Dict[str, Any]) -> None:
        self.aws.add_response(op[0], op[1], response)  # type: ignore[union-attr]

    def check(self) -> None:
        self.aws.verify()  # type: ignore[union-attr]

    def response_for(self, op: Op) -> Dict[str, Any]:
        if op is GET_OBJECT:
            return {"Body": BODY, "ContentLength": len(BODY), "ETag": '"abc"'}
        return dict(SQS_RESPONSE)


def tools() -> list[Tool]:
    return [AwsMockTool(validate=True), AwsMockTool(validate=False)]
