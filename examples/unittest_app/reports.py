"""Monthly sales reports: rows from a DynamoDB table, CSV files on S3."""

from __future__ import annotations

import csv
import io
from typing import Any, Dict, List

import boto3
from boto3.dynamodb.conditions import Key


def load_sales(table_name: str, month: str) -> List[Dict[str, Any]]:
    """Every sale of ``month`` (``"2024-01"``), through boto3's Table resource."""
    table = boto3.resource("dynamodb").Table(table_name)
    response = table.query(KeyConditionExpression=Key("month").eq(month))
    return list(response["Items"])


def publish_report(table_name: str, bucket: str, month: str) -> str:
    """Write the month's sales as CSV to S3; return the object's key."""
    rows = load_sales(table_name, month)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["sku", "amount"])
    for row in sorted(rows, key=lambda r: r["sku"]):
        writer.writerow([row["sku"], row["amount"]])
    key = f"reports/{month}.csv"
    boto3.client("s3").put_object(
        Bucket=bucket, Key=key, Body=out.getvalue().encode(), ContentType="text/csv"
    )
    return key


def list_reports(bucket: str) -> List[str]:
    """The keys of every published report, across all pages of the listing."""
    paginator = boto3.client("s3").get_paginator("list_objects_v2")
    return [
        obj["Key"]
        for page in paginator.paginate(Bucket=bucket, Prefix="reports/")
        for obj in page.get("Contents", [])
    ]
