"""What one mocked call gets (awsmock/_core/callpath.py): expected_params checked."""

from __future__ import annotations

import asyncio
import inspect
from typing import Any, Dict
from unittest import mock

import botocore
import botocore.client
import botocore.config
import botocore.stub
import pytest
from botocore.exceptions import ClientError

from awsmock import (
    InvalidResponseError,
    ParamsMismatchError,
    UnmockedCallError,
    UnusedResponseError,
    patch_boto3,
)
from awsmock._util.messages import docs

from .._frames import visible
from .._sessions import client


def next_line() -> str:
    """``file:line`` of the line after the caller's: where a response gets queued."""
    frame = inspect.currentframe().f_back  # type: ignore[union-attr]
    return f"{frame.f_code.co_filename}:{frame.f_lineno + 1}"  # type: ignore[union-attr]


def test_a_params_mismatch_keeps_the_response_queued() -> None:
    # As botocore's Stubber: the response waits for the call it expects.
    aws = patch_boto3().start()
    try:
        aws.add_response(
            "s3", "GetObject", {"Body": b"right"}, expected_params={"Bucket": "b", "Key": "k"}
        )
        s3 = client("s3")
        with pytest.raises(ParamsMismatchError):
            s3.get_object(Bucket="b", Key="wrong")
        assert s3.get_object(Bucket="b", Key="k")["Body"].read() == b"right"
    finally:
        aws.stop(succeeded=False)
    assert [c.params["Key"] for c in aws.calls] == ["wrong", "k"]


def test_a_mismatched_response_is_still_unused_at_verification() -> None:
    aws = patch_boto3().start()
    try:
        aws.add_response(
            "sqs",
            "SendMessage",
            {"MessageId": "m"},
            times=2,
            expected_params={"QueueUrl": "q", "MessageBody": "x"},
        )
        with pytest.raises(ParamsMismatchError):
            client("sqs").send_message(QueueUrl="q", MessageBody="y")
        with pytest.raises(UnusedResponseError, match=r"sqs\.SendMessage, 2 more times, added at"):
            aws.assert_all_responses_used()
    finally:
        aws.stop(succeeded=False)


@pytest.mark.parametrize("any_value", [mock.ANY, botocore.stub.ANY], ids=["mock", "botocore"])
def test_values_any_matched_are_not_shown_as_differences(any_value: Any) -> None:
    expected = {"Bucket": "b", "Key": any_value, "Body": b"x"}
    with patch_boto3(verify=False) as aws:
        where = next_line()
        aws.add_response("s3", "PutObject", {}, expected_params=expected)
        with pytest.raises(ParamsMismatchError) as excinfo:
            client("s3").put_object(Bucket="other", Key="2024/05/01.csv", Body=b"x")
    assert excinfo.value.args == (
        "s3.PutObject(Bucket='other', Key='2024/05/01.csv', Body=b'x') does not match the"
        f" expected_params of the response queued at {where}.\n"
        "Differences (- expected, + actual):\n"
        "  - {'Body': b'x', 'Bucket': 'b', 'Key': '2024/05/01.csv'}\n"
        "  + {'Body': b'x', 'Bucket': 'other', 'Key': '2024/05/01.csv'}\n"
        "See https://awsmock.readthedocs.io/en/v0.3.0/errors.html#paramsmismatcherror",
    )


NAN_DATA = {"Namespace": "app", "MetricData": [{"MetricName": "latency", "Value": float("nan")}]}


def test_nan_in_expected_params_matches_nan() -> None:
    with patch_boto3() as aws:
        aws.add_response("cloudwatch", "PutMetricData", {}, expected_params=NAN_DATA)
        # A NaN of its own: float("nan") != float("nan"), and they are not one object.
        data = [{"MetricName": "latency", "Value": float("nan")}]
        client("cloudwatch").put_metric_data(Namespace="app", MetricData=data)
    assert aws.calls[0].exception is None


def metric(value: float) -> Dict[str, Any]:
    return {"Namespace": "app", "MetricData": [{"MetricName": "latency", "Value": value}]}


@pytest.mark.parametrize(
    ("operation", "expected", "made"),
    [
        # A NaN equals only a NaN, and numbers still compare.
        ("PutMetricData", metric(1.0), metric(float("nan"))),
        ("PutMetricData", metric(float("nan")), metric(1.0)),
        ("PutMetricData", metric(1.0), metric(2.0)),
        # A list is not a string of the same length, nor a longer list.
        ("GetObject", {"Bucket": "b", "Key": ["k"]}, {"Bucket": "b", "Key": "k"}),
        ("GetObject", {"Bucket": "b", "Key": ("k",)}, {"Bucket": "b", "Key": "k"}),
        ("GetObject", {"Bucket": "b", "Key": {"k": "k"}}, {"Bucket": "b", "Key": "k"}),
        (
            "DeleteObjects",
            {"Bucket": "b", "Delete": {"Objects": [{"Key": "a"}]}},
            {"Bucket": "b", "Delete": {"Objects": [{"Key": "a"}, {"Key": "b"}]}},
        ),
    ],
)
def test_expected_params_that_differ_fail_the_call(
    operation: str, expected: Dict[str, Any], made: Dict[str, Any]
) -> None:
    service = "cloudwatch" if operation == "PutMetricData" else "s3"
    with pytest.raises(ParamsMismatchError), patch_boto3(verify=False) as aws:
        aws.add_response(service, operation, {}, expected_params=expected)
        getattr(client(service), botocore.xform_name(operation))(**made)


@pytest.mark.parametrize(("produced", "shown"), [(None, "NoneType"), ([{"Body": b"x"}], "list")])
def test_a_response_callable_must_return_a_dict(produced: Any, shown: str) -> None:
    with pytest.raises(InvalidResponseError) as excinfo, patch_boto3() as aws:
        where = next_line()
        aws.add_response("s3", "GetObject", lambda params: produced)
        client("s3").get_object(Bucket="b", Key="k")
    assert excinfo.value.args == (
        f"The response callable queued at {where} for s3.GetObject returned {shown}, not a dict.",
    )


def test_an_awaitable_with_nothing_to_close_is_refused_for_a_sync_client() -> None:
    # A Future (a Task) is awaitable but has no close(), unlike a coroutine.
    loop = asyncio.new_event_loop()
    try:
        with pytest.raises(InvalidResponseError) as excinfo, patch_boto3() as aws:
            aws.add_response("s3", "GetObject", lambda params: loop.create_future())
            client("s3").get_object(Bucket="b", Key="k")
    finally:
        loop.close()
    assert "is async, but a synchronous client (boto3/botocore) made the call" in str(
        excinfo.value
    )


def test_an_invalid_response_hides_the_call_path() -> None:
    with pytest.raises(InvalidResponseError) as excinfo, patch_boto3() as aws:
        aws.add_response("s3", "GetObject", lambda params: {"NoSuchMember": 1})
        client("s3").get_object(Bucket="b", Key="k")
    assert in_call_path(excinfo) == []


def test_a_params_mismatch_counts_once_on_aws_mock() -> None:
    # Through aws.mock the call is the mock's own call: recording it must not count it again.
    with pytest.raises(ParamsMismatchError), patch_boto3() as aws:
        api_mock = aws.mock
        aws.add_response("s3", "GetObject", {}, expected_params={"Bucket": "b", "Key": "k"})
        client("s3").get_object(Bucket="b", Key="other")
    assert api_mock is not None and api_mock.call_count == 1
    assert len(aws.calls) == 1


def _error_class(s3: Any) -> str:
    """The class ``s3.get_object`` raises while an after-call handler sets the error's code."""

    def override(context: Dict[str, Any], **kwargs: Any) -> None:
        context["error_code_override"] = "NoSuchBucket"

    s3.meta.events.register("after-call.s3.GetObject", override)
    with pytest.raises(ClientError) as excinfo:
        s3.get_object(Bucket="b", Key="k")
    return type(excinfo.value).__name__


def test_an_error_code_set_by_an_after_call_handler_picks_the_class_as_botocore_does() -> None:
    # botocore >= 1.37 takes the code from the context (its SQS handler puts
    # the query error code there); older releases do not look there.
    stubbed = client("s3")
    with botocore.stub.Stubber(stubbed) as stubber:
        stubber.add_client_error("get_object", "NoSuchKey", http_status_code=404)
        by_botocore = _error_class(stubbed)
    with patch_boto3() as aws:
        aws.add_client_error("s3", "GetObject", "NoSuchKey", http_status_code=404)
        assert _error_class(client("s3")) == by_botocore


def never(call: Any) -> bool:
    return False


def test_a_call_no_queued_match_accepts_is_told_with_what_differs() -> None:
    aws = patch_boto3().start()
    try:
        where = next_line()
        aws.add_response("s3", "GetObject", {}, match={"Key": "a"}, region="eu-west-1", times=2)
        never_where = next_line()
        aws.add_response("s3", "GetObject", {}, match=never)
        s3 = client("s3")
        with pytest.raises(UnmockedCallError) as excinfo:
            s3.get_object(Bucket="b", Key="k")
    finally:
        aws.stop(succeeded=False)
    region = s3.meta.region_name
    assert excinfo.value.args == (
        "s3.GetObject(Bucket='b', Key='k') was called, but no queued response matches it.\n"
        "Queued for s3.GetObject, and what differs:\n"
        f"- s3.GetObject (match {{'Key': 'a'}}, region 'eu-west-1'), 2 more times,"
        f" queued at {where}:\n"
        f"    region: expected 'eu-west-1', got {region!r}\n"
        "    Key: expected 'a', got 'k'\n"
        f"- s3.GetObject (match never), queued at {never_where}:\n"
        "    match: never did not accept the call\n"
        "Queue a response that matches with:\n"
        '    aws.add_response("s3", "GetObject", {...}, match={...})\n'
        "For {...}, print an example response with: python -m awsmock example s3 GetObject\n"
        f"{docs('errors.html#unmockedcallerror')}",
    )


def test_an_unmocked_retry_hides_the_call_path() -> None:
    aws = patch_boto3(retries=True).start()
    try:
        aws.add_client_error("sqs", "ListQueues", "ThrottlingException", http_status_code=400)
        with pytest.raises(UnmockedCallError) as excinfo:
            client("sqs").list_queues()
    finally:
        aws.stop(succeeded=False)
    assert [e for e in visible(excinfo) if str(e.path).endswith("_core/callpath.py")] == []


def in_call_path(excinfo: Any) -> list[Any]:
    """The traceback entries pytest would show that are in the call path's module."""
    return [e for e in visible(excinfo) if str(e.path).endswith("_core/callpath.py")]


def test_an_unmocked_first_attempt_hides_the_call_path() -> None:
    aws = patch_boto3(retries=True).start()
    try:
        with pytest.raises(UnmockedCallError) as excinfo:
            client("sqs").list_queues()
    finally:
        aws.stop(succeeded=False)
    assert in_call_path(excinfo) == []


@pytest.mark.parametrize("retries", [False, True])
def test_a_queued_error_hides_the_call_path(retries: bool) -> None:
    with patch_boto3(retries=retries) as aws:
        aws.add_client_error("s3", "GetObject", "NoSuchKey", http_status_code=404)
        s3 = client("s3")
        with pytest.raises(s3.exceptions.NoSuchKey) as excinfo:
            s3.get_object(Bucket="b", Key="k")
    assert in_call_path(excinfo) == []


def test_the_last_attempts_exception_hides_the_call_path() -> None:
    # A queued exception the standard retry mode does not retry: raised once
    # the attempts concluded (the legacy mode's handler raises it itself).
    standard = botocore.config.Config(retries={"mode": "standard"})
    with patch_boto3(retries=True) as aws:
        aws.add_exception("s3", "GetObject", ValueError("broken"))
        with pytest.raises(ValueError, match="broken") as excinfo:
            client("s3", config=standard).get_object(Bucket="b", Key="k")
    assert in_call_path(excinfo) == []
    assert aws.calls[0].attempts == 1


def test_a_call_run_with_retries_records_the_client_that_made_it() -> None:
    with patch_boto3(retries=True) as aws:
        aws.add_response("sqs", "ListQueues", {})
        sqs = client("sqs")
        sqs.list_queues()
    assert aws.calls[0].client is sqs


DENY_ALL = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}],
}


def test_a_denied_call_hides_the_call_path() -> None:
    with patch_boto3(iam_policy=DENY_ALL):
        s3 = client("s3")
        with pytest.raises(s3.exceptions.ClientError) as excinfo:
            s3.list_buckets()
    assert excinfo.value.response["Error"]["Code"] == "AccessDenied"
    assert in_call_path(excinfo) == []


def test_a_denied_call_counts_once_on_aws_mock() -> None:
    # Through aws.mock the call is the mock's own call: recording it must not count it again.
    with patch_boto3(iam_policy=DENY_ALL) as aws:
        api_mock = aws.mock
        s3 = client("s3")
        with pytest.raises(s3.exceptions.ClientError):
            s3.list_buckets()
    assert api_mock is not None and api_mock.call_count == 1
    assert aws.calls[0].denied is True


@pytest.mark.parametrize(
    ("metadata", "retries"), [({}, 1), ({"RetryAttempts": 0}, 1), ({"RetryAttempts": 2}, 3)]
)
def test_retries_made_here_count_in_what_a_passed_through_call_returns(
    metadata: Dict[str, Any], retries: int
) -> None:
    # Whatever was there before the patch answers the attempt that passes
    # through (here a plain patch): it may count retries of its own, or none.
    answer = {"QueueUrls": [], "ResponseMetadata": {"HTTPStatusCode": 200, **metadata}}
    before = mock.patch.object(botocore.client.BaseClient, "_make_api_call", return_value=answer)
    with before, patch_boto3(passthrough=["sqs"], retries=True) as aws:
        aws.add_client_error("sqs", "ListQueues", "ThrottlingException", http_status_code=400)
        response = client("sqs").list_queues()
    assert response["ResponseMetadata"]["RetryAttempts"] == retries
    assert (aws.calls[0].attempts, aws.calls[0].served_by) == (2, "passthrough")


def test_what_a_passed_through_call_returns_reaches_the_code_as_it_is() -> None:
    answer = object()  # a plain patch's return value, not a response dict
    before = mock.patch.object(botocore.client.BaseClient, "_make_api_call", return_value=answer)
    with before, patch_boto3(passthrough=["sqs"], retries=True) as aws:
        assert client("sqs").list_queues() is answer
    assert aws.calls[0].response is answer


def test_a_response_callable_may_answer_an_error_status_with_no_error() -> None:
    # As a 5xx with an empty body: a plain ClientError, the status kept.
    with patch_boto3() as aws:
        aws.add_response(
            "sqs", "ListQueues", lambda params: {"ResponseMetadata": {"HTTPStatusCode": 500}}
        )
        with pytest.raises(botocore.exceptions.ClientError) as excinfo:
            client("sqs").list_queues()
    assert type(excinfo.value) is botocore.exceptions.ClientError
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 500
    assert aws.calls[0].exception is excinfo.value
