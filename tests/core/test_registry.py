"""What a test queues, checked where it queues it (awsmock/_registry.py)."""

from __future__ import annotations

import inspect
from typing import Any

import boto3
import pytest

from awsmock import InvalidResponseError, patch_boto3


def test_modeled_fields_error_is_merged_into_code_and_message() -> None:
    with patch_boto3() as aws:
        aws.add_client_error(
            "s3",
            "GetObject",
            "NoSuchKey",
            "gone",
            http_status_code=404,
            modeled_fields={"Error": {"Key": "k", "BucketName": "b"}},
        )
        s3 = boto3.client("s3")
        with pytest.raises(s3.exceptions.NoSuchKey) as excinfo:
            s3.get_object(Bucket="b", Key="k")
    assert excinfo.value.response["Error"] == {
        "Code": "NoSuchKey",
        "Message": "gone",
        "Key": "k",
        "BucketName": "b",
    }
    assert (
        str(excinfo.value)
        == "An error occurred (NoSuchKey) when calling the GetObject operation: gone"
    )


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        (
            {"modeled_fields": {"Error": "oops"}},
            TypeError,
            "add_client_error: modeled_fields['Error'] must be a dict (it is merged into the"
            " error's Code and Message), got 'oops'.",
        ),
        (
            {"modeled_fields": ["x"]},
            TypeError,
            "add_client_error: modeled_fields must be a dict of the error shape's members,"
            " got ['x'].",
        ),
        (
            {"response_meta": {"HTTPStatusCode": 200}},
            ValueError,
            "add_client_error: give the status as http_status_code=..., not in response_meta"
            " (it would contradict it).",
        ),
        (
            {"response_meta": {"RetryAttempts": "2"}},
            InvalidResponseError,
            "add_client_error: response_meta: ResponseMetadata.RetryAttempts: expected int,"
            " got '2'",
        ),
        (
            {"http_status_code": True},
            ValueError,
            "add_client_error: http_status_code must be 300-599 (botocore raises only for"
            " those), got True.",
        ),
        ({"message": 3}, TypeError, "add_client_error: message must be a str, got 3."),
    ],
)
def test_bad_client_errors_fail_when_queued(kwargs: Any, error: type, message: str) -> None:
    aws = patch_boto3()
    options = {"message": "m", **kwargs}
    with pytest.raises(error) as excinfo:
        aws.add_client_error("s3", "GetObject", "NoSuchKey", **options)
    assert excinfo.value.args == (message,)


def test_expected_params_name_parameters_of_the_operation() -> None:
    # Found when queued, as match='s keys are, not when the code makes the call.
    with patch_boto3() as aws, pytest.raises(ValueError, match="Kye") as excinfo:
        aws.add_response("s3", "GetObject", {}, expected_params={"Bucket": "b", "Kye": "k"})
    assert excinfo.value.args == (
        "expected_params names 'Kye', which is not a parameter of s3.GetObject."
        " Did you mean 'Key'?",
    )


@pytest.mark.parametrize("validate", [True, False])
def test_a_response_that_contains_itself_fails_when_queued(validate: bool) -> None:
    # AttributeValue's M holds AttributeValues: botocore's model code recursed forever.
    value: Any = {"M": {}}
    value["M"]["parent"] = value
    aws = patch_boto3(validate=validate)
    with pytest.raises(InvalidResponseError) as excinfo:
        aws.add_response("dynamodb", "GetItem", {"Item": {"pk": {"S": "a"}, "tree": value}})
    assert excinfo.value.args == (
        "Invalid response for dynamodb.GetItem: Item.tree.M.parent: the response contains"
        " itself here (this is Item.tree again). Queue a tree of dicts and lists, as"
        " botocore's parser returns.\n"
        "See https://awsmock.readthedocs.io/en/v0.3.0/errors.html#invalidresponseerror",
    )


def _two(params: Any, extra: Any) -> Any:
    return {}


@pytest.mark.parametrize(
    ("callable_", "shown", "reason"),
    [
        (lambda: {"MessageId": "m"}, "<lambda>()", "too many positional arguments"),
        (_two, "_two(params, extra)", "missing a required argument: 'extra'"),
    ],
)
def test_a_response_callable_must_take_the_params(callable_: Any, shown: str, reason: str) -> None:
    # Raised at call time, it was a TypeError the code under test could swallow.
    aws = patch_boto3()
    with pytest.raises(TypeError, match="response callable") as excinfo:
        aws.add_response("sqs", "SendMessage", callable_)
    assert excinfo.value.args == (
        f"add_response('sqs', 'SendMessage', ...): the response callable {shown} cannot"
        f" take the call's params as its one argument ({reason}). Write it as f(params)"
        " -> dict, such as lambda params: {...}.",
    )


@pytest.mark.parametrize(
    "callable_",
    [
        lambda params: {"MessageId": "c"},
        lambda *a: {"MessageId": "c"},
        lambda p, x=0: {"MessageId": "c"},
    ],
    ids=["one", "args", "default"],
)
def test_response_callables_that_take_the_params_are_queued(callable_: Any) -> None:
    with patch_boto3() as aws:
        aws.add_response("sqs", "SendMessage", callable_)
        sent = boto3.client("sqs").send_message(QueueUrl="q", MessageBody="x")
    assert sent["MessageId"] == "c"


def test_a_response_callable_without_a_signature_is_queued() -> None:
    with pytest.raises(ValueError, match="no signature found"):
        inspect.signature(dict)
    aws = patch_boto3()
    aws.add_response("sqs", "SendMessage", dict)
