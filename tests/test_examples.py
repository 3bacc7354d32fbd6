"""Run each example project the way its README says: CI runs them through this file."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).parent.parent / "examples"

COMMANDS = {
    "async_app": ["-m", "pytest", "-q"],
    "boto3_service": ["-m", "pytest", "-q", "-p", "no:cacheprovider"],
    "hypothesis_app": ["-m", "pytest", "-q", "-p", "no:cacheprovider"],
    "moto_port": ["-m", "pytest", "-q"],
    "pytest_app": ["-m", "pytest", "-q"],
    # Its README's command less one test: 90 MB copied through smart_open, 5 s of
    # moto's time in each CI venv, for calls the other writes make too.
    "s3path_port": ["-m", "pytest", "-q", "-k", "not test_buffered_copy"],
    "unittest_app": ["-W", "error", "-m", "unittest", "-v"],
    "django_app": ["-W", "error", "manage.py", "test", "-v", "2"],
}
# What each run must report, so an example that silently collects nothing fails.
SUMMARIES = {
    "async_app": "5 passed",
    "boto3_service": " passed",
    "hypothesis_app": "20 passed",
    "moto_port": "4 passed",
    "pytest_app": "7 passed",
    # s3path's own skipif: its walk() tests need Python 3.12's pathlib.
    "s3path_port": "47 passed" if sys.version_info >= (3, 12) else "45 passed, 2 skipped",
    "unittest_app": "Ran 4 tests",
    "django_app": "Ran 5 tests",
}


def run_example(name: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return subprocess.run(
        [sys.executable, *COMMANDS[name]],
        cwd=EXAMPLES / name,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_every_example_is_run() -> None:
    found = {p.name for p in EXAMPLES.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))}
    assert found == set(COMMANDS), "add each example's command to COMMANDS and SUMMARIES"


# The async example needs aioboto3, which the sync-only CI run has not.
RUNNABLE = [n for n in sorted(COMMANDS) if n != "async_app" or importlib.util.find_spec("aioboto3")]


@pytest.mark.parametrize("name", RUNNABLE)
def test_example_passes(name: str) -> None:
    result = run_example(name)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Traceback" not in output
    assert SUMMARIES[name] in output
