"""Resource ARNs from params: names, ARNs, URLs and partial ARNs, service by service."""

from __future__ import annotations

from typing import Any, Dict

import pytest

from awsmock._iam.request import requests

A = "123456789012"


def resource(
    service: str, operation: str, params: Dict[str, Any], region: str = "us-east-1"
) -> str:
    [found] = requests(service, operation, params, region, A)
    return found.resource


@pytest.mark.parametrize(
    ("service", "operation", "params", "expected"),
    [
        (
            "s3",
            "GetObject",
            {"Bucket": f"arn:aws:s3:us-east-1:{A}:accesspoint/ap", "Key": "k"},
            f"arn:aws:s3:us-east-1:{A}:accesspoint/ap/object/k",
        ),
        (
            "s3",
            "ListObjectsV2",
            {"Bucket": f"arn:aws:s3:us-east-1:{A}:accesspoint/ap"},
            f"arn:aws:s3:us-east-1:{A}:accesspoint/ap",
        ),
        (
            "sqs",
            "GetQueueUrl",
            {"QueueName": "q", "QueueOwnerAWSAccountId": "111122223333"},
            "arn:aws:sqs:us-east-1:111122223333:q",
        ),
        ("sqs", "CreateQueue", {"QueueName": "q"}, f"arn:aws:sqs:us-east-1:{A}:q"),
        ("sqs", "SendMessage", {"QueueUrl": "http://localhost:4566/q"}, "*"),
        ("sns", "CreateTopic", {"Name": "t"}, f"arn:aws:sns:us-east-1:{A}:t"),
        (
            "sns",
            "Unsubscribe",
            {"SubscriptionArn": f"arn:aws:sns:us-east-1:{A}:t:0f1e"},
            f"arn:aws:sns:us-east-1:{A}:t",
        ),
        ("sns", "Publish", {"PhoneNumber": "+15555550100", "Message": "m"}, "*"),
        (
            "dynamodb",
            "GetItem",
            {"TableName": f"arn:aws:dynamodb:eu-west-1:{A}:table/t", "Key": {}},
            f"arn:aws:dynamodb:eu-west-1:{A}:table/t",
        ),
        (
            "kms",
            "Decrypt",
            {"KeyId": f"arn:aws:kms:us-east-1:{A}:key/k1", "CiphertextBlob": b""},
            f"arn:aws:kms:us-east-1:{A}:key/k1",
        ),
        ("kms", "CreateKey", {}, "*"),
        (
            "secretsmanager",
            "GetSecretValue",
            {"SecretId": f"arn:aws:secretsmanager:us-east-1:{A}:secret:db-AbCdEf"},
            f"arn:aws:secretsmanager:us-east-1:{A}:secret:db-AbCdEf",
        ),
        (
            "ssm",
            "GetParametersByPath",
            {"Path": "/app/"},
            f"arn:aws:ssm:us-east-1:{A}:parameter/app/",
        ),
        (
            "ssm",
            "GetParameter",
            {"Name": f"arn:aws:ssm:us-east-1:{A}:parameter/x"},
            f"arn:aws:ssm:us-east-1:{A}:parameter/x",
        ),
        ("events", "PutRule", {"Name": "nightly"}, f"arn:aws:events:us-east-1:{A}:rule/nightly"),
        (
            "events",
            "PutRule",
            {"Name": "nightly", "EventBusName": f"arn:aws:events:us-east-1:{A}:event-bus/orders"},
            f"arn:aws:events:us-east-1:{A}:rule/orders/nightly",
        ),
        (
            "events",
            "DescribeEventBus",
            {"Name": "orders"},
            f"arn:aws:events:us-east-1:{A}:event-bus/orders",
        ),
        (
            "kinesis",
            "PutRecord",
            {
                "StreamARN": f"arn:aws:kinesis:us-east-1:{A}:stream/s",
                "Data": b"",
                "PartitionKey": "p",
            },
            f"arn:aws:kinesis:us-east-1:{A}:stream/s",
        ),
        (
            "lambda",
            "Invoke",
            {"FunctionName": "111122223333:function:f:3"},
            "arn:aws:lambda:us-east-1:111122223333:function:f:3",
        ),
        ("lambda", "ListFunctions", {}, "*"),
        (
            "sts",
            "AssumeRole",
            {"RoleArn": "arn:aws:s3:::not-a-role", "RoleSessionName": "s"},
            "*",
        ),
    ],
)
def test_resource(service: str, operation: str, params: Dict[str, Any], expected: str) -> None:
    assert resource(service, operation, params) == expected


def test_a_kms_alias_change_is_authorized_on_the_alias_and_the_key() -> None:
    found = requests("kms", "CreateAlias", {"AliasName": "alias/app", "TargetKeyId": "k"}, None, A)
    assert [(r.action, r.resource) for r in found] == [
        ("kms:CreateAlias", f"arn:aws:kms:us-east-1:{A}:alias/app"),
        ("kms:CreateAlias", f"arn:aws:kms:us-east-1:{A}:key/k"),
    ]
    found = requests("kms", "DeleteAlias", {"AliasName": "app"}, None, A)
    assert [r.resource for r in found] == [
        f"arn:aws:kms:us-east-1:{A}:alias/app",
        f"arn:aws:kms:us-east-1:{A}:key/*",
    ]


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        ("cn-north-1", f"arn:aws-cn:sqs:cn-north-1:{A}:q"),
        ("us-gov-west-1", f"arn:aws-us-gov:sqs:us-gov-west-1:{A}:q"),
    ],
)
def test_partitions(region: str, expected: str) -> None:
    assert resource("sqs", "CreateQueue", {"QueueName": "q"}, region) == expected
