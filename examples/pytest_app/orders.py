"""Orders: stored in a DynamoDB table, receipts on S3, listed with a paginator."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, Dict, List, Optional

import boto3

RECEIPTS_BUCKET = "shop-receipts"


def save_order(table_name: str, order_id: str, items: Dict[str, int], total: Decimal) -> None:
    """Store the order and its receipt."""
    table = boto3.resource("dynamodb").Table(table_name)
    table.put_item(
        Item={"order_id": order_id, "items": items, "total": total},
        ConditionExpression="attribute_not_exists(order_id)",
    )
    receipt = {"order_id": order_id, "total": str(total)}
    boto3.client("s3").put_object(
        Bucket=RECEIPTS_BUCKET, Key=f"receipts/{order_id}.json", Body=json.dumps(receipt).encode()
    )


def get_order(table_name: str, order_id: str) -> Optional[Dict[str, Any]]:
    """The order as stored (numbers as Decimal), or None."""
    table = boto3.resource("dynamodb").Table(table_name)
    return table.get_item(Key={"order_id": order_id}).get("Item")


def receipt_keys() -> List[str]:
    """Every receipt on S3, across all pages."""
    paginator = boto3.client("s3").get_paginator("list_objects_v2")
    keys: List[str] = []
    for page in paginator.paginate(Bucket=RECEIPTS_BUCKET, Prefix="receipts/"):
        keys.extend(obj["Key"] for obj in page.get("Contents", []))
    return keys
