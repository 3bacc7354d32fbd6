"""``pytest --awsmock-iam-policy=PATH``: the union of the session's calls, xdist workers merged."""

from __future__ import annotations

import json
from typing import Any

import pytest

TESTS = """
import boto3
from awsmock import patch_boto3

QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/jobs"

def test_send(awsmock):
    awsmock.add_response("sqs", "SendMessage", {"MessageId": "m"})
    boto3.client("sqs").send_message(QueueUrl=QUEUE, MessageBody="m")

def test_read():
    with patch_boto3() as aws:
        aws.add_response("s3", "GetObject", {"Body": b""})
        boto3.client("s3").get_object(Bucket="data", Key="in/a")

def test_receive(awsmock):
    awsmock.add_response("sqs", "ReceiveMessage", {})
    boto3.client("sqs").receive_message(QueueUrl=QUEUE)

def test_no_aws():
    pass
"""

UNION: Any = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "S3",
            "Effect": "Allow",
            "Action": ["s3:GetObject"],
            "Resource": "arn:aws:s3:::data/in/a",
        },
        {
            "Sid": "Sqs",
            "Effect": "Allow",
            "Action": ["sqs:ReceiveMessage", "sqs:SendMessage"],
            "Resource": "arn:aws:sqs:us-east-1:123456789012:jobs",
        },
    ],
}


@pytest.mark.parametrize("workers", [["-n", "0"], ["-n", "2"]])
def test_the_session_policy_is_written(pytester: pytest.Pytester, workers: Any) -> None:
    pytester.makepyfile(test_work=TESTS)
    option = "--awsmock-iam-policy=out/policy.json"
    result = pytester.runpytest_subprocess(*workers, "-p", "no:randomly", option)
    assert result.ret == 0, result.stdout.str()
    assert json.loads((pytester.path / "out" / "policy.json").read_text()) == UNION


def test_without_the_option_nothing_is_written(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_work=TESTS)
    result = pytester.runpytest_subprocess("-n", "0")
    assert result.ret == 0
    assert list(pytester.path.glob("*.json")) == []


def test_the_option_is_listed_in_help(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--help")
    result.stdout.fnmatch_lines(["*--awsmock-iam-policy=PATH*"])
