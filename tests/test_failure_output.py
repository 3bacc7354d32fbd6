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
