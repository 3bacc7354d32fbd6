"""A decorated generator its consumer closes early is verified as it stops.

``close()``/``aclose()``, a ``break`` out of a ``for`` loop (the generator is
then closed as it is collected) and garbage collection all mean the consumer
is done: a success, so the patch verifies. What verification raises comes out
of ``close()``; from a collected generator, Python reports it to
``sys.unraisablehook``.
"""

from __future__ import annotations

import asyncio
import gc
import sys
from typing import Any, AsyncIterator, Iterator, List
from unittest import mock

import boto3
import pytest
from botocore.client import BaseClient

from awsmock import AwsMock, UnmockedCallError, UnusedResponseError, patch_boto3

from ..conftest import ORIGINAL_MAKE_API_CALL

QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/123456789012/q1"
UNUSED = "1 queued response was not used:\n- sqs.SendMessage, added at "


def send(body: str = "hi") -> Any:
    return boto3.client("sqs").send_message(QueueUrl=QUEUE_URL, MessageBody=body)


@patch_boto3()
def pages(aws: AwsMock) -> Iterator[int]:
    aws.add_response("sqs", "SendMessage", {"MessageId": "never-sent"})
    yield 1
    yield 2


def test_closing_a_decorated_generator_early_verifies() -> None:
    gen = pages()  # type: ignore[call-arg]
    assert next(gen) == 1
    with pytest.raises(UnusedResponseError) as excinfo:
        gen.close()
    assert excinfo.value.args[0].startswith(UNUSED)
    assert BaseClient.__dict__["_make_api_call"] is ORIGINAL_MAKE_API_CALL


def test_closing_early_raises_a_call_the_generator_swallowed() -> None:
    @patch_boto3()
    def swallowing(aws: AwsMock) -> Iterator[int]:
        try:
            send()
        except Exception:
            pass
        yield 1
        yield 2

    gen = swallowing()  # type: ignore[call-arg]
    next(gen)
    with pytest.raises(UnmockedCallError, match="the code under test caught it"):
        gen.close()


def test_closing_early_with_everything_used_passes() -> None:
    @patch_boto3()
    def used(aws: AwsMock) -> Iterator[str]:
        aws.add_response("sqs", "SendMessage", {"MessageId": "m-1"})
        yield send()["MessageId"]
        yield "never reached"

    gen = used()  # type: ignore[call-arg]
    assert next(gen) == "m-1"
    gen.close()
    assert BaseClient.__dict__["_make_api_call"] is ORIGINAL_MAKE_API_CALL


def test_breaking_out_of_a_for_loop_verifies_when_the_generator_is_collected() -> None:
    unraisable: List[Any] = []
    with mock.patch.object(sys, "unraisablehook", unraisable.append):
        for page in pages():  # type: ignore[call-arg]
            assert page == 1
            break
        gc.collect()  # CPython closed it at the break already; others collect it here
    assert [type(u.exc_value) for u in unraisable] == [UnusedResponseError]
    assert unraisable[0].exc_value.args[0].startswith(UNUSED)
    assert BaseClient.__dict__["_make_api_call"] is ORIGINAL_MAKE_API_CALL


def test_acloseing_a_decorated_async_generator_early_verifies() -> None:
    @patch_boto3()
    async def apages(aws: AwsMock) -> AsyncIterator[int]:
        aws.add_response("sqs", "SendMessage", {"MessageId": "never-sent"})
        yield 1
        yield 2

    async def consume() -> None:
        gen = apages()  # type: ignore[call-arg]
        assert await gen.__anext__() == 1
        await gen.aclose()

    with pytest.raises(UnusedResponseError) as excinfo:
        asyncio.run(consume())
    assert excinfo.value.args[0].startswith(UNUSED)
    assert BaseClient.__dict__["_make_api_call"] is ORIGINAL_MAKE_API_CALL


def test_an_error_of_the_generator_on_close_is_not_masked() -> None:
    @patch_boto3()
    def failing(aws: AwsMock) -> Iterator[int]:
        aws.add_response("sqs", "SendMessage", {"MessageId": "never-sent"})
        try:
            yield 1
        finally:
            raise ValueError("cleanup failed")

    gen = failing()  # type: ignore[call-arg]
    next(gen)
    with pytest.raises(ValueError, match="cleanup failed"):
        gen.close()
    assert BaseClient.__dict__["_make_api_call"] is ORIGINAL_MAKE_API_CALL
