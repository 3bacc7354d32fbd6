"""new_episodes and passthrough over a replayed cassette: new calls go through."""

from __future__ import annotations

from pathlib import Path
from typing import Any, List, Tuple

import boto3
import pytest
from moto import mock_aws

from awsmock import ParamsMismatchError, patch_boto3
from awsmock._replay import file as _cassette_file
from awsmock.cassette import RECORD_MODE_VARIABLE


@pytest.fixture(autouse=True)
def _no_record_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(RECORD_MODE_VARIABLE, raising=False)


def _record(path: Path) -> None:
    with mock_aws(), patch_boto3(cassette=path):
        s3 = boto3.client("s3")
        s3.create_bucket(Bucket="old")
        s3.put_object(Bucket="old", Key="a", Body=b"1")


def _operations(path: Path) -> List[Tuple[str, Any]]:
    return [(i["operation"], i["params"].get("Key")) for i in _cassette_file.load(str(path))]


def test_new_episodes_passes_a_new_call_of_a_recorded_operation_through(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    _record(path)
    with mock_aws():
        boto3.client("s3").create_bucket(Bucket="old")  # the backend has what was recorded
        with patch_boto3(cassette=path, record_mode="new_episodes") as aws:
            s3 = boto3.client("s3")
            s3.create_bucket(Bucket="old")  # replayed
            # New, while PutObject(Key="a") is still recorded: reaches moto.
            s3.put_object(Bucket="old", Key="b", Body=b"2")
            s3.put_object(Bucket="old", Key="a", Body=b"1")  # replayed
            assert s3.get_object(Bucket="old", Key="b")["Body"].read() == b"2"
    assert aws.calls[1].response is not None
    assert _operations(path) == [
        ("CreateBucket", None),
        ("PutObject", "a"),
        ("PutObject", "b"),
        ("GetObject", "b"),
    ]
    with patch_boto3(cassette=path, record_mode="none"):
        s3 = boto3.client("s3")
        s3.create_bucket(Bucket="old")
        s3.put_object(Bucket="old", Key="b", Body=b"2")
        s3.put_object(Bucket="old", Key="a", Body=b"1")
        assert s3.get_object(Bucket="old", Key="b")["Body"].read() == b"2"


def test_passthrough_over_a_replayed_cassette_passes_new_calls_through(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    _record(path)
    before = path.read_text()
    with mock_aws():
        boto3.client("s3").create_bucket(Bucket="old")
        with patch_boto3(cassette=path, passthrough=["s3"]):
            s3 = boto3.client("s3")
            s3.create_bucket(Bucket="old")
            s3.put_object(Bucket="old", Key="b", Body=b"2")  # reaches moto
            s3.put_object(Bucket="old", Key="a", Body=b"1")
        assert boto3.client("s3").get_object(Bucket="old", Key="b")["Body"].read() == b"2"
    assert path.read_text() == before  # "once" replays: nothing is recorded


def test_once_still_reports_a_changed_call_with_a_diff(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    _record(path)
    with pytest.raises(ParamsMismatchError, match="interaction 2"), patch_boto3(cassette=path):
        s3 = boto3.client("s3")
        s3.create_bucket(Bucket="old")
        s3.put_object(Bucket="old", Key="b", Body=b"2")
