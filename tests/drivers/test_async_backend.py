"""backend="moto" for async clients: aiobotocore, aioboto3, s3fs and pandas on moto's state.

No server and no socket: the same in-process backends as sync clients.
Collected only where aiobotocore is installed (see conftest.py).
"""

from __future__ import annotations

import asyncio
from decimal import Decimal
from pathlib import Path
from typing import Any, List

import aioboto3
import aiobotocore.httpsession
import aiobotocore.session
import pandas as pd
import pytest
import s3fs
from boto3.dynamodb.conditions import Key
from botocore.awsrequest import AWSRequest

from awsmock import NetworkBlockedError, UnmockedCallError, patch_boto3
from tests import _sessions
from tests._frames import visible


def test_aiobotocore_reads_and_writes_the_state_sync_clients_see() -> None:
    async def work() -> bytes:
        session = aiobotocore.session.get_session()
        async with session.create_client("s3") as s3:
            await s3.put_object(Bucket="data", Key="from-async", Body=b"async")
            got = await s3.get_object(Bucket="data", Key="from-sync")
            async with got["Body"] as body:
                return await body.read()  # type: ignore[no-any-return]

    with patch_boto3(backend="moto") as aws:
        s3 = _sessions.client("s3")
        s3.create_bucket(Bucket="data")
        s3.put_object(Bucket="data", Key="from-sync", Body=b"sync")
        assert asyncio.run(work()) == b"sync"
        assert s3.get_object(Bucket="data", Key="from-async")["Body"].read() == b"async"
    assert [c.served_by for c in aws.calls] == ["backend"] * 5


def test_a_queued_error_wins_for_an_async_client() -> None:
    async def work() -> str:
        async with aiobotocore.session.get_session().create_client("s3") as s3:
            try:
                await s3.head_bucket(Bucket="data")
            except s3.exceptions.ClientError as error:
                return str(error.response["Error"]["Code"])
            return "ok"

    with patch_boto3(backend="moto") as aws:
        _sessions.client("s3").create_bucket(Bucket="data")
        aws.add_client_error("s3", "HeadBucket", "403", http_status_code=403)
        assert asyncio.run(work()) == "403"
        assert asyncio.run(work()) == "ok"
    assert [c.served_by for c in aws.calls_for("s3", "HeadBucket")] == ["queue", "backend"]


def test_aioboto3_dynamodb_table_put_get_query() -> None:
    async def work() -> List[Any]:
        session = aioboto3.Session()
        async with session.resource("dynamodb") as dynamodb:
            table = await dynamodb.create_table(
                TableName="users",
                KeySchema=[
                    {"AttributeName": "team", "KeyType": "HASH"},
                    {"AttributeName": "id", "KeyType": "RANGE"},
                ],
                AttributeDefinitions=[
                    {"AttributeName": "team", "AttributeType": "S"},
                    {"AttributeName": "id", "AttributeType": "S"},
                ],
                BillingMode="PAY_PER_REQUEST",
            )
            await table.put_item(Item={"team": "a", "id": "1", "n": Decimal(3)})
            await table.put_item(Item={"team": "a", "id": "2", "tags": {"x"}})
            await table.put_item(Item={"team": "b", "id": "3"})
            item = (await table.get_item(Key={"team": "a", "id": "1"}))["Item"]
            found = await table.query(KeyConditionExpression=Key("team").eq("a"))
            return [item, [i["id"] for i in found["Items"]]]

    with patch_boto3(backend="moto"):
        item, ids = asyncio.run(work())
    assert item == {"team": "a", "id": "1", "n": Decimal(3)}
    assert ids == ["1", "2"]


def test_sqs_sync_producer_and_async_consumer() -> None:
    async def consume(url: str) -> List[str]:
        async with aiobotocore.session.get_session().create_client("sqs") as sqs:
            got = await sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)
            for message in got["Messages"]:
                await sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
            left = await sqs.receive_message(QueueUrl=url)
            assert "Messages" not in left
            return [m["Body"] for m in got["Messages"]]

    with patch_boto3(backend="moto") as aws:
        sqs = _sessions.client("sqs")
        url = sqs.create_queue(QueueName="jobs")["QueueUrl"]
        for body in ("one", "two"):
            sqs.send_message(QueueUrl=url, MessageBody=body)
        assert sorted(asyncio.run(consume(url))) == ["one", "two"]
    assert aws.call_count("sqs", "DeleteMessage") == 2


def test_s3fs_and_pandas_on_state() -> None:
    frame = pd.DataFrame({"id": [1, 2], "name": ["ada", "grace"]})
    options = {"skip_instance_cache": True}
    with patch_boto3(backend="moto"):
        s3 = _sessions.client("s3")
        s3.create_bucket(Bucket="data")
        s3.put_object(Bucket="data", Key="in/people.csv", Body=b"id,name\n1,ada\n2,grace\n")
        read = pd.read_csv("s3://data/in/people.csv", storage_options=options)
        frame.to_parquet("s3://data/out/people.parquet", storage_options=options)
        back = pd.read_parquet("s3://data/out/people.parquet", storage_options=options)
        fs = s3fs.S3FileSystem(skip_instance_cache=True)
        listed = sorted(fs.find("data"))
        ranged = fs.cat_file("data/in/people.csv", start=3, end=7)
    assert read.to_dict("list") == frame.to_dict("list") == back.to_dict("list")
    assert listed == ["data/in/people.csv", "data/out/people.parquet"]
    assert ranged == b"name"


def test_an_async_call_moto_does_not_implement() -> None:
    async def work() -> None:
        async with aiobotocore.session.get_session().create_client("braket") as braket:
            await braket.search_devices(filters=[])

    aws = patch_boto3(backend="moto")
    raises = pytest.raises(UnmockedCallError, match="has no backend for braket")
    with aws, aws.expect_failure(UnmockedCallError), raises as excinfo:
        asyncio.run(work())
    assert [e for e in visible(excinfo) if "_drivers" in str(e.path)] == []


def test_an_async_request_no_call_sends_is_still_blocked() -> None:
    request = AWSRequest(method="GET", url="https://example.com/x").prepare()

    async def work() -> None:
        await aiobotocore.httpsession.AIOHTTPSession.send(object(), request)

    aws = patch_boto3(backend="moto")
    raises = pytest.raises(NetworkBlockedError, match=r"GET https://example\.com/x\.")
    with aws, aws.expect_failure(NetworkBlockedError), raises:
        asyncio.run(work())


def test_an_async_cassette_recorded_from_moto_replays(tmp_path: Path) -> None:
    cassette = str(tmp_path / "async.json")

    async def work() -> bytes:
        async with aiobotocore.session.get_session().create_client("s3") as s3:
            await s3.create_bucket(Bucket="data")
            await s3.put_object(Bucket="data", Key="k", Body=b"v")
            got = await s3.get_object(Bucket="data", Key="k")
            return await got["Body"].read()  # type: ignore[no-any-return]

    with patch_boto3(backend="moto", cassette=cassette) as recording:
        assert asyncio.run(work()) == b"v"
    with patch_boto3(backend="moto", cassette=cassette) as replay:
        assert asyncio.run(work()) == b"v"
    assert [c.served_by for c in recording.calls] == ["backend"] * 3
    assert [c.served_by for c in replay.calls] == ["cassette"] * 3
