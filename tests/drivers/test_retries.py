"""patch_boto3(retries=True): queued faults go through the client's own retry handlers.

Each comparison runs the same client twice: against moto's ``mock_aws`` with a
``before-send`` handler that answers the first attempts with the fault (what
botocore does on the wire), and under awsmock with the fault queued. The
delays are compared exactly: legacy mode's jitter comes from
``random.random()`` (patched), standard mode's from the generator seeded
before each run.
"""

from __future__ import annotations

import io
import json
import random
import threading
import time
from types import SimpleNamespace
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union
from unittest import mock

import boto3
import botocore.retries.bucket
import botocore.retries.standard
import pytest
from botocore.awsrequest import AWSResponse
from botocore.config import Config
from botocore.exceptions import ClientError, EndpointConnectionError, ReadTimeoutError
from moto import mock_aws

from awsmock import UnmockedCallError, patch_boto3
from awsmock._core.clock import VirtualClock, token_bucket_acquire

from .. import _sessions

Fault = Union[Tuple[str, int, str], Exception]

SLOW_DOWN = ("SlowDown", 503, "Please reduce your request rate.")
# What the installed botocore's standard mode does (newer releases add both).
_STANDARD = botocore.retries.standard
RETRY_AFTER = hasattr(_STANDARD.ExponentialBackoff, "_RETRY_AFTER_HEADER")
LONG_POLL_SLEEP = hasattr(_STANDARD.RetryHandler, "_is_long_polling_operation")

INTERNAL = ("InternalError", 500, "We encountered an internal error. Please try again.")
THROUGHPUT = ("ProvisionedThroughputExceededException", 400, "Throughput exceeded.")
DDB_INTERNAL = ("InternalServerError", 500, "Internal server error")


class _Raw:
    def __init__(self, body: bytes) -> None:
        self._body = body

    def stream(self, **kwargs: Any) -> Any:
        yield self._body


def _wire_response(service: str, url: str, fault: Tuple[str, int, str]) -> AWSResponse:
    code, status, message = fault
    if service == "s3":
        body = f"<Error><Code>{code}</Code><Message>{message}</Message></Error>".encode()
        headers = {"content-type": "application/xml"}
    else:
        body = json.dumps({"__type": code, "message": message}).encode()
        headers = {"content-type": "application/x-amz-json-1.0"}
    return AWSResponse(url, status, headers, _Raw(body))


def _call(service: str, client: Any) -> Any:
    if service == "s3":
        return client.list_objects_v2(Bucket="bucket")
    return client.list_tables()


OPERATIONS = {"s3": "ListObjectsV2", "dynamodb": "ListTables"}
SUCCESS: Dict[str, Dict[str, Any]] = {"s3": {"KeyCount": 0}, "dynamodb": {"TableNames": []}}


def _outcome(service: str, client: Any) -> Dict[str, Any]:
    try:
        response = _call(service, client)
    except ClientError as error:
        meta = error.response["ResponseMetadata"]
        result: Dict[str, Any] = {"error": error.args, "code": error.response["Error"]["Code"]}
    except (EndpointConnectionError, ReadTimeoutError) as error:
        return {"exception": type(error)}
    else:
        meta = response["ResponseMetadata"]
        result = {"status": meta["HTTPStatusCode"]}
    for key in ("RetryAttempts", "MaxAttemptsReached", "RetryQuotaReached"):
        result[key] = meta.get(key)
    return result


def _config(mode: str, max_attempts: Optional[int]) -> Config:
    retries: Dict[str, Any] = {"mode": mode}
    if max_attempts is not None:
        retries["max_attempts"] = max_attempts
    return Config(retries=retries)


def _jitter() -> Any:
    random.seed(1234)
    return mock.patch("random.random", return_value=0.5)


def wire(
    service: str,
    mode: str,
    faults: Sequence[Fault],
    max_attempts: Optional[int] = 3,
    calls: int = 1,
) -> Tuple[List[Dict[str, Any]], List[int], List[float]]:
    """What botocore does: outcomes, attempts per call, and the delays it sleeps."""
    with mock_aws():
        client = _sessions.client(
            service, region_name="us-east-1", config=_config(mode, max_attempts)
        )
        if service == "s3":
            client.create_bucket(Bucket="bucket")
        pending = list(faults)
        attempts: List[int] = []

        def before_send(request: Any, **kwargs: Any) -> Any:
            attempts[-1] += 1
            if not pending:
                return None
            fault = pending.pop(0)
            if isinstance(fault, Exception):
                raise fault
            return _wire_response(service, request.url, fault)

        client.meta.events.register_first("before-send", before_send)
        sleeps: List[float] = []
        outcomes = []
        with (
            mock.patch("botocore.endpoint.time.sleep", sleeps.append),
            _jitter(),
            _no_bucket_wait(),
        ):
            for _ in range(calls):
                attempts.append(0)
                outcomes.append(_outcome(service, client))
    return outcomes, attempts, sleeps


def _no_bucket_wait() -> Any:
    """A throttled adaptive client waits up to 2 s for a token; not in this suite.

    The wait changes none of what is compared (the handlers' delays,
    attempts, errors), so the wire run skips it as awsmock does.
    """
    bucket = botocore.retries.bucket.TokenBucket
    acquire = token_bucket_acquire(VirtualClock(), bucket.acquire)
    return mock.patch.object(bucket, "acquire", acquire)


def mocked(
    service: str,
    mode: str,
    faults: Sequence[Fault],
    max_attempts: Optional[int] = 3,
    calls: int = 1,
    standing: bool = False,
) -> Tuple[List[Dict[str, Any]], List[int], List[float], float]:
    """The same under awsmock: outcomes, attempts per call, delays, aws.slept."""
    with patch_boto3(retries=True) as aws:
        client = _sessions.client(service, config=_config(mode, max_attempts))
        operation = OPERATIONS[service]
        for fault in faults:
            times = None if standing else 1
            if isinstance(fault, Exception):
                aws.add_exception(service, operation, fault, times=times, required=False)
            else:
                code, status, message = fault
                aws.add_client_error(
                    service,
                    operation,
                    code,
                    message,
                    http_status_code=status,
                    times=times,
                    required=False,
                )
        if not standing:
            aws.add_response(service, operation, SUCCESS[service], required=False)
        with _jitter():
            outcomes = [_outcome(service, client) for _ in range(calls)]
    made = aws.calls_for(service, operation)
    delays = [d for c in made for d in c.delays]
    return outcomes, [c.attempts for c in made], delays, aws.slept


MODES = ["legacy", "standard", "adaptive"]


# the same as on the wire


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("service", "faults"),
    [
        ("s3", [SLOW_DOWN]),
        ("s3", [INTERNAL, SLOW_DOWN]),
        ("s3", [INTERNAL] * 4),
        ("s3", [SLOW_DOWN] * 5),
        ("s3", [INTERNAL, ("NoSuchBucket", 404, "The specified bucket does not exist")]),
        ("dynamodb", [THROUGHPUT, DDB_INTERNAL]),
        ("dynamodb", [DDB_INTERNAL] * 11),
    ],
)
def test_attempts_retry_attempts_errors_and_delays_are_botocores(
    mode: str, service: str, faults: List[Fault]
) -> None:
    outcomes, attempts, sleeps = wire(service, mode, faults)
    got, got_attempts, delays, slept = mocked(service, mode, faults)
    assert got == outcomes
    assert got_attempts == attempts
    assert delays == sleeps
    if mode == "adaptive" and any(f in (SLOW_DOWN, THROUGHPUT) for f in faults[: attempts[0] - 1]):
        assert slept > sum(sleeps)  # and the throttled client's rate limiter waited
    else:
        assert slept == sum(sleeps)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("max_attempts", [None, 0, 1, 5])
def test_the_clients_max_attempts_decide(mode: str, max_attempts: Optional[int]) -> None:
    faults: List[Fault] = [INTERNAL] * 8
    outcomes, attempts, sleeps = wire("s3", mode, faults, max_attempts)
    got, got_attempts, delays, _ = mocked("s3", mode, faults, max_attempts)
    assert (got, got_attempts, delays) == (outcomes, attempts, sleeps)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "fault",
    [
        EndpointConnectionError(endpoint_url="https://s3.amazonaws.com"),
        ReadTimeoutError(endpoint_url="https://s3.amazonaws.com"),
    ],
)
def test_network_errors_are_retried_as_botocore_retries_them(mode: str, fault: Exception) -> None:
    for faults in ([fault], [fault] * 4):
        outcomes, attempts, sleeps = wire("s3", mode, faults)
        got, got_attempts, delays, _ = mocked("s3", mode, faults)
        assert (got, got_attempts, delays) == (outcomes, attempts, sleeps)


def test_the_standard_retry_quota_runs_out_as_botocores() -> None:
    """500 capacity, 14 per retried server error: the 12th call is retried twice only."""
    outcomes, attempts, sleeps = wire("s3", "standard", [INTERNAL] * 100, calls=13)
    got, got_attempts, delays, _ = mocked("s3", "standard", [INTERNAL], calls=13, standing=True)
    assert got == outcomes
    assert got_attempts == attempts
    # The quota runs out within the 13 calls (where depends on botocore's accounting).
    spent = [i for i, n in enumerate(attempts) if n < attempts[0]]
    assert all(got[i]["RetryQuotaReached"] is True for i in spent[:1])
    assert delays == sleeps


def test_a_spent_quota_on_a_long_polling_operation_sleeps_virtually() -> None:
    """botocore (1.41+) sleeps the backoff once before giving up on ReceiveMessage."""
    with patch_boto3(retries=True) as aws:
        aws.add_server_error("sqs", "ReceiveMessage", times=None)
        sqs = _sessions.client("sqs", config=Config(retries={"mode": "standard"}))
        # 500 capacity, 14 a retry, 2 retries a call: the 18th call runs out.
        for _ in range(19):
            with pytest.raises(ClientError) as excinfo:
                sqs.receive_message(QueueUrl="q")
    if LONG_POLL_SLEEP:
        assert [c.attempts for c in aws.calls][-1] == 1
        assert excinfo.value.response["ResponseMetadata"]["RetryQuotaReached"] is True
        assert aws.slept > sum(c.slept for c in aws.calls)
    else:  # older botocore gives up at once
        assert aws.slept == pytest.approx(sum(c.slept for c in aws.calls))


def test_handlers_made_while_patched_keep_their_sleep() -> None:
    with patch_boto3(retries=True):
        sqs = _sessions.client("sqs", config=Config(retries={"mode": "standard"}))
    handler = next(
        h.__self__
        for h in sqs.meta.events._emitter._handlers.prefix_search("needs-retry.sqs.SendMessage")
        if isinstance(getattr(h, "__self__", None), botocore.retries.standard.RetryHandler)
    )
    # Older botocore's handlers have no _sleep at all; none may be left behind.
    assert handler.__dict__.get("_sleep", time.sleep) is time.sleep
    assert "_sleep" not in vars(botocore.retries.standard.RetryHandler) or LONG_POLL_SLEEP


# the record


def test_one_call_is_one_record_with_its_attempts_and_delays() -> None:
    with patch_boto3(retries=True) as aws:
        s3 = _sessions.client("s3", config=Config(retries={"mode": "legacy"}))
        aws.add_throttling("s3", "GetObject", times=2)
        aws.add_response("s3", "GetObject", {"Body": b"data"})
        with mock.patch("random.random", return_value=0.25):
            body = s3.get_object(Bucket="b", Key="k")["Body"].read()
    assert body == b"data"
    assert aws.call_count() == 1
    (made,) = aws.calls
    assert made.attempts == 3
    assert made.delays == (0.25, 0.5)
    assert made.slept == 0.75
    assert aws.slept == 0.75
    assert made.response is not None
    assert made.response["ResponseMetadata"]["RetryAttempts"] == 2
    assert made.exception is None
    aws.assert_called_once_with("s3", "GetObject", Bucket="b", Key="k")


def test_the_final_error_is_recorded_and_is_what_botocore_raises() -> None:
    with patch_boto3(retries=True) as aws:
        s3 = _sessions.client("s3", config=Config(retries={"mode": "standard"}))
        aws.add_throttling("s3", "GetObject", times=3)
        with pytest.raises(ClientError) as excinfo:
            s3.get_object(Bucket="b", Key="k")
    assert type(excinfo.value) is ClientError  # S3 does not model SlowDown
    assert excinfo.value.args == (
        "An error occurred (SlowDown) when calling the GetObject operation (reached max"
        " retries: 2): Please reduce your request rate.",
    )
    meta = excinfo.value.response["ResponseMetadata"]
    assert (meta["RetryAttempts"], meta["MaxAttemptsReached"]) == (2, True)
    (made,) = aws.calls
    assert made.exception is excinfo.value
    assert made.response is None
    assert made.attempts == 3


def test_a_retry_after_header_sets_the_standard_delay() -> None:
    with patch_boto3(retries=True) as aws:
        aws.add_client_error(
            "s3",
            "GetObject",
            "SlowDown",
            http_status_code=503,
            response_meta={"HTTPHeaders": {"x-amz-retry-after": "3000"}},
        )
        aws.add_response("s3", "GetObject", {})
        _sessions.client("s3", config=Config(retries={"mode": "standard"})).get_object(
            Bucket="b", Key="k"
        )
    (delay,) = aws.calls[0].delays
    if RETRY_AFTER:
        assert delay == 3.0
    else:  # older botocore: the usual jittered backoff, under a second first
        assert 0 <= delay <= 1


def test_aws_mock_sees_one_call_per_api_call() -> None:
    with patch_boto3(retries=True) as aws:
        api_mock = aws.mock
        aws.add_server_error("s3", "GetObject")
        aws.add_response("s3", "GetObject", {})
        _sessions.client("s3").get_object(Bucket="b", Key="k")
    assert api_mock is not None
    assert api_mock.call_count == 1
    assert aws.calls[0].attempts == 2


def test_a_success_first_time_counts_no_retries() -> None:
    with patch_boto3(retries=True) as aws:
        aws.add_response("sqs", "SendMessage", {"MessageId": "m-1"})
        response = _sessions.client("sqs").send_message(QueueUrl="q", MessageBody="x")
    assert response["ResponseMetadata"]["RetryAttempts"] == 0
    assert aws.calls[0].attempts == 1
    assert aws.calls[0].delays == ()
    assert aws.slept == 0.0


def test_an_error_the_client_does_not_retry_is_raised_at_once() -> None:
    with patch_boto3(retries=True) as aws:
        aws.add_client_error("s3", "GetObject", "NoSuchKey", "The key does not exist.")
        s3 = _sessions.client("s3")
        with pytest.raises(s3.exceptions.NoSuchKey) as excinfo:
            s3.get_object(Bucket="b", Key="k")
    assert excinfo.value.args == (
        "An error occurred (NoSuchKey) when calling the GetObject operation:"
        " The key does not exist.",
    )
    assert excinfo.value.response["ResponseMetadata"]["RetryAttempts"] == 0
    assert aws.calls[0].attempts == 1


def test_each_attempt_checks_its_own_expected_params() -> None:
    with patch_boto3(retries=True) as aws:
        aws.add_throttling("s3", "GetObject", expected_params={"Bucket": "b", "Key": "k"})
        aws.add_response("s3", "GetObject", {}, expected_params={"Bucket": "b", "Key": "k"})
        _sessions.client("s3").get_object(Bucket="b", Key="k")
    assert aws.calls[0].attempts == 2


def test_a_retry_with_nothing_queued_is_an_unmocked_call() -> None:
    aws = patch_boto3(retries=True).start()
    try:
        aws.add_throttling("s3", "GetObject")
        with pytest.raises(UnmockedCallError) as excinfo:
            _sessions.client("s3").get_object(Bucket="b", Key="k")
    finally:
        aws.stop(succeeded=False)
    assert excinfo.value.args == (
        "s3.GetObject(Bucket='b', Key='k') was retried by the client's retry handlers"
        " (attempt 2), but nothing is queued for that attempt.\n"
        "With retries=True each attempt takes the next queued entry. Queue what the retry"
        " gets with:\n"
        '    aws.add_response("s3", "GetObject", {...})\n'
        "For {...}, print an example response with: python -m awsmock example s3 GetObject\n"
        "Queued now:\n- nothing\n"
        "See https://awsmock.readthedocs.io/en/v0.3.0/errors.html#unmockedcallerror",
    )
    assert aws.calls[0].exception is excinfo.value


def test_a_standing_default_serves_every_attempt() -> None:
    # DynamoDB's own default attempts in standard mode, whatever botocore says it is.
    _, (attempts,), _ = wire("dynamodb", "standard", [DDB_INTERNAL] * 20, max_attempts=None)
    with patch_boto3(retries=True) as aws:
        aws.add_server_error("dynamodb", "GetItem", times=None)
        ddb = _sessions.client("dynamodb", config=Config(retries={"mode": "standard"}))
        with pytest.raises(ClientError) as excinfo:
            ddb.get_item(TableName="t", Key={"id": {"S": "a"}})
    assert excinfo.value.args == (
        "An error occurred (InternalServerError) when calling the GetItem operation (reached"
        f" max retries: {attempts - 1}): Internal server error",
    )
    assert aws.calls[0].attempts == attempts


def test_a_response_callable_raising_a_network_error_is_retried() -> None:
    attempts: List[Dict[str, Any]] = []

    def flaky(params: Dict[str, Any]) -> Dict[str, Any]:
        attempts.append(params)
        raise EndpointConnectionError(endpoint_url="https://sqs.us-east-1.amazonaws.com")

    with patch_boto3(retries=True) as aws:
        aws.add_response("sqs", "SendMessage", flaky)
        aws.add_response("sqs", "SendMessage", {"MessageId": "m-1"})
        response = _sessions.client("sqs").send_message(QueueUrl="q", MessageBody="x")
    assert response["MessageId"] == "m-1"
    assert attempts == [{"QueueUrl": "q", "MessageBody": "x"}]
    assert aws.calls[0].exception is None
    assert aws.calls[0].response is response


def test_validate_false_retries_the_same() -> None:
    with patch_boto3(retries=True, validate=False) as aws:
        s3 = _sessions.client("s3", config=Config(retries={"mode": "legacy"}))
        aws.add_server_error("s3", "GetObject", times=5)
        with mock.patch("random.random", return_value=0.5), pytest.raises(ClientError) as excinfo:
            s3.get_object(Bucket="b", Key="k")
    assert excinfo.value.args == (
        "An error occurred (InternalError) when calling the GetObject operation (reached max"
        " retries: 4): We encountered an internal error. Please try again.",
    )
    assert aws.slept == 0.5 + 1 + 2 + 4


def test_sqs_query_error_codes_still_pick_the_class_after_retries() -> None:
    with patch_boto3(retries=True) as aws:
        sqs = _sessions.client("sqs")
        aws.add_server_error("sqs", "GetQueueUrl")
        aws.add_client_error(
            "sqs",
            "GetQueueUrl",
            "AWS.SimpleQueueService.NonExistentQueue",
            "The specified queue does not exist.",
            modeled_fields={"Error": {"QueryErrorCode": "QueueDoesNotExist", "Type": "Sender"}},
        )
        with pytest.raises(sqs.exceptions.QueueDoesNotExist):
            sqs.get_queue_url(QueueName="q")
    assert aws.calls[0].attempts == 2


def test_resources_convert_the_final_response_once() -> None:
    with patch_boto3(retries=True) as aws:
        aws.add_throttling("dynamodb", "GetItem")
        aws.add_response("dynamodb", "GetItem", {"Item": {"id": {"S": "a"}, "n": {"N": "2"}}})
        table = _sessions.resource("dynamodb").Table("t")
        item = table.get_item(Key={"id": "a"})["Item"]
    assert item == {"id": "a", "n": 2}
    assert aws.calls[0].attempts == 2
    aws.assert_called_once_with("dynamodb", "GetItem", TableName="t", Key={"id": "a"})


def test_s3transfer_worker_threads_retry_too() -> None:
    with patch_boto3(retries=True) as aws:
        aws.add_throttling("s3", "PutObject")
        aws.add_response("s3", "PutObject", {"ETag": '"e"'})
        _sessions.client("s3").upload_fileobj(io.BytesIO(b"data"), "bkt", "k")
    (made,) = aws.calls
    assert made.attempts == 2
    assert made.params["Key"] == "k"


# off by default


def test_without_retries_one_queued_error_is_one_error() -> None:
    with patch_boto3() as aws:
        aws.add_throttling("s3", "GetObject")
        aws.add_response("s3", "GetObject", {})
        s3 = _sessions.client("s3")
        with pytest.raises(ClientError) as excinfo:
            s3.get_object(Bucket="b", Key="k")
        s3.get_object(Bucket="b", Key="k")
    assert excinfo.value.response["ResponseMetadata"]["RetryAttempts"] == 0
    assert [c.attempts for c in aws.calls] == [1, 1]
    assert aws.slept == 0.0


# adaptive mode's rate limiter


class _NoRealWait(threading.Condition):
    def wait(self, timeout: Optional[float] = None) -> bool:
        raise AssertionError(f"waited {timeout} s for real")


def test_adaptive_rate_limiter_waits_on_the_virtual_clock() -> None:
    no_wait = SimpleNamespace(Lock=threading.Lock, Condition=_NoRealWait)
    with patch_boto3(retries=True) as aws:
        with mock.patch.object(botocore.retries.bucket, "threading", no_wait):
            sqs = _sessions.client("sqs", config=Config(retries={"mode": "adaptive"}))
        aws.add_throttling("sqs", "SendMessage", times=2)
        aws.add_response("sqs", "SendMessage", {"MessageId": "m-1"}, times=3)
        for _ in range(3):
            sqs.send_message(QueueUrl="q", MessageBody="x")
    first = aws.calls[0]
    assert first.attempts == 3
    # The throttled client's token bucket (0.5 tokens a second) made it wait
    # for a token before each later attempt: up to 2 s each, virtually.
    waited = aws.slept - sum(c.slept for c in aws.calls)
    assert 0 < waited <= 2 * 4


def test_the_token_bucket_and_retry_handler_are_restored() -> None:
    original_acquire = botocore.retries.bucket.TokenBucket.__dict__["acquire"]
    with patch_boto3(retries=True):
        assert botocore.retries.bucket.TokenBucket.__dict__["acquire"] is not original_acquire
    with patch_boto3():
        assert botocore.retries.bucket.TokenBucket.__dict__["acquire"] is original_acquire
    assert botocore.retries.bucket.TokenBucket.__dict__["acquire"] is original_acquire
    assert "_sleep" not in vars(botocore.retries.standard.RetryHandler)


# passthrough


def test_a_retry_with_nothing_queued_passes_through_to_moto() -> None:
    with mock_aws(), patch_boto3(retries=True, passthrough=["s3"]) as aws:
        s3 = boto3.client("s3")
        s3.create_bucket(Bucket="data")
        aws.add_throttling("s3", "PutObject")
        response = s3.put_object(Bucket="data", Key="k", Body=b"1")
        body = s3.get_object(Bucket="data", Key="k")["Body"].read()
    assert body == b"1"
    assert response["ResponseMetadata"]["RetryAttempts"] == 1
    assert [c.attempts for c in aws.calls] == [1, 2, 1]


# DynamoDB's x-amz-crc32: legacy mode checks it against the body, which a mocked call has not

DDB_CRC32 = {"HTTPHeaders": {"x-amz-crc32": "4041566274"}}  # of b'{"TableNames": ["a"]}'


def test_a_dynamodb_crc32_header_does_not_fail_legacy_mode_checksum() -> None:
    # moto's DynamoDB responses carry it, so recorded cassettes do too.
    with patch_boto3(retries=True) as aws:
        ddb = _sessions.client("dynamodb", config=Config(retries={"mode": "legacy"}))
        first_response = {"TableNames": ["a"], "ResponseMetadata": DDB_CRC32}
        aws.add_response("dynamodb", "ListTables", first_response)
        aws.add_response("dynamodb", "ListTables", {"TableNames": ["b"]})
        first = ddb.list_tables()
        second = ddb.list_tables()
    assert (first["TableNames"], second["TableNames"]) == (["a"], ["b"])
    assert first["ResponseMetadata"]["HTTPHeaders"]["x-amz-crc32"] == "4041566274"
    assert first["ResponseMetadata"]["RetryAttempts"] == 0
    assert [c.attempts for c in aws.calls] == [1, 1]
