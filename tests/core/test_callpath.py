"""What one mocked call gets (awsmock/_core/callpath.py): expected_params checked."""

from __future__ import annotations

import pytest

from awsmock import ParamsMismatchError, UnusedResponseError, patch_boto3

from .._sessions import client


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
