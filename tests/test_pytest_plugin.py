"""The pytest plugin, tested with pytester: fixture, marker, ini options, inertness."""

from __future__ import annotations

from importlib.metadata import entry_points

# The hypothesis plugin imports hypothesis at the end of each session; loaded
# here, pytester's inline runs do not import (and assert-rewrite) it each time.
import hypothesis  # noqa: F401
import pytest

import awsmock
from awsmock import AwsMock

SEND = """
import boto3
import pytest
from awsmock import AwsMockFixture

QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/123456789012/q1"

def send(body="hi"):
    return boto3.client("sqs").send_message(QueueUrl=QUEUE_URL, MessageBody=body)
"""


def outcomes(result: pytest.RunResult) -> dict[str, int]:
    return {k: v for k, v in result.parseoutcomes().items() if k not in ("seconds",)}


# registration


def test_registered_through_the_pytest11_entry_point() -> None:
    [entry] = [e for e in entry_points(group="pytest11") if e.name == "awsmock"]
    assert entry.value == "awsmock.pytest_plugin"


def test_the_fixture_type_is_exported() -> None:
    assert awsmock.AwsMockFixture is AwsMock


def test_the_marker_is_registered(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--markers")
    result.stdout.fnmatch_lines(["@pytest.mark.awsmock(**options): patch boto3 for this test*"])


# the fixture


def test_fixture_yields_a_started_mock_and_restores(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        SEND
        + """
from botocore.client import BaseClient
ORIGINAL = BaseClient.__dict__["_make_api_call"]

def test_patched(awsmock: AwsMockFixture):
    api_mock = awsmock.mock
    assert BaseClient.__dict__["_make_api_call"] is api_mock
    awsmock.add_response("sqs", "SendMessage", {"MessageId": "m-1"})
    assert send()["MessageId"] == "m-1"
    awsmock.assert_called_once_with("sqs", "SendMessage", QueueUrl=QUEUE_URL, MessageBody="hi")

def test_restored_after():
    assert BaseClient.__dict__["_make_api_call"] is ORIGINAL
"""
    )
    result = pytester.runpytest("-p", "no:randomly")
    assert outcomes(result) == {"passed": 2}


def test_an_unused_response_is_the_tests_error_with_awsmocks_message_only(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        SEND
        + """
def test_unused(awsmock):
    awsmock.add_response("sqs", "SendMessage", {"MessageId": "m-1"})
"""
    )
    result = pytester.runpytest()
    assert outcomes(result) == {"passed": 1, "errors": 1}
    result.stdout.fnmatch_lines(
        [
            "*ERROR at teardown of test_unused*",
            "E   awsmock.errors.UnusedResponseError: 1 queued response was not used:",
            "    - sqs.SendMessage, added at *test_an_unused_response_is_the_tests_error*.py:11",
        ]
    )
    assert "pytest_plugin" not in result.stdout.str()
    assert "_patch.py" not in result.stdout.str()


def test_a_failed_test_is_not_verified_again(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        SEND
        + """
def test_fails(awsmock):
    awsmock.add_response("sqs", "SendMessage", {"MessageId": "never used"})
    assert 1 == 2

@pytest.mark.xfail(reason="known")
def test_xfail(awsmock):
    awsmock.add_response("sqs", "SendMessage", {"MessageId": "never used"})
    assert 1 == 2

def test_skipped(awsmock):
    awsmock.add_response("sqs", "SendMessage", {"MessageId": "never used"})
    pytest.skip("not today")
"""
    )
    result = pytester.runpytest()
    assert outcomes(result) == {"failed": 1, "xfailed": 1, "skipped": 1}
    assert "UnusedResponseError" not in result.stdout.str()


def test_a_swallowed_unmocked_call_fails_at_teardown(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        SEND
        + """
def test_swallowed(awsmock):
    try:
        send()
    except Exception:
        pass
"""
    )
    result = pytester.runpytest()
    assert outcomes(result) == {"passed": 1, "errors": 1}
    result.stdout.fnmatch_lines(
        [
            "E   awsmock.errors.UnmockedCallError: This error was raised inside the patched"
            " block, and the code under test caught it:",
        ]
    )


def test_a_swallowed_error_is_shown_when_the_test_fails_on_its_own(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        SEND
        + """
from awsmock import patch_boto3

def test_fixture(awsmock):
    try:
        send()
    except Exception:
        pass
    assert 1 == 2

@patch_boto3()
def test_decorator(aws):
    try:
        send("decorated")
    except Exception:
        pass
    assert 1 == 2
"""
    )
    result = pytester.runpytest()
    assert outcomes(result) == {"failed": 2}
    result.stdout.fnmatch_lines(
        [
            "*- awsmock: errors the code under test caught -*",
            "awsmock: the code under test caught 1 error awsmock raised while patched (it may"
            " be why this test failed):",
            "UnmockedCallError: sqs.SendMessage(QueueUrl=*, MessageBody='hi') was called, but"
            " nothing is queued for it.",
        ]
    )
    result.stdout.fnmatch_lines(
        [
            "E       assert 1 == 2",
            "E       awsmock: the code under test caught 1 error awsmock raised while patched (it"
            " may be why this test failed):",
            "E       UnmockedCallError: sqs.SendMessage(QueueUrl=*, MessageBody='decorated') was"
            " called, but nothing is queued for it.",
        ]
    )


def test_an_uncaught_unmocked_call_is_not_listed_as_caught(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        SEND
        + """
from awsmock import patch_boto3

def test_fixture(awsmock):
    send("uncaught")

def test_rewrapped(awsmock):
    try:
        send("rewrapped")
    except Exception as error:
        raise RuntimeError("the code under test failed") from error

@patch_boto3()
def test_decorator(aws):
    send("decorated")
"""
    )
    result = pytester.runpytest()
    assert outcomes(result) == {"failed": 3}
    text = result.stdout.str()
    assert "errors the code under test caught" not in text
    assert "awsmock: the code under test caught" not in text


def test_only_the_caught_errors_are_listed_beside_an_uncaught_one(
    pytester: pytest.Pytester,
) -> None:
    pytester.makepyfile(
        SEND
        + """
def test_fixture(awsmock):
    try:
        send("caught")
    except Exception:
        pass
    send("uncaught")
"""
    )
    result = pytester.runpytest()
    assert outcomes(result) == {"failed": 1}
    result.stdout.fnmatch_lines(
        [
            "*- awsmock: errors the code under test caught -*",
            "awsmock: the code under test caught 1 error awsmock raised while patched (it may"
            " be why this test failed):",
            "UnmockedCallError: sqs.SendMessage(QueueUrl=*, MessageBody='caught') was called,"
            " but nothing is queued for it.",
        ]
    )
    # The section alone: the short summary after it names the uncaught error
    # (in full where pytest sees CI=true).
    section = result.stdout.str().split("errors the code under test caught")[1]
    section = section.split("short test summary info")[0]
    assert "MessageBody='caught'" in section
    assert "MessageBody='uncaught'" not in section


def test_body_errors_end_at_the_users_line(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        SEND
        + """
def test_unmocked(awsmock):
    send()
"""
    )
    result = pytester.runpytest()
    assert outcomes(result) == {"failed": 1}
    text = result.stdout.str()
    assert "botocore" not in text
    assert "_patch.py" not in text
    result.stdout.fnmatch_lines(
        [
            ">       return boto3.client(*).send_message(QueueUrl=QUEUE_URL, MessageBody=body)",
            "E       awsmock.errors.UnmockedCallError: sqs.SendMessage(*) was called,"
            " but nothing is queued for it.",
            "*test_body_errors_end_at_the_users_line.py:8: UnmockedCallError",
        ]
    )


# the marker


def test_marker_options_closest_wins(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        SEND
        + """
pytestmark = pytest.mark.awsmock(region="eu-west-1", validate=False)

@pytest.mark.awsmock(region="ap-south-1")
class TestRegions:
    def test_class_marker(self, awsmock):
        assert boto3.client("s3").meta.region_name == "ap-south-1"
        assert awsmock.options["validate"] is False

    @pytest.mark.awsmock(region="sa-east-1")
    def test_method_marker(self, awsmock):
        assert boto3.client("s3").meta.region_name == "sa-east-1"

def test_module_marker(awsmock):
    assert boto3.client("s3").meta.region_name == "eu-west-1"
"""
    )
    result = pytester.runpytest()
    assert outcomes(result) == {"passed": 3}


def test_marker_strict(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        SEND
        + """
@pytest.mark.awsmock(strict=True)
def test_unchecked(awsmock):
    awsmock.add_response("sqs", "SendMessage", {"MessageId": "m-1"})
    send()
"""
    )
    result = pytester.runpytest()
    assert outcomes(result) == {"passed": 1, "errors": 1}
    result.stdout.fnmatch_lines(
        ["E   awsmock.errors.UnassertedCallError: strict=True: 1 call was not checked*"]
    )


def test_the_marker_alone_patches_the_test(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        SEND
        + """
@pytest.mark.awsmock
def test_no_aws_allowed():
    send()
"""
    )
    result = pytester.runpytest()
    assert outcomes(result) == {"failed": 1}
    result.stdout.fnmatch_lines(["E   *UnmockedCallError: sqs.SendMessage(*) was called, *"])


def test_bad_marker_options_are_the_tests_error(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        SEND
        + """
@pytest.mark.awsmock(strickt=True)
def test_typo(awsmock):
    pass

@pytest.mark.awsmock("strict")
def test_positional(awsmock):
    pass
"""
    )
    result = pytester.runpytest()
    assert outcomes(result) == {"errors": 2}
    result.stdout.fnmatch_lines(
        [
            "E   TypeError: @pytest.mark.awsmock() got an unknown option 'strickt'."
            " Did you mean 'strict'? *",
            "E   TypeError: @pytest.mark.awsmock takes patch_boto3() keyword options only,"
            " such as @pytest.mark.awsmock(strict=True); got ('strict',).",
        ],
        consecutive=False,
    )


# ini options


def test_ini_options_are_project_defaults(pytester: pytest.Pytester) -> None:
    pytester.makeini(
        """
[pytest]
asyncio_default_fixture_loop_scope = function
awsmock_strict = true
awsmock_region = eu-north-1
"""
    )
    pytester.makepyfile(
        SEND
        + """
def test_defaults(awsmock):
    assert awsmock.options["strict"] is True
    assert boto3.client("s3").meta.region_name == "eu-north-1"

@pytest.mark.awsmock(strict=False)
def test_marker_overrides(awsmock):
    awsmock.add_response("sqs", "SendMessage", {"MessageId": "m-1"})
    send()
"""
    )
    result = pytester.runpytest()
    assert outcomes(result) == {"passed": 2}


def test_retries_is_an_ini_option_the_marker_overrides(pytester: pytest.Pytester) -> None:
    pytester.makeini(
        "[pytest]\nasyncio_default_fixture_loop_scope = function\nawsmock_retries = true\n"
    )
    pytester.makepyfile(
        SEND
        + """
from botocore.exceptions import ClientError

def test_ini(awsmock):
    assert awsmock.options["retries"] is True
    awsmock.add_throttling("sqs", "SendMessage")
    awsmock.add_response("sqs", "SendMessage", {"MessageId": "m-1"})
    assert send()["ResponseMetadata"]["RetryAttempts"] == 1
    assert awsmock.calls[0].attempts == 2

@pytest.mark.awsmock(retries=False)
def test_marker_overrides(awsmock):
    awsmock.add_throttling("sqs", "SendMessage")
    with pytest.raises(ClientError):
        send()
"""
    )
    assert outcomes(pytester.runpytest()) == {"passed": 2}
    result = pytester.runpytest("--help")
    result.stdout.fnmatch_lines(["*awsmock_retries (bool):*"])


def test_ini_defaults_match_patch_boto3(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
from awsmock._core.options import DEFAULTS

def test_defaults(awsmock):
    assert awsmock.options == DEFAULTS.as_dict()
"""
    )
    assert outcomes(pytester.runpytest()) == {"passed": 1}


def test_a_bad_ini_value_names_the_option(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\nawsmock_region =\n")
    pytester.makepyfile("def test_it(awsmock):\n    pass\n")
    result = pytester.runpytest()
    result.stdout.fnmatch_lines(
        ["E   TypeError: the awsmock_* ini options: region must be a region name such as*"]
    )


@pytest.mark.parametrize("name", ["validate", "verify", "strict", "hermetic", "retries"])
def test_a_bad_bool_ini_value_is_a_usage_error_naming_option_and_values(
    pytester: pytest.Pytester, name: str
) -> None:
    ini = pytester.makeini(
        f"[pytest]\nasyncio_default_fixture_loop_scope = function\nawsmock_{name} = Maybe\n"
    )
    pytester.makepyfile("def test_it(awsmock):\n    pass\n")
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert result.stderr.lines == [
        f"ERROR: awsmock_{name} = 'Maybe' in {ini} is not a boolean: write true or false"
        " (yes/no, 1/0 and on/off work too).",
        "",
    ]


def test_a_bad_bool_given_with_dash_o_is_a_usage_error_too(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_it(awsmock):\n    pass\n")
    result = pytester.runpytest("-o", "awsmock_retries=maybe")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        ["ERROR: awsmock_retries = 'maybe' in * is not a boolean: write true or false*"]
    )


def test_a_quoted_bool_in_native_toml_is_a_usage_error_that_says_so(
    pytester: pytest.Pytester,
) -> None:
    (pytester.path / "tox.ini").unlink()  # the conftest's ini file
    toml = pytester.makepyprojecttoml(
        '[tool.pytest]\nasyncio_default_fixture_loop_scope = "function"\n'
        'awsmock_strict = "true"\n'
    )
    pytester.makepyfile("def test_it(awsmock):\n    pass\n")
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert result.stderr.lines[0] == (
        f"ERROR: awsmock_strict = 'true' in {toml} is not a boolean: write true or false,"
        " without quotes (a TOML boolean)."
    )


@pytest.mark.parametrize("value", ["yes", "ON", "1", "True"])
def test_bool_ini_values_take_the_usual_spellings(pytester: pytest.Pytester, value: str) -> None:
    pytester.makeini(
        f"[pytest]\nasyncio_default_fixture_loop_scope = function\nawsmock_strict = {value}\n"
    )
    pytester.makepyfile("def test_it(awsmock):\n    assert awsmock.options['strict'] is True\n")
    assert outcomes(pytester.runpytest()) == {"passed": 1}


# works with the rest of pytest


def test_parametrize_classes_and_plain_asserts(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        SEND
        + """
@pytest.mark.parametrize("body", ["a", "b", "c"])
def test_param(awsmock, body):
    awsmock.add_response("sqs", "SendMessage", {"MessageId": body})
    assert send(body)["MessageId"] == body
    assert awsmock.call_count() == 1

class TestGrouped:
    def test_one(self, awsmock):
        awsmock.add_response("sqs", "SendMessage", {"MessageId": "1"})
        send()

    def test_two(self, awsmock):
        assert awsmock.calls == []

def test_assertion_helper_failure(awsmock):
    awsmock.assert_called("sqs", "SendMessage")
"""
    )
    result = pytester.runpytest("--assert=plain")
    assert outcomes(result) == {"passed": 5, "failed": 1}
    result.stdout.fnmatch_lines(["E   *Expected sqs.SendMessage to have been called.*"])


def test_inert_for_moto_and_stubber_in_the_same_run(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        SEND
        + """
import botocore.session
from botocore.client import BaseClient
from botocore.stub import Stubber
from moto import mock_aws

ORIGINAL = BaseClient.__dict__["_make_api_call"]

def test_awsmock_first(awsmock):
    awsmock.add_response("sqs", "SendMessage", {"MessageId": "m-1"})
    send()

def test_moto():
    assert BaseClient.__dict__["_make_api_call"] is ORIGINAL
    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="moto-bucket")
        assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["moto-bucket"]

def test_stubber():
    client = botocore.session.get_session().create_client(
        "sqs", region_name="us-east-1", aws_access_key_id="a", aws_secret_access_key="b"
    )
    with Stubber(client) as stub:
        stub.add_response("send_message", {"MessageId": "stubbed"})
        assert client.send_message(QueueUrl=QUEUE_URL, MessageBody="x")["MessageId"] == "stubbed"

def test_awsmock_again(awsmock):
    awsmock.add_response("sqs", "SendMessage", {"MessageId": "m-2"})
    assert send()["MessageId"] == "m-2"
"""
    )
    result = pytester.runpytest("-p", "no:randomly")
    assert outcomes(result) == {"passed": 4}


def test_pytest_xdist(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        SEND
        + """
@pytest.mark.parametrize("n", range(6))
def test_many(awsmock, n):
    awsmock.add_response("sqs", "SendMessage", {"MessageId": str(n)})
    assert send()["MessageId"] == str(n)

def test_unused(awsmock):
    awsmock.add_response("sqs", "SendMessage", {"MessageId": "x"})
"""
    )
    # Fewer plugins: each worker process starts faster.
    quiet = ("-p", "no:cacheprovider", "-p", "no:hypothesispytest", "-p", "no:django")
    result = pytester.runpytest_subprocess("-n", "2", *quiet)
    assert outcomes(result) == {"passed": 7, "errors": 1}
    result.stdout.fnmatch_lines(["*UnusedResponseError: 1 queued response was not used:*"])
