"""What least privilege costs: enforcement per call, and generating a policy.

    python bench/iam.py [--calls N] [--rounds R]

Prints the per-call time under ``patch_boto3()`` with and without
``iam_policy=`` (the best of R rounds of N calls each, one client made before
the patch, as application code does) and the overhead in percent, for: SQS
``SendMessage`` to one queue with a new message body each call (the body does
not decide, so the outcome is remembered), S3 ``GetObject`` of one key, and
S3 ``PutObject`` to a new key each call (every call evaluated afresh: the
worst case), and a whole test (a patch, three responses, three calls, one of
them to a new S3 key). Then the time ``aws.iam_policy()`` takes for 10,000 recorded
calls of 100 distinct resources. Targets: enforcement at most 10% per call;
the policy in under a second.
"""

from __future__ import annotations

import argparse
import itertools
import os
import time
from typing import Any, Callable, Dict, List, Optional

os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")

import boto3

from awsmock import patch_boto3

QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/bench"
POLICY: Dict[str, Any] = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Sid": "ReadWrite",
            "Effect": "Allow",
            "Action": ["s3:GetObject", "s3:PutObject"],
            "Resource": "arn:aws:s3:::b/*",
        },
        {
            "Sid": "Send",
            "Effect": "Allow",
            "Action": ["sqs:SendMessage", "sqs:ReceiveMessage"],
            "Resource": "arn:aws:sqs:us-east-1:123456789012:bench",
            "Condition": {"StringEquals": {"aws:RequestedRegion": "us-east-1"}},
        },
        {"Sid": "NoDeletes", "Effect": "Deny", "Action": "*:Delete*", "Resource": "*"},
    ],
}


def per_call(calls: int, rounds: int, operation: str, **options: Any) -> float:
    """Seconds per call, best of ``rounds``."""
    sqs, s3 = boto3.client("sqs"), boto3.client("s3")
    count = itertools.count()
    work: Dict[str, Callable[[], Any]] = {
        "SendMessage": lambda: sqs.send_message(QueueUrl=QUEUE, MessageBody=str(next(count))),
        "GetObject": lambda: s3.get_object(Bucket="b", Key="k")["Body"].read(),
        "PutObject": lambda: s3.put_object(Bucket="b", Key=str(next(count)), Body=b"x"),
    }
    best = float("inf")
    for _ in range(rounds):
        with patch_boto3(**options) as aws:
            aws.add_response("sqs", "SendMessage", {"MessageId": "m"}, times=None)
            aws.add_response("s3", "GetObject", {"Body": b"x" * 1024}, times=None)
            aws.add_response("s3", "PutObject", {"ETag": '"e"'}, times=None)
            call = work[operation]
            call()  # warm: models compiled, decisions cached as in a test suite
            start = time.process_time()
            for _ in range(calls):
                call()
            best = min(best, (time.process_time() - start) / calls)
    return best


def per_test(tests: int, rounds: int, **options: Any) -> float:
    """Seconds per test: a patch, three responses, three calls (one to a new S3 key)."""
    sqs, s3 = boto3.client("sqs"), boto3.client("s3")
    count = itertools.count()

    def test() -> None:
        with patch_boto3(**options) as aws:
            aws.add_response("s3", "GetObject", {"Body": b"x"})
            aws.add_response("s3", "PutObject", {"ETag": '"e"'})
            aws.add_response("sqs", "SendMessage", {"MessageId": "m"})
            n = next(count)
            s3.get_object(Bucket="b", Key="in/a")["Body"].read()
            s3.put_object(Bucket="b", Key=f"out/{n}", Body=b"x")
            sqs.send_message(QueueUrl=QUEUE, MessageBody=str(n))

    test()
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for _ in range(tests):
            test()
        best = min(best, (time.process_time() - start) / tests)
    return best


def generation(calls: int = 10_000) -> float:
    """Seconds ``aws.iam_policy()`` takes for ``calls`` recorded calls."""
    sqs, s3 = boto3.client("sqs"), boto3.client("s3")
    with patch_boto3(validate=False) as aws:
        aws.add_response("sqs", "SendMessage", {"MessageId": "m"}, times=None)
        aws.add_response("s3", "GetObject", {"Body": b""}, times=None)
        for n in range(calls // 2):
            sqs.send_message(QueueUrl=f"{QUEUE}-{n % 50}", MessageBody=str(n))
            s3.get_object(Bucket="b", Key=f"k/{n % 50}")
    start = time.process_time()
    aws.iam_policy()
    return time.process_time() - start


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    print(f"{'operation':<12} {'without':>10} {'iam_policy=':>12} {'overhead':>9}")
    for operation in ("SendMessage", "GetObject", "PutObject"):
        plain = per_call(args.calls, args.rounds, operation)
        enforced = per_call(args.calls, args.rounds, operation, iam_policy=POLICY)
        overhead = (enforced / plain - 1) * 100
        print(f"{operation:<12} {plain * 1e6:>8.1f}us {enforced * 1e6:>10.1f}us {overhead:>8.1f}%")
    plain = per_test(args.calls // 10, args.rounds)
    enforced = per_test(args.calls // 10, args.rounds, iam_policy=POLICY)
    overhead = (enforced / plain - 1) * 100
    print(f"{'a test':<12} {plain * 1e6:>8.1f}us {enforced * 1e6:>10.1f}us {overhead:>8.1f}%")
    print(f"aws.iam_policy() for 10,000 calls: {generation() * 1000:.0f} ms")


if __name__ == "__main__":
    main()
