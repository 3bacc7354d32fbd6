"""AwsMockMixin with Django: SimpleTestCase, TestCase, TransactionTestCase, LiveServerTestCase.

The Django project in ``tests/djangoproj`` runs in a subprocess, once under
``django-admin test`` (what ``manage.py test`` does) and once under
pytest-django, so its settings never leak into this process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import unittest
from pathlib import Path
from types import SimpleNamespace
from typing import Any, List
from unittest import mock

import django.conf
import pytest

from awsmock import AwsMockTestCase
from awsmock.django import AwsMockMixin, settings_options

PROJECT = Path(__file__).parent / "djangoproj"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST_"))}
    return subprocess.run(
        [sys.executable, "-W", "error", *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


# the Django project


def test_under_the_django_test_runner() -> None:
    result = run("-m", "django", "test", "tests_mixin", "--settings=settings", "--pythonpath=.")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Ran 8 tests" in result.stderr
    assert result.stderr.rstrip().endswith("Destroying test database for alias 'default'...")


def test_under_pytest_django() -> None:
    result = run("-m", "pytest", "tests_mixin.py", "tests_fixture.py", "-q")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "11 passed" in result.stdout


# settings.AWSMOCK


def configured(**values: Any) -> Any:
    return mock.patch.object(django.conf, "settings", SimpleNamespace(configured=True, **values))


def test_settings_options_reads_awsmock() -> None:
    with configured(AWSMOCK={"strict": True}):
        assert settings_options() == {"strict": True}


def test_settings_options_without_the_setting_or_settings() -> None:
    with configured():
        assert settings_options() == {}
    with mock.patch.object(django.conf, "settings", SimpleNamespace(configured=False)):
        assert settings_options() == {}


def test_a_bad_setting_names_it() -> None:
    with configured(AWSMOCK={"regoin": "x"}), pytest.raises(TypeError) as excinfo:
        settings_options()
    assert excinfo.value.args == (
        "settings.AWSMOCK got an unknown option 'regoin'. Did you mean 'region'? Options:"
        " validate, verify, strict, hermetic, region, retries, passthrough, cassette, record_mode,"
        " match_params, before_record, iam_policy, backend. See https://awsmock.readthedocs.io/en/v0.3.0/usage.html#options",
    )
    with configured(AWSMOCK=["strict"]), pytest.raises(TypeError) as excinfo:
        settings_options()
    assert excinfo.value.args == (
        "settings.AWSMOCK must be a dict of patch_boto3() options such as {'strict': True},"
        " got ['strict'].",
    )


def test_the_mixin_starts_from_the_settings_and_the_class_overrides() -> None:
    seen: List[dict[str, Any]] = []

    class Case(AwsMockTestCase):
        awsmock_options = {"strict": True}  # noqa: RUF012

        def test_it(self) -> None:
            seen.append(self.aws.options)

    with configured(AWSMOCK={"region": "eu-south-1", "strict": False}):
        result = unittest.TestResult()
        unittest.TestLoader().loadTestsFromTestCase(Case).run(result)

    assert result.wasSuccessful()
    assert (seen[0]["region"], seen[0]["strict"]) == ("eu-south-1", True)


def test_awsmock_django_offers_the_mixin() -> None:
    import awsmock

    assert AwsMockMixin is awsmock.AwsMockMixin
