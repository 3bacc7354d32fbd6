"""``aws.on(client.method)``: expectations for one operation, at run time.

What type checkers make of them is in test_typing.py.
"""

from __future__ import annotations

from typing import Any, Callable, ClassVar, Dict

import boto3
import pytest
from botocore.exceptions import EndpointConnectionError

from awsmock import ANY, AwsMock, ParamsMismatchError, UnusedResponseError, patch_boto3


def _client(service: str) -> Any:
    """A client made outside any patch, on its own session."""
    return boto3.session.Session(region_name="us-east-1").client(service)


# queueing


def test_returns_queues_a_response_for_the_methods_operation() -> None:
    with patch_boto3() as aws:
        sqs = boto3.client("sqs")
        aws.on(sqs.send_message).returns({"MessageId": "m-1"})
        assert sqs.send_message(QueueUrl="q", MessageBody="x")["MessageId"] == "m-1"
    aws.assert_called_once_with("sqs", "SendMessage", QueueUrl="q", MessageBody="x")


def test_returns_takes_the_queue_options() -> None:
    with patch_boto3() as aws:
        sqs = boto3.client("sqs")
        aws.on(sqs.send_message).returns({"MessageId": "a"}, times=2)
        aws.on(sqs.delete_queue).returns(required=False)
        ids = [sqs.send_message(QueueUrl="q", MessageBody="x")["MessageId"] for _ in "12"]
    assert ids == ["a", "a"]


def test_returns_takes_a_callable() -> None:
    with patch_boto3() as aws:
        sqs = boto3.client("sqs")
        aws.on(sqs.send_message).returns(lambda params: {"MessageId": params["MessageBody"]})
        assert sqs.send_message(QueueUrl="q", MessageBody="b")["MessageId"] == "b"


def test_returns_gives_the_expectation_back() -> None:
    with patch_boto3() as aws:
        sqs = boto3.client("sqs")
        sent = aws.on(sqs.send_message).returns({"MessageId": "m"})
        sqs.send_message(QueueUrl="q", MessageBody="x")
    sent.assert_called_once()


def test_expect_requires_the_params() -> None:
    with patch_boto3() as aws:
        sqs = boto3.client("sqs")
        sent = aws.on(sqs.send_message)
        sent.expect(QueueUrl="q", MessageBody=ANY).returns({"MessageId": "m"})
        sqs.send_message(QueueUrl="q", MessageBody="anything")
    with pytest.raises(ParamsMismatchError), patch_boto3() as aws:
        sqs = boto3.client("sqs")
        aws.on(sqs.send_message).expect(QueueUrl="q", MessageBody="x").returns({})
        sqs.send_message(QueueUrl="other", MessageBody="x")


def test_expect_leaves_the_expectation_it_came_from_unchanged() -> None:
    with patch_boto3() as aws:
        sqs = boto3.client("sqs")
        sent = aws.on(sqs.send_message)
        narrow = sent.expect(QueueUrl="q", MessageBody="x")
        narrow.returns({"MessageId": "expected"})
        sent.returns({"MessageId": "any"})
        assert sqs.send_message(QueueUrl="q", MessageBody="x")["MessageId"] == "expected"
        assert sqs.send_message(QueueUrl="r", MessageBody="y")["MessageId"] == "any"
    assert repr(sent) == "<Expectation sqs.SendMessage>"
    assert repr(narrow) == "<Expectation sqs.SendMessage(QueueUrl='q', MessageBody='x')>"
    assert narrow.expected_params == {"QueueUrl": "q", "MessageBody": "x"}


def test_raises_a_code_queues_the_modeled_client_error() -> None:
    with patch_boto3() as aws:
        s3 = boto3.client("s3")
        aws.on(s3.get_object).expect(Bucket="b", Key="k").raises(
            "NoSuchKey", "gone", http_status_code=404
        )
        with pytest.raises(s3.exceptions.NoSuchKey) as excinfo:
            s3.get_object(Bucket="b", Key="k")
    assert excinfo.value.response["Error"] == {"Code": "NoSuchKey", "Message": "gone"}
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_raises_an_exception_instance_raises_it_as_it_is() -> None:
    fault = EndpointConnectionError(endpoint_url="https://sqs.us-east-1.amazonaws.com")
    with patch_boto3() as aws:
        sqs = boto3.client("sqs")
        aws.on(sqs.send_message).raises(fault, times=2)
        for _ in "12":
            with pytest.raises(EndpointConnectionError) as excinfo:
                sqs.send_message(QueueUrl="q", MessageBody="x")
            assert excinfo.value is fault


def test_raises_an_exception_with_a_message() -> None:
    aws = patch_boto3()
    with pytest.raises(TypeError) as excinfo:
        aws.on(_client("sqs").send_message).raises(ValueError("x"), "message")
    assert excinfo.value.args == (
        "raises(exception, message): the message is for an error code such as 'NoSuchKey';"
        " an exception instance carries its own.",
    )


def test_raises_something_else() -> None:
    aws = patch_boto3()
    with pytest.raises(TypeError) as excinfo:
        aws.on(_client("sqs").send_message).raises(404)  # type: ignore[arg-type]
    assert excinfo.value.args == (
        "raises() takes an error code such as 'NoSuchKey' or an exception instance, got 404.",
    )


def test_expected_params_given_twice() -> None:
    aws = patch_boto3()
    sent = aws.on(_client("sqs").send_message).expect(QueueUrl="q", MessageBody="x")
    with pytest.raises(TypeError) as excinfo:
        sent.returns({}, expected_params={"QueueUrl": "q"})
    assert excinfo.value.args == (
        "expected_params given twice: once with expect(...), once as an option. Keep one.",
    )


def test_unused_expectations_fail_as_unused_responses() -> None:
    with pytest.raises(UnusedResponseError) as excinfo, patch_boto3() as aws:
        aws.on(_client("sqs").send_message).returns({})
    assert "- sqs.SendMessage, added at " + __file__ in excinfo.value.args[0]


def test_on_a_resources_client() -> None:
    with patch_boto3() as aws:
        table = boto3.resource("dynamodb").Table("t")
        got = aws.on(table.meta.client.get_item)
        got.returns({"Item": {"id": {"S": "a"}}})
        assert table.get_item(Key={"id": "a"})["Item"] == {"id": "a"}
    got.assert_called_once_with(TableName="t", Key={"id": "a"})


# the record and assertions


@pytest.fixture
def aws() -> Any:
    with patch_boto3() as aws:
        s3 = boto3.client("s3")
        aws.add_response("s3", "GetObject", {}, times=2)
        s3.get_object(Bucket="b", Key="k1")
        s3.get_object(Bucket="b", Key="k2")
        yield aws


def test_calls_and_call_count(aws: AwsMock) -> None:
    s3 = boto3.client("s3")
    got = aws.on(s3.get_object)
    assert [c.params["Key"] for c in got.calls] == ["k1", "k2"]
    assert got.call_count == 2
    assert aws.on(s3.put_object).call_count == 0
    assert aws.on(s3.put_object).calls == []


def test_passing_assertions(aws: AwsMock) -> None:
    s3 = boto3.client("s3")
    got = aws.on(s3.get_object)
    got.assert_called()
    got.assert_called_with(Bucket="b", Key="k2")
    got.assert_any_call(Bucket="b", Key="k1")
    aws.on(s3.put_object).assert_not_called()
    aws.on(s3.put_object).expect(Bucket="b", Key="k").assert_not_called()


@pytest.mark.parametrize(
    ("check", "same"),
    [
        (lambda e: e.assert_called_once(), lambda a: a.assert_called_once("s3", "GetObject")),
        (
            lambda e: e.assert_called_with(Bucket="b", Key="k1"),
            lambda a: a.assert_called_with("s3", "GetObject", Bucket="b", Key="k1"),
        ),
        (
            lambda e: e.assert_called_once_with(Bucket="b", Key="k2"),
            lambda a: a.assert_called_once_with("s3", "GetObject", Bucket="b", Key="k2"),
        ),
        (
            lambda e: e.assert_any_call(Bucket="b", Key="k3"),
            lambda a: a.assert_any_call("s3", "GetObject", Bucket="b", Key="k3"),
        ),
        (lambda e: e.assert_not_called(), lambda a: a.assert_not_called("s3", "GetObject")),
    ],
)
def test_failing_assertions_say_what_aws_would(
    aws: AwsMock, check: Callable[[Any], None], same: Callable[[AwsMock], None]
) -> None:
    with pytest.raises(AssertionError) as mine:
        check(aws.on(boto3.client("s3").get_object))
    with pytest.raises(AssertionError) as theirs:
        same(aws)
    assert mine.value.args == theirs.value.args
    assert mine.value.args[0].endswith(
        "Calls made (2):\n"
        "  1. s3.GetObject(Bucket='b', Key='k1')\n"
        "  2. s3.GetObject(Bucket='b', Key='k2')"
    )


def test_assert_called_on_a_method_never_called() -> None:
    aws = patch_boto3()
    with pytest.raises(AssertionError) as excinfo:
        aws.on(_client("sqs").send_message).assert_called()
    assert excinfo.value.args == (
        "Expected sqs.SendMessage to have been called.\nNo AWS calls were made.",
    )


@pytest.mark.parametrize(
    "name", ["expect", "assert_called_with", "assert_called_once_with", "assert_any_call"]
)
def test_params_are_keywords_only(name: str) -> None:
    sent = patch_boto3().on(_client("sqs").send_message)
    with pytest.raises(TypeError) as excinfo:
        getattr(sent, name)("q", "x")
    assert excinfo.value.args == (
        f"{name}() takes the call's params as keywords, as the sqs client's methods do;"
        " got positional arguments ('q', 'x').",
    )


# what on() takes


@pytest.mark.parametrize(
    ("method", "shown"),
    [
        ("send_message", "'send_message'"),
        (print, "<built-in function print>"),
        ("".join, "<built-in method join of str object at"),
    ],
)
def test_on_takes_only_client_methods(method: Any, shown: str) -> None:
    with pytest.raises(TypeError) as excinfo:
        patch_boto3().on(method)
    message = excinfo.value.args[0]
    assert message.startswith(
        "aws.on() takes a method of a boto3/botocore client, such as"
        f" aws.on(sqs.send_message), got {shown}"
    )


def test_on_a_resource_action_points_at_its_client() -> None:
    table = boto3.session.Session(region_name="us-east-1").resource("dynamodb").Table("t")
    with pytest.raises(TypeError) as excinfo:
        patch_boto3().on(table.get_item)
    message = excinfo.value.args[0]
    assert message.startswith("aws.on() takes a method of a boto3/botocore client")
    assert message.endswith(
        " For a boto3 resource, pass its client's method: resource.meta.client.get_item."
    )


def test_on_a_client_method_that_is_no_operation() -> None:
    sqs = _client("sqs")
    with pytest.raises(TypeError) as excinfo:
        patch_boto3().on(sqs.get_paginator)
    assert excinfo.value.args == (
        "aws.on() takes a client method that calls an AWS operation; 'get_paginator' of the"
        " sqs client is not one.",
    )


def test_on_suggests_the_operation() -> None:
    class Meta:
        method_to_api_mapping: ClassVar[Dict[str, str]] = {"send_message": "SendMessage"}
        service_model = _client("sqs").meta.service_model

    class Client:
        meta = Meta()

        def send_mesage(self) -> None: ...

    with pytest.raises(TypeError) as excinfo:
        patch_boto3().on(Client().send_mesage)
    assert excinfo.value.args == (
        "aws.on() takes a client method that calls an AWS operation; 'send_mesage' of the"
        " sqs client is not one. Did you mean 'send_message'?",
    )
