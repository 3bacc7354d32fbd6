"""Checks shared by the whole suite: nothing awsmock patches may leak out of a test."""

from __future__ import annotations

import importlib.util
import os
import sys
import time
from pathlib import Path
from typing import Iterator

import boto3
import boto3.s3.transfer
import botocore.session
import botocore.waiter
import pytest
from botocore.client import BaseClient
from botocore.httpsession import URLLib3Session
from botocore.signers import RequestSigner

from awsmock._api import lifecycle as _patch

if "mutmut" in sys.modules:  # .ci/mutation runs the suite: see tests/_frames.py
    from ._frames import skip_mutation_tool_frames

    skip_mutation_tool_frames()

ORIGINAL_MAKE_API_CALL = BaseClient.__dict__["_make_api_call"]
ORIGINAL_SEND = URLLib3Session.__dict__["send"]
ORIGINAL_WAIT = botocore.waiter.Waiter.__dict__["wait"]
ORIGINAL_SHOULD_USE_CRT = boto3.s3.transfer._should_use_crt
ASYNC = importlib.util.find_spec("aiobotocore") is not None
if ASYNC:
    import asyncio

    import aiobotocore.client
    import aiobotocore.httpsession
    import aiobotocore.waiter

    ORIGINAL_ASYNC_CALL = aiobotocore.client.AioBaseClient.__dict__["_make_api_call"]
    ORIGINAL_ASYNC_SEND = aiobotocore.httpsession.AIOHTTPSession.__dict__["send"]
    ORIGINAL_ASYNC_WAIT = aiobotocore.waiter.AIOWaiter.__dict__["wait"]
ORIGINAL_GET_CREDENTIALS = botocore.session.Session.__dict__["get_credentials"]
ORIGINAL_GET_SCOPED_CONFIG = botocore.session.Session.__dict__["get_scoped_config"]
ORIGINAL_GET_AUTH = RequestSigner.__dict__["get_auth_instance"]


def _aws_environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k.startswith("AWS_")}


@pytest.fixture(autouse=True)
def _nothing_leaks() -> Iterator[None]:
    environment = _aws_environment()
    session = boto3.DEFAULT_SESSION
    yield
    assert BaseClient.__dict__["_make_api_call"] is ORIGINAL_MAKE_API_CALL
    assert URLLib3Session.__dict__["send"] is ORIGINAL_SEND
    assert botocore.waiter.time is time
    assert botocore.waiter.Waiter.__dict__["wait"] is ORIGINAL_WAIT
    assert boto3.s3.transfer._should_use_crt is ORIGINAL_SHOULD_USE_CRT
    assert botocore.session.Session.__dict__["get_credentials"] is ORIGINAL_GET_CREDENTIALS
    assert botocore.session.Session.__dict__["get_scoped_config"] is ORIGINAL_GET_SCOPED_CONFIG
    assert RequestSigner.__dict__["get_auth_instance"] is ORIGINAL_GET_AUTH
    assert RequestSigner.__dict__["get_auth"] is ORIGINAL_GET_AUTH
    assert _patch._active == []
    assert _aws_environment() == environment
    assert boto3.DEFAULT_SESSION is session
    if ASYNC:
        assert aiobotocore.client.AioBaseClient.__dict__["_make_api_call"] is ORIGINAL_ASYNC_CALL
        assert aiobotocore.httpsession.AIOHTTPSession.__dict__["send"] is ORIGINAL_ASYNC_SEND
        assert aiobotocore.waiter.asyncio is asyncio
        assert aiobotocore.waiter.AIOWaiter.__dict__["wait"] is ORIGINAL_ASYNC_WAIT


# pytest-asyncio (in the test extra) warns at start-up unless its loop scope is
# set, and warnings are errors here: every pytester run gets the setting.
PYTESTER_INI = "[pytest]\nasyncio_default_fixture_loop_scope = function\n"


@pytest.fixture
def pytester(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeini(PYTESTER_INI)
    return pytester


# The async suite needs aiobotocore; the sync suite runs without it. The async
# test modules are in the layers' folders (tests/drivers/, tests/iam/).
collect_ignore_glob = [] if importlib.util.find_spec("aiobotocore") else ["*/test_async*.py"]


@pytest.fixture
def developer_machine(tmp_path: Path) -> Iterator[Path]:
    """An environment like a developer's: real-looking keys, a profile, config files.

    Restored by hand (not monkeypatch) so the suite's leak check runs after it.
    """
    config = tmp_path / "config"
    config.write_text("[profile dev]\nregion = ap-south-1\n")
    credentials = tmp_path / "credentials"
    credentials.write_text("[dev]\naws_access_key_id = AKIAREAL\naws_secret_access_key = real\n")
    settings = {
        "AWS_CONFIG_FILE": str(config),
        "AWS_SHARED_CREDENTIALS_FILE": str(credentials),
        "AWS_PROFILE": "dev",
        "AWS_ACCESS_KEY_ID": "AKIAREAL",
        "AWS_SECRET_ACCESS_KEY": "real-secret",
        "AWS_DEFAULT_REGION": "ap-south-1",
        "AWS_ENDPOINT_URL_S3": "http://localhost:4566",
    }
    saved = {k: os.environ.get(k) for k in [*settings, "AWS_EC2_METADATA_DISABLED"]}
    os.environ.update(settings)
    os.environ.pop("AWS_EC2_METADATA_DISABLED", None)
    yield tmp_path
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Save this process's coverage data now, when CI measures it.

    Coverage writes its data when the process exits; pytest-xdist ends a
    worker that is slow to exit (on a busy machine), and everything that
    worker measured was lost with it: CI once reported a whole range of
    tests as never run.
    """
    if "coverage" not in sys.modules:
        return
    import coverage

    current = coverage.Coverage.current()
    if current is not None:
        current.save()
