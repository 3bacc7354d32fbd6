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
from unittest import mock

import boto3
import botocore
import botocore.config
import botocore.configprovider
import pytest
from botocore.exceptions import ClientError, ReadTimeoutError
from s3transfer.manager import TransferConfig

from awsmock import patch_boto3


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
