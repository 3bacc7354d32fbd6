"""Generated params and responses pass awsmock's checks and reach the code through real clients.

The default run (about 10 s of CPU) draws two examples per operation of the
twelve most used services, params and response, through a real client; and
one response for every 32nd operation of every service (each service's
first among them). ``AWSMOCK_EXHAUSTIVE=1`` runs the full check: 100 per
operation of the twelve, one for every operation of every service (about
100 s of CPU).
"""

from __future__ import annotations

import os
from typing import Any, Callable, Dict, List

import pytest
from botocore import xform_name
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from awsmock import patch_boto3, strategies
from awsmock._model.models import MOST_USED_SERVICES, available_services, service_model
from tests._sessions import client

EXHAUSTIVE = os.environ.get("AWSMOCK_EXHAUSTIVE") == "1"
EXAMPLES = 100 if EXHAUSTIVE else 2
TWELVE = list(MOST_USED_SERVICES)
QUICK = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


_clients: Dict[str, Any] = {}


def real_client(service: str) -> Any:
    if service not in _clients:
        _clients[service] = client(service, region_name="us-east-1")
    return _clients[service]


def chunks(items: List[str], size: int = 12) -> List[List[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


@pytest.mark.parametrize("service", TWELVE)
def test_every_operation_of_the_twelve_reaches_the_code(service: str) -> None:
    """For each operation: params and a response drawn, queued, called through a real client.

    One Hypothesis run per dozen operations (a run per operation would cost
    more than the drawing): each example draws for each of the dozen.
    """
    aws_client = real_client(service)
    for chunk in chunks(service_model(service).operation_names):
        cases = [
            (
                operation,
                getattr(aws_client, xform_name(operation)),
                strategies.params(service, operation),
                strategies.response(service, operation),
            )
            for operation in chunk
        ]
        through_the_client(service, cases)()


def through_the_client(service: str, cases: List[Any]) -> Callable[[], None]:
    @QUICK
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        with patch_boto3() as aws:
            for operation, method, params, response in cases:
                drawn = data.draw(response, label=operation)
                aws.add_response(service, operation, drawn)
                got = method(**data.draw(params, label=f"{operation} params"))
                assert set(drawn) <= set(got)

    return check


# Every operation of every service (17,000) is about 30 s of drawing: the
# default run takes every 32nd operation of each service, and the
# exhaustive run all of them.
STRIDE = 1 if EXHAUSTIVE else 32
ONCE = settings(QUICK, max_examples=1, phases=[Phase.generate])


@pytest.mark.parametrize("first", ["a", "c", "e", "i", "m", "p", "s"])
def test_every_service_generates_responses_add_response_accepts(first: str) -> None:
    """One response per operation (per 32nd operation by default), queued and checked."""
    following = {"a": "c", "c": "e", "e": "i", "i": "m", "m": "p", "p": "s", "s": "{"}[first]
    services = [s for s in available_services() if first <= s < following]
    picked = [(s, op) for s in services for op in service_model(s).operation_names[::STRIDE]]
    with patch_boto3() as aws:
        for chunk in [picked[i : i + 40] for i in range(0, len(picked), 40)]:
            cases = [(s, op, strategies.response(s, op)) for s, op in chunk]
            queued_once(aws, cases)()


def queued_once(aws: Any, cases: List[Any]) -> Callable[[], None]:
    @ONCE
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        for service, operation, response in cases:
            aws.add_response(service, operation, data.draw(response), required=False)

    return check
