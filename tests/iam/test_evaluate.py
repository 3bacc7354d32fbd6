"""The evaluator's edges: error codes per protocol, the outcome cache, policies given twice."""

from __future__ import annotations

import gc
import json
import weakref
from typing import Any, Dict

import boto3
import pytest
from botocore.exceptions import ClientError

from awsmock import patch_boto3
from awsmock._core.calls import Call
from awsmock._core.options import Options
from awsmock._iam import evaluate, memo
from awsmock._iam.policy import _load, load

from .._sessions import client

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
        boto3.client("sns").list_topics()
    error = excinfo.value.response
    assert (error["Error"]["Code"], error["ResponseMetadata"]["HTTPStatusCode"]) == (
        "AccessDenied",
        403,
    )


WRITE_UNDER_IN = {
    "Statement": {"Effect": "Allow", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/in/*"}
}


def shapes(enforcer: evaluate.Enforcer) -> Any:
    return [slot.shapes for slot in enforcer.policy.memo._slots.values()]


def fresh(document: Any) -> evaluate.Enforcer:
    """An enforcer with a policy of its own: load() shares one per document."""
    return evaluate.Enforcer(_load(document), "123456789012")


def test_outcomes_are_remembered_and_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memo, "_LIMIT", 2)
    enforcer = fresh(NOTHING)
    for key in ("a", "b", "c", "a"):
        denial = enforcer.denial(Call("s3", "GetObject", {"Bucket": "b", "Key": key}))
        assert isinstance(denial, ClientError)
    [[(members, outcomes)]] = shapes(enforcer)
    assert (members, len(outcomes)) == (
        ("VersionId", "Bucket", "Key"),
        2,
    )


def test_calls_that_never_repeat_are_decided_afresh_not_remembered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A new S3 key each call: storing every outcome would cost more than deciding it.
    monkeypatch.setattr(memo, "_TRIAL", 4)
    enforcer = fresh(WRITE_UNDER_IN)
    keys = ["in/1", "in/2", "in/3", "in/4", "in/5", "out/6", "in/7", "out/8"]
    allowed = [
        enforcer.denial(Call("s3", "PutObject", {"Bucket": "b", "Key": key, "Body": b"x"})) is None
        for key in keys
    ]
    assert allowed == [True, True, True, True, True, False, True, False]
    [[(_, remembered)]] = shapes(enforcer)
    assert len(remembered) == 4  # the first _TRIAL keys, then no more


def test_calls_that_repeat_keep_being_remembered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memo, "_TRIAL", 4)
    enforcer = fresh(WRITE_UNDER_IN)
    for n in range(12):  # one new key in every three calls: one in three found
        key = f"in/{n // 3}" if n % 3 else f"in/new{n}"
        assert enforcer.denial(Call("s3", "PutObject", {"Bucket": "b", "Key": key})) is None
    [slot] = enforcer.policy.memo._slots.values()
    assert slot.remembering


def test_unhashable_deciding_params_are_evaluated_each_time() -> None:
    enforcer = fresh(NOTHING)
    params = {"Bucket": "b", "Delete": {"Objects": [{"Key": "k"}]}}
    for _ in range(2):
        denial = enforcer.denial(Call("s3", "DeleteObjects", params))
        assert "s3:DeleteObject on resource: arn:aws:s3:::b/k" in str(denial)
    assert shapes(enforcer) == [[]]  # nothing remembered


def test_payloads_and_bodies_do_not_decide() -> None:
    enforcer = fresh(NOTHING)
    for body in (b"1", b"2"):
        enforcer.denial(Call("s3", "PutObject", {"Bucket": "b", "Key": "k", "Body": body}))
    [[(members, outcomes)]] = shapes(enforcer)
    assert "Body" not in members
    assert len(outcomes) == 1


def test_a_remembered_outcome_is_only_reused_for_the_same_deciding_values() -> None:
    document = {
        "Statement": {
            "Effect": "Allow",
            "Action": "sqs:SendMessage",
            "Resource": "arn:aws:sqs:us-east-1:123456789012:jobs",
        }
    }
    enforcer = fresh(document)
    jobs = "https://sqs.us-east-1.amazonaws.com/123456789012/jobs"
    other = "https://sqs.us-east-1.amazonaws.com/123456789012/other"
    outcomes = [
        enforcer.denial(Call("sqs", "SendMessage", {"QueueUrl": url, "MessageBody": body}))
        for url, body in ((jobs, "1"), (jobs, "2"), (other, "1"), (jobs, "3"))
    ]
    assert [o is None for o in outcomes] == [True, True, False, True]
    [[(members, remembered)]] = shapes(enforcer)
    assert (members, len(remembered)) == (("QueueUrl",), 2)


def test_a_step_functions_call_is_decided_by_its_arn_members_only() -> None:
    enforcer = fresh(NOTHING)
    arn = "arn:aws:states:us-east-1:123456789012:stateMachine:flow"
    for n in range(3):
        params = {"stateMachineArn": arn, "input": str(n)}
        denial = enforcer.denial(Call("stepfunctions", "StartExecution", params))
        assert f"on resource: {arn} because" in str(denial)
    [[(members, remembered)]] = shapes(enforcer)
    assert (members, len(remembered)) == (("stateMachineArn",), 1)


def test_a_policy_given_again_is_kept() -> None:
    options = Options.create({"iam_policy": NOTHING})
    again = options.replace({"strict": True}, where="@pytest.mark.awsmock()")
    assert again.iam_policy is options.iam_policy
    assert repr(options.iam_policy) == "<IAM policy, 1 statements>"


def test_a_policy_dict_changed_after_a_patch_is_read_again() -> None:
    # The same dict object is found without re-reading it, unless it changed.
    document = {"Version": "2012-10-17", "Statement": [dict(NOTHING["Statement"][0])]}
    with patch_boto3(iam_policy=document), pytest.raises(ClientError):
        boto3.client("sqs").list_queues()
    document["Statement"][0]["Action"] = "sqs:ListQueues"
    with patch_boto3(iam_policy=document) as aws:
        aws.add_response("sqs", "ListQueues", {})
        boto3.client("sqs").list_queues()  # allowed now
    assert load(document) is load(json.loads(json.dumps(document)))


def test_the_enforcer_does_not_keep_a_test_s_clients_alive() -> None:
    # It is shared by every test of the policy: a strong reference would keep each
    # test's clients (and their models) alive for the whole session.
    enforcer = evaluate.Enforcer.of(_load(NOTHING), "123456789012")
    params = {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q"}
    sqs = client("sqs", region_name="us-east-1")
    denial = enforcer.denial(Call("sqs", "GetQueueAttributes", params, client=sqs))
    assert "arn:aws:sqs:us-east-1:123456789012:q" in str(denial)
    gone, address = weakref.ref(sqs), id(sqs)
    del sqs
    gc.collect()
    assert gone() is None
    # A dead client's place is not another's, even at the same address (CPython
    # may reuse it): the new client's calls are placed in its own region.
    eu = client("sqs", region_name="eu-west-1")
    denial = enforcer.denial(Call("sqs", "GetQueueAttributes", params, client=eu))
    assert "arn:aws:sqs:eu-west-1:123456789012:q" in str(denial)
    assert len(enforcer._slots) == (1 if id(eu) == address else 2)


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
    enforcer = fresh(NOTHING)
    denial = enforcer.denial(Call("sqs", "ListQueues", {}))
    assert type(denial) is ClientError
    assert denial.response["Error"]["Code"] == "AccessDenied"
    assert str(denial) == (
        "An error occurred (AccessDenied) when calling the ListQueues operation: User:"
        " arn:aws:sts::123456789012:assumed-role/awsmock-test-role/awsmock is not authorized to"
        " perform: sqs:ListQueues on resource: * because no identity-based policy allows the"
        " sqs:ListQueues action"
    )


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


def test_the_same_documents_give_the_same_policy(tmp_path: Any) -> None:
    path = tmp_path / "role.json"
    path.write_text(json.dumps(NOTHING))
    assert load(dict(NOTHING)) is load(json.loads(json.dumps(NOTHING)))
    assert load(str(path)) is load(path)
    assert load([str(path), NOTHING]) is load([path, NOTHING])
    first = load(str(path))
    path.write_text(json.dumps({**NOTHING, "Version": "2012-10-17"}) + " ")
    assert load(str(path)) is not first  # the file changed


def test_outcomes_are_shared_by_the_patches_of_one_policy() -> None:
    document = {
        **NOTHING,
        "Statement": [*NOTHING["Statement"], {"Sid": "Shared", **NOTHING["Statement"][0]}],
    }
    for _ in range(2):
        with patch_boto3(iam_policy=document), pytest.raises(ClientError):
            boto3.client("sqs").list_queues()
    [[(members, outcomes)]] = [slot.shapes for slot in load(document).memo._slots.values()]
    assert (members, len(outcomes)) == (("QueueUrl", "QueueName"), 1)


def test_a_member_read_on_one_path_only_still_decides() -> None:
    # "f:live" names its qualifier; "f" reads Qualifier: each way is remembered apart.
    document = {
        "Statement": {
            "Effect": "Allow",
            "Action": "lambda:InvokeFunction",
            "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f:live",
        }
    }
    enforcer = fresh(document)
    calls = [
        {"FunctionName": "f:live"},
        {"FunctionName": "f", "Qualifier": "live"},
        {"FunctionName": "f", "Qualifier": "test"},
        {"FunctionName": "f:test"},
        {"FunctionName": "f", "Qualifier": "live"},
    ]
    allowed = [enforcer.denial(Call("lambda", "Invoke", params)) is None for params in calls]
    assert allowed == [True, True, False, False, True]
    [slot] = shapes(enforcer)
    assert sorted(members for members, _ in slot) == [
        ("FunctionName",),
        ("FunctionName", "Qualifier"),
    ]
