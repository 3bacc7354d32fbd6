"""``patch_boto3(iam_policy=...)``: a call the policy does not allow fails as AWS fails it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List

import boto3
import pytest
from botocore.exceptions import ClientError

from awsmock import patch_boto3
from awsmock.errors import UnusedResponseError

QUEUE = "https://sqs.us-east-1.amazonaws.com/123456789012/jobs"
QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:jobs"
ROLE = "arn:aws:sts::123456789012:assumed-role/awsmock-test-role/awsmock"


def policy(*statements: Dict[str, Any]) -> Dict[str, Any]:
    return {"Version": "2012-10-17", "Statement": list(statements)}


def allow(action: Any, resource: Any = "*", **more: Any) -> Dict[str, Any]:
    return {"Effect": "Allow", "Action": action, "Resource": resource, **more}


READ_BUCKET = policy(
    allow("s3:ListBucket", "arn:aws:s3:::data"), allow("s3:GetObject", "arn:aws:s3:::data/in/*")
)


def test_an_allowed_call_gets_its_queued_response() -> None:
    with patch_boto3(iam_policy=READ_BUCKET) as aws:
        aws.add_response("s3", "GetObject", {"Body": b"x"})
        assert boto3.client("s3").get_object(Bucket="data", Key="in/a")["Body"].read() == b"x"
    assert aws.calls[0].denied is False


def test_a_call_no_statement_allows_raises_access_denied_and_is_recorded() -> None:
    with patch_boto3(iam_policy=READ_BUCKET) as aws, pytest.raises(ClientError) as excinfo:
        boto3.client("s3").put_object(Bucket="data", Key="in/a", Body=b"x")
    assert excinfo.value.response["Error"] == {
        "Code": "AccessDenied",
        "Message": f"User: {ROLE} is not authorized to perform: s3:PutObject on resource:"
        " arn:aws:s3:::data/in/a because no identity-based policy allows the s3:PutObject action",
    }
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
    assert str(excinfo.value) == (
        "An error occurred (AccessDenied) when calling the PutObject operation: User: "
        f"{ROLE} is not authorized to perform: s3:PutObject on resource: arn:aws:s3:::data/in/a"
        " because no identity-based policy allows the s3:PutObject action"
    )
    assert aws.calls[0].denied is True
    assert aws.calls[0].exception is excinfo.value


def test_a_json_service_raises_its_modeled_access_denied_exception() -> None:
    with patch_boto3(iam_policy=READ_BUCKET):
        kms = boto3.client("kms")
        with pytest.raises(kms.exceptions.ClientError) as excinfo:
            kms.decrypt(CiphertextBlob=b"x", KeyId="k1")
    assert excinfo.value.response["Error"]["Code"] == "AccessDeniedException"
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert "kms:Decrypt on resource: arn:aws:kms:us-east-1:123456789012:key/k1" in str(
        excinfo.value
    )


def test_sqs_batch_needs_send_message_on_the_queue() -> None:
    allowed = policy(allow("sqs:SendMessage", QUEUE_ARN))
    with patch_boto3(iam_policy=allowed) as aws:
        aws.add_response("sqs", "SendMessageBatch", {"Successful": [], "Failed": []})
        sqs = boto3.client("sqs")
        sqs.send_message_batch(QueueUrl=QUEUE, Entries=[{"Id": "1", "MessageBody": "m"}])
        with pytest.raises(ClientError, match="sqs:DeleteMessage on resource: " + QUEUE_ARN):
            sqs.delete_message(QueueUrl=QUEUE, ReceiptHandle="r")


def test_an_explicit_deny_wins_over_an_allow() -> None:
    denied = policy(allow("s3:*", "*"), {"Effect": "Deny", "Action": "s3:Delete*", "Resource": "*"})
    with patch_boto3(iam_policy=denied), pytest.raises(ClientError) as excinfo:
        boto3.client("s3").delete_object(Bucket="b", Key="k")
    assert excinfo.value.response["Error"]["Message"] == (
        f"User: {ROLE} is not authorized to perform: s3:DeleteObject on resource:"
        " arn:aws:s3:::b/k with an explicit deny in an identity-based policy"
    )


def test_not_action_and_not_resource() -> None:
    document = policy(
        {"Effect": "Allow", "NotAction": "s3:Delete*", "NotResource": "arn:aws:s3:::secret/*"}
    )
    with patch_boto3(iam_policy=document) as aws:
        aws.add_response("s3", "GetObject", {"Body": b""})
        s3 = boto3.client("s3")
        s3.get_object(Bucket="public", Key="k")
        for call in (
            lambda: s3.get_object(Bucket="secret", Key="k"),
            lambda: s3.delete_object(Bucket="public", Key="k"),
        ):
            with pytest.raises(ClientError, match="AccessDenied"):
                call()


def test_question_mark_and_case_of_actions() -> None:
    document = policy(allow("S3:getobject", "arn:aws:s3:::b/day-?.csv"))
    with patch_boto3(iam_policy=document) as aws:
        aws.add_response("s3", "GetObject", {"Body": b""})
        s3 = boto3.client("s3")
        s3.get_object(Bucket="b", Key="day-1.csv")
        with pytest.raises(ClientError):
            s3.get_object(Bucket="b", Key="day-10.csv")


@pytest.mark.parametrize(
    ("condition", "allowed"),
    [
        ({"StringEquals": {"aws:RequestedRegion": "us-east-1"}}, [True, False]),
        ({"StringNotEquals": {"aws:RequestedRegion": "us-east-1"}}, [False, True]),
        ({"StringLike": {"aws:RequestedRegion": "eu-*"}}, [False, True]),
        ({"StringNotLike": {"aws:RequestedRegion": "eu-*"}}, [True, False]),
        ({"Bool": {"aws:SecureTransport": True}}, [True, True]),
        ({"Bool": {"aws:SecureTransport": "false"}}, [False, False]),
        ({"Null": {"aws:SourceIp": "true"}}, [True, True]),
        ({"StringEqualsIfExists": {"aws:SourceIp": "10.0.0.1"}}, [True, True]),
        ({"StringLikeIfExists": {"aws:RequestedRegion": "eu-*"}}, [False, True]),
        ({"StringNotEqualsIfExists": {"aws:RequestedRegion": "us-east-1"}}, [False, True]),
        ({"StringEquals": {"aws:RequestedRegion": "us-*"}}, [False, False]),  # no wildcards
        ({"StringEquals": {"aws:RequestedRegion": "US-EAST-1"}}, [False, False]),  # case counts
        ({"StringLike": {"aws:RequestedRegion": "EU-*"}}, [False, False]),
        ({"StringEquals": {"aws:SecureTransport": True}}, [True, True]),  # JSON's true
        ({"Bool": {"aws:SecureTransport": "True"}}, [True, True]),  # Bool: any case
    ],
)
def test_conditions_on_keys_awsmock_knows(condition: Dict[str, Any], allowed: List[bool]) -> None:
    document = policy(allow("sqs:SendMessage", "*", Condition=condition))
    outcomes = []
    with patch_boto3(iam_policy=document) as aws:
        aws.add_response("sqs", "SendMessage", {"MessageId": "m"}, times=None)
        for region in ("us-east-1", "eu-west-1"):
            try:
                boto3.client("sqs", region_name=region).send_message(
                    QueueUrl=QUEUE, MessageBody="m"
                )
                outcomes.append(True)
            except ClientError:
                outcomes.append(False)
    assert outcomes == allowed


@pytest.mark.parametrize(
    ("operator", "allowed"),
    [
        ("ArnEquals", [True, False]),
        ("ArnLike", [True, False]),
        ("ArnNotEquals", [False, True]),
        ("ArnNotLike", [False, True]),
    ],
)
def test_arn_conditions_take_wildcards(operator: str, allowed: List[bool]) -> None:
    # Objects kept under their queue's ARN: a prefix that is an ARN.
    pattern = "arn:aws:sqs:*:123456789012:*"
    document = policy(allow("s3:ListBucket", "*", Condition={operator: {"s3:prefix": pattern}}))
    outcomes = []
    with patch_boto3(iam_policy=document) as aws:
        aws.add_response("s3", "ListObjectsV2", {}, times=None)
        for prefix in (QUEUE_ARN, "arn:aws:sqs:us-east-1:999999999999:jobs"):
            try:
                boto3.client("s3").list_objects_v2(Bucket="b", Prefix=prefix)
                outcomes.append(True)
            except ClientError:
                outcomes.append(False)
    assert outcomes == allowed


def test_each_resource_of_a_list_is_allowed_and_resources_match_case() -> None:
    document = policy(allow("s3:GetObject", ["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"]))
    with patch_boto3(iam_policy=document) as aws:
        aws.add_response("s3", "GetObject", {"Body": b""}, times=2)
        s3 = boto3.client("s3")
        s3.get_object(Bucket="a", Key="k")
        s3.get_object(Bucket="b", Key="k")
        with pytest.raises(ClientError, match="s3:GetObject on resource: arn:aws:s3:::B/k"):
            s3.get_object(Bucket="B", Key="k")


def test_a_later_statement_allows_what_an_earlier_one_does_not() -> None:
    document = policy(
        allow("s3:GetObject", "arn:aws:s3:::a/*"), allow("s3:GetObject", "arn:aws:s3:::b/*")
    )
    with patch_boto3(iam_policy=document) as aws:
        aws.add_response("s3", "GetObject", {"Body": b""})
        boto3.client("s3").get_object(Bucket="b", Key="k")
    assert aws.calls[0].denied is False


def test_the_resource_is_in_the_client_s_region() -> None:
    with patch_boto3(iam_policy=READ_BUCKET), pytest.raises(ClientError) as excinfo:
        boto3.client("kms", region_name="eu-west-1").decrypt(CiphertextBlob=b"x", KeyId="k1")
    assert excinfo.value.response["Error"]["Message"] == (
        f"User: {ROLE} is not authorized to perform: kms:Decrypt on resource:"
        " arn:aws:kms:eu-west-1:123456789012:key/k1 because no identity-based policy allows the"
        " kms:Decrypt action"
    )


def test_s3_prefix_and_delimiter_conditions() -> None:
    document = policy(
        allow(
            "s3:ListBucket",
            "arn:aws:s3:::b",
            Condition={
                "StringLike": {"s3:prefix": "home/*"},
                "StringEquals": {"s3:delimiter": "/"},
            },
        )
    )
    with patch_boto3(iam_policy=document) as aws:
        aws.add_response("s3", "ListObjectsV2", {}, times=None)
        s3 = boto3.client("s3")
        s3.list_objects_v2(Bucket="b", Prefix="home/ann/", Delimiter="/")
        with pytest.raises(ClientError, match="s3:prefix"):
            s3.list_objects_v2(Bucket="b", Delimiter="/")
        with pytest.raises(ClientError, match="because no identity-based policy allows"):
            s3.list_objects_v2(Bucket="b", Prefix="etc/", Delimiter="/")


def test_a_denial_caused_by_a_key_awsmock_cannot_know_names_it() -> None:
    document = policy(
        allow(
            "s3:GetObject",
            "*",
            Condition={"StringEquals": {"aws:SourceVpce": "vpce-1"}},
            Sid="FromVpc",
        )
    )
    with patch_boto3(iam_policy=document), pytest.raises(ClientError) as excinfo:
        boto3.client("s3").get_object(Bucket="b", Key="k")
    assert excinfo.value.response["Error"]["Message"] == (
        f"User: {ROLE} is not authorized to perform: s3:GetObject on resource: arn:aws:s3:::b/k"
        " because no identity-based policy allows the s3:GetObject action (awsmock: the"
        " condition key aws:SourceVpce (statement 1 (Sid 'FromVpc')) is not in the request"
        " context: awsmock cannot know it; use ...IfExists, or a key it knows)"
    )


def test_a_policy_file_and_a_list_of_policies(tmp_path: Path) -> None:
    path = tmp_path / "role.json"
    path.write_text(json.dumps(policy(allow("s3:GetObject", "arn:aws:s3:::b/*"))))
    text = json.dumps(policy(allow("sqs:SendMessage", QUEUE_ARN)))
    with patch_boto3(iam_policy=[str(path), text]) as aws:
        aws.add_response("s3", "GetObject", {"Body": b""})
        aws.add_response("sqs", "SendMessage", {"MessageId": "m"})
        boto3.client("s3").get_object(Bucket="b", Key="k")
        boto3.client("sqs").send_message(QueueUrl=QUEUE, MessageBody="m")
    assert [c.denied for c in aws.calls] == [False, False]


def test_a_denied_call_takes_no_queued_response() -> None:
    unused = pytest.raises(UnusedResponseError, match="1 queued response was not used")
    with unused, patch_boto3(iam_policy=READ_BUCKET) as aws:
        aws.add_response("s3", "PutObject", {})
        with pytest.raises(ClientError):
            boto3.client("s3").put_object(Bucket="data", Key="k", Body=b"")


def test_a_denied_call_never_passes_through() -> None:
    from moto import mock_aws

    allowed = policy(allow("sqs:ListQueues"))
    with mock_aws(), patch_boto3(passthrough=["sqs"], hermetic=False, iam_policy=allowed):
        sqs = boto3.client("sqs", region_name="eu-west-1")
        with pytest.raises(ClientError, match="sqs:CreateQueue"):
            sqs.create_queue(QueueName="q")
        assert sqs.list_queues().get("QueueUrls", []) == []


def test_the_marker_takes_the_option(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import boto3
        import pytest
        from botocore.exceptions import ClientError

        POLICY = {"Statement": {"Effect": "Allow", "Action": "sqs:ListQueues", "Resource": "*"}}

        @pytest.mark.awsmock(iam_policy=POLICY)
        def test_denied(awsmock):
            with pytest.raises(ClientError, match="sqs:PurgeQueue"):
                boto3.client("sqs").purge_queue(QueueUrl="https://sqs.us-east-1.amazonaws.com/1/q")
            assert awsmock.calls[0].denied
        """
    )
    result = pytester.runpytest("-p", "no:randomly")
    result.assert_outcomes(passed=1)


def test_get_caller_identity_needs_no_permission() -> None:
    denied = policy({"Effect": "Deny", "Action": "*", "Resource": "*"})
    with patch_boto3(iam_policy=denied) as aws:
        aws.add_response("sts", "GetCallerIdentity", {"Account": "123456789012"})
        assert boto3.client("sts").get_caller_identity()["Account"] == "123456789012"
    assert aws.iam_policy()["Statement"] == []
