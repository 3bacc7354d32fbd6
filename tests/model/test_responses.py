"""Per-call responses (awsmock/_responses.py): headers, payload streams."""

from __future__ import annotations

import datetime
import io
from typing import Any

import boto3
import botocore.exceptions
import pytest

import awsmock
from awsmock import patch_boto3

MODIFIED = datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)


# HTTPHeaders carry the header-bound members


def test_http_headers_carry_the_members_real_responses_send_as_headers() -> None:
    with patch_boto3() as aws:
        aws.add_response(
            "s3",
            "GetObject",
            {
                "Body": b"1,2",
                "ContentType": "text/csv",
                "ETag": '"e1"',
                "LastModified": MODIFIED,
                "Metadata": {"owner": "ada"},
                "VersionId": "v1",
            },
        )
        got = boto3.client("s3").get_object(Bucket="b", Key="k")
    headers = got["ResponseMetadata"]["HTTPHeaders"]
    assert headers["content-type"] == "text/csv"
    assert headers["content-length"] == "3"
    assert headers["etag"] == '"e1"'
    assert headers["last-modified"] == "Tue, 02 Jan 2024 03:04:05 GMT"
    assert headers["x-amz-meta-owner"] == "ada"
    assert headers["x-amz-version-id"] == "v1"
    assert headers["x-amzn-requestid"] == got["ResponseMetadata"]["RequestId"]


def test_given_http_headers_win_over_the_members() -> None:
    with patch_boto3() as aws:
        meta = {"HTTPHeaders": {"content-type": "application/x-custom", "x-extra": "1"}}
        aws.add_response("s3", "HeadObject", {"ContentType": "text/csv", "ResponseMetadata": meta})
        headers = boto3.client("s3").head_object(Bucket="b", Key="k")["ResponseMetadata"][
            "HTTPHeaders"
        ]
    assert headers == {"content-type": "application/x-custom", "x-extra": "1"}


# payloads given as file objects


def test_a_file_object_queued_twice_reads_the_same_both_times() -> None:
    body = io.BytesIO(b"data")
    with patch_boto3() as aws:
        aws.add_response("s3", "GetObject", {"Body": body})
        aws.add_response("s3", "GetObject", {"Body": body})
        s3 = boto3.client("s3")
        first = s3.get_object(Bucket="b", Key="k")["Body"].read()
        second = s3.get_object(Bucket="b", Key="k")["Body"].read()
    assert first == second == b"data"
    assert body.tell() == 0  # queuing it did not consume it


class BrokenStream:
    """A download that fails half-way, as a dropped connection does."""

    def __init__(self, data: bytes, fail_after: int) -> None:
        self._data = io.BytesIO(data)
        self._left = fail_after

    def read(self, amount: Any = None) -> bytes:
        if self._left <= 0:
            raise botocore.exceptions.ReadTimeoutError(endpoint_url="https://s3.amazonaws.com")
        chunk = self._data.read(self._left if amount is None else min(amount, self._left))
        self._left -= len(chunk)
        return chunk


def test_a_stream_that_fails_mid_read_fails_there() -> None:
    with patch_boto3() as aws:
        aws.add_response("s3", "GetObject", {"Body": BrokenStream(b"0123456789", 4)})
        body = boto3.client("s3").get_object(Bucket="b", Key="k")["Body"]
        assert body.read(4) == b"0123"
        with pytest.raises(botocore.exceptions.ReadTimeoutError):
            body.read(4)


def test_s3transfer_retries_a_download_that_broke(tmp_path: Any) -> None:
    """s3transfer's own retry on a broken stream, with the ranged re-request it makes."""
    data = b"x" * 1000
    with patch_boto3() as aws:
        aws.add_response("s3", "HeadObject", {"ContentLength": len(data), "ETag": '"e"'})
        aws.add_response("s3", "GetObject", {"Body": BrokenStream(data, 100)})
        aws.add_response("s3", "GetObject", {"Body": data})
        boto3.client("s3").download_file("b", "k", str(tmp_path / "out"))
    assert (tmp_path / "out").read_bytes() == data
    assert aws.call_count("s3", "GetObject") == 2


def test_a_checksum_that_is_not_base64_fails_when_queued() -> None:
    aws = patch_boto3()
    with pytest.raises(awsmock.InvalidResponseError) as excinfo:
        aws.add_response("s3", "GetObject", {"Body": b"x", "ChecksumCRC32": "abc"})
    assert excinfo.value.args == (
        "Invalid response for s3.GetObject: ChecksumCRC32: expected the base64 crc32 checksum"
        " of the body, got 'abc'\nSee https://awsmock.readthedocs.io/en/v0.3.0/errors.html"
        "#invalidresponseerror",
    )
