"""Reports: CSV files in S3, indexed in a DynamoDB table."""

from __future__ import annotations

import csv
import io
from typing import Any, Dict, List

import boto3
from botocore.exceptions import ClientError

TABLE = "reports"


def create_storage(bucket: str) -> None:
    boto3.client("s3").create_bucket(Bucket=bucket)
    boto3.client("dynamodb").create_table(
        TableName=TABLE,
        KeySchema=[
            {"AttributeName": "bucket", "KeyType": "HASH"},
            {"AttributeName": "day", "KeyType": "RANGE"},
        ],
        AttributeDefinitions=[
            {"AttributeName": "bucket", "AttributeType": "S"},
            {"AttributeName": "day", "AttributeType": "S"},
        ],
        BillingMode="PAY_PER_REQUEST",
    )


def save_report(bucket: str, day: str, rows: List[Dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=sorted(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    key = f"reports/{day}.csv"
    for attempt in range(3):
        try:
            boto3.client("s3").put_object(Bucket=bucket, Key=key, Body=out.getvalue().encode())
            break
        except ClientError as error:
            if error.response["Error"]["Code"] != "SlowDown" or attempt == 2:
                raise
    table = boto3.resource("dynamodb").Table(TABLE)
    table.put_item(Item={"bucket": bucket, "day": day, "key": key, "rows": len(rows)})
    return key


def read_report(bucket: str, day: str) -> List[Dict[str, str]]:
    body = boto3.client("s3").get_object(Bucket=bucket, Key=f"reports/{day}.csv")["Body"]
    return list(csv.DictReader(io.StringIO(body.read().decode())))


def list_reports(bucket: str) -> List[str]:
    table = boto3.resource("dynamodb").Table(TABLE)
    found = table.query(
        KeyConditionExpression="#b = :b",
        ExpressionAttributeNames={"#b": "bucket"},
        ExpressionAttributeValues={":b": bucket},
        ScanIndexForward=False,
    )
    return [item["day"] for item in found["Items"]]
