"""aiobotocore clients: their calls count for ``iam_policy()`` and are enforced alike."""

from __future__ import annotations

import asyncio
from typing import Any, Dict

import pytest
from aiobotocore.session import get_session
from botocore.exceptions import ClientError

from awsmock import patch_boto3

QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/jobs"
SEND_ONLY: Dict[str, Any] = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Action": "sqs:SendMessage",
            "Resource": "arn:aws:sqs:us-east-1:123456789012:jobs",
        }
    ],
}


def test_async_calls_count_for_the_policy() -> None:
    async def work() -> None:
        async with get_session().create_client("sqs", region_name="us-east-1") as sqs:
            await sqs.send_message(QueueUrl=QUEUE, MessageBody="m")

    with patch_boto3() as aws:
        aws.add_response("sqs", "SendMessage", {"MessageId": "m"})
        asyncio.run(work())
    assert aws.iam_policy()["Statement"] == [
        {
            "Sid": "Sqs",
            "Effect": "Allow",
            "Action": ["sqs:SendMessage"],
            "Resource": "arn:aws:sqs:us-east-1:123456789012:jobs",
        }
    ]


def test_an_async_call_the_policy_does_not_allow_is_denied() -> None:
    async def work() -> None:
        async with get_session().create_client("sqs", region_name="us-east-1") as sqs:
            await sqs.send_message(QueueUrl=QUEUE, MessageBody="m")
            await sqs.purge_queue(QueueUrl=QUEUE)

    with patch_boto3(iam_policy=SEND_ONLY) as aws:
        aws.add_response("sqs", "SendMessage", {"MessageId": "m"})
        with pytest.raises(ClientError, match="not authorized to perform: sqs:PurgeQueue"):
            asyncio.run(work())
    assert [c.denied for c in aws.calls] == [False, True]
