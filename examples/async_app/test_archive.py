"""The archive service, tested with awsmock's fixture under pytest-asyncio."""

from __future__ import annotations

import json
from typing import Any, Dict

import aioboto3
import pytest
from archive import BUCKET, QUEUE_URL, OrderNotFound, archive_all, archive_order, read_archived

from awsmock import ANY, AwsMockFixture

ITEM = {"order_id": {"S": "o-1"}, "total": {"N": "12.5"}, "lines": {"N": "3"}}


@pytest.fixture
def session() -> aioboto3.Session:
    return aioboto3.Session(region_name="eu-west-1")


@pytest.mark.asyncio
async def test_archive_order_copies_the_item_and_announces_it(
    awsmock: AwsMockFixture, session: aioboto3.Session
) -> None:
    # DynamoDB responses are queued in wire format; the Table resource turns
    # them into Python, exactly as for a real call.
    awsmock.add_response("dynamodb", "GetItem", {"Item": ITEM})
    awsmock.add_response("s3", "PutObject", {"ETag": '"e1"'})
    awsmock.add_response("sqs", "SendMessage", {"MessageId": "m-1"})

    key = await archive_order(session, "o-1")

    assert key == "orders/o-1.json"
    awsmock.assert_called_once_with(
        "dynamodb", "GetItem", TableName="orders", Key={"order_id": "o-1"}
    )
    awsmock.assert_called_once_with(
        "s3",
        "PutObject",
        Bucket=BUCKET,
        Key=key,
        Body=b'{"lines": 3, "order_id": "o-1", "total": 12.5}',
        ContentType="application/json",
    )
    awsmock.assert_called_once_with(
        "sqs", "SendMessage", QueueUrl=QUEUE_URL, MessageBody='{"key": "orders/o-1.json"}'
    )


@pytest.mark.asyncio
async def test_a_missing_order_is_an_error(
    awsmock: AwsMockFixture, session: aioboto3.Session
) -> None:
    awsmock.add_response("dynamodb", "GetItem", {})
    with pytest.raises(OrderNotFound):
        await archive_order(session, "nope")
    awsmock.assert_not_called("s3")


@pytest.mark.asyncio
async def test_concurrent_archives_each_get_their_own_response(
    awsmock: AwsMockFixture, session: aioboto3.Session
) -> None:
    def item(params: Dict[str, Any]) -> Dict[str, Any]:
        # A callable sees the params as the code passed them (plain Python);
        # it answers in wire format, as DynamoDB does.
        order_id = params["Key"]["order_id"]
        if order_id == "o-2":
            return {}
        return {"Item": {"order_id": {"S": order_id}, "total": {"N": "1"}}}

    awsmock.add_response("dynamodb", "GetItem", item, times=3)
    awsmock.add_response("s3", "PutObject", {"ETag": '"e"'}, times=2)
    awsmock.add_response("sqs", "SendMessage", {"MessageId": "m"}, times=2)

    archived = await archive_all(session, ["o-1", "o-2", "o-3"])

    assert archived == {"o-1": "orders/o-1.json", "o-3": "orders/o-3.json"}
    keys = sorted(c.params["Key"] for c in awsmock.calls_for("s3", "PutObject"))
    assert keys == ["orders/o-1.json", "orders/o-3.json"]


@pytest.mark.asyncio
async def test_read_archived_streams_the_body(
    awsmock: AwsMockFixture, session: aioboto3.Session
) -> None:
    awsmock.add_response("s3", "GetObject", {"Body": json.dumps({"order_id": "o-1"})})
    assert await read_archived(session, "orders/o-1.json") == {"order_id": "o-1"}
    awsmock.assert_called_once_with("s3", "GetObject", Bucket=BUCKET, Key=ANY)


@pytest.mark.asyncio
@pytest.mark.awsmock(strict=True)
async def test_strict_mode_checks_every_call(
    awsmock: AwsMockFixture, session: aioboto3.Session
) -> None:
    awsmock.add_client_error("s3", "GetObject", "NoSuchKey", http_status_code=404)
    async with session.client("s3") as s3:
        with pytest.raises(s3.exceptions.NoSuchKey):
            await s3.get_object(Bucket=BUCKET, Key="missing")
    awsmock.assert_called_once_with("s3", "GetObject", Bucket=BUCKET, Key="missing")
