"""``aws.expect_failure()``: a failure provoked on purpose passes, everything else is verified."""

from __future__ import annotations

from typing import Any

import boto3
import botocore.exceptions
import pytest

from awsmock import (
    AwsMockError,
    MissingFailureError,
    ParamsMismatchError,
    UnmockedCallError,
    UnusedResponseError,
    patch_boto3,
)

QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/123456789012/q1"


def send(body: str = "hi") -> Any:
    return boto3.client("sqs").send_message(QueueUrl=QUEUE_URL, MessageBody=body)


def send_or_none(body: str = "hi") -> Any:
    try:
        return send(body)
    except Exception:  # the code under test swallows everything
        return None


def test_a_swallowed_failure_inside_the_block_is_not_raised_again() -> None:
    with patch_boto3() as aws:
        with aws.expect_failure(UnmockedCallError):
            assert send_or_none() is None
        assert aws.swallowed == []


def test_a_failure_propagating_out_of_the_block_is_not_swallowed_nor_raised_again() -> None:
    with patch_boto3() as aws:
        with pytest.raises(UnmockedCallError), aws.expect_failure(UnmockedCallError):
            send()
        assert aws.swallowed == []


def test_the_default_class_is_any_awsmock_error() -> None:
    with patch_boto3() as aws:
        # A mismatch leaves the response queued (as Stubber does): not required.
        aws.add_response(
            "sqs", "SendMessage", {}, expected_params={"QueueUrl": "other"}, required=False
        )
        with aws.expect_failure():
            assert send_or_none() is None


def test_a_failure_outside_the_block_is_still_raised() -> None:
    with pytest.raises(UnmockedCallError, match="MessageBody='outside'"), patch_boto3() as aws:
        with aws.expect_failure(UnmockedCallError):
            send_or_none("inside")
        send_or_none("outside")


def test_a_failure_of_another_class_inside_the_block_is_still_raised() -> None:
    with pytest.raises(ParamsMismatchError), patch_boto3() as aws:
        aws.add_response(
            "sqs", "SendMessage", {}, expected_params={"QueueUrl": "other"}, required=False
        )
        with aws.expect_failure(UnmockedCallError):
            send_or_none("mismatch")
            try:
                boto3.client("sqs").get_queue_url(QueueName="unmocked")
            except UnmockedCallError:
                pass


def test_unused_responses_are_still_verified() -> None:
    with pytest.raises(UnusedResponseError), patch_boto3() as aws:
        aws.add_response("s3", "ListBuckets", {"Buckets": []})
        with aws.expect_failure(UnmockedCallError):
            send_or_none()


def test_no_failure_inside_the_block_fails_at_its_exit() -> None:
    with patch_boto3() as aws:
        aws.add_response("sqs", "SendMessage", {"MessageId": "m-1"})
        with pytest.raises(MissingFailureError) as excinfo, aws.expect_failure(UnmockedCallError):
            send()
    assert isinstance(excinfo.value, AssertionError)
    assert excinfo.value.args == (
        "expected an UnmockedCallError inside this block, none was raised. Remove"
        " aws.expect_failure() if the code no longer fails there, or check that it still"
        " makes the call that should fail."
        " See https://awsmock.readthedocs.io/en/v0.3.0/errors.html#missingfailureerror",
    )


def test_another_error_leaving_the_block_is_not_masked() -> None:
    with patch_boto3() as aws, pytest.raises(KeyError), aws.expect_failure(ParamsMismatchError):
        raise KeyError("the test's own failure")


def test_the_class_must_be_an_awsmock_error() -> None:
    with patch_boto3() as aws, pytest.raises(TypeError) as excinfo:
        aws.expect_failure(botocore.exceptions.ClientError)  # type: ignore[arg-type]
    assert excinfo.value.args == (
        "aws.expect_failure() takes an awsmock error class, such as UnmockedCallError or"
        " ParamsMismatchError; got <class 'botocore.exceptions.ClientError'>. A ClientError"
        " is AWS's answer, not a failure: catch it with pytest.raises() instead.",
    )


def test_it_is_used_inside_the_patched_block() -> None:
    aws = patch_boto3()
    with pytest.raises(RuntimeError) as excinfo, aws.expect_failure(UnmockedCallError):
        pass
    assert excinfo.value.args == (
        "aws.expect_failure() is used inside the patched block: this AwsMock is not"
        " started. Write it inside `with patch_boto3() as aws:` (or after aws.start()).",
    )


def test_swallowed_is_a_copy() -> None:
    with pytest.raises(UnmockedCallError), patch_boto3() as aws:
        send_or_none()
        aws.swallowed.clear()  # changes nothing: expect_failure() is the way
        assert len(aws.swallowed) == 1


def test_an_expected_failure_is_not_listed_with_the_tests_own_failure(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        """
        import boto3
        from awsmock import UnmockedCallError

        def test_fails(awsmock):
            with awsmock.expect_failure(UnmockedCallError):
                try:
                    boto3.client("sqs").list_queues()
                except Exception:
                    pass
            assert 1 == 2
        """
    )
    result = pytester.runpytest()
    result.assert_outcomes(failed=1)
    assert "errors the code under test caught" not in result.stdout.str()


def test_awsmock_error_is_the_default_class() -> None:
    aws = patch_boto3()
    missing = pytest.raises(MissingFailureError, match=r"^expected an AwsMockError inside")
    with aws, missing, aws.expect_failure():
        pass
    assert issubclass(MissingFailureError, AwsMockError)
