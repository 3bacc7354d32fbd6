"""Trimming tracebacks so they end at the user's line."""

from __future__ import annotations

import traceback
from typing import List

import boto3
import pytest

from awsmock import UnmockedCallError, patch_boto3
from awsmock._util.traceback import trim


def frames(error: BaseException) -> List[str]:
    return [
        f"{f.filename.rsplit('/', 1)[-1]}:{f.name}"
        for f in traceback.extract_tb(error.__traceback__)
    ]


def call_sqs() -> None:
    boto3.client("sqs").send_message(QueueUrl="https://sqs/q", MessageBody="x")


def test_an_awsmock_error_ends_at_the_users_frame() -> None:
    with patch_boto3(verify=False):
        with pytest.raises(UnmockedCallError) as excinfo:
            call_sqs()
        error = excinfo.value
        assert len(frames(error)) > 3
        trim(error)
    assert frames(error) == [
        "test_traceback.py:test_an_awsmock_error_ends_at_the_users_frame",
        "test_traceback.py:call_sqs",
    ]


def test_other_errors_are_left_alone() -> None:
    with pytest.raises(KeyError) as excinfo:
        {}["missing"]
    before = frames(excinfo.value)
    trim(excinfo.value)
    assert frames(excinfo.value) == before


def test_causes_and_cycles() -> None:
    with patch_boto3(verify=False):
        try:
            call_sqs()
        except UnmockedCallError as unmocked:
            cause = unmocked
    outer = RuntimeError("outer")
    outer.__cause__ = cause
    cause.__context__ = outer  # a loop must not hang
    trim(outer)
    assert frames(cause)[-1] == "test_traceback.py:call_sqs"


def test_no_traceback_or_only_library_frames() -> None:
    trim(UnmockedCallError("never raised"))
    with patch_boto3(verify=False), pytest.raises(UnmockedCallError) as excinfo:
        call_sqs()
    error = excinfo.value
    tb = error.__traceback__
    while tb is not None and "test_traceback" in tb.tb_frame.f_code.co_filename:
        tb = tb.tb_next
    error.with_traceback(tb)
    before = frames(error)
    trim(error)
    assert frames(error) == before
    assert "test_traceback.py:call_sqs" not in before
