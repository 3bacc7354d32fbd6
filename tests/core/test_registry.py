"""What a test queues, checked where it queues it (awsmock/_registry.py)."""

from __future__ import annotations

import inspect
from types import MappingProxyType
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from awsmock import InvalidResponseError, ParamsMismatchError, UnmockedCallError, patch_boto3


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


QUEUE_ONE = {
    "add_response": lambda aws, **kw: aws.add_response("s3", "GetObject", {"Body": b"x"}, **kw),
    "add_client_error": lambda aws, **kw: aws.add_client_error(
        "s3", "GetObject", "NoSuchKey", **kw
    ),
    "add_exception": lambda aws, **kw: aws.add_exception("s3", "GetObject", KeyError("k"), **kw),
}


@pytest.mark.parametrize("queue", QUEUE_ONE.values(), ids=list(QUEUE_ONE))
def test_every_kind_of_entry_checks_its_expected_params(queue: Any) -> None:
    with (
        pytest.raises(ParamsMismatchError, match="does not match the expected_params"),
        patch_boto3() as aws,
    ):
        queue(aws, expected_params={"Bucket": "b", "Key": "k"})
        boto3.client("s3").get_object(Bucket="b", Key="other")


@pytest.mark.parametrize("queue", QUEUE_ONE.values(), ids=list(QUEUE_ONE))
def test_every_kind_of_entry_serves_only_the_calls_it_matches(queue: Any) -> None:
    with (
        pytest.raises(UnmockedCallError, match="no queued response matches it"),
        patch_boto3() as aws,
    ):
        queue(aws, match={"Key": "k"}, required=False)
        boto3.client("s3").get_object(Bucket="b", Key="other")


@pytest.mark.parametrize("status", [300, 404, 599])
def test_client_errors_take_every_status_botocore_raises_for(status: int) -> None:
    with patch_boto3() as aws:
        aws.add_client_error("s3", "GetObject", "Teapot", http_status_code=status)
        with pytest.raises(ClientError) as excinfo:
            boto3.client("s3").get_object(Bucket="b", Key="k")
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == status


@pytest.mark.parametrize("status", [200, 299, 600])
def test_client_errors_refuse_a_status_botocore_does_not_raise_for(status: int) -> None:
    aws = patch_boto3()
    with pytest.raises(ValueError, match="http_status_code") as excinfo:
        aws.add_client_error("s3", "GetObject", "Teapot", http_status_code=status)
    assert excinfo.value.args == (
        "add_client_error: http_status_code must be 300-599 (botocore raises only for"
        f" those), got {status}.",
    )


@pytest.mark.parametrize("times", [0, -1, 1.5, True, "2"])
def test_times_must_be_a_positive_int(times: Any) -> None:
    aws = patch_boto3()
    with pytest.raises(ValueError, match="times must be") as excinfo:
        aws.add_response("s3", "GetObject", {}, times=times)
    assert excinfo.value.args == (
        f"times must be a positive int, or None to serve forever; got {times!r}.",
    )


@pytest.mark.parametrize("value", ["AAAA!", "AAAA AAAA", "AAA"])
def test_a_checksum_must_be_strict_base64(value: str) -> None:
    # Characters outside the alphabet, which a lax decoder skips, are refused too.
    aws = patch_boto3()
    with pytest.raises(InvalidResponseError, match="expected the base64 crc32 checksum"):
        aws.add_response("s3", "GetObject", {"Body": b"x", "ChecksumCRC32": value})


def test_a_multipart_checksum_is_taken_as_it_is() -> None:
    # "<base64>-<parts>": the checksum of the parts' checksums, which botocore does not check.
    with patch_boto3() as aws:
        aws.add_response("s3", "GetObject", {"Body": b"x", "ChecksumCRC32": "AAAAAA==-3"})
        assert boto3.client("s3").get_object(Bucket="b", Key="k")["ChecksumCRC32"] == "AAAAAA==-3"


@pytest.mark.parametrize(
    ("queue", "error", "message"),
    [
        (
            lambda aws: aws.add_response("s3", "GetObject", [1] * 100),
            TypeError,
            "add_response('s3', 'GetObject', ...): response must be a dict in botocore's parsed"
            " form or a callable f(params) -> dict, got list: [" + "1, " * 18 + "1,...",
        ),
        (
            lambda aws: aws.add_response("s3", "GetObject", {}, expected_params=[1] * 100),
            TypeError,
            "expected_params must be a dict of the call's keyword arguments, got list: ["
            + "1, " * 18
            + "1,...",
        ),
        (
            lambda aws: aws.add_client_error("s3", "GetObject", "X", response_meta=[1]),
            TypeError,
            "add_client_error: response_meta must be a dict, got [1].",
        ),
        (
            lambda aws: aws.add_client_error(
                "s3", "GetObject", "NoSuchBucket", modeled_fields={"X": 1}
            ),
            InvalidResponseError,
            "add_client_error: the s3 error NoSuchBucket has no member 'X'. Its members: none"
            " (and 'Error', merged into the error's Code and Message).",
        ),
        (
            lambda aws: aws.add_response(
                "s3", "GetObject", {"AcceptRanges": "bytes", "ChecksumCRC32": "A" * 100 + "!"}
            ),
            InvalidResponseError,
            "Invalid response for s3.GetObject: ChecksumCRC32: expected the base64 crc32 checksum"
            " of the body, got '" + "A" * 56 + "...\nSee"
            " https://awsmock.readthedocs.io/en/v0.3.0/errors.html#invalidresponseerror",
        ),
        (
            lambda aws: aws.add_response("s3", "GetObject", NoParams()),
            TypeError,
            "add_response('s3', 'GetObject', ...): the response callable NoParams() cannot take"
            " the call's params as its one argument (too many positional arguments). Write it"
            " as f(params) -> dict, such as lambda params: {...}.",
        ),
    ],
)
def test_mistakes_are_told_when_queued(queue: Any, error: type, message: str) -> None:
    aws = patch_boto3()
    with pytest.raises(error) as excinfo:
        queue(aws)
    assert excinfo.value.args == (message,)


class NoParams:
    """A callable object (no __name__ of its own) that takes no params."""

    def __call__(self) -> Any:
        return {}


class Times(int):
    """An int subclass, as an IntEnum member or numpy's integers are."""


def test_a_response_may_be_any_mapping_and_times_any_int() -> None:
    with patch_boto3() as aws:
        aws.add_response("s3", "GetObject", MappingProxyType({"Body": b"x"}), times=Times(1))
        assert boto3.client("s3").get_object(Bucket="b", Key="k")["Body"].read() == b"x"
