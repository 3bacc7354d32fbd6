"""A patch a test started and never stopped fails that test, not the next (awsmock/_runner.py)."""

from __future__ import annotations

import unittest

import pytest
from botocore.client import BaseClient

from awsmock import AwsMockTestCase, patch_boto3

ORIGINAL = BaseClient.__dict__["_make_api_call"]

LEAKY_TESTS = """
import boto3
import pytest
from moto import mock_aws
from awsmock import patch_boto3


def test_leaks():
    patch_boto3().start()


def test_next_one_runs_unpatched():
    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="fine")
        assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["fine"]


@pytest.fixture(scope="module")
def module_patch():
    with patch_boto3() as aws:
        yield aws


def test_a_module_fixture_outlives_the_test(module_patch):
    assert module_patch.options["hermetic"]


def test_and_serves_the_next(module_patch):
    assert module_patch.calls == []


def test_stopped_by_a_finalizer(request):
    aws = patch_boto3()
    aws.start()
    request.addfinalizer(aws.stop)
"""


def test_pytest_fails_the_test_that_leaked_a_patch(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_leaky=LEAKY_TESTS)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=5, errors=1)
    result.stdout.fnmatch_lines(
        [
            "*ERROR at teardown of test_leaks*",
            "E   awsmock.errors.LeakedPatchError: test_leaky.py::test_leaks started 1"
            " patch_boto3() and did not stop it; awsmock stopped it now, unverified, so the"
            " next test runs unpatched.*",
        ]
    )
    assert BaseClient.__dict__["_make_api_call"] is ORIGINAL


def test_unittest_fails_the_test_that_leaked_a_patch() -> None:
    class Leaky(AwsMockTestCase):
        def test_leaks(self) -> None:
            patch_boto3().start()

        def test_cleans_up(self) -> None:
            aws = patch_boto3()
            aws.start()
            self.addCleanup(aws.stop)

    result = unittest.TestResult()
    unittest.defaultTestLoader.loadTestsFromTestCase(Leaky).run(result)
    assert result.testsRun == 2
    # An AssertionError, as every awsmock failure: reported as the test's failure.
    assert result.errors == []
    assert [test.id().rsplit(".", 1)[1] for test, _ in result.failures] == ["test_leaks"]
    assert "started 1 patch_boto3() and did not stop it" in result.failures[0][1]
    assert BaseClient.__dict__["_make_api_call"] is ORIGINAL
