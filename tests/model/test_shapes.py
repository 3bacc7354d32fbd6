"""The compiled response shaper gives what the full walk gives, or leaves the value to it.

``shape_response`` runs a shaper compiled per output shape and falls back
to the full walk (which converts the rest and words every error) when the
shaper is unsure. The shaper is only a fast path if both hold: what it
returns equals the full walk's result, and the responses tests queue do
not need the fallback.
"""

from __future__ import annotations

import datetime
from typing import Any, List

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awsmock import InvalidResponseError
from awsmock._model import shapes as _shapes
from awsmock._model.example import example
from awsmock._model.models import available_services, operation_info, service_model

from .._strategies import examples, sampled, values

OPERATIONS = [
    ("s3", "GetObject"),
    ("s3", "ListObjectsV2"),
    ("sqs", "ReceiveMessage"),
    ("dynamodb", "Query"),
    ("bedrock-runtime", "Converse"),
    ("ec2", "DescribeInstances"),
    ("cloudwatch", "GetMetricData"),
    ("lambda", "Invoke"),
    ("kinesis", "GetRecords"),
]


def full_walk(info: Any, body: Any, check: bool) -> Any:
    payload = info.streaming_member or ""
    return _shapes._shape_value(body, info.model.output_shape, "", check, payload)


@pytest.mark.parametrize("check", [True, False])
@pytest.mark.parametrize(("service", "operation"), OPERATIONS)
@settings(max_examples=examples(200), deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_the_shaper_returns_what_the_full_walk_returns(
    service: str, operation: str, check: bool, data: st.DataObject
) -> None:
    info = operation_info(service, operation)
    body = data.draw(values(info.model.output_shape))
    payload = info.streaming_member or ""
    shaper = _shapes.compile_shaper(info.model.output_shape, check, payload)
    try:
        shaped = shaper(body)
    except _shapes._Unsure:
        return  # the full walk's to convert or explain
    assert shaped == full_walk(info, body, check)
    if isinstance(body, dict):
        assert shaped is not body  # new containers: the test may change its dict


@pytest.mark.parametrize("service", sampled(available_services()))
def test_every_operations_example_takes_the_fast_path(service: str) -> None:
    rejected: List[str] = []
    for operation in service_model(service).operation_names:
        info = operation_info(service, operation)
        if info.model.output_shape is None:
            continue
        for full in (False, True):
            body = example(service, operation, full=full)
            body.pop("ResponseMetadata", None)
            for check in (True, False):
                shaper = _shapes.compile_shaper(
                    info.model.output_shape, check, info.streaming_member or ""
                )
                try:
                    assert shaper(body) == full_walk(info, body, check)
                except _shapes._Unsure:
                    rejected.append(f"{operation} (full={full}, check={check})")
    # Event streams are queued as lists of events: the full walk's to take apart.
    assert all(_has_event_stream(service, r.split(" ")[0]) for r in rejected), rejected


def _has_event_stream(service: str, operation: str) -> bool:
    members = operation_info(service, operation).model.output_shape.members.values()
    return any(member.serialization.get("eventstream") for member in members)


def test_what_the_shaper_is_unsure_of_still_converts() -> None:
    info = operation_info("s3", "GetObject")
    naive = datetime.datetime(2024, 1, 2, 3, 4, 5)
    shaped = _shapes.shape_response(info, {"LastModified": naive, "Body": "text"}, True)
    assert shaped["LastModified"] == naive.replace(tzinfo=datetime.timezone.utc)
    assert shaped["Body"] == b"text"


def test_what_the_shaper_is_unsure_of_still_fails_with_its_path() -> None:
    info = operation_info("sqs", "ReceiveMessage")
    with pytest.raises(InvalidResponseError, match=r"Messages\[0\]\.Body: expected str, got int"):
        _shapes.shape_response(info, {"Messages": [{"Body": 1}]}, True)


def test_a_map_key_that_is_not_a_string_still_fails() -> None:
    info = operation_info("sqs", "ReceiveMessage")
    with pytest.raises(InvalidResponseError, match=r"Messages\[0\].Attributes: keys must be"):
        _shapes.shape_response(info, {"Messages": [{"Attributes": {1: "x"}}]}, True)
