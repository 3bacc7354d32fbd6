"""Checks shared by the whole suite: nothing awsmock patches may leak out of a test."""

from __future__ import annotations

import importlib.util
import os
import time
from typing import Iterator

import boto3
import botocore.waiter
import pytest
from botocore.client import BaseClient
from botocore.httpsession import URLLib3Session

from awsmock import _patch

ORIGINAL_MAKE_API_CALL = BaseClient.__dict__["_make_api_call"]
ORIGINAL_SEND = URLLib3Session.__dict__["send"]
ASYNC = importlib.util.find_spec("aiobotocore") is not None
if ASYNC:
    import asyncio

    import aiobotocore.client
    import aiobotocore.httpsession
    import aiobotocore.waiter

    ORIGINAL_ASYNC_CALL = aiobotocore.client.AioBaseClient.__dict__["_make_api_call"]
    ORIGINAL_ASYNC_SEND = aiobotocore.httpsession.AIOHTTPSession.__dict__["send"]


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
    assert _patch._active == []
    assert _aws_environment() == environment
    assert boto3.DEFAULT_SESSION is session
    if ASYNC:
        assert aiobotocore.client.AioBaseClient.__dict__["_make_api_call"] is ORIGINAL_ASYNC_CALL
        assert aiobotocore.httpsession.AIOHTTPSession.__dict__["send"] is ORIGINAL_ASYNC_SEND
        assert aiobotocore.waiter.asyncio is asyncio


# pytest-asyncio (in the test extra) warns at start-up unless its loop scope is
# set, and warnings are errors here: every pytester run gets the setting.
PYTESTER_INI = "[pytest]\nasyncio_default_fixture_loop_scope = function\n"


@pytest.fixture
def pytester(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeini(PYTESTER_INI)
    return pytester


# The async suite needs aiobotocore; the sync suite runs without it.
collect_ignore_glob = [] if importlib.util.find_spec("aiobotocore") else ["test_async*.py"]
