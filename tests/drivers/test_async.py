"""The async driver (awsmock/_async.py): aiobotocore clients through the same patch_boto3().

Collected only where aiobotocore is installed (see conftest.py); the sync
suite runs without it.
"""

from __future__ import annotations

import asyncio
import datetime
import json
import sys
from typing import Any, Awaitable, Callable, Dict, List, TypeVar
from unittest import mock

import aiobotocore.client
import aiobotocore.httpsession
import aiobotocore.waiter
import boto3
import botocore.exceptions
import pytest
from aiobotocore.config import AioConfig
from aiobotocore.session import get_session

from awsmock import (
    ANY,
    InvalidResponseError,
    NetworkBlockedError,
    ParamsMismatchError,
    UnmockedCallError,
    patch_boto3,
)

T = TypeVar("T")
QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/123456789012/q1"
ORIGINAL = aiobotocore.client.AioBaseClient.__dict__["_make_api_call"]


def run(make: Callable[[], Awaitable[T]]) -> T:
    return asyncio.run(make())  # type: ignore[arg-type]


def client(service: str, **kwargs: Any) -> Any:
    return get_session().create_client(service, **kwargs)


# one queue, one record


def test_async_and_sync_clients_share_queues_and_record_in_call_order() -> None:
    async def work() -> List[str]:
        ids = [boto3.client("sqs").send_message(QueueUrl=QUEUE_URL, MessageBody="1")["MessageId"]]
        async with client("sqs") as sqs:
            got = await sqs.send_message(QueueUrl=QUEUE_URL, MessageBody="2")
            ids.append(got["MessageId"])
        ids.append(
            boto3.client("sqs").send_message(QueueUrl=QUEUE_URL, MessageBody="3")["MessageId"]
        )
        return ids

    with patch_boto3() as aws:
        for n in range(3):
            aws.add_response("sqs", "SendMessage", {"MessageId": f"m-{n}"})
        assert run(work) == ["m-0", "m-1", "m-2"]
    assert [c.params["MessageBody"] for c in aws.calls] == ["1", "2", "3"]
    aws.assert_called_with("sqs", "SendMessage", QueueUrl=QUEUE_URL, MessageBody="3")
    assert aws.mock is not None and aws.mock.call_count == 3


def test_the_issue_example() -> None:
    async def work() -> None:
        async with get_session().create_client("sqs") as sqs:
            await sqs.send_message(QueueUrl=QUEUE_URL, MessageBody="hi")

    with patch_boto3() as aws:
        aws.add_response("sqs", "SendMessage", {"MessageId": "m-1"})
        run(work)
    aws.assert_called_once_with("sqs", "SendMessage", QueueUrl=QUEUE_URL, MessageBody="hi")


def test_the_patch_is_removed_on_exit() -> None:
    base = aiobotocore.client.AioBaseClient
    sender = aiobotocore.httpsession.AIOHTTPSession.__dict__["send"]
    with patch_boto3():
        assert base.__dict__["_make_api_call"] is not ORIGINAL
        assert aiobotocore.httpsession.AIOHTTPSession.__dict__["send"] is not sender
    assert base.__dict__["_make_api_call"] is ORIGINAL
    assert aiobotocore.httpsession.AIOHTTPSession.__dict__["send"] is sender
    assert aiobotocore.waiter.asyncio is asyncio


# fidelity


def test_params_are_validated_by_botocore() -> None:
    async def work() -> None:
        async with client("s3") as s3:
            await s3.get_object(Buket="b", Key="k")

    with patch_boto3(verify=False) as aws:
        aws.add_response("s3", "GetObject", {"Body": b"x"})
        with pytest.raises(botocore.exceptions.ParamValidationError, match="Buket"):
            run(work)


def test_parameter_validation_false_is_honoured() -> None:
    async def work() -> bytes:
        config = AioConfig(parameter_validation=False)
        async with client("s3", config=config) as s3:
            got = await s3.get_object(Buket="b", Key="k")
            return await got["Body"].read()  # type: ignore[no-any-return]

    with patch_boto3() as aws:
        aws.add_response("s3", "GetObject", {"Body": b"x"})
        assert run(work) == b"x"


def test_responses_are_shaped_and_copied_per_call() -> None:
    async def work() -> List[Dict[str, Any]]:
        async with client("s3") as s3:
            first = await s3.head_object(Bucket="b", Key="k")
            first["Metadata"]["a"] = "changed"
            second = await s3.head_object(Bucket="b", Key="k")
            return [first, second]

    with patch_boto3() as aws:
        aws.add_response(
            "s3",
            "HeadObject",
            {"LastModified": "2024-01-02T03:04:05Z", "Metadata": {"a": "1"}},
            times=2,
        )
        first, second = run(work)
    assert second["Metadata"] == {"a": "1"}
    assert second["LastModified"] == datetime.datetime(
        2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc
    )
    meta = second["ResponseMetadata"]
    assert (meta["HTTPStatusCode"], meta["RetryAttempts"]) == (200, 0)
    assert meta["RequestId"] != first["ResponseMetadata"]["RequestId"]


def test_client_errors_are_the_modeled_exceptions() -> None:
    async def work() -> Any:
        async with client("s3") as s3:
            with pytest.raises(s3.exceptions.NoSuchKey) as excinfo:
                await s3.get_object(Bucket="b", Key="k")
            return excinfo.value

    with patch_boto3() as aws:
        aws.add_client_error("s3", "GetObject", "NoSuchKey", "gone", http_status_code=404)
        error = run(work)
    assert isinstance(error, botocore.exceptions.ClientError)
    assert error.response["Error"] == {"Code": "NoSuchKey", "Message": "gone"}
    assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert isinstance(aws.calls[0].exception, type(error))


def test_sqs_query_error_codes_pick_the_modeled_class() -> None:
    async def work() -> Any:
        async with client("sqs") as sqs:
            with pytest.raises(sqs.exceptions.QueueDoesNotExist) as excinfo:
                await sqs.get_queue_url(QueueName="nope")
            return excinfo.value

    with patch_boto3() as aws:
        aws.add_client_error(
            "sqs",
            "GetQueueUrl",
            "AWS.SimpleQueueService.NonExistentQueue",
            modeled_fields={"Error": {"QueryErrorCode": "QueueDoesNotExist"}},
        )
        run(work)


def test_exceptions_are_raised_as_given() -> None:
    fault = botocore.exceptions.EndpointConnectionError(endpoint_url="https://s3.amazonaws.com")

    async def work() -> None:
        async with client("s3") as s3:
            await s3.list_buckets()

    with patch_boto3() as aws:
        aws.add_exception("s3", "ListBuckets", fault)
        with pytest.raises(botocore.exceptions.EndpointConnectionError) as excinfo:
            run(work)
    assert excinfo.value is fault


def test_expected_params_and_unmocked_calls_fail_the_same_way() -> None:
    async def work() -> None:
        async with client("sqs") as sqs:
            with pytest.raises(ParamsMismatchError):
                await sqs.send_message(QueueUrl=QUEUE_URL, MessageBody="actual")
            try:
                await sqs.delete_queue(QueueUrl=QUEUE_URL)
            except Exception:
                pass

    aws = patch_boto3()
    aws.start()
    aws.add_response("sqs", "SendMessage", expected_params={"QueueUrl": ANY, "MessageBody": "x"})
    run(work)
    with pytest.raises(ParamsMismatchError, match="the code under test caught it"):
        aws.stop()
    assert isinstance(aws.calls[1].exception, UnmockedCallError)


# aws.mock


def test_a_side_effect_set_on_aws_mock_applies_to_async_calls() -> None:
    async def send(body: str) -> Any:
        async with client("sqs") as sqs:
            return await sqs.send_message(QueueUrl=QUEUE_URL, MessageBody=body)

    async def answer(client: Any, operation: str, params: Dict[str, Any]) -> Dict[str, Any]:
        return {"MessageId": "awaited"}

    fault = botocore.exceptions.EndpointConnectionError(endpoint_url=QUEUE_URL)
    with patch_boto3() as aws:
        aws.add_response("sqs", "SendMessage", {"MessageId": "queued"})
        api_mock = aws.mock
        assert api_mock is not None
        served = api_mock.side_effect
        api_mock.side_effect = fault
        with pytest.raises(botocore.exceptions.EndpointConnectionError) as excinfo:
            run(lambda: send("1"))
        api_mock.side_effect = lambda client, operation, params: {"MessageId": "stubbed"}
        stubbed = run(lambda: send("2"))
        api_mock.side_effect = answer
        awaited = run(lambda: send("3"))
        api_mock.side_effect = served
        queued = run(lambda: send("4"))
    assert excinfo.value is fault
    assert (stubbed, awaited) == ({"MessageId": "stubbed"}, {"MessageId": "awaited"})
    assert queued["MessageId"] == "queued"
    assert [c.args[1:] for c in api_mock.call_args_list] == [
        ("SendMessage", {"QueueUrl": QUEUE_URL, "MessageBody": body}) for body in "1234"
    ]
    assert [c.params["MessageBody"] for c in aws.calls] == ["4"]


# streaming bodies


def test_streaming_bodies_read_like_aiobotocores() -> None:
    data = b"line one\nline two\nline three"

    async def work() -> Dict[str, Any]:
        seen: Dict[str, Any] = {}
        async with client("s3") as s3:
            body = (await s3.get_object(Bucket="b", Key="k"))["Body"]
            seen["first"] = await body.read(4)
            seen["rest"] = await body.read()
            body = (await s3.get_object(Bucket="b", Key="k"))["Body"]
            seen["lines"] = [line async for line in body.iter_lines()]
            body = (await s3.get_object(Bucket="b", Key="k"))["Body"]
            seen["chunks"] = [chunk async for chunk in body.iter_chunks(10)]
            response = await s3.get_object(Bucket="b", Key="k")
            # aiobotocore 2 proxies the aiohttp response; 3 hands it out as raw_stream.
            raw = getattr(response["Body"], "raw_stream", response["Body"])
            seen["length"] = raw.content_length
            async with response["Body"] as stream:
                seen["with"] = await stream.read()
            body = (await s3.get_object(Bucket="b", Key="k"))["Body"]
            seen["aiter"] = b"".join([chunk async for chunk in body])
        return seen

    with patch_boto3() as aws:
        aws.add_response("s3", "GetObject", {"Body": data}, times=5)
        seen = run(work)
    assert seen["first"] + seen["rest"] == data
    assert seen["lines"] == [b"line one", b"line two", b"line three"]
    assert b"".join(seen["chunks"]) == data and len(seen["chunks"][0]) == 10
    assert seen["length"] == len(data)
    assert seen["with"] == data
    assert seen["aiter"] == data


def test_lambda_payloads_stream_too() -> None:
    async def work() -> bytes:
        async with client("lambda") as lam:
            got = await lam.invoke(FunctionName="f")
            return await got["Payload"].read()  # type: ignore[no-any-return]

    with patch_boto3() as aws:
        aws.add_response("lambda", "Invoke", {"StatusCode": 200, "Payload": b'{"ok": true}'})
        assert run(work) == b'{"ok": true}'


def test_event_streams_are_async_iterable() -> None:
    events = [
        {"messageStart": {"role": "assistant"}},
        {"contentBlockDelta": {"delta": {"text": "Hi"}, "contentBlockIndex": 0}},
        {"messageStop": {"stopReason": "end_turn"}},
    ]

    async def work() -> List[Any]:
        async with client("bedrock-runtime") as bedrock:
            got = await bedrock.converse_stream(
                modelId="m", messages=[{"role": "user", "content": [{"text": "hi"}]}]
            )
            return [event async for event in got["stream"]]

    with patch_boto3() as aws:
        aws.add_response("bedrock-runtime", "ConverseStream", {"stream": events})
        assert run(work) == events


# paginators, waiters, presigned URLs, concurrency


def test_async_paginators_see_every_page() -> None:
    async def work() -> List[str]:
        async with client("s3") as s3:
            keys = []
            async for page in s3.get_paginator("list_objects_v2").paginate(Bucket="b"):
                keys += [o["Key"] for o in page.get("Contents", [])]
            return keys

    with patch_boto3() as aws:
        aws.add_response(
            "s3",
            "ListObjectsV2",
            {"Contents": [{"Key": "a"}], "IsTruncated": True, "NextContinuationToken": "t"},
        )
        aws.add_response("s3", "ListObjectsV2", {"Contents": [{"Key": "b"}], "IsTruncated": False})
        assert run(work) == ["a", "b"]
    aws.assert_called_with("s3", "ListObjectsV2", Bucket="b", ContinuationToken="t")


def test_waiters_do_not_sleep() -> None:
    async def work() -> None:
        async with client("s3") as s3:
            waiter = s3.get_waiter("bucket_exists")
            # A real sleep of an hour between attempts would hit the timeout.
            await asyncio.wait_for(
                waiter.wait(Bucket="b", WaiterConfig={"Delay": 3600, "MaxAttempts": 3}), 10
            )

    with patch_boto3() as aws:
        aws.add_client_error("s3", "HeadBucket", "404", http_status_code=404, times=2)
        aws.add_response("s3", "HeadBucket", {})
        run(work)
    assert aws.call_count("s3", "HeadBucket") == 3


def test_the_waiters_asyncio_is_the_real_one_but_for_sleep() -> None:
    # Only the sleep between attempts is stood in for; anything else the
    # waiter module reads from asyncio is asyncio's own.
    with patch_boto3():
        assert aiobotocore.waiter.asyncio.sleep is not asyncio.sleep
        assert aiobotocore.waiter.asyncio.get_running_loop is asyncio.get_running_loop
    assert aiobotocore.waiter.asyncio is asyncio


def test_presigned_urls_use_the_fake_credentials() -> None:
    async def work() -> str:
        async with client("s3") as s3:
            return await s3.generate_presigned_url(  # type: ignore[no-any-return]
                "get_object", Params={"Bucket": "b", "Key": "k"}
            )

    with patch_boto3():
        url = run(work)
    # SigV2 or SigV4, as the botocore under aiobotocore signs S3 presigned URLs.
    assert "AWSAccessKeyId=testing&" in url or "X-Amz-Credential=testing%2F" in url


def test_concurrent_calls_each_get_one_response() -> None:
    async def work() -> List[str]:
        async with client("sqs") as sqs:
            sends = [sqs.send_message(QueueUrl=QUEUE_URL, MessageBody=str(n)) for n in range(50)]
            return [r["MessageId"] for r in await asyncio.gather(*sends)]

    with patch_boto3() as aws:
        for n in range(50):
            aws.add_response("sqs", "SendMessage", {"MessageId": f"m-{n}"})
        ids = run(work)
    assert sorted(ids) == sorted(f"m-{n}" for n in range(50))
    assert aws.call_count("sqs", "SendMessage") == 50


# response callables


def test_async_def_response_callables_are_awaited() -> None:
    async def respond(params: Dict[str, Any]) -> Dict[str, Any]:
        await asyncio.sleep(0)
        return {"MessageId": params["MessageBody"].upper()}

    async def work() -> str:
        async with client("sqs") as sqs:
            got = await sqs.send_message(QueueUrl=QUEUE_URL, MessageBody="abc")
            return got["MessageId"]  # type: ignore[no-any-return]

    with patch_boto3() as aws:
        aws.add_response("sqs", "SendMessage", respond)
        assert run(work) == "ABC"


def test_an_async_def_callable_for_a_sync_client_says_so() -> None:
    async def respond(params: Dict[str, Any]) -> Dict[str, Any]:
        return {"MessageId": "m"}

    with patch_boto3(verify=False) as aws:
        aws.add_response("sqs", "SendMessage", respond)
        line = sys._getframe().f_lineno - 1
        with pytest.raises(InvalidResponseError) as excinfo:
            boto3.client("sqs").send_message(QueueUrl=QUEUE_URL, MessageBody="x")
    assert excinfo.value.args == (
        f"The response callable queued at {__file__}:{line} for sqs.SendMessage is async,"
        " but a synchronous client (boto3/botocore) made the call. Queue a plain def for"
        " sync clients; async def callables serve aiobotocore clients only.",
    )


# hermetic


def test_sessions_get_the_fake_credentials_and_region() -> None:
    async def work() -> Any:
        session = get_session()
        credentials = await session.get_credentials()
        frozen = await credentials.get_frozen_credentials()
        async with session.create_client("sqs") as sqs:
            return frozen.access_key, sqs.meta.region_name

    with patch_boto3(region="ap-southeast-2"):
        assert run(work) == ("testing", "ap-southeast-2")


@pytest.mark.parametrize("module", ["aiobotocore.httpsession", "aiobotocore.httpxsession"])
def test_aiobotocores_http_senders_are_blocked(module: str) -> None:
    import importlib

    from botocore.awsrequest import AWSRequest

    sender = {
        "aiobotocore.httpsession": "AIOHTTPSession",
        "aiobotocore.httpxsession": "HttpxSession",
    }[module]
    cls = getattr(importlib.import_module(module), sender)
    request = AWSRequest(method="GET", url="https://example.com/x").prepare()

    async def work() -> None:
        await cls.send(object(), request)

    with patch_boto3(verify=False) as aws, pytest.raises(NetworkBlockedError) as excinfo:
        run(work)
    assert "GET https://example.com/x" in str(excinfo.value)
    assert aws.options["hermetic"] is True


def test_a_blocked_request_is_raised_again_if_swallowed() -> None:
    from botocore.awsrequest import AWSRequest

    request = AWSRequest(method="GET", url="https://example.com/y").prepare()

    async def work() -> None:
        try:
            await aiobotocore.httpsession.AIOHTTPSession.send(object(), request)
        except Exception:
            pass

    aws = patch_boto3()
    aws.start()
    run(work)
    with pytest.raises(NetworkBlockedError, match=r"example\.com/y"):
        aws.stop()


def test_an_unsupported_aiobotocore_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    from awsmock._drivers import aio as _async

    monkeypatch.setattr(_async, "SUPPORTED", ((99, 0), (100, 0)))

    async def work() -> None:
        async with client("sqs") as sqs:
            await sqs.list_queues()

    with patch_boto3(), pytest.raises(RuntimeError) as excinfo:
        run(work)
    version = ".".join(aiobotocore.__version__.split(".")[:2])
    assert excinfo.value.args == (
        f"awsmock does not support aiobotocore {version} (supported: aiobotocore>=2.25,<4);"
        " this sqs.ListQueues call was not made. Install a supported release:"
        " pip install 'aiobotocore>=2.25,<4'.",
    )


# decorators


def test_decorated_coroutines_stay_patched_until_they_finish() -> None:
    @patch_boto3()
    async def job(aws: Any) -> str:
        aws.add_response("sqs", "SendMessage", {"MessageId": "m"})
        await asyncio.sleep(0)
        async with client("sqs") as sqs:
            got = await sqs.send_message(QueueUrl=QUEUE_URL, MessageBody="x")
        return got["MessageId"]  # type: ignore[no-any-return]

    assert run(job) == "m"
    assert aiobotocore.client.AioBaseClient.__dict__["_make_api_call"] is ORIGINAL


# passthrough and cassettes, against moto's server mode on 127.0.0.1


def test_passthrough_reaches_a_moto_server_and_queued_errors_win(moto_server: str) -> None:
    async def work() -> List[Any]:
        async with client("s3", endpoint_url=moto_server) as s3:
            await s3.create_bucket(Bucket="passthrough")
            await s3.put_object(Bucket="passthrough", Key="k", Body=b"real")
            with pytest.raises(botocore.exceptions.ClientError) as excinfo:
                await s3.get_object(Bucket="passthrough", Key="k")
            got = await s3.get_object(Bucket="passthrough", Key="k")
            return [excinfo.value.response["Error"]["Code"], await got["Body"].read()]

    with patch_boto3(passthrough=["s3"]) as aws:
        aws.add_client_error("s3", "GetObject", "SlowDown", http_status_code=503)
        assert run(work) == ["SlowDown", b"real"]
    assert [c.operation for c in aws.calls] == [
        "CreateBucket",
        "PutObject",
        "GetObject",
        "GetObject",
    ]
    assert aws.calls[-1].response is not None


def test_a_waiter_sleeps_after_attempts_that_pass_through(moto_server: str) -> None:
    slept: List[float] = []

    async def record(seconds: float, result: Any = None) -> Any:
        slept.append(seconds)
        return result

    async def work() -> None:
        async with client("s3", endpoint_url=moto_server) as s3:
            await s3.create_bucket(Bucket="waited")
            waiter = s3.get_waiter("object_exists")
            config = {"Delay": 4, "MaxAttempts": 3}
            with (
                mock.patch.object(asyncio, "sleep", record),
                pytest.raises(botocore.exceptions.WaiterError),
            ):
                await waiter.wait(Bucket="waited", Key="k", WaiterConfig=config)

    with patch_boto3(passthrough=["s3"]) as aws:
        aws.add_client_error("s3", "HeadObject", "404", http_status_code=404)
        run(work)
    # 1: mocked, no sleep; 2: the server, a sleep; 3: the last attempt.
    assert [seconds for seconds in slept if seconds] == [4]
    assert aws.call_count("s3", "HeadObject") == 3


def _cassette_work(endpoint: str, bucket: str) -> Callable[[], Awaitable[List[Any]]]:
    async def work() -> List[Any]:
        async with (
            client("s3", endpoint_url=endpoint) as s3,
            client("secretsmanager", endpoint_url=endpoint) as secrets,
        ):
            await s3.create_bucket(Bucket=bucket)
            await s3.put_object(Bucket=bucket, Key="a b+c.txt", Body=b"payload")
            listed = await s3.list_objects_v2(Bucket=bucket)
            body = await (await s3.get_object(Bucket=bucket, Key="a b+c.txt"))["Body"].read()
            with pytest.raises(s3.exceptions.NoSuchKey):
                await s3.get_object(Bucket=bucket, Key="missing")
            await secrets.create_secret(Name=f"{bucket}-s", SecretString="hunter2")
            secret = await secrets.get_secret_value(SecretId=f"{bucket}-s")
            return [[o["Key"] for o in listed["Contents"]], body, secret["Name"]]

    return work


def test_cassettes_record_async_clients_and_replay_offline(moto_server: str, tmp_path: Any) -> None:
    path = tmp_path / "async.json"
    with patch_boto3(cassette=path):
        recorded = run(_cassette_work(moto_server, "cassette-a"))
    assert recorded == [["a b+c.txt"], b"payload", "cassette-a-s"]
    text = path.read_text()
    assert "hunter2" not in text and "cassette-a-s" in text
    # Offline: nothing listens there, and the network is blocked anyway.
    with patch_boto3(cassette=path, record_mode="none") as aws:
        replayed = run(_cassette_work("http://127.0.0.1:9", "cassette-a"))
    assert replayed == recorded
    assert aws.call_count("s3") == 5


def test_cassette_record_modes_for_async_clients(moto_server: str, tmp_path: Any) -> None:
    path = tmp_path / "modes.json"

    async def list_buckets(endpoint: str) -> List[str]:
        async with client("s3", endpoint_url=endpoint) as s3:
            return [b["Name"] for b in (await s3.list_buckets())["Buckets"]]

    async def head(endpoint: str) -> int:
        async with client("s3", endpoint_url=endpoint) as s3:
            got = await s3.head_bucket(Bucket="modes")
            return got["ResponseMetadata"]["HTTPStatusCode"]  # type: ignore[no-any-return]

    async def create(endpoint: str) -> None:
        async with client("s3", endpoint_url=endpoint) as s3:
            await s3.create_bucket(Bucket="modes")

    run(lambda: _passed_through(create(moto_server)))
    with patch_boto3(cassette=path, record_mode="once"):
        first = run(lambda: list_buckets(moto_server))
    with patch_boto3(cassette=path, record_mode="new_episodes"):
        assert run(lambda: list_buckets(moto_server)) == first
        assert run(lambda: head(moto_server)) == 200
    with patch_boto3(cassette=path, record_mode="none"):
        assert run(lambda: list_buckets("http://127.0.0.1:9")) == first
        assert run(lambda: head("http://127.0.0.1:9")) == 200
    with patch_boto3(cassette=path, record_mode="all"):
        run(lambda: head(moto_server))
    operations = [i["operation"] for i in json.loads(path.read_text())["interactions"]]
    assert operations == ["HeadBucket"]


async def _passed_through(work: Awaitable[T]) -> T:
    """Run ``work`` under a passthrough patch: no cassette, straight to the server."""
    with patch_boto3(passthrough=True):
        return await work


# pytest: the fixture and the marker in async def tests


ASYNC_TESTS = """
import asyncio
import pytest
from aiobotocore.session import get_session
from awsmock import patch_boto3

URL = "https://sqs.us-east-1.amazonaws.com/123456789012/q"


async def send(body):
    async with get_session().create_client("sqs") as sqs:
        return (await sqs.send_message(QueueUrl=URL, MessageBody=body))["MessageId"]


@MARK
async def test_fixture(awsmock):
    awsmock.add_response("sqs", "SendMessage", {"MessageId": "m-1"})
    assert await send("hi") == "m-1"
    awsmock.assert_called_once_with("sqs", "SendMessage", QueueUrl=URL, MessageBody="hi")


@MARK
@pytest.mark.awsmock(region="eu-west-1")
async def test_marker(awsmock):
    awsmock.add_response("sqs", "SendMessage", {"MessageId": "m-2"})
    assert await send("x") == "m-2"
    assert awsmock.calls[0].region == "eu-west-1"


@MARK
@patch_boto3()
async def test_decorated(aws):
    aws.add_response("sqs", "SendMessage", {"MessageId": "m-3"})
    assert await send("y") == "m-3"


@MARK
async def test_unused_response_fails_at_teardown(awsmock):
    awsmock.add_response("sqs", "SendMessage", {"MessageId": "never"})
"""


@pytest.mark.parametrize(
    ("plugin", "mark"),
    [("asyncio", "pytest.mark.asyncio"), ("anyio", "pytest.mark.anyio")],
)
def test_the_fixture_and_marker_in_async_tests(
    pytester: pytest.Pytester, plugin: str, mark: str
) -> None:
    pytester.makepyfile(test_async_app=ASYNC_TESTS.replace("MARK", mark))
    if plugin == "anyio":
        pytester.makeconftest(
            "import pytest\n\n@pytest.fixture\ndef anyio_backend():\n    return 'asyncio'\n"
        )
    result = pytester.runpytest("-p", "no:cacheprovider", "-W", "error")
    result.assert_outcomes(passed=4, errors=1)
    result.stdout.fnmatch_lines(["*1 queued response was not used*"])


# retries=True: aiobotocore's own (async) retry handlers, on the virtual clock


@pytest.mark.parametrize("mode", ["legacy", "standard", "adaptive"])
def test_async_clients_retry_throttling_without_sleeping(mode: str) -> None:
    async def work() -> Dict[str, Any]:
        config = AioConfig(retries={"mode": mode, "max_attempts": 3})
        async with client("sqs", config=config) as sqs:
            return await sqs.send_message(QueueUrl=QUEUE_URL, MessageBody="x")  # type: ignore[no-any-return]

    with patch_boto3(retries=True) as aws:
        aws.add_throttling("sqs", "SendMessage")
        aws.add_response("sqs", "SendMessage", {"MessageId": "m-1"})
        response = run(work)
    assert response["MessageId"] == "m-1"
    assert response["ResponseMetadata"]["RetryAttempts"] == 1
    assert aws.calls[0].attempts == 2
    assert len(aws.calls) == 1
    assert aws.slept > 0


def test_async_retries_run_out_as_botocore_says() -> None:
    async def work() -> None:
        config = AioConfig(retries={"mode": "standard", "max_attempts": 2})
        async with client("s3", config=config) as s3:
            await s3.list_buckets()

    # max_attempts counts the retries: 1 + 2 attempts, as botocore reads it.
    with patch_boto3(retries=True) as aws:
        aws.add_server_error("s3", "ListBuckets", times=3)
        with pytest.raises(botocore.exceptions.ClientError) as excinfo:
            run(work)
    assert str(excinfo.value) == (
        "An error occurred (InternalError) when calling the ListBuckets operation"
        " (reached max retries: 2): We encountered an internal error. Please try again."
    )
    assert excinfo.value.response["ResponseMetadata"]["RetryAttempts"] == 2
    assert aws.calls[0].attempts == 3


def test_without_retries_one_queued_error_is_one_error_for_async_clients_too() -> None:
    async def work() -> None:
        async with client("s3") as s3:
            await s3.list_buckets()

    with patch_boto3() as aws:
        aws.add_server_error("s3", "ListBuckets")
        with pytest.raises(botocore.exceptions.ClientError):
            run(work)
    assert aws.calls[0].attempts == 1


def test_sessions_and_clients_made_before_the_patch_use_the_fake_credentials(
    developer_machine: Any,
) -> None:
    async def before() -> Any:
        session = get_session()
        real = await (await session.get_credentials()).get_frozen_credentials()
        s3 = await session.create_client("s3").__aenter__()
        return session, s3, real.access_key

    async def inside(session: Any, s3: Any) -> Any:
        frozen = await (await session.get_credentials()).get_frozen_credentials()
        url = await s3.generate_presigned_url("get_object", Params={"Bucket": "b", "Key": "k"})
        return frozen.access_key, url

    async def scenario() -> Any:
        session, s3, real = await before()
        with patch_boto3():
            key, url = await inside(session, s3)
        await s3.__aexit__(None, None, None)
        return real, key, url

    real, key, url = asyncio.run(scenario())
    assert real == "AKIAREAL"
    assert key == "testing"
    assert "AKIAREAL" not in url and "testing" in url


def test_keys_given_in_code_are_kept() -> None:
    async def work() -> Any:
        async with get_session().create_client(
            "sqs", aws_access_key_id="AKIACODE", aws_secret_access_key="x"
        ) as sqs:
            await sqs.send_message(QueueUrl=QUEUE_URL, MessageBody="x")

    with patch_boto3() as aws:
        aws.add_response("sqs", "SendMessage", {"MessageId": "m"})
        run(work)
    assert aws.calls[0].access_key_id == "AKIACODE"


def test_a_dynamodb_crc32_header_does_not_fail_aiobotocores_legacy_checksum() -> None:
    async def work() -> List[Any]:
        config = AioConfig(retries={"mode": "legacy"})
        async with client("dynamodb", config=config) as ddb:
            return [await ddb.list_tables(), await ddb.list_tables()]

    crc32 = {"HTTPHeaders": {"x-amz-crc32": "4041566274"}}  # of b'{"TableNames": ["a"]}'
    with patch_boto3(retries=True) as aws:
        aws.add_response("dynamodb", "ListTables", {"TableNames": ["a"], "ResponseMetadata": crc32})
        aws.add_response("dynamodb", "ListTables", {"TableNames": ["b"]})
        first, second = run(work)
    assert (first["TableNames"], second["TableNames"]) == (["a"], ["b"])
    assert first["ResponseMetadata"]["HTTPHeaders"]["x-amz-crc32"] == "4041566274"
    assert [c.attempts for c in aws.calls] == [1, 1]


# backend="moto": in-process state for aiobotocore (CI runs this file at the newest aiobotocore)


# aiobotocore 3 warns that its httpx backend prefers httpx2: its notice, not ours.
HTTPX_NOTICE = pytest.mark.filterwarnings("ignore:aiobotocore's httpx backend:DeprecationWarning")


@pytest.mark.parametrize("sender", ["aiohttp", pytest.param("httpx", marks=HTTPX_NOTICE)])
def test_backend_serves_aiobotocore_from_the_state_sync_clients_see(sender: str) -> None:
    config = None
    if sender == "httpx":
        from aiobotocore.httpxsession import HttpxSession

        config = AioConfig(http_session_cls=HttpxSession)

    async def work() -> List[Any]:
        async with get_session().create_client("s3", config=config) as s3:
            await s3.put_object(Bucket="data", Key="from-async", Body=b"async")
            got = await s3.get_object(Bucket="data", Key="from-sync", Range="bytes=1-2")
            async with got["Body"] as body:
                ranged = await body.read()
            listed = await s3.list_objects_v2(Bucket="data")
            return [ranged, [o["Key"] for o in listed["Contents"]]]

    with patch_boto3(backend="moto") as aws:
        s3 = boto3.client("s3")
        s3.create_bucket(Bucket="data")
        s3.put_object(Bucket="data", Key="from-sync", Body=b"sync")
        ranged, keys = run(work)
        assert s3.get_object(Bucket="data", Key="from-async")["Body"].read() == b"async"
    assert (ranged, keys) == (b"yn", ["from-async", "from-sync"])
    assert {c.served_by for c in aws.calls} == {"backend"}
