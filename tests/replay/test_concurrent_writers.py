"""Processes recording into one cassette (pytest-xdist workers) lose nothing."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path
from typing import Any, List

import boto3
from moto import mock_aws

from awsmock import patch_boto3
from awsmock._replay import file as _cassette_file
from awsmock.cassette import RECORD_MODE_VARIABLE


def _worker(path: str, mode: str, name: str, barrier: Any) -> None:
    """Start recording (the cassette is read), wait for the other worker, add three calls."""
    os.environ.pop(RECORD_MODE_VARIABLE, None)
    with mock_aws(), patch_boto3(cassette=path, record_mode=mode):
        barrier.wait(timeout=120)  # both have read the file before either writes
        s3 = boto3.client("s3")
        if mode == "new_episodes":
            s3.list_buckets()  # replayed
        s3.create_bucket(Bucket=name)
        s3.put_object(Bucket=name, Key="k", Body=b"1")
        s3.list_objects_v2(Bucket=name)
        barrier.wait(timeout=120)  # both finish together


def _record_in_two_processes(path: Path, mode: str) -> None:
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    workers = [
        context.Process(target=_worker, args=(str(path), mode, name, barrier))
        for name in ("first", "second")
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=300)
    assert [worker.exitcode for worker in workers] == [0, 0]


def _buckets(path: Path) -> List[Any]:
    return sorted(
        (i["params"]["Bucket"], i["operation"])
        for i in _cassette_file.load(str(path))
        if "Bucket" in i["params"]
    )


EXPECTED = sorted(
    (name, operation)
    for name in ("first", "second")
    for operation in ("CreateBucket", "PutObject", "ListObjectsV2")
)


def test_two_processes_appending_new_episodes_keep_every_interaction(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    with mock_aws(), patch_boto3(cassette=path):
        boto3.client("s3").list_buckets()
    _record_in_two_processes(path, "new_episodes")
    operations = [i["operation"] for i in _cassette_file.load(str(path))]
    assert operations[0] == "ListBuckets"
    assert len(operations) == 7
    assert _buckets(path) == EXPECTED
    assert os.listdir(tmp_path) == ["c.json"]  # no temp file, no lock file left


def test_two_processes_recording_a_new_cassette_keep_every_interaction(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    _record_in_two_processes(path, "once")
    assert _buckets(path) == EXPECTED


def test_two_processes_recording_all_keep_both_recordings(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    with mock_aws(), patch_boto3(cassette=path):
        boto3.client("s3").list_buckets()
    _record_in_two_processes(path, "all")
    assert _buckets(path) == EXPECTED  # the old ListBuckets is replaced
    assert len(_cassette_file.load(str(path))) == 6
