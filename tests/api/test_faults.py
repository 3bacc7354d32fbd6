"""add_throttling, add_server_error, add_connection_error, add_read_timeout."""

from __future__ import annotations

import inspect
from typing import Any, Dict, Tuple
from unittest import mock

import pytest
from botocore.config import Config
from botocore.exceptions import ClientError, EndpointConnectionError, ReadTimeoutError

from awsmock import UnknownOperationError, UnusedResponseError, patch_boto3

from .. import _sessions

MODES = ["legacy", "standard", "adaptive"]

# service, operation, params -> class name, code, status, message
THROTTLING: Dict[Tuple[str, str], Tuple[Dict[str, Any], str, str, int, str]] = {
    ("s3", "GetObject"): (
        {"Bucket": "b", "Key": "k"},
        "ClientError",
        "SlowDown",
        503,
        "Please reduce your request rate.",
    ),
    ("sqs", "SendMessage"): (
        {"QueueUrl": "q", "MessageBody": "x"},
        "RequestThrottled",
        "RequestThrottled",
        403,
        "Rate exceeded",
    ),
    ("dynamodb", "GetItem"): (
        {"TableName": "t", "Key": {"id": {"S": "a"}}},
        "ProvisionedThroughputExceededException",
        "ProvisionedThroughputExceededException",
        400,
        "The level of configured provisioned throughput for the table was exceeded."
        " Consider increasing your provisioning level with the UpdateTable API.",
    ),
    ("lambda", "Invoke"): (
        {"FunctionName": "f"},
        "TooManyRequestsException",
        "TooManyRequestsException",
        429,
        "Rate exceeded",
    ),
    ("ec2", "DescribeInstances"): (
        {},
        "ClientError",
        "RequestLimitExceeded",
        503,
        "Request limit exceeded.",
    ),
    ("sts", "GetCallerIdentity"): ({}, "ClientError", "Throttling", 400, "Rate exceeded"),
    ("events", "PutEvents"): (
        {"Entries": [{"Source": "s", "DetailType": "d", "Detail": "{}"}]},
        "ThrottlingException",
        "ThrottlingException",
        400,
        "Rate exceeded",
    ),
}


def _method(client: Any, operation: str) -> Any:
    for name, api in client.meta.method_to_api_mapping.items():
        if api == operation:
            return getattr(client, name)
    raise AssertionError(operation)


# add_throttling


@pytest.mark.parametrize(("service", "operation"), list(THROTTLING))
def test_throttling_is_the_services_own_error(service: str, operation: str) -> None:
    params, class_name, code, status, message = THROTTLING[service, operation]
    with patch_boto3() as aws:
        aws.add_throttling(service, operation)
        client = _sessions.client(service)
        with pytest.raises(ClientError) as excinfo:
            _method(client, operation)(**params)
    # The modeled class where this botocore's model has one (older models lack some).
    known = client.exceptions._code_to_exception.values()
    modeled = any(cls.__name__ == class_name for cls in known)
    assert type(excinfo.value).__name__ == (class_name if modeled else "ClientError")
    assert excinfo.value.args == (
        f"An error occurred ({code}) when calling the {operation} operation: {message}",
    )
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == status
    assert excinfo.value.response["ResponseMetadata"]["RetryAttempts"] == 0


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("service", "operation"), list(THROTTLING))
def test_throttling_is_retried_by_every_retry_mode(mode: str, service: str, operation: str) -> None:
    params = THROTTLING[service, operation][0]
    with patch_boto3(retries=True) as aws:
        aws.add_throttling(service, operation)
        aws.add_response(service, operation, {})
        client = _sessions.client(service, config=Config(retries={"mode": mode}))
        response = _method(client, operation)(**params)
    assert response["ResponseMetadata"]["RetryAttempts"] == 1
    assert aws.calls[0].attempts == 2
    assert aws.slept > 0


def test_throttling_code_and_message_can_be_given() -> None:
    with patch_boto3() as aws:
        aws.add_throttling("s3", "GetObject", code="Throttling", message="Slow down")
        with pytest.raises(ClientError) as excinfo:
            _sessions.client("s3").get_object(Bucket="b", Key="k")
    assert excinfo.value.args == (
        "An error occurred (Throttling) when calling the GetObject operation: Slow down",
    )


def test_throttling_times_and_snake_case_names() -> None:
    with patch_boto3() as aws:
        aws.add_throttling("sqs", "send_message", times=2)
        sqs = _sessions.client("sqs")
        for _ in range(2):
            with pytest.raises(sqs.exceptions.RequestThrottled):
                sqs.send_message(QueueUrl="q", MessageBody="x")


# add_server_error


@pytest.mark.parametrize(
    ("service", "operation", "params", "status", "code", "message"),
    [
        (
            "s3",
            "GetObject",
            {"Bucket": "b", "Key": "k"},
            500,
            "InternalError",
            "We encountered an internal error. Please try again.",
        ),
        (
            "s3",
            "GetObject",
            {"Bucket": "b", "Key": "k"},
            503,
            "ServiceUnavailable",
            "Please reduce your request rate.",
        ),
        (
            "dynamodb",
            "GetItem",
            {"TableName": "t", "Key": {"id": {"S": "a"}}},
            500,
            "InternalServerError",
            "Internal server error",
        ),
        (
            "sqs",
            "SendMessage",
            {"QueueUrl": "q", "MessageBody": "x"},
            500,
            "InternalFailure",
            "The request processing has failed because of an unknown error, exception or failure.",
        ),
        (
            "sqs",
            "SendMessage",
            {"QueueUrl": "q", "MessageBody": "x"},
            503,
            "ServiceUnavailable",
            "Service is unable to handle request.",
        ),
        ("sts", "GetCallerIdentity", {}, 502, "BadGateway", "Bad Gateway"),
        ("sts", "GetCallerIdentity", {}, 504, "GatewayTimeout", "Gateway Timeout"),
    ],
)
def test_server_errors_as_the_service_sends_them(
    service: str, operation: str, params: Dict[str, Any], status: int, code: str, message: str
) -> None:
    with patch_boto3() as aws:
        aws.add_server_error(service, operation, status)
        with pytest.raises(ClientError) as excinfo:
            _method(_sessions.client(service), operation)(**params)
    assert excinfo.value.args == (
        f"An error occurred ({code}) when calling the {operation} operation: {message}",
    )
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == status
    assert excinfo.value.response["Error"]["Code"] == code


@pytest.mark.parametrize("mode", MODES)
def test_server_errors_are_retried(mode: str) -> None:
    with patch_boto3(retries=True) as aws:
        aws.add_server_error("s3", "GetObject", 500)
        aws.add_server_error("s3", "GetObject", 503, code="SlowDown", message="Slow")
        aws.add_response("s3", "GetObject", {"Body": b"x"})
        s3 = _sessions.client("s3", config=Config(retries={"mode": mode}))
        assert s3.get_object(Bucket="b", Key="k")["Body"].read() == b"x"
    assert aws.calls[0].attempts == 3


def test_a_status_the_client_does_not_retry_is_raised_at_once() -> None:
    with patch_boto3(retries=True) as aws:
        aws.add_server_error("s3", "GetObject", 501, code="NotImplemented", message="No")
        with pytest.raises(ClientError) as excinfo:
            _sessions.client("s3").get_object(Bucket="b", Key="k")
    assert excinfo.value.args == (
        "An error occurred (NotImplemented) when calling the GetObject operation: No",
    )
    assert aws.calls[0].attempts == 1


@pytest.mark.parametrize("status", [499, 600, "500", True])
def test_a_server_error_status_is_5xx(status: Any) -> None:
    aws = patch_boto3()
    with pytest.raises(ValueError, match="status") as excinfo:
        aws.add_server_error("s3", "GetObject", status)
    assert excinfo.value.args == (f"add_server_error: status must be 500-599, got {status!r}.",)


# add_connection_error, add_read_timeout


def test_connection_error_names_the_clients_endpoint() -> None:
    with patch_boto3() as aws:
        aws.add_connection_error("s3", "GetObject", times=2)
        with pytest.raises(EndpointConnectionError) as first:
            _sessions.client("s3").get_object(Bucket="b", Key="k")
        local = _sessions.client("s3", endpoint_url="http://localhost:4566")
        with pytest.raises(EndpointConnectionError) as second:
            local.get_object(Bucket="b", Key="k")
    assert first.value.args == (
        'Could not connect to the endpoint URL: "https://s3.amazonaws.com"',
    )
    assert second.value.args == ('Could not connect to the endpoint URL: "http://localhost:4566"',)
    assert aws.calls[0].exception is first.value
    assert aws.calls[1].exception is second.value


def test_read_timeout_names_the_clients_endpoint() -> None:
    with patch_boto3() as aws:
        aws.add_read_timeout("sqs", "ReceiveMessage")
        with pytest.raises(ReadTimeoutError) as excinfo:
            _sessions.client("sqs").receive_message(QueueUrl="q")
    assert excinfo.value.args == (
        'Read timeout on endpoint URL: "https://sqs.us-east-1.amazonaws.com"',
    )


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("add", ["add_connection_error", "add_read_timeout"])
def test_network_errors_are_retried_then_raised(mode: str, add: str) -> None:
    with patch_boto3(retries=True) as aws:
        getattr(aws, add)("s3", "GetObject", times=None)
        s3 = _sessions.client("s3", config=Config(retries={"mode": mode, "max_attempts": 2}))
        with (
            mock.patch("random.random", return_value=0.5),
            pytest.raises((EndpointConnectionError, ReadTimeoutError)) as excinfo,
        ):
            s3.get_object(Bucket="b", Key="k")
    assert type(excinfo.value) is (
        EndpointConnectionError if add == "add_connection_error" else ReadTimeoutError
    )
    assert aws.calls[0].attempts == 3
    assert aws.calls[0].exception is excinfo.value


def test_unused_faults_are_named() -> None:
    aws = patch_boto3().start()
    aws.add_connection_error("s3", "GetObject")
    first = inspect.currentframe().f_lineno - 1  # type: ignore[union-attr]
    aws.add_throttling("sqs", "SendMessage", times=2)
    second = inspect.currentframe().f_lineno - 1  # type: ignore[union-attr]
    with pytest.raises(UnusedResponseError) as excinfo:
        aws.stop()
    assert excinfo.value.args[0].splitlines()[:3] == [
        "2 queued responses were not used:",
        f"- s3.GetObject (exception EndpointConnectionError), added at {__file__}:{first}",
        f"- sqs.SendMessage (client error RequestThrottled), 2 more times, added at"
        f" {__file__}:{second}",
    ]


@pytest.mark.parametrize(
    "add",
    ["add_throttling", "add_server_error", "add_connection_error", "add_read_timeout"],
)
def test_unknown_operations_are_named_at_once(add: str) -> None:
    aws = patch_boto3()
    with pytest.raises(UnknownOperationError) as excinfo:
        getattr(aws, add)("s3", "GetObjekt")
    assert excinfo.value.args == (
        "Unknown operation 'GetObjekt' for service 's3'. Did you mean 'GetObject',"
        " 'GetObjectAcl' or 'PutObject'? Operations are named as in the API (GetObject)"
        " or as client methods (get_object)."
        " See https://awsmock.readthedocs.io/en/v0.3.0/errors.html#unknownoperationerror",
    )


# match= and region=, as for add_response


def test_fault_helpers_take_match_and_region() -> None:
    with patch_boto3() as aws:
        aws.add_throttling("s3", "GetObject", match={"Key": "hot"})
        aws.add_server_error("s3", "GetObject", 503, match={"Key": "down"})
        aws.add_connection_error("s3", "GetObject", region="eu-west-1")
        aws.add_read_timeout("s3", "GetObject", match=lambda call: call.params["Key"] == "slow")
        aws.add_response("s3", "GetObject", {}, times=None, required=False)
        us = _sessions.client("s3", region_name="us-east-1")
        eu = _sessions.client("s3", region_name="eu-west-1")
        us.get_object(Bucket="b", Key="cold")  # served by the standing default
        with pytest.raises(ClientError, match="SlowDown"):
            us.get_object(Bucket="b", Key="hot")
        with pytest.raises(ClientError, match="ServiceUnavailable"):
            us.get_object(Bucket="b", Key="down")
        with pytest.raises(ReadTimeoutError):
            us.get_object(Bucket="b", Key="slow")
        with pytest.raises(EndpointConnectionError, match="eu-west-1"):
            eu.get_object(Bucket="b", Key="any")
