"""A file-object ``Body`` is recorded as the bytes that were sent, not by reference."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto import mock_aws

from awsmock import ANY, patch_boto3
from awsmock._replay import file as _cassette_file
from awsmock.cassette import RECORD_MODE_VARIABLE


@pytest.fixture(autouse=True)
def _no_record_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(RECORD_MODE_VARIABLE, raising=False)


class Pipe(io.RawIOBase):
    """A body that cannot seek: read once, gone."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        chunk = self._data.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)


def _checksum(params: dict) -> dict:
    # botocore 1.36+ has s3transfer add a default ChecksumAlgorithm.
    return {"ChecksumAlgorithm": ANY} if "ChecksumAlgorithm" in params else {}


def test_upload_fileobj_records_the_bytes() -> None:
    with patch_boto3() as aws:
        aws.add_response("s3", "PutObject", {})
        boto3.client("s3").upload_fileobj(io.BytesIO(b"data"), "bkt", "k")
    sent = aws.calls[0].params
    assert sent["Body"] == b"data"
    checksum = _checksum(sent)
    aws.assert_called_with("s3", "PutObject", Bucket="bkt", Key="k", Body=b"data", **checksum)


def test_a_file_closed_after_the_call_keeps_its_bytes(tmp_path: Path) -> None:
    (tmp_path / "f.txt").write_bytes(b"0123456789")
    with patch_boto3() as aws:
        aws.add_response("s3", "PutObject", {})
        with open(tmp_path / "f.txt", "rb") as file:
            file.seek(4)  # botocore sends from where the file is
            boto3.client("s3").put_object(Bucket="bkt", Key="k", Body=file)
            assert file.tell() == 4  # the code under test gets its file back as it gave it
    assert file.closed
    assert aws.calls[0].params["Body"] == b"456789"
    aws.assert_called_once_with("s3", "PutObject", Bucket="bkt", Key="k", Body=b"456789")


def test_a_buffer_emptied_after_each_part_keeps_each_parts_bytes() -> None:
    """smart_open writes parts through one buffer, emptied after each upload_part."""
    with patch_boto3() as aws:
        aws.add_response("s3", "UploadPart", {"ETag": '"e"'}, times=2)
        s3 = boto3.client("s3")
        buffer = io.BytesIO()
        for number, part in enumerate((b"part one", b"part two"), 1):
            buffer.write(part)
            buffer.seek(0)
            s3.upload_part(Bucket="b", Key="k", UploadId="u", PartNumber=number, Body=buffer)
            buffer.seek(0)
            buffer.truncate()
    assert [c.params["Body"] for c in aws.calls] == [b"part one", b"part two"]


def test_a_body_that_cannot_seek_is_read_once_and_still_reaches_the_backend() -> None:
    with mock_aws(), patch_boto3(passthrough=True) as aws:
        s3 = boto3.client("s3")
        s3.create_bucket(Bucket="bkt")
        s3.put_object(Bucket="bkt", Key="k", Body=Pipe(b"streamed"))
        assert s3.get_object(Bucket="bkt", Key="k")["Body"].read() == b"streamed"
    assert aws.calls[1].params["Body"] == b"streamed"


def test_recorded_file_bodies_reach_the_backend_and_replay(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    source = tmp_path / "f.bin"
    source.write_bytes(os.urandom(64))

    def upload() -> Any:
        s3 = boto3.client("s3")
        s3.create_bucket(Bucket="bkt")
        with open(source, "rb") as file:
            s3.upload_fileobj(file, "bkt", "k")
        return s3.get_object(Bucket="bkt", Key="k")["Body"].read()

    with mock_aws(), patch_boto3(cassette=path) as aws:
        assert upload() == source.read_bytes()
    assert aws.calls_for("s3", "PutObject")[0].params["Body"] == source.read_bytes()
    (put,) = [i for i in json.loads(path.read_text())["interactions"] if "Body" in i["params"]]
    assert put["params"]["Body"] == {"$stream": "ReadFileChunk"}  # as before: matched as ANY
    with patch_boto3(cassette=path, record_mode="none") as aws:
        assert upload() == source.read_bytes()
    assert aws.calls_for("s3", "PutObject")[0].params["Body"] == source.read_bytes()
    assert [i["operation"] for i in _cassette_file.load(str(path))][1] == "PutObject"


def test_expected_params_match_and_response_callables_see_the_bytes() -> None:
    with patch_boto3() as aws:
        aws.add_response(
            "s3",
            "PutObject",
            lambda params: {"ETag": params["Body"].decode()},
            expected_params={"Bucket": "bkt", "Key": "k", "Body": b"abc"},
            match={"Body": b"abc"},
        )
        answer = boto3.client("s3").put_object(Bucket="bkt", Key="k", Body=io.BytesIO(b"abc"))
    assert answer["ETag"] == "abc"
