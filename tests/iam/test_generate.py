"""``aws.iam_policy()``: the least-privilege policy for the calls a test made."""

from __future__ import annotations

from typing import Any, Dict

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

from awsmock import patch_boto3

QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/jobs"


def test_the_policy_for_a_code_path() -> None:
    with patch_boto3() as aws:
        aws.add_response("s3", "ListObjectsV2", {"Contents": [{"Key": "in/a"}]})
        aws.add_response("s3", "GetObject", {"Body": b"1"}, times=2)
        aws.add_response("s3", "CopyObject", {})
        aws.add_response("sqs", "SendMessage", {"MessageId": "m"})
        aws.add_response("ec2", "DescribeRegions", {})
        s3 = boto3.client("s3")
        s3.list_objects_v2(Bucket="data", Prefix="in/")
        s3.get_object(Bucket="data", Key="in/a")
        s3.get_object(Bucket="data", Key="in/a")  # deduplicated
        s3.copy_object(Bucket="done", Key="a", CopySource={"Bucket": "data", "Key": "in/a"})
        boto3.client("sqs").send_message(QueueUrl=QUEUE, MessageBody="a")
        boto3.client("ec2").describe_regions()
    assert aws.iam_policy() == {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "Ec2NotMappedByAwsmock",
                "Effect": "Allow",
                "Action": ["ec2:DescribeRegions"],
                "Resource": "*",
            },
            {
                "Sid": "S3",
                "Effect": "Allow",
                "Action": ["s3:ListBucket"],
                "Resource": "arn:aws:s3:::data",
            },
            {
                "Sid": "S32",
                "Effect": "Allow",
                "Action": ["s3:GetObject"],
                "Resource": "arn:aws:s3:::data/in/a",
            },
            {
                "Sid": "S33",
                "Effect": "Allow",
                "Action": ["s3:PutObject"],
                "Resource": "arn:aws:s3:::done/a",
            },
            {
                "Sid": "Sqs",
                "Effect": "Allow",
                "Action": ["sqs:SendMessage"],
                "Resource": "arn:aws:sqs:us-east-1:123456789012:jobs",
            },
        ],
    }


def test_actions_on_the_same_resources_share_a_statement_sorted() -> None:
    with patch_boto3() as aws:
        aws.add_response("sqs", "SendMessage", {"MessageId": "m"})
        aws.add_response("sqs", "ReceiveMessage", {})
        aws.add_response("sqs", "DeleteMessage", {})
        sqs = boto3.client("sqs")
        sqs.send_message(QueueUrl=QUEUE, MessageBody="a")
        sqs.receive_message(QueueUrl=QUEUE)
        sqs.delete_message(QueueUrl=QUEUE, ReceiptHandle="r")
    assert aws.iam_policy()["Statement"] == [
        {
            "Sid": "Sqs",
            "Effect": "Allow",
            "Action": ["sqs:DeleteMessage", "sqs:ReceiveMessage", "sqs:SendMessage"],
            "Resource": "arn:aws:sqs:us-east-1:123456789012:jobs",
        }
    ]


def test_a_call_denied_by_aws_does_not_count() -> None:
    with patch_boto3() as aws:
        aws.add_client_error("s3", "GetObject", "AccessDenied", "denied", http_status_code=403)
        aws.add_response("s3", "HeadBucket", {})
        s3 = boto3.client("s3")
        with pytest.raises(ClientError):
            s3.get_object(Bucket="b", Key="k")
        s3.head_bucket(Bucket="b")
    assert [s["Action"] for s in aws.iam_policy()["Statement"]] == [["s3:ListBucket"]]


def test_a_call_denied_by_iam_policy_does_not_count() -> None:
    allowed: Dict[str, Any] = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}],
    }
    with patch_boto3(iam_policy=allowed) as aws:
        aws.add_response("s3", "ListObjects", {})
        s3 = boto3.client("s3")
        s3.list_objects(Bucket="b")
        with pytest.raises(ClientError):
            s3.get_object(Bucket="b", Key="k")
    assert aws.iam_policy()["Statement"] == [
        {"Sid": "S3", "Effect": "Allow", "Action": ["s3:ListBucket"], "Resource": "arn:aws:s3:::b"}
    ]


def test_a_call_that_failed_otherwise_still_needed_its_permission() -> None:
    with patch_boto3() as aws:
        aws.add_client_error("s3", "GetObject", "NoSuchKey", http_status_code=404)
        with pytest.raises(ClientError):
            boto3.client("s3").get_object(Bucket="b", Key="k")
    assert aws.iam_policy()["Statement"][0]["Action"] == ["s3:GetObject"]


def test_a_generated_policy_allows_the_calls_it_was_made_from() -> None:
    def work() -> None:
        s3 = boto3.client("s3")
        s3.put_object(Bucket="b", Key="x", Body=b"")
        s3.list_objects_v2(Bucket="b")
        boto3.client("sqs").send_message(QueueUrl=QUEUE, MessageBody="m")

    def queue(aws: Any) -> None:
        aws.add_response("s3", "PutObject", {})
        aws.add_response("s3", "ListObjectsV2", {})
        aws.add_response("sqs", "SendMessage", {"MessageId": "m"})

    with patch_boto3() as first:
        queue(first)
        work()
    with patch_boto3(iam_policy=first.iam_policy()) as second:
        queue(second)
        work()
    assert [c.denied for c in second.calls] == [False, False, False]


def test_passed_through_calls_count() -> None:
    with mock_aws(), patch_boto3(passthrough=["sqs"], hermetic=False) as aws:
        sqs = boto3.client("sqs", region_name="eu-west-1")
        url = sqs.create_queue(QueueName="q")["QueueUrl"]
        sqs.send_message(QueueUrl=url, MessageBody="m")
    assert aws.iam_policy()["Statement"] == [
        {
            "Sid": "Sqs",
            "Effect": "Allow",
            "Action": ["sqs:CreateQueue", "sqs:SendMessage"],
            "Resource": "arn:aws:sqs:eu-west-1:123456789012:q",
        }
    ]


def test_a_session_collects_every_patch_and_merges_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    from awsmock._iam import generate

    session = generate.Session()
    monkeypatch.setattr(generate, "SESSION", session)
    for key in ("a", "b"):
        with patch_boto3() as aws:
            aws.add_response("s3", "GetObject", {"Body": b""})
            boto3.client("s3").get_object(Bucket="data", Key=key)
    session.merge([["sqs:SendMessage", "*", True]])
    assert generate.document(session.found)["Statement"] == [
        {
            "Sid": "S3",
            "Effect": "Allow",
            "Action": ["s3:GetObject"],
            "Resource": ["arn:aws:s3:::data/a", "arn:aws:s3:::data/b"],
        },
        {"Sid": "Sqs", "Effect": "Allow", "Action": ["sqs:SendMessage"], "Resource": "*"},
    ]
