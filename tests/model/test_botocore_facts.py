"""What the docs say about botocore, boto3 and s3transfer, checked against the installed ones.

The docs state facts about libraries awsmock does not control (the default
retry mode, what ``download_file`` sends, the region of a global service's
client, how botocore's Stubber behaves). Each test here asserts one of them
with real clients, so that a new botocore that changes a fact fails here
instead of leaving a page that says what is no longer so.
"""

from __future__ import annotations

import io
import os
from typing import Any, Iterator
from unittest import mock

import boto3
import botocore
import botocore.config
import botocore.configprovider
import pytest
from botocore.exceptions import ClientError, ParamValidationError, ReadTimeoutError
from botocore.httpsession import URLLib3Session
from botocore.stub import StubAssertionError, Stubber
from s3transfer.manager import TransferConfig

from awsmock import ParamsMismatchError, patch_boto3

from .._sessions import client


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".")[:3] if part.isdigit())


BOTOCORE = _version(botocore.__version__)


def _standard_by_default() -> bool:
    """docs/retries.rst's rule: ``standard`` from botocore 1.44 on, ``legacy`` before.

    1.43.3 to 1.43.x take ``standard`` only when ``AWS_NEW_RETRIES_2026=true``
    was set as botocore was imported (read once, into this module constant).
    """
    if BOTOCORE >= (1, 44):
        return True
    if (1, 43, 3) <= BOTOCORE < (1, 44):
        return bool(getattr(botocore.configprovider, "NEW_RETRIES_ENABLED", False))
    return False


def _snake(operation: str) -> str:
    return botocore.xform_name(operation)


def _refuse(self: Any, request: Any) -> Any:
    raise AssertionError(f"network used: {request.url}")


@pytest.fixture
def stubbed() -> Iterator[Any]:
    """A KMS client outside any patch, under a Stubber, that can never send."""
    kms = client("kms", region_name="us-east-1", aws_access_key_id="a", aws_secret_access_key="b")
    with pytest.MonkeyPatch.context() as patcher, Stubber(kms) as stubber:
        patcher.setattr(URLLib3Session, "send", _refuse)
        yield kms, stubber


# docs/retries.rst: botocore's default retry configuration


@pytest.mark.parametrize(
    ("service", "operation", "params", "legacy", "standard"),
    [
        ("s3", "GetObject", {"Bucket": "b", "Key": "k"}, 5, 3),
        ("dynamodb", "GetItem", {"TableName": "t", "Key": {"id": {"S": "a"}}}, 10, 4),
    ],
)
def test_the_default_retry_mode_and_attempts_are_the_ones_the_docs_give(
    service, operation, params, legacy, standard
):
    # The machine's settings are not read while hermetic: botocore's default applies.
    machine = {"AWS_RETRY_MODE": "adaptive", "AWS_MAX_ATTEMPTS": "7"}
    with mock.patch.dict(os.environ, machine), patch_boto3(retries=True) as aws:
        aws.add_server_error(service, operation, times=None)
        made = boto3.client(service)
        with pytest.raises(ClientError):
            getattr(made, _snake(operation))(**params)
    mode = "standard" if _standard_by_default() else "legacy"
    assert made.meta.config.retries == {"mode": mode}
    assert aws.calls[0].attempts == (standard if mode == "standard" else legacy)


@pytest.mark.parametrize("mode", ["legacy", "standard"])
def test_each_mode_asked_for_by_name_gives_its_attempts(mode):
    # standard: 3 for every service, DynamoDB 4 where standard is the default.
    attempts = {
        "legacy": {"s3": 5, "dynamodb": 10},
        "standard": {"s3": 3, "dynamodb": 4 if _standard_by_default() else 3},
    }
    config = botocore.config.Config(retries={"mode": mode})
    with patch_boto3(retries=True) as aws:
        aws.add_server_error("s3", "GetObject", times=None)
        aws.add_server_error("dynamodb", "GetItem", times=None)
        with pytest.raises(ClientError):
            boto3.client("s3", config=config).get_object(Bucket="b", Key="k")
        with pytest.raises(ClientError):
            boto3.client("dynamodb", config=config).get_item(TableName="t", Key={})
    assert {c.service: c.attempts for c in aws.calls} == attempts[mode]


# docs/usage.rst: what s3transfer's download_file sends for a small object


class _DroppedConnection(io.RawIOBase):
    """Four bytes, then a timeout: a connection that dies mid-download."""

    def __init__(self) -> None:
        self._sent = False

    def readable(self) -> bool:
        return True

    def read(self, amount: int = -1) -> bytes:
        if self._sent:
            raise ReadTimeoutError(endpoint_url="https://s3.amazonaws.com")
        self._sent = True
        return b"0123"


def test_download_file_retries_a_small_object_with_the_same_unranged_get_object(tmp_path):
    assert TransferConfig().multipart_threshold == 8 * 1024 * 1024
    target = tmp_path / "f"
    with patch_boto3() as aws:
        aws.add_response("s3", "HeadObject", {"ContentLength": 9, "ETag": '"e"'})
        aws.add_response("s3", "GetObject", {"Body": _DroppedConnection()})
        aws.add_response("s3", "GetObject", {"Body": io.BytesIO(b"all of it")})
        boto3.client("s3").download_file("b", "k", os.fspath(target))
    assert target.read_bytes() == b"all of it"
    asked = {"Bucket": "b", "Key": "k"}
    assert [(c.operation, c.params) for c in aws.calls] == [
        ("HeadObject", asked),
        ("GetObject", asked),
        ("GetObject", asked),
    ]


# docs/matching.rst: the region of a global service's client


@pytest.mark.parametrize(
    ("service", "operation", "response"),
    [
        ("iam", "ListUsers", lambda tag: {"Users": [], "Marker": tag}),
        ("cloudfront", "ListDistributions", lambda tag: {"DistributionList": {"Marker": tag}}),
        ("route53", "ListHostedZones", lambda tag: {"HostedZones": [], "Marker": tag}),
    ],
)
@pytest.mark.parametrize(
    ("region_name", "region"),
    [(None, "aws-global"), ("eu-west-1", "aws-global"), ("cn-north-1", "aws-cn-global")],
)
def test_global_service_clients_are_in_region_aws_global(
    service, operation, response, region_name, region
):
    with patch_boto3() as aws:
        # First in the queue, but for the region asked for: the call passes it by.
        asked = region_name or "us-east-1"
        aws.add_response(service, operation, response(asked), region=asked, required=False)
        aws.add_response(service, operation, response(region), region=region)
        made = boto3.client(service, region_name=region_name)
        got = getattr(made, _snake(operation))()
    assert made.meta.region_name == region
    assert aws.calls[0].region == region
    assert got == {**response(region), "ResponseMetadata": got["ResponseMetadata"]}


# docs/migration.rst: how awsmock differs from botocore's Stubber


def test_responses_gain_response_metadata_where_stubber_returns_the_dict_as_queued(stubbed):
    kms, stubber = stubbed
    stubber.add_response("generate_random", {"Plaintext": b"x"})
    assert kms.generate_random(NumberOfBytes=1) == {"Plaintext": b"x"}
    with patch_boto3() as aws:
        aws.add_response("kms", "generate_random", {"Plaintext": b"x"})
        response = boto3.client("kms").generate_random(NumberOfBytes=1)
    metadata = response.pop("ResponseMetadata")
    assert response == {"Plaintext": b"x"}
    assert (metadata["HTTPStatusCode"], metadata["RetryAttempts"]) == (200, 0)
    assert metadata["RequestId"]


def test_add_client_error_needs_a_code_where_stubbers_defaults_to_empty(stubbed):
    kms, stubber = stubbed
    stubber.add_client_error("decrypt")
    with pytest.raises(ClientError) as excinfo:
        kms.decrypt(CiphertextBlob=b"x")
    assert excinfo.value.response["Error"] == {"Code": "", "Message": ""}
    with patch_boto3() as aws:
        with pytest.raises(TypeError, match="missing 1 required positional argument: 'code'"):
            aws.add_client_error("kms", "decrypt")  # type: ignore[call-arg]
        with pytest.raises(TypeError) as empty:
            aws.add_client_error("kms", "decrypt", "")
    assert empty.value.args == (
        "add_client_error: code must be an error code such as 'NoSuchKey', got ''.",
    )


def test_a_str_blob_comes_back_as_bytes_where_stubber_returns_the_str(stubbed):
    kms, stubber = stubbed
    stubber.add_response("decrypt", {"Plaintext": "secret"})
    assert kms.decrypt(CiphertextBlob=b"x")["Plaintext"] == "secret"
    with patch_boto3() as aws:
        aws.add_response("kms", "decrypt", {"Plaintext": "secret"})
        assert boto3.client("kms").decrypt(CiphertextBlob=b"x")["Plaintext"] == b"secret"


def test_a_caught_mismatch_is_raised_again_on_exit_where_stubbers_is_lost(stubbed):
    kms, stubber = stubbed
    stubber.add_response("decrypt", {}, expected_params={"CiphertextBlob": b"y"})
    try:
        kms.decrypt(CiphertextBlob=b"z")
    except StubAssertionError:
        pass
    stubber.__exit__(None, None, None)  # what ``with Stubber(...)`` runs: nothing raised
    with pytest.raises(ParamsMismatchError) as excinfo, patch_boto3() as aws:
        aws.add_response(
            "kms", "decrypt", {}, expected_params={"CiphertextBlob": b"y"}, required=False
        )
        try:
            boto3.client("kms").decrypt(CiphertextBlob=b"z")
        except Exception:  # the code under test swallows it
            pass
    message = excinfo.value.args[0]
    assert message.startswith(
        "This error was raised inside the patched block, and the code under test caught it:\n"
        "kms.Decrypt(CiphertextBlob=b'z') does not match the expected_params"
    )


def test_params_are_validated_before_expected_params_where_stubber_compares_first(stubbed):
    kms, stubber = stubbed
    stubber.add_response("decrypt", {}, expected_params={"CiphertextBlob": b"y"})
    with pytest.raises(StubAssertionError):
        kms.decrypt(CiphertextBlob=3)
    with patch_boto3() as aws:
        aws.add_response("kms", "decrypt", {"KeyId": "k"}, expected_params={"CiphertextBlob": b"y"})
        made = boto3.client("kms")
        with pytest.raises(ParamValidationError):
            made.decrypt(CiphertextBlob=3)
        # The invalid call never reached the queue: the response is still there.
        assert made.decrypt(CiphertextBlob=b"y")["KeyId"] == "k"
    assert len(aws.calls) == 1


def test_modeled_fields_error_is_the_counterpart_of_service_error_meta(stubbed):
    kms, stubber = stubbed
    stubber.add_client_error(
        "decrypt", "InvalidCiphertextException", "m", service_error_meta={"Extra": "x"}
    )
    with pytest.raises(ClientError) as stubbers:
        kms.decrypt(CiphertextBlob=b"x")
    with patch_boto3() as aws:
        aws.add_client_error(
            "kms",
            "decrypt",
            "InvalidCiphertextException",
            "m",
            modeled_fields={"Error": {"Extra": "x"}},
        )
        made = boto3.client("kms")
        with pytest.raises(made.exceptions.InvalidCiphertextException) as ours:
            made.decrypt(CiphertextBlob=b"x")
    expected = {"Code": "InvalidCiphertextException", "Message": "m", "Extra": "x"}
    assert stubbers.value.response["Error"] == ours.value.response["Error"] == expected
