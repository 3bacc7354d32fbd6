from __future__ import annotations

from typing import Any, Callable, Iterator

import boto3
import pytest
from botocore import UNSIGNED
from botocore.config import Config

from awsmock import ANY, AwsMock, Call, UnassertedCallError, call, patch_boto3

from .._frames import visible

CALLS_MADE = (
    "Calls made (3):\n"
    "  1. s3.GetObject(Bucket='b', Key='k1')\n"
    "  2. s3.GetObject(Bucket='b', Key='k2')\n"
    "  3. s3.PutObject(Bucket='b', Key='k', Body=b'1,2')"
)


@pytest.fixture
def aws() -> Iterator[AwsMock]:
    with patch_boto3() as aws:
        aws.add_response("s3", "GetObject", {"Body": b"x"}, times=2)
        aws.add_response("s3", "PutObject", {"ETag": '"e"'})
        s3 = boto3.client("s3")
        s3.get_object(Bucket="b", Key="k1")
        s3.get_object(Bucket="b", Key="k2")
        s3.put_object(Bucket="b", Key="k", Body=b"1,2")
        yield aws


# the record


def test_calls_are_recorded_in_order_with_params_and_responses(aws: AwsMock) -> None:
    assert [(c.service, c.operation) for c in aws.calls] == [
        ("s3", "GetObject"),
        ("s3", "GetObject"),
        ("s3", "PutObject"),
    ]
    put = aws.calls[2]
    assert put.params == {"Bucket": "b", "Key": "k", "Body": b"1,2"}
    assert put.response is not None and put.response["ETag"] == '"e"'
    assert put.exception is None
    assert repr(put) == "<Call s3.PutObject(Bucket='b', Key='k', Body=b'1,2')>"


def test_calls_for_and_call_count(aws: AwsMock) -> None:
    assert [c.params["Key"] for c in aws.calls_for("s3", "get_object")] == ["k1", "k2"]
    assert len(aws.calls_for("s3")) == 3
    assert aws.call_count() == 3
    assert aws.call_count("s3") == 3
    assert aws.call_count("s3", "GetObject") == 2
    assert aws.call_count("sqs") == 0


def test_call_count_of_an_operation_needs_its_service(aws: AwsMock) -> None:
    # It counted every call (3), as if no operation were named.
    with pytest.raises(TypeError) as excinfo:
        aws.call_count(operation="GetObject")
    assert excinfo.value.args == (
        "call_count(operation='GetObject') needs the service too: operations are"
        ' counted per service. Write aws.call_count("s3", "GetObject").',
    )


def test_call_count_of_an_operation_never_called_names_a_placeholder_service() -> None:
    with patch_boto3() as aws:
        pass
    with pytest.raises(TypeError) as excinfo:
        aws.call_count(operation="ListTagsForResource")
    assert excinfo.value.args == (
        "call_count(operation='ListTagsForResource') needs the service too: operations are"
        ' counted per service. Write aws.call_count("<service>", "ListTagsForResource").',
    )


def test_call_count_of_an_operation_names_the_service_that_made_it() -> None:
    with patch_boto3() as aws:
        aws.add_response("sqs", "ListQueues", {})
        aws.add_response("s3", "ListBuckets", {})
        boto3.client("sqs").list_queues()
        boto3.client("s3").list_buckets()
    with pytest.raises(TypeError) as excinfo:
        aws.call_count(operation="ListBuckets")
    assert excinfo.value.args == (
        "call_count(operation='ListBuckets') needs the service too: operations are"
        ' counted per service. Write aws.call_count("s3", "ListBuckets").',
    )


def test_a_call_built_by_hand_keeps_what_it_was_given() -> None:
    error = KeyError("k")
    made = Call("s3", "GetObject", {"Bucket": "b"}, response={"Body": b"x"}, exception=error)
    assert (made.response, made.exception) == ({"Body": b"x"}, error)
    assert (made.hermetic, made.denied, made.asserted) == (False, False, False)
    assert all(flag is False for flag in (made.hermetic, made.denied, made.asserted))
    assert (made.attempts, made.delays, made.slept, made.bodies) == (1, (), 0, None)


def test_call_equality() -> None:
    recorded = Call("s3", "GetObject", {"Bucket": "b", "Key": "k"})
    assert recorded == call("s3", "get_object", Bucket="b", Key=ANY)
    assert recorded != call("s3", "GetObject", Bucket="b", Key="other")
    assert repr(call("s3", "GetObject", Bucket="b")) == "call('s3', 'GetObject', Bucket='b')"
    assert recorded != ("s3", "GetObject", {"Bucket": "b", "Key": "k"})
    assert recorded != Call("s3", "PutObject", {"Bucket": "b", "Key": "k"})
    assert recorded != Call("sqs", "GetObject", {"Bucket": "b", "Key": "k"})


def test_failed_calls_record_the_exception() -> None:
    with patch_boto3() as aws:
        aws.add_client_error("s3", "GetObject", "NoSuchKey")
        s3 = boto3.client("s3")
        with pytest.raises(s3.exceptions.NoSuchKey):
            s3.get_object(Bucket="b", Key="k")
    assert isinstance(aws.calls[0].exception, s3.exceptions.NoSuchKey)
    assert aws.calls[0].response is None


def test_region_and_access_key_id_say_where_and_as_whom() -> None:
    with patch_boto3() as aws:
        aws.add_response("sts", "GetCallerIdentity", {}, times=None)
        boto3.client("sts").get_caller_identity()
        boto3.client(
            "sts",
            region_name="eu-west-1",
            aws_access_key_id="AKIAEXPLICIT",
            aws_secret_access_key="secret",
        ).get_caller_identity()
        session = boto3.Session(
            aws_access_key_id="AKIASESSION", aws_secret_access_key="s", region_name="ap-south-1"
        )
        session.client("sts").get_caller_identity()
        unsigned = boto3.client("sts", config=Config(signature_version=UNSIGNED))
        unsigned.get_caller_identity()
    assert [(c.region, c.access_key_id) for c in aws.calls] == [
        ("us-east-1", "testing"),  # the hermetic environment's
        ("eu-west-1", "AKIAEXPLICIT"),
        ("ap-south-1", "AKIASESSION"),
        ("us-east-1", None),
    ]


def test_region_and_access_key_id_of_a_call_without_a_client() -> None:
    made = Call("s3", "ListBuckets", {})
    assert (made.region, made.access_key_id) == (None, None)


# passing assertions


def test_passing_assertions(aws: AwsMock) -> None:
    aws.assert_called("s3")
    aws.assert_called("s3", "GetObject")
    aws.assert_called_once("s3", "PutObject")
    aws.assert_not_called("sqs")
    aws.assert_not_called("s3", "DeleteObject")
    aws.assert_called_with("s3", "GetObject", Bucket="b", Key="k2")
    aws.assert_called_once_with("s3", "put_object", Bucket="b", Key="k", Body=b"1,2")
    aws.assert_any_call("s3", "GetObject", Bucket="b", Key=ANY)
    aws.assert_has_calls(
        [
            call("s3", "GetObject", Bucket="b", Key="k2"),
            call("s3", "PutObject", Bucket="b", Key="k", Body=ANY),
        ]
    )
    aws.assert_has_calls(
        [
            call("s3", "PutObject", Bucket=ANY, Key="k", Body=ANY),
            call("s3", "GetObject", Bucket="b", Key="k1"),
        ],
        any_order=True,
    )


def test_assert_has_calls_in_order_wants_the_calls_back_to_back(aws: AwsMock) -> None:
    aws.assert_has_calls([call("s3", "GetObject", Bucket="b", Key="k1")])
    aws.assert_has_calls([call("s3", "PutObject", Bucket="b", Key="k", Body=ANY)])
    aws.assert_has_calls(
        [
            call("s3", "GetObject", Bucket="b", Key="k1"),
            call("s3", "GetObject", Bucket="b", Key="k2"),
        ]
    )
    with pytest.raises(AssertionError, match="Calls not found in this order"):
        # Both were made, in this order, but with k2 between them.
        aws.assert_has_calls(
            [
                call("s3", "GetObject", Bucket="b", Key="k1"),
                call("s3", "PutObject", Bucket="b", Key="k", Body=ANY),
            ]
        )


def test_assert_has_calls_in_any_order_wants_every_call(aws: AwsMock) -> None:
    with pytest.raises(AssertionError) as excinfo:
        aws.assert_has_calls(
            [
                call("s3", "GetObject", Bucket="b", Key="k1"),
                call("s3", "GetObject", Bucket="b", Key="zz"),
            ],
            any_order=True,
        )
    assert excinfo.value.args == (
        "Calls not found (any order):\n"
        f"  call('s3', 'GetObject', Bucket='b', Key='zz')\n{CALLS_MADE}",
    )
    with pytest.raises(AssertionError, match="Calls not found"):
        # One call made, two expected: a made call counts once.
        aws.assert_has_calls(
            [call("s3", "PutObject", Bucket="b", Key="k", Body=ANY)] * 2, any_order=True
        )


def test_assert_any_call_looks_only_at_the_operation_named(aws: AwsMock) -> None:
    with pytest.raises(AssertionError) as excinfo:
        aws.assert_any_call("s3", "HeadObject", Bucket="b", Key="k1")
    assert excinfo.value.args == (
        "s3.HeadObject(Bucket='b', Key='k1') call not found: s3.HeadObject was not called."
        f"\n{CALLS_MADE}",
    )


def test_assert_any_call_shows_the_closest_call() -> None:
    with patch_boto3() as aws:
        aws.add_response("s3", "GetObject", {}, times=3)
        s3 = boto3.client("s3")
        s3.get_object(Bucket="b", Key="k", Range="bytes=0-1")
        s3.get_object(Bucket="b", Key="x")
        s3.get_object(Bucket="c", Key="k", VersionId="v", Range="r", PartNumber=1, IfMatch="e")
    with pytest.raises(AssertionError) as excinfo:
        aws.assert_any_call("s3", "GetObject", Bucket="b", Key="k")
    # Both keys agree and one is extra: closer than one key differing, or many extra.
    assert "\nClosest call: s3.GetObject(Bucket='b', Key='k', Range='bytes=0-1')\n" in str(
        excinfo.value
    )


def test_assert_any_call_closest_weighs_agreeing_params_against_extra_ones() -> None:
    with patch_boto3() as aws:
        aws.add_response("s3", "GetObject", {}, times=2)
        s3 = boto3.client("s3")
        s3.get_object(Bucket="b", Key="x")
        s3.get_object(Bucket="b", Key="k", Range="r", VersionId="v", PartNumber=1)
    with pytest.raises(AssertionError) as excinfo:
        aws.assert_any_call("s3", "GetObject", Bucket="b", Key="k")
    # One param agrees and none is extra: closer than two agreeing and three extra.
    assert "\nClosest call: s3.GetObject(Bucket='b', Key='x')\n" in str(excinfo.value)


def test_assert_has_calls_in_any_order_lists_every_missing_call(aws: AwsMock) -> None:
    with pytest.raises(AssertionError) as excinfo:
        aws.assert_has_calls(
            [
                call("s3", "GetObject", Bucket="b", Key="y"),
                call("s3", "GetObject", Bucket="b", Key="z"),
            ],
            any_order=True,
        )
    assert excinfo.value.args == (
        "Calls not found (any order):\n"
        "  call('s3', 'GetObject', Bucket='b', Key='y')\n"
        f"  call('s3', 'GetObject', Bucket='b', Key='z')\n{CALLS_MADE}",
    )


def unchecked_after(check: Callable[[AwsMock], None]) -> list[str]:
    """The calls strict=True reports as unchecked after ``check`` ran on the fixture's calls."""
    with pytest.raises(UnassertedCallError) as excinfo, patch_boto3(strict=True) as aws:
        aws.add_response("s3", "GetObject", {"Body": b"x"}, times=2)
        aws.add_response("s3", "PutObject", {"ETag": '"e"'})
        s3 = boto3.client("s3")
        s3.get_object(Bucket="b", Key="k1")
        s3.get_object(Bucket="b", Key="k2")
        s3.put_object(Bucket="b", Key="k", Body=b"1,2")
        check(aws)
    lines = str(excinfo.value).splitlines()
    return [line[2:] for line in lines if line.startswith("- ")]


GET_K1 = "s3.GetObject(Bucket='b', Key='k1')"
GET_K2 = "s3.GetObject(Bucket='b', Key='k2')"
PUT = "s3.PutObject(Bucket='b', Key='k', Body=b'1,2')"


@pytest.mark.parametrize(
    ("check", "unchecked"),
    [
        (lambda aws: None, [GET_K1, GET_K2, PUT]),
        (lambda aws: aws.assert_called("s3", "GetObject"), [PUT]),
        (lambda aws: aws.assert_called_once("s3", "PutObject"), [GET_K1, GET_K2]),
        (
            lambda aws: aws.assert_called_with("s3", "GetObject", Bucket="b", Key="k2"),
            [GET_K1, PUT],
        ),
        (lambda aws: aws.assert_any_call("s3", "GetObject", Bucket="b", Key="k1"), [GET_K2, PUT]),
        (
            lambda aws: aws.assert_has_calls(
                [
                    call("s3", "GetObject", Bucket="b", Key="k2"),
                    call("s3", "PutObject", Bucket="b", Key="k", Body=ANY),
                ]
            ),
            [GET_K1],
        ),
        (
            lambda aws: aws.assert_has_calls(
                [
                    call("s3", "PutObject", Bucket="b", Key="k", Body=ANY),
                    call("s3", "GetObject", Bucket="b", Key="k1"),
                ],
                any_order=True,
            ),
            [GET_K2],
        ),
    ],
)
def test_strict_counts_the_calls_each_assertion_checked(
    check: Callable[[AwsMock], None], unchecked: list[str]
) -> None:
    assert unchecked_after(check) == unchecked


def test_strict_passes_once_every_call_is_checked() -> None:
    with patch_boto3(strict=True) as aws:
        aws.add_response("s3", "GetObject", {"Body": b"x"}, times=2)
        s3 = boto3.client("s3")
        s3.get_object(Bucket="b", Key="k1")
        s3.get_object(Bucket="b", Key="k2")
        aws.assert_any_call("s3", "GetObject", Bucket="b", Key="k1")
        aws.assert_has_calls([call("s3", "GetObject", Bucket="b", Key="k2")], any_order=True)


# failing assertions: messages that stand on their own


@pytest.mark.parametrize(
    ("check", "message"),
    [
        (lambda aws: aws.assert_called("sqs"), "Expected sqs to have been called."),
        (
            lambda aws: aws.assert_called("s3", "delete_object"),
            "Expected s3.DeleteObject to have been called.",
        ),
        (
            lambda aws: aws.assert_called_once("s3", "GetObject"),
            "Expected s3.GetObject to have been called once. Called 2 times.",
        ),
        (
            lambda aws: aws.assert_not_called("s3"),
            "Expected s3 not to have been called. Called 3 times.",
        ),
        (
            lambda aws: aws.assert_not_called("s3", "PutObject"),
            "Expected s3.PutObject not to have been called. Called once.",
        ),
        (
            lambda aws: aws.assert_called_with("s3", "GetObject", Bucket="b", Key="k1"),
            "Expected call: s3.GetObject(Bucket='b', Key='k1')\n"
            "Actual call:   s3.GetObject(Bucket='b', Key='k2')\n"
            "Differences (- expected, + actual):\n"
            "  - {'Bucket': 'b', 'Key': 'k1'}\n"
            "  + {'Bucket': 'b', 'Key': 'k2'}",
        ),
        (
            lambda aws: aws.assert_called_with("s3", "DeleteObject", Bucket="b"),
            "Expected call: s3.DeleteObject(Bucket='b')\nNot called.",
        ),
        (
            lambda aws: aws.assert_called_once_with("s3", "GetObject", Bucket="b", Key="k1"),
            "Expected s3.GetObject to be called once. Called 2 times.",
        ),
        (
            lambda aws: aws.assert_any_call("s3", "GetObject", Bucket="c", Key=ANY),
            "s3.GetObject(Bucket='c', Key=<ANY>) call not found.\n"
            "Closest call: s3.GetObject(Bucket='b', Key='k2')\n"
            "Differences (- expected, + actual):\n"
            "  - {'Bucket': 'c', 'Key': 'k2'}\n"
            "  + {'Bucket': 'b', 'Key': 'k2'}",
        ),
        (
            lambda aws: aws.assert_any_call("sqs", "SendMessage", QueueUrl="q"),
            "sqs.SendMessage(QueueUrl='q') call not found: sqs.SendMessage was not called.",
        ),
        (
            lambda aws: aws.assert_has_calls(
                [
                    call("s3", "PutObject", Bucket="b", Key="k", Body=ANY),
                    call("s3", "GetObject", Bucket="b", Key="k1"),
                ]
            ),
            "Calls not found in this order:\n"
            "  call('s3', 'PutObject', Bucket='b', Key='k', Body=<ANY>)\n"
            "  call('s3', 'GetObject', Bucket='b', Key='k1')",
        ),
        (
            lambda aws: aws.assert_has_calls(
                [call("s3", "GetObject", Bucket="b", Key="zz")], any_order=True
            ),
            "Calls not found (any order):\n  call('s3', 'GetObject', Bucket='b', Key='zz')",
        ),
    ],
)
def test_failure_messages(aws: AwsMock, check: Callable[[AwsMock], None], message: str) -> None:
    with pytest.raises(AssertionError) as excinfo:
        check(aws)
    assert excinfo.value.args == (f"{message}\n{CALLS_MADE}",)


def test_message_when_no_calls_were_made() -> None:
    with patch_boto3() as aws:
        pass
    with pytest.raises(AssertionError) as excinfo:
        aws.assert_called("s3")
    assert excinfo.value.args == ("Expected s3 to have been called.\nNo AWS calls were made.",)


def test_long_values_are_shortened_in_messages() -> None:
    with patch_boto3() as aws:
        aws.add_response("s3", "PutObject", {})
        boto3.client("s3").put_object(Bucket="b", Key="k", Body=b"x" * 500)
    with pytest.raises(AssertionError) as excinfo:
        aws.assert_not_called("s3")
    assert "Body=b'xxxxxxxx" in str(excinfo.value)
    assert "...)" in str(excinfo.value)
    assert len(str(excinfo.value)) < 300


def test_assert_has_calls_takes_call_objects(aws: AwsMock) -> None:
    with pytest.raises(TypeError) as excinfo:
        aws.assert_has_calls([("s3", "GetObject")])  # type: ignore[list-item]
    assert excinfo.value.args == (
        "assert_has_calls takes awsmock.call(...) items, got ('s3', 'GetObject')."
        ' Write: call("s3", "PutObject", Bucket="b", Key="k")',
    )


def test_assertions_check_names(aws: AwsMock) -> None:
    with pytest.raises(ValueError, match="Unknown operation 'GetObjekt'"):
        aws.assert_called("s3", "GetObjekt")


def test_assertions_hide_library_frames(aws: AwsMock) -> None:
    with pytest.raises(AssertionError) as excinfo:
        aws.assert_called_with("s3", "GetObject", Bucket="b", Key="nope")
    assert str(visible(excinfo)[-1].path) == __file__


# the record is the truth


def test_the_record_keeps_a_copy_of_the_params_the_code_reuses() -> None:
    """The "fill a batch, send it, clear it" pattern must not rewrite earlier records."""
    with patch_boto3() as aws:
        aws.add_response("sqs", "SendMessageBatch", {"Successful": [], "Failed": []}, times=2)
        sqs = boto3.client("sqs")
        batch = [{"Id": "1", "MessageBody": "a"}]
        sqs.send_message_batch(QueueUrl="https://q", Entries=batch)
        batch.clear()
        batch.append({"Id": "2", "MessageBody": "b"})
        sqs.send_message_batch(QueueUrl="https://q", Entries=batch)
    aws.assert_any_call(
        "sqs", "SendMessageBatch", QueueUrl="https://q", Entries=[{"Id": "1", "MessageBody": "a"}]
    )
    aws.assert_called_with(
        "sqs", "SendMessageBatch", QueueUrl="https://q", Entries=[{"Id": "2", "MessageBody": "b"}]
    )


def test_a_response_callable_that_mutates_its_params_leaves_the_record_alone() -> None:
    def respond(params: dict) -> dict:  # type: ignore[type-arg]
        params["Entries"].clear()
        params["QueueUrl"] = "changed"
        return {"Successful": [], "Failed": []}

    with patch_boto3() as aws:
        aws.add_response("sqs", "SendMessageBatch", respond)
        boto3.client("sqs").send_message_batch(
            QueueUrl="https://q", Entries=[{"Id": "1", "MessageBody": "a"}]
        )
    aws.assert_called_once_with(
        "sqs", "SendMessageBatch", QueueUrl="https://q", Entries=[{"Id": "1", "MessageBody": "a"}]
    )


def test_aws_mock_counts_every_call_made_from_threads_while_it_is_built(
    request: pytest.FixtureRequest,
) -> None:
    import sys
    import threading

    threads, rounds = 4, 25
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads switch as often as they can
    request.addfinalizer(lambda: sys.setswitchinterval(interval))
    for _ in range(rounds):  # the window is a call's parameter check wide: try it often
        with patch_boto3() as aws:
            aws.add_response("sqs", "SendMessage", {"MessageId": "m"}, times=None)
            clients = [boto3.client("sqs") for _ in range(threads)]
            start = threading.Barrier(threads + 1)
            built = threading.Event()

            def work(sqs: object, start: Any = start, built: Any = built) -> None:
                start.wait()
                while not built.is_set():
                    sqs.send_message(QueueUrl="https://q", MessageBody="x")  # type: ignore[attr-defined]
                for _ in range(10):
                    sqs.send_message(QueueUrl="https://q", MessageBody="x")  # type: ignore[attr-defined]

            workers = [threading.Thread(target=work, args=(c,)) for c in clients]
            for worker in workers:
                worker.start()
            start.wait()
            api_mock = aws.mock  # built while the threads are calling
            built.set()
            for worker in workers:
                worker.join()
        assert api_mock is not None
        assert api_mock.call_count == len(aws.calls)
