"""``awsmock.strategies``: what it generates, its overrides, its errors, its optional import."""

from __future__ import annotations

import datetime
import io
import subprocess
import sys
from typing import Any, Dict, List

import pytest
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st

import awsmock
from awsmock import InvalidResponseError, UnknownOperationError, patch_boto3, strategies
from tests._sessions import client

QUICK = settings(
    max_examples=30,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


def list_keys(s3: Any, bucket: str) -> List[str]:
    keys: List[str] = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        keys += [item["Key"] for item in page.get("Contents", [])]
    return keys


@QUICK
@given(page=strategies.response("s3", "ListObjectsV2", IsTruncated=False))
def test_the_issues_example(page: Dict[str, Any]) -> None:
    with patch_boto3() as aws:
        aws.add_response("s3", "ListObjectsV2", page)
        assert list_keys(client("s3"), "b") == [o["Key"] for o in page.get("Contents", [])]


def test_import_awsmock_does_not_import_hypothesis() -> None:
    code = "import sys, awsmock; print('hypothesis' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_without_hypothesis_the_import_says_what_to_install() -> None:
    code = (
        "import sys\n"
        "sys.modules['hypothesis'] = None\n"
        "try:\n"
        "    import awsmock.strategies\n"
        "except ImportError as error:\n"
        "    print(error)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == (
        "awsmock.strategies needs Hypothesis: pip install 'awsmock[hypothesis]'"
    )


def test_strategies_is_an_attribute_of_the_package() -> None:
    assert awsmock.strategies is strategies
    assert "strategies" not in awsmock.__all__  # star-imports must not need Hypothesis


def test_shrinking_gives_the_smallest_page_with_an_object() -> None:
    smallest = find(
        strategies.response("s3", "ListObjectsV2"),
        lambda page: len(page.get("Contents", [])) > 0,
        settings=settings(database=None, derandomize=True),
    )
    assert smallest == {"Contents": [{"Key": "0"}], "IsTruncated": False}  # ObjectKey: min 1


def test_paginated_outputs_come_with_and_without_their_token() -> None:
    seen = set()

    @QUICK
    @given(page=strategies.response("s3", "ListObjectsV2"))
    def check(page: Dict[str, Any]) -> None:
        token = page.get("NextContinuationToken")
        assert page["IsTruncated"] is (token is not None)
        assert token != ""
        seen.add(page["IsTruncated"])

    check()
    assert seen == {True, False}


@QUICK
@given(response=strategies.response("s3", "GetObject"))
def test_streaming_payloads_are_bytes_whose_length_and_checksums_agree(
    response: Dict[str, Any],
) -> None:
    assert isinstance(response["Body"], bytes)
    assert response["ContentLength"] == len(response["Body"])
    with patch_boto3() as aws:
        aws.add_response("s3", "GetObject", response)
        got = client("s3").get_object(Bucket="b", Key="k", ChecksumMode="ENABLED")
        assert got["Body"].read() == response["Body"]  # checksums validated as read


@QUICK
@given(response=strategies.response("sts", "AssumeRole"))
def test_timestamps_are_aware_datetimes(response: Dict[str, Any]) -> None:
    expiration = response.get("Credentials", {}).get("Expiration")
    if expiration is not None:
        assert isinstance(expiration, datetime.datetime)
        assert expiration.tzinfo is datetime.timezone.utc


@QUICK
@given(params=strategies.params("sqs", "ReceiveMessage"))
def test_params_keep_enums_ranges_and_required_members(params: Dict[str, Any]) -> None:
    assert isinstance(params["QueueUrl"], str)
    for name in params.get("MessageSystemAttributeNames", []):
        assert name in ("All", "SenderId", "SentTimestamp", "ApproximateReceiveCount",
                        "ApproximateFirstReceiveTimestamp", "SequenceNumber",
                        "MessageDeduplicationId", "MessageGroupId", "AWSTraceHeader",
                        "DeadLetterQueueSourceArn")  # fmt: skip


def depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max((depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((depth(v) for v in value), default=0)
    return 0


@QUICK
@given(response=strategies.response("dynamodb", "GetItem"))
def test_recursive_shapes_are_bounded(response: Dict[str, Any]) -> None:
    # Item -> AttributeValue -> M -> AttributeValue (once nested) -> M (cut).
    assert depth(response.get("Item", {})) <= 6


@QUICK
@given(
    response=strategies.response(
        "sqs", "ReceiveMessage", Messages=st.lists(st.fixed_dictionaries({"Body": st.text()}))
    ),
    params=strategies.params("sqs", "ReceiveMessage", QueueUrl="https://q", MaxNumberOfMessages=5),
)
def test_overrides_fix_members_to_a_value_or_a_strategy(
    response: Dict[str, Any], params: Dict[str, Any]
) -> None:
    assert all(set(m) == {"Body"} for m in response["Messages"])
    assert (params["QueueUrl"], params["MaxNumberOfMessages"]) == ("https://q", 5)


def test_an_override_the_output_lacks_is_named_with_a_suggestion() -> None:
    with pytest.raises(InvalidResponseError) as info:
        strategies.response("s3", "ListObjectsV2", Content=[])
    assert info.value.args[0].startswith(
        "strategies.response('s3', 'ListObjectsV2'): the operation's output has no member"
        " 'Content'. Did you mean 'Contents'? Its members: IsTruncated, Contents, Name,"
    )
    with pytest.raises(InvalidResponseError) as info:
        strategies.params("s3", "ListObjectsV2", Buckett="b")
    assert "input has no member 'Buckett'. Did you mean 'Bucket'?" in info.value.args[0]
    with pytest.raises(InvalidResponseError) as info:
        strategies.response("sts", "GetCallerIdentity", Account=1)
    assert info.value.args == (
        "strategies.response('sts', 'GetCallerIdentity'): Account: expected str, got int (1)",
    )


def test_an_unknown_operation_is_named_with_a_suggestion() -> None:
    with pytest.raises(UnknownOperationError, match=r"Did you mean 'ListObjectsV2'"):
        strategies.response("s3", "ListObjectV2")
    with pytest.raises(UnknownOperationError, match=r"^Unknown service 'sqss'. Did you mean 'sqs'"):
        strategies.params("sqss", "SendMessage")


@settings(QUICK, max_examples=5)
@given(
    params=strategies.params("iam", "GetAccountSummary"),
    response=strategies.response("iam", "DeleteAccountPasswordPolicy"),
)
def test_operations_without_input_or_output_give_empty_dicts(
    params: Dict[str, Any], response: Dict[str, Any]
) -> None:
    assert (params, response) == ({}, {})


def test_an_operation_without_output_has_no_member_to_fix() -> None:
    with pytest.raises(InvalidResponseError) as info:
        strategies.response("iam", "DeleteAccountPasswordPolicy", Status="x")
    assert info.value.args == (
        "strategies.response('iam', 'DeleteAccountPasswordPolicy'): the operation's output"
        " has no member 'Status'. Its members: none.",
    )


@settings(QUICK, max_examples=5)
@given(response=strategies.response("s3", "GetObject", Body=st.builds(io.BytesIO, st.binary())))
def test_a_fixed_streaming_payload_is_kept_as_given(response: Dict[str, Any]) -> None:
    assert isinstance(response["Body"], io.BytesIO)
    assert "ContentLength" not in response  # only a payload of bytes has a known length
    with patch_boto3() as aws:
        aws.add_response("s3", "GetObject", response)
        assert client("s3").get_object(Bucket="b", Key="k")["Body"].read() == (
            response["Body"].getvalue()
        )
