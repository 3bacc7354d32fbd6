"""The classic case: put an object to S3, then tell a queue about it."""

from __future__ import annotations

import boto3

s3 = boto3.client("s3")  # module level: created before any test patches anything


def upload_and_notify(bucket: str, key: str, body: bytes, queue_url: str) -> str:
    """Upload ``body`` to ``bucket``/``key`` and announce it on ``queue_url``.

    Returns the SQS message id.
    """
    s3.put_object(Bucket=bucket, Key=key, Body=body)
    sqs = boto3.client("sqs")
    response = sqs.send_message(QueueUrl=queue_url, MessageBody=f"Uploaded {key}")
    return str(response["MessageId"])
