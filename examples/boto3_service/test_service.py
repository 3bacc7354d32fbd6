"""upload_and_notify, tested the awsmock way."""

from __future__ import annotations

import pytest
from botocore.exceptions import ClientError
from service import upload_and_notify

from awsmock import ANY, AwsMock, patch_boto3

QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/123456789012/uploads"


def test_upload_and_notify() -> None:
    with patch_boto3() as aws:
        aws.add_response("s3", "PutObject", {"ETag": '"abc"'})
        aws.add_response("sqs", "send_message", {"MessageId": "m-1"})
        message_id = upload_and_notify("data-bucket", "q1.csv", b"1,2", QUEUE_URL)

    assert message_id == "m-1"
    aws.assert_called_once_with("s3", "PutObject", Bucket="data-bucket", Key="q1.csv", Body=b"1,2")
    aws.assert_called_once_with(
        "sqs", "SendMessage", QueueUrl=QUEUE_URL, MessageBody="Uploaded q1.csv"
    )


def test_no_message_when_the_upload_fails() -> None:
    with patch_boto3() as aws:
        aws.add_client_error(
            "s3", "PutObject", "AccessDenied", "Access Denied", http_status_code=403
        )
        with pytest.raises(ClientError) as excinfo:
            upload_and_notify("data-bucket", "q1.csv", b"1,2", QUEUE_URL)

    assert excinfo.value.response["Error"]["Code"] == "AccessDenied"
    aws.assert_not_called("sqs")


@patch_boto3(strict=True)
def test_strict_mode_checks_every_call(aws: AwsMock) -> None:
    aws.add_response(
        "s3", "PutObject", {}, expected_params={"Bucket": "b", "Key": "k", "Body": ANY}
    )
    aws.add_response("sqs", "SendMessage", {"MessageId": "m-2"})

    upload_and_notify("b", "k", b"", QUEUE_URL)

    aws.assert_called_with("sqs", "SendMessage", QueueUrl=QUEUE_URL, MessageBody="Uploaded k")
