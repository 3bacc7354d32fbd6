"""The evaluator's edges: error codes per protocol, the outcome cache, policies given twice."""

from __future__ import annotations

from typing import Any, Dict

import boto3
import pytest
from botocore.exceptions import ClientError

from awsmock import patch_boto3
from awsmock._core.calls import Call
from awsmock._core.options import Options
from awsmock._iam import evaluate
from awsmock._iam.policy import load

NOTHING: Dict[str, Any] = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "ec2:DescribeRegions", "Resource": "*"}],
}


def test_a_rest_json_service_raises_access_denied_exception_403() -> None:
    with patch_boto3(iam_policy=NOTHING), pytest.raises(ClientError) as excinfo:
        boto3.client("lambda").invoke(FunctionName="f")
    error = excinfo.value.response
    assert (error["Error"]["Code"], error["ResponseMetadata"]["HTTPStatusCode"]) == (
        "AccessDeniedException",
        403,
    )


def test_a_modeled_access_denied_exception_is_the_service_s_own_class() -> None:
    with patch_boto3(iam_policy=NOTHING):
        kinesis = boto3.client("kinesis")
        with pytest.raises(kinesis.exceptions.AccessDeniedException):
            kinesis.put_record(StreamName="s", Data=b"x", PartitionKey="p")


def test_a_query_service_raises_access_denied_403() -> None:
    with patch_boto3(iam_policy=NOTHING), pytest.raises(ClientError) as excinfo:
        boto3.client("sts").get_caller_identity()
    error = excinfo.value.response
    assert (error["Error"]["Code"], error["ResponseMetadata"]["HTTPStatusCode"]) == (
        "AccessDenied",
        403,
    )


def test_outcomes_are_cached_and_the_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(evaluate, "_LIMIT", 2)
    enforcer = evaluate.Enforcer(load(NOTHING), "123456789012")
    for key in ("a", "b", "c", "a"):
        denial = enforcer.denial(Call("s3", "GetObject", {"Bucket": "b", "Key": key}))
        assert isinstance(denial, ClientError)
    assert len(enforcer._outcomes) == 2


def test_unhashable_params_are_evaluated_each_time() -> None:
    enforcer = evaluate.Enforcer(load(NOTHING), "123456789012")
    params = {"Bucket": "b", "Delete": {"Objects": [{"Key": "k"}]}}
    denial = enforcer.denial(Call("s3", "DeleteObjects", params))
    assert "s3:DeleteObject on resource: arn:aws:s3:::b/k" in str(denial)
    assert enforcer._outcomes == {}


def test_a_policy_given_again_is_kept() -> None:
    options = Options.create({"iam_policy": NOTHING})
    again = options.replace({"strict": True}, where="@pytest.mark.awsmock()")
    assert again.iam_policy is options.iam_policy
    assert repr(options.iam_policy) == "<IAM policy, 1 statements>"


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], "iam_policy must name at least one policy, got an empty list."),
        (
            {"Statement": ["s3:GetObject"]},
            "iam_policy: statement 1 is not an object: 's3:GetObject'.",
        ),
        (
            {"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": []}},
            'iam_policy: statement 1: "Condition" must be an object, got [].',
        ),
        (
            {
                "Statement": {
                    "Effect": "Allow",
                    "Action": "*",
                    "Resource": "*",
                    "Condition": {"Bool": True},
                }
            },
            "iam_policy: statement 1: Bool must map condition keys to values.",
        ),
    ],
)
def test_malformed_documents(document: Any, message: str) -> None:
    with pytest.raises(ValueError, match="iam_policy") as excinfo:
        load(document)
    assert excinfo.value.args == (message,)


def test_null_false_needs_the_key() -> None:
    document = {
        "Statement": {
            "Effect": "Allow",
            "Action": "sqs:*",
            "Resource": "*",
            "Condition": {"Null": {"aws:SourceIp": "false"}},
        }
    }
    with patch_boto3(iam_policy=document), pytest.raises(ClientError, match="sqs:ListQueues"):
        boto3.client("sqs").list_queues()


def test_a_call_without_a_client_gets_a_plain_client_error() -> None:
    enforcer = evaluate.Enforcer(load(NOTHING), "123456789012")
    denial = enforcer.denial(Call("sqs", "ListQueues", {}))
    assert type(denial) is ClientError
    assert denial.response["Error"]["Code"] == "AccessDenied"


def test_every_key_awsmock_could_not_know_is_named() -> None:
    def needs(key: str) -> Dict[str, Any]:
        return {
            "Effect": "Allow",
            "Action": "sqs:ListQueues",
            "Resource": "*",
            "Condition": {"StringEquals": {key: "x"}},
        }

    document = {"Statement": [needs("aws:SourceIp"), needs("aws:PrincipalTag/team")]}
    with patch_boto3(iam_policy=document), pytest.raises(ClientError) as excinfo:
        boto3.client("sqs").list_queues()
    assert excinfo.value.response["Error"]["Message"].endswith(
        " (awsmock: the condition keys aws:SourceIp (statement 1), aws:PrincipalTag/team"
        " (statement 2) are not in the request context: awsmock cannot know them; use"
        " ...IfExists, or a key it knows)"
    )
