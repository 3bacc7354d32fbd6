"""A cassette in ``AwsMockTestCase.awsmock_options``, under a real unittest run."""
# ruff: noqa: RUF012

from __future__ import annotations

import unittest
from pathlib import Path
from typing import Any, Dict, List, Tuple

import boto3
import pytest
from moto import mock_aws

from awsmock import AwsMockTestCase, patch_boto3
from awsmock._replay import file as _cassette_file
from awsmock.cassette import RECORD_MODE_VARIABLE


@pytest.fixture(autouse=True)
def _no_record_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(RECORD_MODE_VARIABLE, raising=False)


def _run(case: type) -> unittest.TestResult:
    result = unittest.TestResult()
    unittest.TestLoader().loadTestsFromTestCase(case).run(result)
    return result


def _problems(result: unittest.TestResult) -> List[Tuple[str, str]]:
    return [(str(test), text) for test, text in result.errors + result.failures]


def test_the_per_test_patch_replays_the_cassette_and_the_class_patch_leaves_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "c.json"
    with mock_aws(), patch_boto3(cassette=path):
        boto3.client("s3").create_bucket(Bucket="bkt")
    seen: Dict[str, Any] = {}

    class Replayed(AwsMockTestCase):
        awsmock_options = {"cassette": str(path), "record_mode": "none"}

        @classmethod
        def setUpClass(cls) -> None:
            super().setUpClass()
            seen["class cassette"] = cls.aws._cassette

        def test_it(self) -> None:
            boto3.client("s3").create_bucket(Bucket="bkt")
            self.aws.assert_called_once_with("s3", "CreateBucket", Bucket="bkt")

    result = _run(Replayed)
    assert _problems(result) == []
    assert result.testsRun == 1
    assert seen == {"class cassette": None}


def test_a_testcase_records_its_cassette_once(tmp_path: Path) -> None:
    path = tmp_path / "c.json"

    class Recorded(AwsMockTestCase):
        awsmock_options = {"cassette": str(path), "strict": True}

        @classmethod
        def setUpClass(cls) -> None:
            super().setUpClass()
            # The class-level calls' only: the test's calls reach the backend.
            cls.aws.add_client_error("s3", "CreateBucket", "AccessDenied", required=False)

        def test_it(self) -> None:
            boto3.client("s3").create_bucket(Bucket="bkt")
            self.aws.assert_called_once_with("s3", "CreateBucket", Bucket="bkt")

    with mock_aws():
        assert _problems(_run(Recorded)) == []
    assert [i["operation"] for i in _cassette_file.load(str(path))] == ["CreateBucket"]
    assert _problems(_run(Recorded)) == []  # replayed, moto off
