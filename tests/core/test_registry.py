"""What a test queues, checked where it queues it (awsmock/_registry.py)."""

from __future__ import annotations

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
        "See https://awsmock.readthedocs.io/en/latest/usage.html#invalid-response",
    )
