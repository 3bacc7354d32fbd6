"""Archive orders: DynamoDB -> S3 (JSON) -> SQS, with aioboto3."""

from __future__ import annotations

import asyncio
import json
from decimal import Decimal
from typing import Any, Dict, List

import aioboto3

TABLE = "orders"
BUCKET = "order-archive"
QUEUE_URL = "https://sqs.eu-west-1.amazonaws.com/123456789012/archived"


class OrderNotFound(LookupError):
    pass


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, set)):
        return [_plain(v) for v in sorted(value) if v is not None]
    return value


async def archive_order(session: aioboto3.Session, order_id: str) -> str:
    """Copy one order to S3 and announce it; return the S3 key."""
    async with session.resource("dynamodb") as dynamodb:
        table = await dynamodb.Table(TABLE)
        found = await table.get_item(Key={"order_id": order_id})
    if "Item" not in found:
        raise OrderNotFound(order_id)
    key = f"orders/{order_id}.json"
    body = json.dumps(_plain(found["Item"]), sort_keys=True).encode()
    async with session.client("s3") as s3, session.client("sqs") as sqs:
        await s3.put_object(Bucket=BUCKET, Key=key, Body=body, ContentType="application/json")
        await sqs.send_message(QueueUrl=QUEUE_URL, MessageBody=json.dumps({"key": key}))
    return key


async def archive_all(session: aioboto3.Session, order_ids: List[str]) -> Dict[str, str]:
    """Archive many orders concurrently; orders that do not exist are skipped."""
    results = await asyncio.gather(
        *(archive_order(session, o) for o in order_ids), return_exceptions=True
    )
    archived = {}
    for order_id, result in zip(order_ids, results, strict=True):
        if isinstance(result, OrderNotFound):
            continue
        if isinstance(result, BaseException):
            raise result
        archived[order_id] = result
    return archived


async def read_archived(session: aioboto3.Session, key: str) -> Dict[str, Any]:
    """Read an archived order back, streaming the body."""
    async with session.client("s3") as s3:
        response = await s3.get_object(Bucket=BUCKET, Key=key)
        async with response["Body"] as stream:
            data = await stream.read()
    return json.loads(data)  # type: ignore[no-any-return]
