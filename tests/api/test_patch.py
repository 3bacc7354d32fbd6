from __future__ import annotations

import asyncio
import contextvars
import threading
from pathlib import Path
from typing import Any
from unittest import mock

import boto3
import boto3.s3.transfer
import botocore.exceptions
import pytest
from boto3.s3.transfer import TransferConfig
from botocore.client import BaseClient

import awsmock
from awsmock import (
    ANY,
    AwsMock,
    ParamsMismatchError,
    UnassertedCallError,
    UnmockedCallError,
    UnusedResponseError,
    patch_boto3,
)

from .._frames import visible
from ..conftest import ORIGINAL_MAKE_API_CALL

QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/123456789012/q1"


def send(body: str = "hi") -> dict[str, Any]:
    return boto3.client("sqs").send_message(QueueUrl=QUEUE_URL, MessageBody=body)


# context manager


def test_context_manager_returns_a_started_mock() -> None:
    with patch_boto3() as aws:
        assert isinstance(aws, AwsMock)
        api_mock = aws.mock
        assert BaseClient.__dict__["_make_api_call"] is api_mock
        aws.add_response("sqs", "SendMessage", {"MessageId": "m-1"})
        assert send()["MessageId"] == "m-1"
    assert BaseClient.__dict__["_make_api_call"] is ORIGINAL_MAKE_API_CALL


def test_body_exception_propagates_unmasked_and_restores() -> None:
    with pytest.raises(ValueError, match="boom"), patch_boto3() as aws:
        aws.add_response("sqs", "SendMessage", {"MessageId": "never used"})
        raise ValueError("boom")
    assert BaseClient.__dict__["_make_api_call"] is ORIGINAL_MAKE_API_CALL


def test_keyboard_interrupt_restores() -> None:
    with pytest.raises(KeyboardInterrupt), patch_boto3():
        raise KeyboardInterrupt
    assert BaseClient.__dict__["_make_api_call"] is ORIGINAL_MAKE_API_CALL


def test_assertions_work_after_the_block() -> None:
    with patch_boto3() as aws:
        aws.add_response("sqs", "send_message", {"MessageId": "m-1"})
        send("after")
    aws.assert_called_once_with("sqs", "SendMessage", QueueUrl=QUEUE_URL, MessageBody="after")


# start / stop


def test_start_stop() -> None:
    aws = patch_boto3()
    assert aws.start() is aws
    aws.add_response("sqs", "SendMessage", {"MessageId": "m-1"})
    send()
    aws.stop()
    assert BaseClient.__dict__["_make_api_call"] is ORIGINAL_MAKE_API_CALL


def test_stop_before_start_and_twice_is_harmless() -> None:
    aws = patch_boto3()
    aws.stop()
    aws.start()
    aws.stop()
    aws.stop()
    assert BaseClient.__dict__["_make_api_call"] is ORIGINAL_MAKE_API_CALL


def test_start_twice_is_an_error() -> None:
    aws = patch_boto3()
    aws.start()
    try:
        with pytest.raises(RuntimeError) as excinfo:
            aws.start()
    finally:
        aws.stop()
    assert excinfo.value.args == (
        "This AwsMock is already started. Stop it first, or create another with patch_boto3().",
    )


def test_stop_restores_even_when_verification_fails() -> None:
    aws = patch_boto3().start()
    aws.add_response("sqs", "SendMessage", {"MessageId": "m-1"})
    with pytest.raises(UnusedResponseError):
        aws.stop()
    assert BaseClient.__dict__["_make_api_call"] is ORIGINAL_MAKE_API_CALL


# nesting


def test_nested_patches_inner_serves_outer_returns() -> None:
    with patch_boto3() as outer:
        outer.add_response("sqs", "SendMessage", {"MessageId": "outer"})
        with patch_boto3() as inner:
            inner.add_response("sqs", "SendMessage", {"MessageId": "inner"})
            assert send()["MessageId"] == "inner"
        assert send()["MessageId"] == "outer"
    assert inner.call_count() == 1
    assert outer.call_count() == 1


def test_stopping_outer_before_inner_is_an_error() -> None:
    outer = patch_boto3(verify=False).start()
    inner = patch_boto3(verify=False).start()
    with pytest.raises(RuntimeError, match="reverse order"):
        outer.stop()
    inner.stop()
    outer.stop()


def test_stopping_outer_first_still_restores_everything() -> None:
    outer = patch_boto3(verify=False).start()
    inner = patch_boto3().start()
    inner.add_response("sqs", "SendMessage", {"MessageId": "never used"})
    with pytest.raises(RuntimeError) as excinfo:
        outer.stop()
    assert excinfo.value.args == (
        "Patches must stop in the reverse order they started: 1 patch_boto3() started"
        " inside this one was still active. It is stopped now, unverified; stop the"
        " inner patch_boto3() first.",
    )
    assert BaseClient.__dict__["_make_api_call"] is ORIGINAL_MAKE_API_CALL
    inner.stop()  # already stopped: harmless


def test_body_exception_is_not_masked_by_an_inner_patch_left_started() -> None:
    with pytest.raises(ValueError, match="body failed"), patch_boto3():
        patch_boto3().start()
        raise ValueError("body failed")
    assert BaseClient.__dict__["_make_api_call"] is ORIGINAL_MAKE_API_CALL


# decorator


@patch_boto3()
def _decorated(value: int, aws: AwsMock) -> tuple[int, AwsMock]:
    aws.add_response("sqs", "SendMessage", {"MessageId": f"m-{value}"})
    assert send()["MessageId"] == f"m-{value}"
    return value, aws


def test_decorator_passes_a_fresh_mock_as_last_positional_argument() -> None:
    first = _decorated(1)
    second = _decorated(2)
    assert first[0] == 1 and second[0] == 2
    assert first[1] is not second[1]
    assert first[1].call_count() == second[1].call_count() == 1


def test_decorator_verifies_on_exit() -> None:
    @patch_boto3()
    def forgets_to_call(aws: AwsMock) -> None:
        aws.add_response("sqs", "SendMessage", {"MessageId": "m-1"})

    with pytest.raises(UnusedResponseError):
        forgets_to_call()


def test_decorated_class_gets_a_fresh_mock_per_test_method() -> None:
    seen: list[AwsMock] = []

    @patch_boto3()
    class Tests:
        def test_one(self, aws: AwsMock) -> None:
            seen.append(aws)
            aws.add_response("sqs", "SendMessage", {"MessageId": "m-1"})
            send()

        def test_two(self, aws: AwsMock) -> None:
            seen.append(aws)
            assert aws.call_count() == 0

        def helper(self) -> str:
            return "untouched"

    Tests().test_one()  # type: ignore[call-arg]
    Tests().test_two()  # type: ignore[call-arg]
    assert Tests().helper() == "untouched"
    assert len(seen) == 2 and seen[0] is not seen[1]


def test_decorated_class_patches_inherited_test_methods_too() -> None:
    # As mock.patch does (it walks dir(cls)): a test from a base class must not run unpatched.
    class Base:
        def test_inherited(self, aws: AwsMock) -> AwsMock:
            return aws

    @patch_boto3()
    class Tests(Base):
        pass

    aws = Tests().test_inherited()  # type: ignore[call-arg]
    assert isinstance(aws, AwsMock)
    assert Base.__dict__["test_inherited"] is not Tests.__dict__["test_inherited"]


def test_a_decorated_subclass_of_a_decorated_class_patches_each_test_once() -> None:
    @patch_boto3()
    class Base:
        def test_inherited(self, aws: AwsMock) -> AwsMock:
            return aws

    @patch_boto3()
    class Tests(Base):
        pass

    assert isinstance(Tests().test_inherited(), AwsMock)  # type: ignore[call-arg]


def test_decorated_coroutine() -> None:
    @patch_boto3()
    async def handler(aws: AwsMock) -> str:
        aws.add_response("sqs", "SendMessage", {"MessageId": "m-async"})
        return str(send()["MessageId"])

    assert asyncio.run(handler()) == "m-async"  # type: ignore[call-arg]


def test_decorated_generator_stays_patched_until_it_finishes() -> None:
    @patch_boto3()
    def fixture(aws: AwsMock) -> Any:
        aws.add_response("sqs", "SendMessage", {"MessageId": "m-gen"})
        received = yield aws
        assert received == "sent"
        yield send()["MessageId"]

    gen = fixture()  # type: ignore[call-arg]
    aws = next(gen)
    assert aws._started
    assert gen.send("sent") == "m-gen"
    with pytest.raises(StopIteration):
        next(gen)
    assert BaseClient.__dict__["_make_api_call"] is ORIGINAL_MAKE_API_CALL
    assert aws.call_count("sqs", "SendMessage") == 1


def test_decorated_generator_delegates_throw_and_close() -> None:
    seen: list[str] = []

    @patch_boto3()
    def fixture(aws: AwsMock) -> Any:
        try:
            yield 1
        except ValueError:
            seen.append("thrown")
            yield 2
        finally:
            seen.append("closed")

    gen = fixture()  # type: ignore[call-arg]
    assert next(gen) == 1
    assert gen.throw(ValueError("x")) == 2
    assert BaseClient.__dict__["_make_api_call"] is not ORIGINAL_MAKE_API_CALL
    gen.close()
    assert seen == ["thrown", "closed"]
    assert BaseClient.__dict__["_make_api_call"] is ORIGINAL_MAKE_API_CALL


def test_decorated_async_generator_stays_patched_until_it_finishes() -> None:
    seen: list[Any] = []

    @patch_boto3()
    async def fixture(aws: AwsMock) -> Any:
        aws.add_response("sqs", "SendMessage", {"MessageId": "m-agen"})
        try:
            received = yield aws
            seen.append(received)
            yield send()["MessageId"]
        except ValueError:
            seen.append("thrown")
            yield "after-throw"
        finally:
            seen.append("closed")

    async def drive() -> None:
        gen = fixture()  # type: ignore[call-arg]
        aws = await gen.__anext__()
        assert aws._started
        assert await gen.asend("sent") == "m-agen"
        with pytest.raises(StopAsyncIteration):
            await gen.__anext__()
        assert BaseClient.__dict__["_make_api_call"] is ORIGINAL_MAKE_API_CALL

        gen = fixture()  # type: ignore[call-arg]
        await gen.__anext__()
        assert await gen.athrow(ValueError("x")) == "after-throw"
        assert BaseClient.__dict__["_make_api_call"] is not ORIGINAL_MAKE_API_CALL
        with pytest.raises(UnusedResponseError):  # closed early: verified
            await gen.aclose()
        assert BaseClient.__dict__["_make_api_call"] is ORIGINAL_MAKE_API_CALL

    asyncio.run(drive())
    assert seen == ["sent", "closed", "thrown", "closed"]


def test_a_decorated_yield_fixture_keeps_its_test_patched(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import boto3
        import pytest
        from awsmock import patch_boto3

        @pytest.fixture
        @patch_boto3()
        def aws(aws):
            aws.add_response("s3", "ListBuckets", {"Buckets": [{"Name": "from-fixture"}]})
            yield aws
            aws.assert_called_once("s3", "ListBuckets")

        def test_served(aws):
            assert boto3.client("s3").list_buckets()["Buckets"] == [{"Name": "from-fixture"}]
        """
    )
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


def test_decorating_something_else_is_an_error() -> None:
    with pytest.raises(TypeError) as excinfo:
        patch_boto3()(42)  # type: ignore[type-var]
    assert excinfo.value.args == ("patch_boto3() decorates functions and classes, got 42.",)


def test_decorated_tests_stay_collectable_by_pytest(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import boto3
        import pytest
        from awsmock import patch_boto3

        @patch_boto3()
        def test_with_fixture(aws, tmp_path):
            aws.add_response("s3", "ListBuckets", {"Buckets": []})
            assert boto3.client("s3").list_buckets()["Buckets"] == []
            assert tmp_path.exists()

        @pytest.mark.parametrize("n", [1, 2])
        @patch_boto3(region="eu-west-1")
        def test_parametrized(aws, n):
            assert boto3.client("s3").meta.region_name == "eu-west-1"

        class TestClass:
            @patch_boto3()
            def test_method(self, aws):
                aws.add_response("s3", "ListBuckets", {"Buckets": []})
                boto3.client("s3").list_buckets()
        """
    )
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=4)


# interception


def test_intercepts_clients_created_before_the_patch_and_in_threads() -> None:
    early = boto3.Session().client("sqs", region_name="us-east-1")
    results: list[str] = []
    with patch_boto3() as aws:
        aws.add_response("sqs", "SendMessage", {"MessageId": "early"})
        aws.add_response("sqs", "SendMessage", {"MessageId": "thread"})
        aws.add_response("sqs", "SendMessage", {"MessageId": "session"})
        results.append(early.send_message(QueueUrl=QUEUE_URL, MessageBody="x")["MessageId"])
        worker = threading.Thread(target=lambda: results.append(send()["MessageId"]))
        worker.start()
        worker.join()
        client = boto3.Session().client("sqs")
        results.append(client.send_message(QueueUrl=QUEUE_URL, MessageBody="x")["MessageId"])
    assert results == ["early", "thread", "session"]


def test_intercepts_resources() -> None:
    with patch_boto3() as aws:
        aws.add_response("s3", "ListBuckets", {"Buckets": [{"Name": "b1"}]})
        names = [b.name for b in boto3.resource("s3").buckets.all()]
    assert names == ["b1"]


def test_s3_transfers_use_the_classic_transfer_manager_while_patched(tmp_path: Path) -> None:
    # Where boto3 would choose the CRT transfer manager (boto3[crt] on an
    # instance awscrt is optimised for): it sends through awscrt's own HTTP
    # client, which awsmock could neither serve nor block.
    source = tmp_path / "source"
    source.write_bytes(b"data")
    config = TransferConfig()
    with mock.patch.object(boto3.s3.transfer, "_should_use_crt", return_value=True) as crt:
        with patch_boto3() as aws:
            aws.add_response("s3", "PutObject", {"ETag": '"e"'})
            boto3.client("s3").upload_file(str(source), "b", "k")
            assert boto3.s3.transfer._should_use_crt(config) is False
        assert boto3.s3.transfer._should_use_crt(config) is True
    assert [(c.operation, c.params["Key"]) for c in aws.calls] == [("PutObject", "k")]
    # boto3's own choice is still made (its errors, a "crt" preference
    # without awscrt, still raise), and only then overruled.
    assert crt.call_count == 3


def test_mock_records_client_operation_and_params() -> None:
    with patch_boto3() as aws:
        aws.add_response("sqs", "SendMessage", {"MessageId": "m-1"})
        send("via mock")
        assert aws.mock is not None
        aws.mock.assert_called_once_with(
            ANY, "SendMessage", {"QueueUrl": QUEUE_URL, "MessageBody": "via mock"}
        )
        assert isinstance(aws.mock.call_args.args[0], BaseClient)
        assert aws.mock.call_args.args[0] is aws.calls[0].client


def test_mock_is_built_on_first_use_with_every_call_and_then_serves() -> None:
    with patch_boto3() as aws:
        aws.add_response("sqs", "SendMessage", {"MessageId": "m-1"}, times=2)
        send("before")
        api_mock = aws.mock
        assert api_mock is not None
        assert BaseClient.__dict__["_make_api_call"] is api_mock
        send("after")
        assert [c.args[2]["MessageBody"] for c in api_mock.call_args_list] == ["before", "after"]
        api_mock.side_effect = lambda client, operation, params: {"MessageId": "overridden"}
        assert send()["MessageId"] == "overridden"
    assert aws.mock is api_mock
    assert BaseClient.__dict__["_make_api_call"] is ORIGINAL_MAKE_API_CALL


def test_outer_mock_sees_calls_while_an_inner_patch_is_active() -> None:
    with patch_boto3(passthrough=True) as outer:
        outer.add_response("sqs", "SendMessage", {"MessageId": "outer"})
        with patch_boto3(passthrough=["sqs"]) as inner:
            assert outer.mock is not None
            assert send()["MessageId"] == "outer"  # inner passes through to outer
        assert outer.mock.call_count == 1
        assert inner.call_count() == 1


def test_mock_is_none_before_start() -> None:
    assert patch_boto3().mock is None


# queues


def test_queues_are_fifo_per_operation() -> None:
    with patch_boto3() as aws:
        for n in range(3):
            aws.add_response("sqs", "SendMessage", {"MessageId": f"m-{n}"})
        aws.add_response("s3", "ListBuckets", {"Buckets": []})
        assert boto3.client("s3").list_buckets()["Buckets"] == []
        assert [send()["MessageId"] for _ in range(3)] == ["m-0", "m-1", "m-2"]


def test_times_serves_the_same_response_n_times() -> None:
    with patch_boto3() as aws:
        aws.add_response("sqs", "SendMessage", {"MessageId": "same"}, times=2)
        assert [send()["MessageId"] for _ in range(2)] == ["same", "same"]
        with pytest.raises(UnmockedCallError):
            send()
        aws._failures.clear()


def test_times_none_is_a_standing_default_behind_one_shot_responses() -> None:
    with patch_boto3() as aws:
        aws.add_response("sqs", "SendMessage", {"MessageId": "default"}, times=None)
        aws.add_response("sqs", "SendMessage", {"MessageId": "first"})
        served = [send()["MessageId"] for _ in range(3)]
    assert served == ["first", "default", "default"]


def test_optional_responses_may_stay_unused() -> None:
    with patch_boto3() as aws:
        aws.add_response("sqs", "SendMessage", {"MessageId": "m-1"}, required=False)
    assert aws.call_count() == 0


def test_callable_response_gets_the_params() -> None:
    with patch_boto3() as aws:
        aws.add_response(
            "sqs", "SendMessage", lambda params: {"MessageId": params["MessageBody"].upper()}
        )
        assert send("shout")["MessageId"] == "SHOUT"


def test_callable_response_may_raise() -> None:
    def fail(params: dict[str, Any]) -> dict[str, Any]:
        raise botocore.exceptions.EndpointConnectionError(endpoint_url="https://sqs")

    with patch_boto3() as aws:
        aws.add_response("sqs", "SendMessage", fail)
        with pytest.raises(botocore.exceptions.EndpointConnectionError):
            send()
    assert isinstance(aws.calls[0].exception, botocore.exceptions.EndpointConnectionError)


def test_callable_returning_a_bad_response_fails_the_test() -> None:
    with pytest.raises(awsmock.InvalidResponseError) as excinfo, patch_boto3() as aws:
        aws.add_response("sqs", "SendMessage", lambda params: {"MessageId": 7})
        send()
    assert excinfo.value.args[0] == (
        "Invalid response for sqs.SendMessage: MessageId: expected str, got int (7)"
    )


def test_expected_params_with_any_at_any_depth() -> None:
    with patch_boto3() as aws:
        aws.add_response(
            "sqs",
            "SendMessage",
            {"MessageId": "m-1"},
            expected_params={
                "QueueUrl": ANY,
                "MessageBody": "x",
                "MessageAttributes": {"k": {"DataType": "String", "StringValue": ANY}},
            },
        )
        boto3.client("sqs").send_message(
            QueueUrl=QUEUE_URL,
            MessageBody="x",
            MessageAttributes={"k": {"DataType": "String", "StringValue": "v"}},
        )


def test_expected_params_mismatch_shows_a_diff() -> None:
    with patch_boto3(verify=False) as aws:
        expected = {"QueueUrl": ANY, "MessageBody": "expected"}
        aws.add_response("sqs", "SendMessage", {"MessageId": "m-1"}, expected_params=expected)
        line = _line_of('{"MessageId": "m-1"}, expected_params=expected)')
        with pytest.raises(ParamsMismatchError) as excinfo:
            send("actual")
    assert excinfo.value.args[0] == (
        f"sqs.SendMessage(QueueUrl='{QUEUE_URL}', MessageBody='actual') does not match"
        f" the expected_params of the response queued at {__file__}:{line}.\n"
        "Differences (- expected, + actual):\n"
        "  - {'MessageBody': 'expected',\n"
        "  + {'MessageBody': 'actual',\n"
        f"     'QueueUrl': '{QUEUE_URL}'}}\n"
        "See https://awsmock.readthedocs.io/en/v0.3.0/errors.html#paramsmismatcherror"
    )


def _line_of(text: str) -> int:
    with open(__file__) as source:
        for number, line in enumerate(source, 1):
            if text in line:
                return number
    raise LookupError(text)


# client errors and exceptions


def test_client_error_raises_the_modeled_class() -> None:
    with patch_boto3() as aws:
        aws.add_client_error(
            "s3", "GetObject", "NoSuchKey", "The key does not exist.", http_status_code=404
        )
        client = boto3.client("s3")
        with pytest.raises(client.exceptions.NoSuchKey) as excinfo:
            client.get_object(Bucket="b", Key="k")
    error = excinfo.value
    assert isinstance(error, botocore.exceptions.ClientError)
    assert error.response["Error"] == {"Code": "NoSuchKey", "Message": "The key does not exist."}
    assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert str(error) == (
        "An error occurred (NoSuchKey) when calling the GetObject operation:"
        " The key does not exist."
    )


def test_client_error_with_an_unmodeled_code_is_a_client_error() -> None:
    with patch_boto3() as aws:
        aws.add_client_error("s3", "HeadObject", "404", http_status_code=404)
        with pytest.raises(botocore.exceptions.ClientError) as excinfo:
            boto3.client("s3").head_object(Bucket="b", Key="k")
    assert type(excinfo.value) is botocore.exceptions.ClientError


def test_client_error_response_meta_and_modeled_fields() -> None:
    with patch_boto3() as aws:
        aws.add_client_error(
            "dynamodb",
            "PutItem",
            "ConditionalCheckFailedException",
            "The conditional request failed",
            response_meta={"RequestId": "req-1"},
            modeled_fields={"Item": {"id": {"S": "a"}}},
        )
        client = boto3.client("dynamodb")
        with pytest.raises(client.exceptions.ConditionalCheckFailedException) as excinfo:
            client.put_item(TableName="t", Item={"id": {"S": "a"}})
    assert excinfo.value.response["ResponseMetadata"]["RequestId"] == "req-1"
    assert excinfo.value.response["Item"] == {"id": {"S": "a"}}


def test_add_exception_raises_it_as_given() -> None:
    fault = botocore.exceptions.EndpointConnectionError(endpoint_url="https://sqs")
    with patch_boto3() as aws:
        aws.add_exception("sqs", "SendMessage", fault)
        with pytest.raises(botocore.exceptions.EndpointConnectionError) as excinfo:
            send()
    assert excinfo.value is fault


# bad input, at the line that made it


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        (
            {"strcit": True},
            TypeError,
            "patch_boto3() got an unknown option 'strcit'. Did you mean 'strict'? Options:"
            " validate, verify, strict, hermetic, region, retries, passthrough, cassette,"
            " record_mode, match_params, before_record, iam_policy, backend. See https://awsmock.readthedocs.io/en/v0.3.0/usage.html#options",
        ),
        ({"strict": "yes"}, TypeError, "patch_boto3(): strict must be True or False, got 'yes'."),
        (
            {"region": ""},
            TypeError,
            "patch_boto3(): region must be a region name such as 'eu-west-1', got ''.",
        ),
        (
            {"passthrough": "s3"},
            TypeError,
            "patch_boto3(): passthrough must be True, False or a list of service names such as"
            " ['s3'], got 's3'.",
        ),
        (
            {"record_mode": "sometimes"},
            ValueError,
            "patch_boto3(): record_mode must be one of 'none', 'once', 'all', 'new_episodes',"
            " got 'sometimes'.",
        ),
        (
            {"match_params": "yes"},
            TypeError,
            "patch_boto3(): match_params must be True, False or a callable f(params) -> params,"
            " got 'yes'.",
        ),
        (
            {"before_record": "redact"},
            TypeError,
            "patch_boto3(): before_record must be a callable f(interaction) -> interaction or"
            " None, got 'redact'.",
        ),
    ],
)
def test_bad_options(options: dict[str, Any], error: type[Exception], message: str) -> None:
    with pytest.raises(error) as excinfo:
        patch_boto3(**options)
    assert excinfo.value.args == (message,)


def test_decorating_without_parentheses_says_how_to_write_it() -> None:
    with pytest.raises(TypeError) as excinfo:

        @patch_boto3  # type: ignore[arg-type]
        def test_forgot_parentheses(aws: AwsMock) -> None:
            pass

    assert excinfo.value.args == (
        "patch_boto3 is used with parentheses: write @patch_boto3(), not @patch_boto3.",
    )


def test_positional_options_are_an_error() -> None:
    with pytest.raises(TypeError) as excinfo:
        patch_boto3(True)
    assert excinfo.value.args == (
        "patch_boto3() takes keyword options only, got (True,). Write, for example,"
        " patch_boto3(strict=True).",
    )


def test_bad_passthrough_service_is_named() -> None:
    with pytest.raises(awsmock.UnknownOperationError, match="Unknown service 's4'"):
        patch_boto3(passthrough=["s4"])


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (
            lambda aws: aws.add_response("sqs", "SendMessage", [1]),
            TypeError,
            "add_response('sqs', 'SendMessage', ...): response must be a dict in botocore's"
            " parsed form or a callable f(params) -> dict, got list: [1]",
        ),
        (
            lambda aws: aws.add_response("sqs", "SendMessage", {}, times=0),
            ValueError,
            "times must be a positive int, or None to serve forever; got 0.",
        ),
        (
            lambda aws: aws.add_response("sqs", "SendMessage", {}, times=True),
            ValueError,
            "times must be a positive int, or None to serve forever; got True.",
        ),
        (
            lambda aws: aws.add_response("sqs", "SendMessage", {}, expected_params=["QueueUrl"]),
            TypeError,
            "expected_params must be a dict of the call's keyword arguments, got list:"
            " ['QueueUrl']",
        ),
        (
            lambda aws: aws.add_response("sqs", "SendMessage", {}, required="no"),
            TypeError,
            "required must be True or False, got 'no'.",
        ),
        (
            lambda aws: aws.add_exception(
                "sqs", "SendMessage", botocore.exceptions.EndpointConnectionError
            ),
            TypeError,
            "add_exception takes an exception instance, got the class EndpointConnectionError."
            " Write EndpointConnectionError(...) instead.",
        ),
        (
            lambda aws: aws.add_exception("sqs", "SendMessage", "boom"),
            TypeError,
            "add_exception takes an exception instance, got 'boom'.",
        ),
        (
            lambda aws: aws.add_client_error("s3", "GetObject", 404),
            TypeError,
            "add_client_error: code must be an error code such as 'NoSuchKey', got 404.",
        ),
        (
            lambda aws: aws.add_client_error("s3", "GetObject", "NoSuchKey", http_status_code=200),
            ValueError,
            "add_client_error: http_status_code must be 300-599 (botocore raises only for"
            " those), got 200.",
        ),
        (
            lambda aws: aws.add_client_error(
                "dynamodb",
                "PutItem",
                "ConditionalCheckFailedException",
                modeled_fields={"Itme": {"id": {"S": "a"}}},
            ),
            awsmock.InvalidResponseError,
            "add_client_error: the dynamodb error ConditionalCheckFailedException has no member"
            " 'Itme'. Did you mean 'Item'? Its members: 'message', 'Item' (and 'Error', merged"
            " into the error's Code and Message).",
        ),
        (
            lambda aws: aws.add_client_error(
                "s3", "HeadObject", "404", modeled_fields={"Error": {}, "Key": "k"}
            ),
            awsmock.InvalidResponseError,
            "add_client_error: '404' is not a modeled error of s3, so modeled_fields has no"
            " member 'Key'; it takes only 'Error' (merged into the error's Code and Message).",
        ),
        (
            lambda aws: aws.add_response("sqs", "ReceiveMessage", {"Messages": [{"MessageId": 1}]}),
            awsmock.InvalidResponseError,
            "Invalid response for sqs.ReceiveMessage: Messages[0].MessageId: expected str,"
            " got int (1)\nSee https://awsmock.readthedocs.io/en/v0.3.0/errors.html#invalidresponseerror",
        ),
        (
            lambda aws: aws.add_response("sqs", "SendMessage", {"MesageId": "m"}),
            awsmock.InvalidResponseError,
            "Invalid response for sqs.SendMessage: unknown key 'MesageId'. Did you mean"
            " 'MessageId'? Valid keys: MD5OfMessageBody, MD5OfMessageAttributes,"
            " MD5OfMessageSystemAttributes, MessageId, SequenceNumber"
            "\nSee https://awsmock.readthedocs.io/en/v0.3.0/errors.html#invalidresponseerror",
        ),
        (
            lambda aws: aws.add_response("sqs", "SendMesage", {}),
            awsmock.UnknownOperationError,
            "Unknown operation 'SendMesage' for service 'sqs'. Did you mean 'SendMessage',"
            " 'SendMessageBatch' or 'DeleteMessage'?"
            " Operations are named as in the API (GetObject) or as client methods (get_object)."
            " See https://awsmock.readthedocs.io/en/v0.3.0/errors.html#unknownoperationerror",
        ),
        (
            lambda aws: aws.add_response("sqs3", "SendMessage", {}),
            awsmock.UnknownOperationError,
            "Unknown service 'sqs3'. Did you mean 'sqs' or 's3'? Use botocore's service name, as in"
            " boto3.client('s3')."
            " See https://awsmock.readthedocs.io/en/v0.3.0/errors.html#unknownoperationerror",
        ),
    ],
)
def test_bad_registrations(call: Any, error: type[Exception], message: str) -> None:
    aws = patch_boto3()
    with pytest.raises(error) as excinfo:
        call(aws)
    assert excinfo.value.args == (message,)


def test_registration_errors_point_at_the_test_line() -> None:
    aws = patch_boto3()
    with pytest.raises(awsmock.UnknownOperationError) as excinfo:
        aws.add_response("s3", "GetObjekt", {})
    assert str(visible(excinfo)[-1].path) == __file__


# unmocked calls


def test_unmocked_call_names_the_call_and_what_to_type() -> None:
    with patch_boto3(verify=False) as aws:
        aws.add_response("s3", "ListBuckets", {"Buckets": []}, times=2)
        aws.add_response("dynamodb", "GetItem", {}, times=None)
        with pytest.raises(UnmockedCallError) as excinfo:
            send("hello")
    assert excinfo.value.args[0] == (
        f"sqs.SendMessage(QueueUrl='{QUEUE_URL}', MessageBody='hello') was called,"
        " but nothing is queued for it.\n"
        "Queue a response with:\n"
        '    aws.add_response("sqs", "SendMessage", {...})\n'
        "For {...}, print an example response with: python -m awsmock example sqs SendMessage\n"
        "Queued now:\n"
        "- s3.ListBuckets (2)\n"
        "- dynamodb.GetItem (always)\n"
        "See https://awsmock.readthedocs.io/en/v0.3.0/errors.html#unmockedcallerror"
    )


def test_unmocked_call_with_nothing_queued() -> None:
    with (
        patch_boto3(verify=False),
        pytest.raises(UnmockedCallError, match=r"Queued now:\n- nothing\nSee https://"),
    ):
        send()


def test_unmocked_call_is_not_a_botocore_error() -> None:
    with patch_boto3(verify=False), pytest.raises(UnmockedCallError) as excinfo:
        send()
    assert not isinstance(
        excinfo.value, (botocore.exceptions.BotoCoreError, botocore.exceptions.ClientError)
    )
    assert isinstance(excinfo.value, AssertionError)


# verification on exit


def test_swallowed_unmocked_call_is_raised_again_on_exit() -> None:
    with pytest.raises(UnmockedCallError) as excinfo, patch_boto3():
        try:
            send()
        except Exception:
            pass
    assert excinfo.value.args[0].startswith(
        "This error was raised inside the patched block, and the code under test caught it:\n"
        f"sqs.SendMessage(QueueUrl='{QUEUE_URL}', MessageBody='hi') was called,"
    )


def test_swallowed_params_mismatch_is_raised_again_on_exit() -> None:
    with pytest.raises(ParamsMismatchError), patch_boto3() as aws:
        aws.add_response("sqs", "SendMessage", {}, expected_params={"QueueUrl": "other"})
        try:
            send()
        except Exception:
            pass


def test_unused_responses_are_named_with_where_they_were_added() -> None:
    with pytest.raises(UnusedResponseError) as excinfo, patch_boto3() as aws:
        aws.add_response("sqs", "SendMessage", {"MessageId": "m"}, times=3)
        line = _line_of('{"MessageId": "m"}, times=3)')
        aws.add_client_error("s3", "GetObject", "NoSuchKey")
        aws.add_response("s3", "ListBuckets", required=False)
        send()
    assert excinfo.value.args == (
        "2 queued responses were not used:\n"
        f"- sqs.SendMessage, 2 more times, added at {__file__}:{line}\n"
        f"- s3.GetObject (client error NoSuchKey), added at {__file__}:{line + 2}\n"
        "Remove them, make sure the code makes those calls, or queue them with required=False."
        f" See https://awsmock.readthedocs.io/en/v0.3.0/errors.html#unusedresponseerror",
    )


def test_verify_false_skips_the_checks() -> None:
    with patch_boto3(verify=False) as aws:
        aws.add_response("sqs", "SendMessage", {})
    with pytest.raises(UnusedResponseError, match="1 queued response was not used"):
        aws.assert_all_responses_used()


def test_strict_requires_every_call_to_be_asserted() -> None:
    with pytest.raises(UnassertedCallError) as excinfo, patch_boto3(strict=True) as aws:
        aws.add_response("sqs", "SendMessage", {"MessageId": "m-1"}, times=2)
        send("one")
        send("two")
        aws.assert_called_with("sqs", "SendMessage", QueueUrl=QUEUE_URL, MessageBody="two")
    assert excinfo.value.args == (
        "strict=True: 1 call was not checked by any assertion:\n"
        f"- sqs.SendMessage(QueueUrl='{QUEUE_URL}', MessageBody='one')\n"
        "Check each with aws.assert_called_with(...), aws.assert_any_call(...) or"
        " aws.assert_has_calls([...])."
        " See https://awsmock.readthedocs.io/en/v0.3.0/errors.html#unassertedcallerror",
    )


def test_strict_counts_expected_params_as_asserted() -> None:
    with patch_boto3(strict=True) as aws:
        aws.add_response(
            "sqs", "SendMessage", {}, expected_params={"QueueUrl": QUEUE_URL, "MessageBody": "hi"}
        )
        send()


# concurrency


def test_each_response_is_served_exactly_once_across_threads() -> None:
    served: list[str] = []
    lock = threading.Lock()
    client = boto3.Session().client("sqs", region_name="us-east-1")

    def worker() -> None:
        for _ in range(25):
            message_id = client.send_message(QueueUrl=QUEUE_URL, MessageBody="x")["MessageId"]
            with lock:
                served.append(message_id)

    with patch_boto3() as aws:
        for n in range(200):
            aws.add_response("sqs", "SendMessage", {"MessageId": str(n)})
        threads = [threading.Thread(target=worker) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert sorted(served, key=int) == [str(n) for n in range(200)]
    assert aws.call_count("sqs", "SendMessage") == 200


def test_concurrent_tasks_cannot_each_start_a_patch() -> None:
    served: list[str] = []

    async def task(name: str) -> None:
        with patch_boto3() as aws:
            aws.add_response("sqs", "SendMessage", {"MessageId": name})
            await asyncio.sleep(0)
            served.append(send()["MessageId"])
            await asyncio.sleep(0)

    async def main() -> list[Any]:
        return await asyncio.gather(task("first"), task("second"), return_exceptions=True)

    first, second = asyncio.run(main())
    assert first is None
    assert isinstance(second, RuntimeError)
    assert second.args == (
        "patch_boto3() cannot start here: a patch_boto3() started in another asyncio task is"
        " active. Patches replace botocore for the whole process, so concurrent tasks cannot"
        " each have their own: start one patch_boto3() around asyncio.gather(...) and queue"
        " every task's responses on it.",
    )
    assert served == ["first"]
    assert BaseClient.__dict__["_make_api_call"] is ORIGINAL_MAKE_API_CALL


def test_concurrent_threads_cannot_each_start_a_patch() -> None:
    first_started = threading.Event()
    second_tried = threading.Event()
    outcome: dict[str, Any] = {}

    def first() -> None:
        with patch_boto3() as aws:
            aws.add_response("sqs", "SendMessage", {"MessageId": "first"})
            first_started.set()
            assert second_tried.wait(timeout=30)
            outcome["first"] = send()["MessageId"]

    def second() -> None:
        assert first_started.wait(timeout=30)
        aws = patch_boto3()
        try:
            with pytest.raises(RuntimeError) as excinfo:
                aws.start()
            outcome["second"] = excinfo.value.args
        finally:
            aws.stop(succeeded=False)
            second_tried.set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcome == {
        "first": "first",
        "second": (
            "patch_boto3() cannot start here: a patch_boto3() started in another thread is"
            " active. Patches replace botocore for the whole process, so concurrent threads"
            " cannot each have their own: start one patch_boto3() around the threads and"
            " queue every thread's responses on it.",
        ),
    }


def test_a_worker_thread_cannot_start_a_patch_inside_the_main_threads() -> None:
    # Its patch would serve the main thread's calls, and the main thread's
    # stop would silently unpatch the worker.
    errors: list[tuple[Any, ...]] = []

    def worker() -> None:
        with pytest.raises(RuntimeError) as excinfo, patch_boto3():
            pass
        errors.append(excinfo.value.args)

    with patch_boto3() as aws:
        aws.add_response("sqs", "SendMessage", {"MessageId": "main"})
        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()
        assert send()["MessageId"] == "main"
    assert len(errors) == 1 and "started in another thread" in errors[0][0]


def test_threads_may_each_patch_one_after_the_other_and_nest_in_their_own() -> None:
    served: list[str] = []

    def worker(name: str) -> None:
        with patch_boto3() as outer:
            outer.add_response("sqs", "SendMessage", {"MessageId": f"{name}-outer"})
            with patch_boto3() as inner:
                inner.add_response("sqs", "SendMessage", {"MessageId": f"{name}-inner"})
                served.append(send()["MessageId"])
            served.append(send()["MessageId"])

    for name in ("one", "two"):
        thread = threading.Thread(target=worker, args=(name,))
        thread.start()
        thread.join()
    assert served == ["one-inner", "one-outer", "two-inner", "two-outer"]


def test_tasks_nest_inside_the_patch_of_the_code_that_made_them() -> None:
    async def task(name: str) -> str:
        with patch_boto3() as aws:
            aws.add_response("sqs", "SendMessage", {"MessageId": name})
            return str(send()["MessageId"])

    async def main() -> list[str]:
        with patch_boto3() as outer:
            outer.add_response("sqs", "SendMessage", {"MessageId": "outer"})
            ids = [await asyncio.create_task(task("child"))]
            ids.append(str(send()["MessageId"]))
            ids.append(await task("nested"))
            return ids

    assert asyncio.run(main()) == ["child", "outer", "nested"]


def test_a_patch_started_outside_any_task_is_an_outer_patch_for_every_task() -> None:
    # As a sync fixture's patch is for a test that pytest-asyncio runs in a
    # task whose context was copied before the fixture started.
    async def task() -> str:
        with patch_boto3() as aws:
            aws.add_response("sqs", "SendMessage", {"MessageId": "in-task"})
            return str(send()["MessageId"])

    context = contextvars.copy_context()
    with patch_boto3() as outer:
        outer.add_response("sqs", "SendMessage", {"MessageId": "outer"})
        assert context.run(asyncio.run, task()) == "in-task"
        assert send()["MessageId"] == "outer"


def test_mock_patch_object_is_the_mechanism() -> None:
    with mock.patch.object(BaseClient, "_make_api_call", return_value={}):
        with patch_boto3() as aws:
            aws.add_response("sqs", "SendMessage", {"MessageId": "m-1"})
            assert send()["MessageId"] == "m-1"
        assert isinstance(BaseClient.__dict__["_make_api_call"], mock.MagicMock)


def test_unused_responses_queued_in_a_loop_are_counted_not_listed_one_by_one() -> None:
    with pytest.raises(UnusedResponseError) as excinfo, patch_boto3() as aws:
        for _ in range(500):
            aws.add_response("sqs", "SendMessage", {"MessageId": "m"})
        line = _line_of('aws.add_response("sqs", "SendMessage", {"MessageId": "m"})')
        for name in [f"q{i}" for i in range(30)]:
            aws.add_response("sqs", "GetQueueUrl", {"QueueUrl": name}, match={"QueueName": name})
    message = excinfo.value.args[0]
    assert message.startswith(
        "530 queued responses were not used:\n"
        f"- sqs.SendMessage, added at {__file__}:{line} (x500)\n"
        "- sqs.GetQueueUrl (match {'QueueName': 'q0'}), added at"
    )
    assert "\n- ... and 11 more\nRemove them" in message
    assert len(message.splitlines()) == 23
