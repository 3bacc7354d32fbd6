"""AwsMockTestCase and AwsMockMixin under the standard library's unittest runner.

The TestCase classes live inside the test functions so pytest does not
collect them; each is run with a real ``unittest`` suite and result.
"""
# ruff: noqa: PT009, PT027, RUF012

from __future__ import annotations

import asyncio
import inspect
import os
import unittest
from typing import Any, ClassVar, List, Tuple

import boto3
import pytest
from botocore.client import BaseClient

import awsmock
from awsmock import (
    AwsMock,
    AwsMockMixin,
    AwsMockTestCase,
    UnassertedCallError,
    UnmockedCallError,
    UnusedResponseError,
    patch_boto3,
)
from awsmock._api import lifecycle as _patch

from .conftest import ORIGINAL_MAKE_API_CALL

QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/123456789012/q1"


def send(body: str = "hi") -> Any:
    return boto3.client("sqs").send_message(QueueUrl=QUEUE_URL, MessageBody=body)


class Result(unittest.TestResult):
    """Keeps the exceptions themselves, to check their exact messages."""

    def __init__(self) -> None:
        super().__init__()
        self.raised: List[Tuple[str, BaseException]] = []
        self.passed: List[str] = []

    def _keep(self, test: Any, err: Any) -> None:
        self.raised.append((test.id().rsplit(".", 1)[-1], err[1]))

    def addFailure(self, test: Any, err: Any) -> None:
        super().addFailure(test, err)
        self._keep(test, err)

    def addError(self, test: Any, err: Any) -> None:
        super().addError(test, err)
        self._keep(test, err)

    def addSubTest(self, test: Any, subtest: Any, err: Any) -> None:
        super().addSubTest(test, subtest, err)
        if err is not None:
            self._keep(subtest, err)

    def addSuccess(self, test: Any) -> None:
        super().addSuccess(test)
        self.passed.append(test.id().rsplit(".", 1)[-1])


def run(*cases: type) -> Result:
    loader = unittest.TestLoader()
    suite = unittest.TestSuite(loader.loadTestsFromTestCase(case) for case in cases)
    result = Result()
    suite.run(result)
    return result


def next_line() -> str:
    """``file:line`` of the line after the caller's: where a response gets queued."""
    frame = inspect.currentframe().f_back  # type: ignore[union-attr]
    return f"{frame.f_code.co_filename}:{frame.f_lineno + 1}"  # type: ignore[union-attr]


# AwsMockTestCase


def test_each_test_gets_a_fresh_started_mock() -> None:
    seen: List[AwsMock] = []

    class Case(AwsMockTestCase):
        def test_one(self) -> None:
            api_mock = self.aws.mock
            self.assertIs(BaseClient.__dict__["_make_api_call"], api_mock)
            self.aws.add_response("sqs", "SendMessage", {"MessageId": "m-1"})
            self.assertEqual(send()["MessageId"], "m-1")
            self.aws.assert_called_once_with(
                "sqs", "SendMessage", QueueUrl=QUEUE_URL, MessageBody="hi"
            )
            seen.append(self.aws)

        def test_two(self) -> None:
            self.assertEqual(self.aws.calls, [])
            seen.append(self.aws)

    result = run(Case)

    assert result.raised == []
    assert result.passed == ["test_one", "test_two"]
    assert seen[0] is not seen[1]
    assert BaseClient.__dict__["_make_api_call"] is ORIGINAL_MAKE_API_CALL


def test_an_unused_response_fails_that_test() -> None:
    where: List[str] = []

    class Case(AwsMockTestCase):
        def test_unused(self) -> None:
            where.append(next_line())
            self.aws.add_response("sqs", "SendMessage", {"MessageId": "m-1"})

        def test_fine(self) -> None:
            pass

    result = run(Case)

    assert result.passed == ["test_fine"]
    [(name, error)] = result.raised
    assert name == "test_unused"
    assert isinstance(error, UnusedResponseError)
    assert str(error) == (
        "1 queued response was not used:\n"
        f"- sqs.SendMessage, added at {where[0]}\n"
        "Remove them, make sure the code makes those calls, or queue them with required=False."
        f" See https://awsmock.readthedocs.io/en/v0.3.0/errors.html#unusedresponseerror"
    )
    assert len(result.failures) == 1  # an AssertionError: a failure, not an error


def test_strict_option_reports_unasserted_calls() -> None:
    class Case(AwsMockTestCase):
        awsmock_options = {"strict": True}

        def test_unchecked(self) -> None:
            self.aws.add_response("sqs", "SendMessage", {"MessageId": "m-1"})
            send("x")

    [(_, error)] = run(Case).raised

    assert isinstance(error, UnassertedCallError)
    assert str(error).startswith(
        "strict=True: 1 call was not checked by any assertion:\n"
        "- sqs.SendMessage(QueueUrl='https://sqs.us-east-1.amazonaws.com/123456789012/q1',"
        " MessageBody='x')\n"
    )


def test_options_reach_the_mock() -> None:
    class Case(AwsMockTestCase):
        awsmock_options = {"region": "eu-west-1", "validate": False}

        def test_region(self) -> None:
            self.assertEqual(boto3.client("s3").meta.region_name, "eu-west-1")
            self.assertEqual(os.environ["AWS_DEFAULT_REGION"], "eu-west-1")
            self.assertFalse(self.aws.options["validate"])

    assert run(Case).passed == ["test_region"]


def test_verify_false_skips_verification() -> None:
    class Case(AwsMockTestCase):
        awsmock_options = {"verify": False}

        def test_unused(self) -> None:
            self.aws.add_response("sqs", "SendMessage", {"MessageId": "m-1"})

    assert run(Case).passed == ["test_unused"]


# one failure per test


def test_a_failing_test_is_not_verified_again() -> None:
    class Case(AwsMockTestCase):
        def test_body_fails(self) -> None:
            self.aws.add_response("sqs", "SendMessage", {"MessageId": "never used"})
            self.fail("the test's own failure")

        def test_unmocked(self) -> None:
            self.aws.add_response("s3", "GetObject", {"Body": b""}, required=True)
            send()

    result = run(Case)

    assert [(n, type(e), str(e).splitlines()[0]) for n, e in result.raised] == [
        ("test_body_fails", AssertionError, "the test's own failure"),
        (
            "test_unmocked",
            UnmockedCallError,
            "sqs.SendMessage(QueueUrl='https://sqs.us-east-1.amazonaws.com/123456789012/q1',"
            " MessageBody='hi') was called, but nothing is queued for it.",
        ),
    ]


def test_a_swallowed_unmocked_call_still_fails_the_test() -> None:
    class Case(AwsMockTestCase):
        def test_swallowed(self) -> None:
            try:
                send()
            except Exception:  # the code under test hides it
                pass

    [(_, error)] = run(Case).raised

    assert isinstance(error, UnmockedCallError)
    assert str(error).startswith(
        "This error was raised inside the patched block, and the code under test caught it:\n"
    )


def test_a_swallowed_unmocked_call_is_shown_when_the_test_fails_on_its_own() -> None:
    class Case(AwsMockTestCase):
        def test_fails(self) -> None:
            try:
                send()
            except Exception:  # the code under test hides it
                pass
            self.assertEqual(1, 2)

    result = run(Case)

    [(_, text)] = result.failures
    assert "AssertionError: 1 != 2\n" in text
    assert (
        "awsmock: the code under test caught 1 error awsmock raised while patched (it may be"
        " why this test failed):\nUnmockedCallError: sqs.SendMessage(QueueUrl="
    ) in text
    assert [type(error) for _, error in result.raised] == [AssertionError]  # reported once


def test_skipped_and_expected_failures_are_not_verified() -> None:
    class Case(AwsMockTestCase):
        def test_skipped(self) -> None:
            self.aws.add_response("sqs", "SendMessage", {"MessageId": "m-1"})
            self.skipTest("not today")

        @unittest.expectedFailure
        def test_expected(self) -> None:
            self.aws.add_response("sqs", "SendMessage", {"MessageId": "m-1"})
            self.fail("known bug")

    result = run(Case)

    assert result.raised == []
    assert len(result.skipped) == 1
    assert len(result.expectedFailures) == 1


def test_a_failed_subtest_is_not_verified_again() -> None:
    class Case(AwsMockTestCase):
        def test_sub(self) -> None:
            self.aws.add_response("sqs", "SendMessage", {"MessageId": "m-1"})
            with self.subTest(n=1):
                self.fail("subtest failed")

    result = run(Case)

    assert [str(e) for _, e in result.raised] == ["subtest failed"]


def test_a_failing_setup_or_teardown_stops_without_verifying() -> None:
    class Case(AwsMockTestCase):
        def setUp(self) -> None:
            self.aws.add_response("sqs", "SendMessage", {"MessageId": "m-1"})
            raise RuntimeError("setUp broke")

        def test_never_runs(self) -> None:
            raise AssertionError("unreachable")

    class Other(AwsMockTestCase):
        def tearDown(self) -> None:
            raise RuntimeError("tearDown broke")

        def test_queues(self) -> None:
            self.aws.add_response("sqs", "SendMessage", {"MessageId": "m-1"})

    result = run(Case, Other)

    assert [str(e) for _, e in result.raised] == ["setUp broke", "tearDown broke"]
    assert BaseClient.__dict__["_make_api_call"] is ORIGINAL_MAKE_API_CALL


def test_a_setup_without_super_still_gets_the_mock() -> None:
    class Case(AwsMockTestCase):
        def setUp(self) -> None:  # forgets super().setUp()
            self.queued = "yes"

        def test_it(self) -> None:
            self.aws.add_response("sqs", "SendMessage", {"MessageId": "m-1"})
            send()

    assert run(Case).passed == ["test_it"]


def test_cleanups_of_the_test_run_while_still_patched() -> None:
    class Case(AwsMockTestCase):
        def test_it(self) -> None:
            self.aws.add_response("sqs", "SendMessage", {"MessageId": "m-1"})
            self.addCleanup(send, "cleanup")

    assert run(Case).passed == ["test_it"]


# class level: setUpClass


def test_setupclass_sees_the_patch_and_the_hermetic_environment() -> None:
    class Case(AwsMockTestCase):
        awsmock_options = {"region": "ap-south-1"}
        region: ClassVar[str]
        message_id: ClassVar[str]

        @classmethod
        def setUpClass(cls) -> None:
            super().setUpClass()
            cls.region = boto3.client("sqs").meta.region_name
            cls.aws.add_response("sqs", "SendMessage", {"MessageId": "from-class"})
            cls.message_id = send("setup")["MessageId"]

        def test_class_state(self) -> None:
            self.assertEqual(self.region, "ap-south-1")
            self.assertEqual(self.message_id, "from-class")
            self.assertEqual(self.aws.calls, [])  # the test's own record
            self.assertIsNot(self.aws, type(self).aws)

        def test_class_queue_is_not_the_tests(self) -> None:
            with self.assertRaises(UnmockedCallError):
                send()
            self.aws._failures.clear()

    result = run(Case)

    assert result.raised == []
    assert sorted(result.passed) == ["test_class_queue_is_not_the_tests", "test_class_state"]
    assert "aws" not in Case.__dict__
    assert _patch._active == []


def test_a_class_level_unused_response_fails_the_class() -> None:
    class Case(AwsMockTestCase):
        @classmethod
        def setUpClass(cls) -> None:
            super().setUpClass()
            cls.aws.add_response("sqs", "SendMessage", {"MessageId": "never"})

        def test_fine(self) -> None:
            pass

    result = run(Case)

    assert result.passed == ["test_fine"]
    [(_, error)] = result.raised
    assert isinstance(error, UnusedResponseError)
    assert BaseClient.__dict__["_make_api_call"] is ORIGINAL_MAKE_API_CALL


def test_a_failing_setupclass_still_restores_botocore() -> None:
    class Case(AwsMockTestCase):
        @classmethod
        def setUpClass(cls) -> None:
            super().setUpClass()
            cls.aws.add_response("sqs", "SendMessage", {"MessageId": "never"})
            raise RuntimeError("setUpClass broke")

        def test_never(self) -> None:
            raise AssertionError("unreachable")

    class Base(unittest.TestCase):
        @classmethod
        def setUpClass(cls) -> None:
            raise RuntimeError("base broke")

    class Mixed(AwsMockMixin, Base):
        def test_never(self) -> None:
            raise AssertionError("unreachable")

    result = run(Case, Mixed)

    assert [str(e) for _, e in result.raised] == ["setUpClass broke", "base broke"]
    assert BaseClient.__dict__["_make_api_call"] is ORIGINAL_MAKE_API_CALL
    assert _patch._active == []


# AwsMockMixin


def test_mixin_cooperates_with_other_mixins_and_super() -> None:
    order: List[str] = []

    class Recording(unittest.TestCase):
        @classmethod
        def setUpClass(cls) -> None:
            order.append(f"base setUpClass patched={bool(_patch._active)}")
            super().setUpClass()

        def setUp(self) -> None:
            order.append(f"base setUp patched={len(_patch._active)}")
            super().setUp()

    class Case(AwsMockMixin, Recording):
        def setUp(self) -> None:
            super().setUp()
            order.append("case setUp")

        def test_it(self) -> None:
            self.aws.add_response("sqs", "SendMessage", {"MessageId": "m-1"})
            send()

    result = run(Case)

    assert result.passed == ["test_it"]
    assert order == ["base setUpClass patched=True", "base setUp patched=2", "case setUp"]


def test_mixin_with_an_async_test_case() -> None:
    class Case(AwsMockMixin, unittest.IsolatedAsyncioTestCase):
        async def asyncSetUp(self) -> None:
            self.aws.add_response("sqs", "SendMessage", {"MessageId": "m-async"})

        async def test_it(self) -> None:
            await asyncio.sleep(0)
            self.assertEqual(send()["MessageId"], "m-async")

    assert run(Case).passed == ["test_it"]


# class decoration


def test_patch_boto3_on_a_testcase_class_patches_each_method() -> None:
    seen: List[AwsMock] = []

    @patch_boto3(region="eu-central-1")
    class Case(unittest.TestCase):
        def test_one(self, aws: AwsMock) -> None:
            aws.add_response("sqs", "SendMessage", {"MessageId": "m-1"})
            send()
            seen.append(aws)

        def test_two(self, aws: AwsMock) -> None:
            self.assertEqual(aws.calls, [])
            self.assertEqual(boto3.client("sqs").meta.region_name, "eu-central-1")
            seen.append(aws)

        def helper(self) -> None:
            pass

    assert run(Case).passed == ["test_one", "test_two"]
    assert seen[0] is not seen[1]


# bad options fail at class definition


def test_an_unknown_option_fails_at_class_definition() -> None:
    with pytest.raises(TypeError) as excinfo:

        class Case(AwsMockTestCase):
            awsmock_options = {"strickt": True}

    assert excinfo.value.args == (
        "test_an_unknown_option_fails_at_class_definition.<locals>.Case.awsmock_options got an"
        " unknown option 'strickt'. Did you mean 'strict'? Options: validate, verify, strict,"
        " hermetic, region, retries, passthrough, cassette, record_mode, match_params,"
        " before_record, iam_policy, backend. See https://awsmock.readthedocs.io/en/v0.3.0/usage.html#options",
    )


def test_a_bad_option_value_fails_at_class_definition() -> None:
    with pytest.raises(TypeError) as excinfo:

        class Case(AwsMockTestCase):
            awsmock_options = {"strict": "yes"}

    assert excinfo.value.args == (
        "test_a_bad_option_value_fails_at_class_definition.<locals>.Case.awsmock_options:"
        " strict must be True or False, got 'yes'.",
    )


def test_options_must_be_a_dict() -> None:
    with pytest.raises(TypeError) as excinfo:

        class Case(AwsMockTestCase):
            awsmock_options = ["strict"]  # type: ignore[assignment]

    assert excinfo.value.args == (
        "test_options_must_be_a_dict.<locals>.Case.awsmock_options must be a dict of"
        " patch_boto3() options such as {'strict': True}, got ['strict'].",
    )


def test_the_mixin_must_come_before_testcase() -> None:
    with pytest.raises(TypeError) as excinfo:

        class Case(unittest.TestCase, AwsMockMixin):
            pass

    assert excinfo.value.args == (
        "test_the_mixin_must_come_before_testcase.<locals>.Case: put AwsMockMixin before the"
        " TestCase class in the bases, e.g. class Case(AwsMockMixin, TestCase); otherwise its"
        " setUpClass and setUp never run.",
    )


# tracebacks


def test_the_traceback_ends_at_the_users_line() -> None:
    class Case(AwsMockTestCase):
        def test_unmocked(self) -> None:
            send()

    result = run(Case)

    [(_, text)] = result.failures
    # No frame of the package (its folder, not the word: a clone may be named awsmock).
    assert os.path.dirname(awsmock.__file__) + os.sep not in text
    assert "botocore" not in text
    frames = [line for line in text.splitlines() if line.startswith('  File "')]
    send_line = inspect.getsourcelines(send)[1] + 1
    assert frames[-1] == f'  File "{__file__}", line {send_line}, in send'
    assert text.count("UnmockedCallError") == 1
