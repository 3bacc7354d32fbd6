"""Real async consumers through patch_boto3(): aioboto3, s3fs (fsspec's loop thread) and pandas.

Collected only where aiobotocore is installed (see conftest.py).
"""

from __future__ import annotations

import asyncio
import datetime
import io
import threading
from decimal import Decimal
from typing import Any, Dict, List

import aioboto3
import pandas as pd
import pytest
import s3fs
from boto3.dynamodb.conditions import Key

from awsmock import ANY, patch_boto3

CSV = b"id,name\n1,ada\n2,grace\n"
MODIFIED = datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)


# aioboto3


def test_aioboto3_clients() -> None:
    async def work() -> str:
        session = aioboto3.Session()
        async with session.client("sqs") as sqs:
            got = await sqs.send_message(QueueUrl="https://q", MessageBody="hi")
            return got["MessageId"]  # type: ignore[no-any-return]

    with patch_boto3() as aws:
        aws.add_response("sqs", "SendMessage", {"MessageId": "m-1"})
        assert asyncio.run(work()) == "m-1"
    aws.assert_called_once_with("sqs", "SendMessage", QueueUrl="https://q", MessageBody="hi")


def test_aioboto3_dynamodb_table_returns_plain_python() -> None:
    """boto3's after-call handler turns wire format into Python, awaited by aioboto3."""

    async def work() -> List[Any]:
        session = aioboto3.Session()
        async with session.resource("dynamodb") as dynamodb:
            table = await dynamodb.Table("users")
            item = (await table.get_item(Key={"id": "a"}))["Item"]
            await table.put_item(Item={"id": "b", "n": Decimal(3), "tags": {"x"}})
            found = await table.query(KeyConditionExpression=Key("id").eq("a"))
            return [item, found["Items"]]

    with patch_boto3() as aws:
        aws.add_response("dynamodb", "GetItem", {"Item": {"id": {"S": "a"}, "n": {"N": "7"}}})
        aws.add_response("dynamodb", "PutItem", {})
        aws.add_response("dynamodb", "Query", {"Items": [{"id": {"S": "a"}}], "Count": 1})
        item, items = asyncio.run(work())
    assert item == {"id": "a", "n": Decimal("7")}
    assert items == [{"id": "a"}]
    aws.assert_any_call(
        "dynamodb",
        "PutItem",
        TableName="users",
        Item={"id": "b", "n": Decimal(3), "tags": {"x"}},
    )
    aws.assert_called_with("dynamodb", "Query", TableName="users", KeyConditionExpression=ANY)


# s3fs: its calls run on fsspec's own event-loop thread


def _object(data: bytes, etag: str = '"e1"') -> Dict[str, Any]:
    return {
        "ContentLength": len(data),
        "ETag": etag,
        "LastModified": MODIFIED,
        "ContentType": "text/csv",
    }


def test_s3fs_reads_a_file_from_its_own_loop_thread() -> None:
    threads: List[str] = []

    def get_object(params: Dict[str, Any]) -> Dict[str, Any]:
        threads.append(threading.current_thread().name)
        return {"Body": CSV, **_object(CSV)}

    with patch_boto3() as aws:
        aws.add_response("s3", "HeadObject", _object(CSV), times=None)
        aws.add_response("s3", "GetObject", get_object, times=None)
        fs = s3fs.S3FileSystem(skip_instance_cache=True)
        assert fs.cat_file("bucket/data.csv") == CSV
    assert threads and threading.current_thread().name not in threads
    aws.assert_called_once_with("s3", "GetObject", Bucket="bucket", Key="data.csv")


def test_s3fs_writes_a_file() -> None:
    with patch_boto3() as aws:
        aws.add_response("s3", "PutObject", {"ETag": '"e1"'})
        fs = s3fs.S3FileSystem(skip_instance_cache=True)
        with fs.open("bucket/out.txt", "wb") as f:
            f.write(b"written")
    call = aws.calls_for("s3", "PutObject")[0]
    assert (call.params["Bucket"], call.params["Key"]) == ("bucket", "out.txt")
    assert bytes(call.params["Body"]) == b"written"


def test_s3fs_lists_a_prefix() -> None:
    with patch_boto3() as aws:
        aws.add_response(
            "s3",
            "ListObjectsV2",
            {
                "Contents": [
                    {"Key": "in/a.csv", "Size": 3, "LastModified": MODIFIED, "ETag": '"a"'},
                    {"Key": "in/b.csv", "Size": 4, "LastModified": MODIFIED, "ETag": '"b"'},
                ],
                "KeyCount": 2,
                "IsTruncated": False,
            },
        )
        fs = s3fs.S3FileSystem(skip_instance_cache=True)
        assert fs.ls("bucket/in", detail=False) == ["bucket/in/a.csv", "bucket/in/b.csv"]


# pandas, through s3fs


def test_pandas_read_csv_from_s3() -> None:
    with patch_boto3() as aws:
        aws.add_response("s3", "HeadObject", _object(CSV), times=None)
        aws.add_response("s3", "GetObject", {"Body": CSV, **_object(CSV)}, times=None)
        frame = pd.read_csv("s3://bucket/people.csv", storage_options={"skip_instance_cache": True})
    assert frame.to_dict("list") == {"id": [1, 2], "name": ["ada", "grace"]}


def test_pandas_to_csv_and_to_parquet_on_s3() -> None:
    frame = pd.DataFrame({"id": [1, 2], "name": ["ada", "grace"]})
    options = {"skip_instance_cache": True}
    with patch_boto3() as aws:
        # s3fs makes the bucket first, and takes "already yours" for an answer.
        aws.add_client_error(
            "s3", "CreateBucket", "BucketAlreadyOwnedByYou", http_status_code=409, times=None
        )
        aws.add_response("s3", "HeadBucket", {}, times=None)
        aws.add_response("s3", "PutObject", {"ETag": '"e"'}, times=2)
        frame.to_csv("s3://bucket/out.csv", index=False, storage_options=options)
        frame.to_parquet("s3://bucket/out.parquet", storage_options=options)
    csv_call, parquet_call = aws.calls_for("s3", "PutObject")
    assert bytes(csv_call.params["Body"]) == b"id,name\n1,ada\n2,grace\n"
    assert parquet_call.params["Key"] == "out.parquet"
    back = pd.read_parquet(io.BytesIO(bytes(parquet_call.params["Body"])))
    assert back.to_dict("list") == frame.to_dict("list")


@pytest.mark.parametrize("size", [0, 1, 5000])
def test_s3fs_reads_bodies_of_any_size(size: int) -> None:
    data = bytes(range(256)) * (size // 256) + bytes(range(size % 256))
    with patch_boto3() as aws:
        aws.add_response("s3", "HeadObject", _object(data), times=None)
        aws.add_response("s3", "GetObject", {"Body": data, **_object(data)}, times=None)
        fs = s3fs.S3FileSystem(skip_instance_cache=True)
        assert fs.cat_file("bucket/blob") == data
