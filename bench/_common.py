"""What every benchmarked tool implements, and the data the workloads use.

Each tool (awsmock and the anchors) is a small adapter with the same verbs, so
``run.py`` drives all of them through exactly the same work:

- ``start()`` / ``stop()``: enter and leave the tool's patched state, as one
  test would (``stop()`` includes the tool's own end-of-test verification);
- ``client(service)``: a client the tool can serve (created once per run,
  before the patch starts, like a module-level client in application code);
- ``add(client, op, response)``: queue one response;
- ``before_calls()`` / ``after_calls()``: tripwire's sandbox (calls must run
  inside it, assertions outside); a no-op for the others;
- ``assertions(op, count)``: what the test author must write after the calls
  for the tool to pass (tripwire: assert every interaction);
- ``check()``: the tool's own end-of-test verification, run while still
  patched (the per-call workloads time it; the per-test cycle gets it from
  ``stop()``).
"""

from __future__ import annotations

import io
import os
from typing import Any, Dict, List, Tuple

QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/123456789012/bench"
BUCKET = "bench-bucket"
KEY = "data.bin"
BODY = b"x" * 1024

SQS_PARAMS: Dict[str, Any] = {"QueueUrl": QUEUE_URL, "MessageBody": "hello"}
SQS_RESPONSE: Dict[str, Any] = {
    "MessageId": "5fea7756-0ea4-451a-a703-a558b933e274",
    "MD5OfMessageBody": "5d41402abc4b2a76b9719d911017c592",
}
S3_PARAMS: Dict[str, Any] = {"Bucket": BUCKET, "Key": KEY}


def s3_response(streaming: bool) -> Dict[str, Any]:
    """A GetObject response; tools that hand back what they were given need a fresh stream."""
    body: Any = BODY
    if streaming:
        from botocore.response import StreamingBody

        body = StreamingBody(io.BytesIO(BODY), len(BODY))
    return {"Body": body, "ContentLength": len(BODY), "ETag": '"abc"'}


# (service, operation, client method, params) for each per-call workload.
Op = Tuple[str, str, str, Dict[str, Any]]
SEND_MESSAGE: Op = ("sqs", "SendMessage", "send_message", SQS_PARAMS)
GET_OBJECT: Op = ("s3", "GetObject", "get_object", S3_PARAMS)

# Set before any client exists, identical for every tool and for the
# unpatched baseline: no credential lookup may reach the network.
FAKE_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_EC2_METADATA_DISABLED": "true",
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
}


class Skipped(Exception):
    """The tool cannot run here (not installed); the reason goes in the table."""


class Tool:
    """One benchmarked tool. Subclasses override the verbs they need."""

    name = "?"
    #: importable module whose import cost is measured (over botocore.client)
    import_name = ""
    #: pip distribution(s) whose version is reported
    distributions: Tuple[str, ...] = ()
    #: one line on what this tool does per call, for the README and the JSON
    pays_for = ""
    #: the tool's quirks the adapter works around
    quirks = ""
    #: whether client creation "while patched" means anything for this tool
    patches_globally = True
    #: milliseconds per call: fewer tests, calls for memory, and a smaller growth size
    slow = False

    def load(self) -> None:
        """Import what the tool needs; raise Skipped if it is not installed."""

    def start(self) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def client(self, service: str) -> Any:
        """One client per service for the whole run, made before any patch starts."""
        clients = self.__dict__.setdefault("_clients", {})
        if service not in clients:
            clients[service] = self.new_client(service)
        return clients[service]

    def new_client(self, service: str) -> Any:
        import boto3

        return boto3.client(service, region_name="us-east-1")

    def add(self, client: Any, op: Op, response: Dict[str, Any]) -> None:
        raise NotImplementedError

    def before_calls(self) -> None:
        """Right before the code under test runs."""

    def after_calls(self) -> None:
        """Right after the code under test ran."""

    def assertions(self, op: Op, count: int) -> None:
        """The assertions a test must make after ``count`` calls of ``op``."""

    def check(self) -> None:
        """The tool's end-of-test verification, without stopping."""

    def response_for(self, op: Op) -> Dict[str, Any]:
        """The response a test would register for ``op`` with this tool."""
        if op is GET_OBJECT:
            return s3_response(streaming=True)
        return dict(SQS_RESPONSE)


def require(module: str) -> Any:
    """Import ``module`` or raise Skipped("not installed")."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise Skipped("not installed") from None


def names(tools: List[Tool]) -> List[str]:
    return [t.name for t in tools]
