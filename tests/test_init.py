"""The public surface: names, and what ``import awsmock`` costs."""

from __future__ import annotations

import subprocess
import sys
import unittest.mock

import pytest

import awsmock


def test_every_public_name_resolves() -> None:
    for name in awsmock.__all__:
        assert getattr(awsmock, name) is not None


def test_any_is_unittest_mocks_own() -> None:
    assert awsmock.ANY is unittest.mock.ANY


def test_unknown_attribute() -> None:
    with pytest.raises(AttributeError) as excinfo:
        awsmock.NOPE  # noqa: B018
    assert excinfo.value.args == ("module 'awsmock' has no attribute 'NOPE'",)


def test_import_pulls_in_no_test_framework_and_nothing_heavy() -> None:
    code = (
        "import sys, awsmock\n"
        "heavy = ['pytest', 'django', 'unittest', 'asyncio', 'boto3', 's3transfer', 'moto',"
        " 'botocore.session']\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
