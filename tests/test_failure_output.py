"""What a user sees when a test fails, under unittest, pytest and Django's runner.

Three failures (an unmocked call, a params mismatch, an unused response), each
run in a real runner in a subprocess: the output must hold one clear message
per failure, its traceback ending in the user's own files, with no frame of
awsmock, botocore or unittest.mock in it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import List

import botocore
import pytest

import awsmock

from ._frames import is_mutation_tool

APP = """
import boto3

def fetch(bucket):
    s3 = boto3.client("s3")
    return s3.get_object(Bucket=bucket, Key="report.csv")["Body"].read()
"""

UNITTEST_CASE = """
from awsmock import AwsMockTestCase
from app import fetch

class Failing(AwsMockTestCase):
    def test_unmocked(self):
        fetch("data")

    def test_mismatch(self):
        self.aws.add_response("s3", "GetObject", {"Body": b"1,2"},
                              expected_params={"Bucket": "other", "Key": "report.csv"})
        fetch("data")

    def test_unused(self):
        self.aws.add_response("s3", "GetObject", {"Body": b"1,2"})
"""

DJANGO_CASE = UNITTEST_CASE.replace(
    "from awsmock import AwsMockTestCase",
    "from django.test import SimpleTestCase\nfrom awsmock import AwsMockMixin",
).replace("class Failing(AwsMockTestCase):", "class Failing(AwsMockMixin, SimpleTestCase):")

PYTEST_CASE = """
from app import fetch

def test_unmocked(awsmock):
    fetch("data")

def test_mismatch(awsmock):
    awsmock.add_response("s3", "GetObject", {"Body": b"1,2"},
                         expected_params={"Bucket": "other", "Key": "report.csv"})
    fetch("data")

def test_unused(awsmock):
    awsmock.add_response("s3", "GetObject", {"Body": b"1,2"})
"""

DJANGO_SETTINGS = """
SECRET_KEY = "x"
INSTALLED_APPS = []
DATABASES = {}
USE_TZ = True
"""

ERRORS = ("UnmockedCallError", "ParamsMismatchError", "UnusedResponseError")
LIBRARIES = (
    os.path.dirname(awsmock.__file__),
    os.path.dirname(botocore.__file__),
    os.path.join("unittest", "mock.py"),
    "pytest_plugin",
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "app.py").write_text(APP)
    # pytest-asyncio (installed beside) warns unless this is set.
    ini = "[pytest]\nasyncio_default_fixture_loop_scope = function\n"
    (tmp_path / "pytest.ini").write_text(ini)
    (tmp_path / "test_unittest_case.py").write_text(UNITTEST_CASE)
    (tmp_path / "test_pytest_case.py").write_text(PYTEST_CASE)
    (tmp_path / "tests_django_case.py").write_text(DJANGO_CASE)
    (tmp_path / "django_settings.py").write_text(DJANGO_SETTINGS)
    return tmp_path


def run(project: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    result = subprocess.run(
        [sys.executable, *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    return result.stdout + result.stderr


def check_output(output: str, project: Path, frames: List[str]) -> None:
    for name in ERRORS:
        assert output.count(f"awsmock.errors.{name}: ") == 1, output
    for library in LIBRARIES:
        assert library not in output, output
    assert "The above exception was the direct cause" not in output
    assert "During handling of the above exception" not in output
    # Every frame shown is the user's own code.
    assert frames, output
    assert all(frame.startswith(str(project)) for frame in frames), frames
    assert f"- s3.GetObject, added at {project / 'test_'}" in output or (
        f"- s3.GetObject, added at {project / 'tests_'}" in output
    )
    assert "Differences (- expected, + actual):" in output


def unittest_frames(output: str) -> List[str]:
    return re.findall(r'^  File "([^"]+)", line \d+', output, re.MULTILINE)


def test_unittest_runner(project: Path) -> None:
    output = run(project, "-m", "unittest", "test_unittest_case")
    check_output(output, project, unittest_frames(output))
    assert "FAILED (failures=3)" in output
    # The last frame shown is the user's call into AWS.
    assert output.count(f'  File "{project / "app.py"}", line 6, in fetch') == 2


def test_django_runner(project: Path) -> None:
    output = run(
        project,
        "-m",
        "django",
        "test",
        "tests_django_case",
        "--settings=django_settings",
        "--pythonpath=.",
    )
    check_output(output, project, unittest_frames(output))
    assert "FAILED (failures=3)" in output


def test_pytest_runner(project: Path) -> None:
    output = run(project, "-m", "pytest", "-p", "no:cacheprovider", "-rN", "test_pytest_case.py")
    frames = re.findall(r"^(\S+\.py):\d+: ", output, re.MULTILINE)
    check_output(output, project, [str(project / frame) for frame in frames])
    assert frames == ["test_pytest_case.py", "app.py", "test_pytest_case.py", "app.py"]
    assert "2 failed, 1 passed, 1 error" in output


# Every helper's own mistakes and failures end at the test's line, in a real
# pytest run without awsmock's plugin (PYTEST_DISABLE_PLUGIN_AUTOLOAD=1, or
# -p no:awsmock): there the plugin does not trim tracebacks, and only the
# library frames' __tracebackhide__ keeps them out.

MISTAKES = """
import boto3
import pytest
from botocore.exceptions import EndpointConnectionError

import awsmock
from awsmock import call, patch_boto3


@pytest.fixture
def aws():
    with patch_boto3(verify=False) as aws:
        aws.add_response("s3", "GetObject", {"Body": b"x"})
        boto3.client("s3").get_object(Bucket="b", Key="k")
        yield aws


@pytest.fixture
def on_get(aws):
    return aws.on(boto3.client("s3").get_object)


def test_call(aws): call("s3", "GetObjekt")
def test_calls_for(aws): aws.calls_for("s3", "GetObjekt")
def test_call_count(aws): aws.call_count("s3", "GetObjekt")
def test_assert_called(aws): aws.assert_called("sqs")
def test_assert_called_once(aws): aws.assert_called_once("sqs")
def test_assert_not_called(aws): aws.assert_not_called("s3")
def test_assert_called_with(aws): aws.assert_called_with("s3", "GetObject", Bucket="c")
def test_assert_called_once_with(aws): aws.assert_called_once_with("s3", "GetObject", Key="c")
def test_assert_any_call(aws): aws.assert_any_call("s3", "GetObject", Bucket="c")
def test_assert_has_calls(aws): aws.assert_has_calls([call("s3", "GetObject")])
def test_any_order(aws): aws.assert_has_calls([call("s3", "GetObject")], any_order=True)
def test_strict():
    with patch_boto3(strict=True) as aws:
        aws.add_response("s3", "ListBuckets", {})
        boto3.client("s3").list_buckets()

def test_on(aws): aws.on(42)
def test_expect(on_get): on_get.expect("b")
def test_returns(on_get): on_get.returns(42)
def test_raises(on_get): on_get.raises(42)
def test_raises_message(on_get): on_get.raises(ValueError("v"), "m")
def test_expected_params_twice(on_get): on_get.expect(Bucket="b").returns({}, expected_params={})
def test_on_assert_called(on_get): on_get.expect(Bucket="b").assert_not_called()
def test_on_assert_called_once(aws): aws.on(boto3.client("s3").put_object).assert_called_once()
def test_on_assert_not_called(aws): aws.on(boto3.client("s3").put_object).assert_called()
def test_on_assert_called_with(on_get): on_get.assert_called_with(Bucket="c")
def test_on_assert_called_once_with(on_get): on_get.assert_called_once_with(Bucket="c")
def test_on_assert_any_call(on_get): on_get.assert_any_call(Bucket="c")
def test_on_positional(on_get): on_get.assert_any_call("c")

def test_match(aws): aws.add_response("s3", "GetObject", {}, match=42)
def test_match_names(aws): aws.add_response("s3", "GetObject", {}, match={"Kye": "k"})
def test_region(aws): aws.add_response("s3", "GetObject", {}, region="")
def test_option_name(): patch_boto3(strcit=True)
def test_option_value(): patch_boto3(strict="yes")

def test_operation(aws): aws.add_response("s3", "GetObjekt", {})
def test_response(aws): aws.add_response("s3", "GetObject", 42)
def test_response_callable(aws): aws.add_response("s3", "GetObject", lambda: {})
def test_invalid_response(aws): aws.add_response("s3", "GetObject", {"Bodyy": b"x"})
def test_times(aws): aws.add_response("s3", "GetObject", {}, times=0)
def test_expected_params(aws): aws.add_response("s3", "GetObject", {}, expected_params=42)
def test_code(aws): aws.add_client_error("s3", "GetObject", "")
def test_status(aws): aws.add_client_error("s3", "GetObject", "Teapot", http_status_code=200)
def test_meta(aws):
    aws.add_client_error("s3", "GetObject", "X", response_meta={"HTTPStatusCode": 1})
def test_fields(aws): aws.add_client_error("s3", "GetObject", "NoSuchKey", modeled_fields={"No": 1})
def test_exception_class(aws): aws.add_exception("s3", "GetObject", EndpointConnectionError)

def test_mismatch(aws):
    aws.add_response("s3", "GetObject", {}, expected_params={"Bucket": "b", "Key": "k"})
    boto3.client("s3").get_object(Bucket="b", Key="other")

def test_unmocked(aws): boto3.client("s3").head_object(Bucket="b", Key="k")
def test_match_raises(aws):
    aws.add_response("s3", "HeadObject", {}, match=lambda call: 1 / 0)
    boto3.client("s3").head_object(Bucket="b", Key="k")

def test_failures(): awsmock.failures("s3", "GetObjekt")
def test_failure_queue(aws): awsmock.failures("s3", "GetObject")[0].queue(aws, tiems=2)
"""


def test_helpers_fail_at_the_tests_line(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_mistakes=MISTAKES)
    result = pytester.runpytest_inprocess(
        "-p", "no:cacheprovider", "-p", "no:awsmock", "--tb=short", "-q"
    )
    output = result.stdout.str()
    tests = re.findall(r"^def (test_\w+)\(", MISTAKES, re.MULTILINE)
    assert result.ret == 1
    assert f"{len(tests)} failed" in output, output
    found = re.findall(r"^(\S+):\d+: in (\w+)$", output, re.MULTILINE)
    shown = [frame for frame in found if not is_mutation_tool(frame[0])]
    # The test's own line for every test (the fixtures passed), then at most
    # botocore's frames of the boto3 call, which only the plugin trims.
    botocore_frames = os.path.dirname(botocore.__file__)
    assert [frame for frame in shown if frame[0] == "test_mistakes.py"] == [
        ("test_mistakes.py", test) for test in tests
    ], output
    assert [path for path, _ in shown if path != "test_mistakes.py"] == [
        path for path, _ in shown if path.startswith(botocore_frames)
    ], output
    # No lookup's KeyError, shown as what the failure happened while handling.
    assert "During handling of the above exception" not in output, output
