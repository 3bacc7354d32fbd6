"""passthrough=: unqueued calls for chosen services reach moto; queued ones still win."""

from __future__ import annotations

import time
from pathlib import Path
from unittest import mock

import boto3
import pytest
from botocore.exceptions import ClientError, WaiterError
from moto import mock_aws

from awsmock import NetworkBlockedError, UnmockedCallError, patch_boto3


@pytest.fixture(autouse=True)
def _moto() -> object:
    with mock_aws():
        yield


def test_fault_injection_into_moto() -> None:
    """The first PutObject gets SlowDown/503; the retry and the rest reach moto."""
    with patch_boto3(passthrough=["s3"]) as aws:
        aws.add_client_error(
            "s3", "PutObject", "SlowDown", "Reduce your request rate.", http_status_code=503
        )
        s3 = boto3.client("s3")
        s3.create_bucket(Bucket="data")
        with pytest.raises(ClientError) as excinfo:
            s3.put_object(Bucket="data", Key="k", Body=b"1")
        s3.put_object(Bucket="data", Key="k", Body=b"2")
        body = s3.get_object(Bucket="data", Key="k")["Body"].read()
    assert excinfo.value.response["Error"]["Code"] == "SlowDown"
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 503
    assert body == b"2"
    assert [c.operation for c in aws.calls] == [
        "CreateBucket",
        "PutObject",
        "PutObject",
        "GetObject",
    ]
    aws.assert_any_call("s3", "PutObject", Bucket="data", Key="k", Body=b"2")
    assert aws.calls[1].exception is excinfo.value
    assert aws.calls[2].response is not None
    assert aws.calls[2].response["ETag"]


def test_passthrough_true_lets_every_service_through() -> None:
    with patch_boto3(passthrough=True) as aws:
        url = boto3.client("sqs").create_queue(QueueName="q")["QueueUrl"]
        boto3.client("s3").create_bucket(Bucket="data")
    assert url.endswith("/q")
    assert aws.call_count() == 2


def test_unlisted_service_still_raises_unmocked_call_error() -> None:
    with pytest.raises(UnmockedCallError) as excinfo, patch_boto3(passthrough=["s3"]):
        boto3.client("sqs").list_queues()
    assert str(excinfo.value).startswith(
        "sqs.ListQueues() was called, but nothing is queued for it."
    )


def test_queued_responses_win_over_passthrough() -> None:
    with patch_boto3(passthrough=["s3"]) as aws:
        aws.add_response("s3", "ListBuckets", {"Buckets": [{"Name": "fake"}]})
        s3 = boto3.client("s3")
        s3.create_bucket(Bucket="real")
        first = s3.list_buckets()["Buckets"]
        second = s3.list_buckets()["Buckets"]
    assert [b["Name"] for b in first] == ["fake"]
    assert [b["Name"] for b in second] == ["real"]


def test_network_block_still_applies_outside_passed_through_calls() -> None:
    import urllib3  # noqa: F401  (botocore's own HTTP stack)
    from botocore.awsrequest import AWSRequest
    from botocore.httpsession import URLLib3Session

    with patch_boto3(passthrough=["s3"], verify=False):
        boto3.client("s3").create_bucket(Bucket="data")
        request = AWSRequest(method="GET", url="https://example.com/").prepare()
        with pytest.raises(NetworkBlockedError):
            URLLib3Session().send(request)


def test_passthrough_errors_from_moto_are_recorded_as_the_call_exception() -> None:
    with patch_boto3(passthrough=["s3"]) as aws:
        s3 = boto3.client("s3")
        with pytest.raises(s3.exceptions.NoSuchBucket):
            s3.get_object(Bucket="nothing-here", Key="k")
    assert isinstance(aws.calls[0].exception, s3.exceptions.NoSuchBucket)


# waiters


def test_a_waiter_sleeps_between_attempts_that_pass_through_only() -> None:
    """A real backend needs real time; a mocked attempt needs none."""
    with patch_boto3(passthrough=["s3"]) as aws:
        s3 = boto3.client("s3")
        s3.create_bucket(Bucket="data")  # passed through before the waiter: no sleep owed
        aws.add_client_error("s3", "HeadObject", "404", http_status_code=404)
        waiter = s3.get_waiter("object_exists")
        with mock.patch.object(time, "sleep") as sleep, pytest.raises(WaiterError):
            # 1: mocked, no sleep; 2: moto, sleep; 3: moto, the last, no sleep.
            waiter.wait(Bucket="data", Key="k", WaiterConfig={"Delay": 7, "MaxAttempts": 3})
    assert sleep.call_args_list == [mock.call(7)]
    assert aws.call_count("s3", "HeadObject") == 3


def test_a_mocked_attempt_after_one_that_passed_through_owes_no_sleep() -> None:
    tried = []

    def second_attempt(call: object) -> bool:
        tried.append(call)
        return len(tried) == 2

    with patch_boto3(passthrough=["s3"]) as aws:
        s3 = boto3.client("s3")
        s3.create_bucket(Bucket="data")
        aws.add_client_error("s3", "HeadObject", "404", http_status_code=404, match=second_attempt)
        waiter = s3.get_waiter("object_exists")
        with mock.patch.object(time, "sleep") as sleep, pytest.raises(WaiterError):
            # 1: moto, sleep; 2: mocked, no sleep; 3: moto, the last, no sleep.
            waiter.wait(Bucket="data", Key="k", WaiterConfig={"Delay": 7, "MaxAttempts": 3})
    assert sleep.call_args_list == [mock.call(7)]
    assert [c.served_by for c in aws.calls_for("s3", "HeadObject")] == [
        "passthrough",
        "queue",
        "passthrough",
    ]


def test_a_waiter_recorded_into_a_cassette_sleeps(tmp_path: Path) -> None:
    with patch_boto3(cassette=tmp_path / "waiter.json", record_mode="all"):
        s3 = boto3.client("s3")
        s3.create_bucket(Bucket="data")
        waiter = s3.get_waiter("object_exists")
        with mock.patch.object(time, "sleep") as sleep, pytest.raises(WaiterError):
            waiter.wait(Bucket="data", Key="k", WaiterConfig={"Delay": 5, "MaxAttempts": 3})
    assert sleep.call_args_list == [mock.call(5), mock.call(5)]
