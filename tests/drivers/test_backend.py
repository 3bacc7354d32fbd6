"""backend="moto": what nothing queued serves, moto's backends answer (_drivers/backend.py).

moto is imported once, here at collection (half a second), not by each test.
"""

from __future__ import annotations

import configparser
import json
import os
import re
import unittest
from pathlib import Path
from typing import Any, ClassVar, Iterator, Mapping

import boto3
import botocore.awsrequest
import botocore.httpsession
import moto.core.models
import pytest
import requests
from boto3.s3.transfer import TransferConfig
from botocore.exceptions import ClientError
from moto import mock_aws

from awsmock import (
    AwsMockTestCase,
    NetworkBlockedError,
    UnmockedCallError,
    UnusedResponseError,
    patch_boto3,
)
from awsmock._core import options as _options
from awsmock._util.version import DOCS as VERSIONED_DOCS
from tests import _sessions
from tests._frames import visible
from tests.conftest import PYTESTER_INI

MOTO = _options.moto_version()
DOCS = f"See {VERSIONED_DOCS}"


@pytest.fixture(autouse=True)
def _moto_left_as_found() -> Iterator[None]:
    """moto's own switch and its requests mock are as they were after every test."""
    yield
    assert moto.core.models.botocore_stubber.enabled is False
    assert moto.core.models.MockAWS._nested_count == 0


# state


def test_unqueued_calls_are_served_by_moto_and_queued_ones_win() -> None:
    with patch_boto3(backend="moto") as aws:
        s3 = _sessions.client("s3")
        s3.create_bucket(Bucket="data")
        s3.put_object(Bucket="data", Key="a.csv", Body=b"1,2")
        aws.add_response("s3", "GetObject", {"Body": b"queued"})
        assert s3.get_object(Bucket="data", Key="a.csv")["Body"].read() == b"queued"
        assert s3.get_object(Bucket="data", Key="a.csv")["Body"].read() == b"1,2"
        listed = s3.list_objects_v2(Bucket="data")
    assert [o["Key"] for o in listed["Contents"]] == ["a.csv"]
    assert [(c.operation, c.served_by) for c in aws.calls] == [
        ("CreateBucket", "backend"),
        ("PutObject", "backend"),
        ("GetObject", "queue"),
        ("GetObject", "backend"),
        ("ListObjectsV2", "backend"),
    ]
    aws.assert_called_with("s3", "PutObject", Bucket="data", Key="a.csv", Body=b"1,2")


def test_a_client_made_before_the_patch_reaches_the_same_state() -> None:
    early = _sessions.client(
        "sqs", region_name="eu-west-1", aws_access_key_id="k", aws_secret_access_key="s"
    )
    with patch_boto3(backend="moto", region="eu-west-1"):
        url = _sessions.client("sqs").create_queue(QueueName="jobs")["QueueUrl"]
        early.send_message(QueueUrl=url, MessageBody="hi")
        got = _sessions.client("sqs").receive_message(QueueUrl=url)["Messages"]
        # moto's before-send hook (which clients made before "import moto" lack) is off.
        assert moto.core.models.botocore_stubber.enabled is False
    assert url.endswith("/123456789012/jobs") and "eu-west-1" in url
    assert [m["Body"] for m in got] == ["hi"]


def test_each_patch_starts_with_fresh_state_and_nested_ones_share_it() -> None:
    with patch_boto3(backend="moto"):
        _sessions.client("s3").create_bucket(Bucket="first")
        with patch_boto3(backend="moto"):
            assert [b["Name"] for b in _sessions.client("s3").list_buckets()["Buckets"]] == [
                "first"
            ]
        # The inner patch's end leaves the outer one's state in place.
        assert [b["Name"] for b in _sessions.client("s3").list_buckets()["Buckets"]] == ["first"]
    with patch_boto3(backend="moto"):
        assert _sessions.client("s3").list_buckets()["Buckets"] == []


def test_a_fault_on_the_nth_call_of_a_stateful_flow() -> None:
    with patch_boto3(backend="moto") as aws:
        s3 = _sessions.client("s3")
        s3.create_bucket(Bucket="data")
        aws.add_client_error(
            "s3", "PutObject", "SlowDown", http_status_code=503, match={"Key": "2"}
        )
        codes = []
        for key in "123":
            try:
                s3.put_object(Bucket="data", Key=key, Body=b"x")
                codes.append("ok")
            except s3.exceptions.ClientError as error:
                codes.append(error.response["Error"]["Code"])
        listed = s3.list_objects_v2(Bucket="data")["Contents"]
    assert codes == ["ok", "SlowDown", "ok"]
    assert [o["Key"] for o in listed] == ["1", "3"]
    assert [c.served_by for c in aws.calls_for("s3", "PutObject")] == [
        "backend",
        "queue",
        "backend",
    ]


def test_retries_a_throttled_attempt_queued_then_moto() -> None:
    with patch_boto3(backend="moto", retries=True) as aws:
        sqs = _sessions.client("sqs")
        url = sqs.create_queue(QueueName="q")["QueueUrl"]
        aws.add_throttling("sqs", "SendMessage")
        sent = sqs.send_message(QueueUrl=url, MessageBody="m")
        assert sqs.receive_message(QueueUrl=url)["Messages"][0]["Body"] == "m"
    call = aws.calls_for("sqs", "SendMessage")[0]
    assert (call.attempts, call.served_by) == (2, "backend")
    assert sent["ResponseMetadata"]["RetryAttempts"] == 1


def test_unused_responses_still_fail() -> None:
    aws = patch_boto3(backend="moto")
    with pytest.raises(UnusedResponseError, match=r"s3\.DeleteObject"), aws:
        aws.add_response("s3", "DeleteObject", {})
        _sessions.client("s3").list_buckets()


# real consumers


def test_s3transfer_multipart_upload_and_download(tmp_path: Path) -> None:
    source = tmp_path / "big.bin"
    data = os.urandom(5 * 1024 * 1024 + 10)
    source.write_bytes(data)
    config = TransferConfig(
        multipart_threshold=5 * 1024 * 1024, multipart_chunksize=5 * 1024 * 1024
    )
    with patch_boto3(backend="moto") as aws:
        s3 = _sessions.client("s3")
        s3.create_bucket(Bucket="data")
        s3.upload_file(str(source), "data", "big.bin", Config=config)
        s3.download_file("data", "big.bin", str(tmp_path / "back.bin"), Config=config)
    assert (tmp_path / "back.bin").read_bytes() == data
    assert aws.call_count("s3", "UploadPart") == 2
    aws.assert_called_once("s3", "CompleteMultipartUpload")


def test_boto3_resources_and_paginators() -> None:
    with patch_boto3(backend="moto"):
        table = _sessions.resource("dynamodb").create_table(
            TableName="users",
            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
        table.put_item(Item={"id": "a", "tags": {"x"}})
        item = table.get_item(Key={"id": "a"})["Item"]
        s3 = _sessions.client("s3")
        s3.create_bucket(Bucket="data")
        for key in ("a", "b", "c"):
            s3.put_object(Bucket="data", Key=key, Body=b"")
        pages = s3.get_paginator("list_objects_v2").paginate(Bucket="data", MaxKeys=2)
        keys = [o["Key"] for page in pages for o in page["Contents"]]
    assert item == {"id": "a", "tags": {"x"}}
    assert keys == ["a", "b", "c"]


def test_presigned_urls_fetched_with_requests_are_served_by_moto() -> None:
    with patch_boto3(backend="moto"):
        s3 = _sessions.client("s3")
        s3.create_bucket(Bucket="data")
        s3.put_object(Bucket="data", Key="k", Body=b"shared")
        url = s3.generate_presigned_url("get_object", Params={"Bucket": "data", "Key": "k"})
        assert requests.get(url, timeout=1).content == b"shared"


# what moto does not implement


def test_an_operation_moto_does_not_implement_says_what_to_queue() -> None:
    arn = "arn:aws:sqs:us-east-1:123456789012:q"
    with patch_boto3(backend="moto") as aws:
        sqs = _sessions.client("sqs")
        with pytest.raises(UnmockedCallError) as excinfo, aws.expect_failure(UnmockedCallError):
            sqs.list_message_move_tasks(SourceArn=arn)
        aws.add_response("sqs", "ListMessageMoveTasks", {"Results": []})
        assert sqs.list_message_move_tasks(SourceArn=arn)["Results"] == []
    assert [e for e in visible(excinfo) if "_drivers" in str(e.path)] == []
    assert excinfo.value.args == (
        "sqs.ListMessageMoveTasks(SourceArn='arn:aws:sqs:us-east-1:123456789012:q') was"
        f" called with nothing queued for it, and moto {MOTO} does not implement it.\n"
        "Queue what it returns with:\n"
        '    aws.add_response("sqs", "ListMessageMoveTasks", {...})\n'
        f'Queued entries come first; backend="moto" serves the rest. {DOCS}state.html',
    )


@pytest.mark.parametrize(
    ("detail", "shown"),
    [
        ("The ListQueues action has not been implemented", "does not implement it."),
        (
            "The filter 'x' is not supported",
            "does not implement it (The filter 'x' is not supported).",
        ),
        (
            "Streaming has not been implemented",
            "does not implement it (Streaming has not been implemented).",
        ),
    ],
)
def test_what_moto_says_it_lacks_is_shown_unless_it_is_its_standard_sentence(
    detail: str, shown: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def lacking(request: Any) -> Any:
        raise NotImplementedError(detail)

    monkeypatch.setattr(moto.core.models.botocore_stubber, "process_request", lacking)
    with (
        pytest.raises(UnmockedCallError) as excinfo,
        patch_boto3(backend="moto") as aws,
        aws.expect_failure(UnmockedCallError),
    ):
        _sessions.client("sqs").list_queues()
    assert f"and moto {MOTO} {shown}\n" in str(excinfo.value)


def test_a_request_no_call_sends_is_still_blocked() -> None:
    # moto answers the calls it serves; any other request stays in the process.
    session = botocore.httpsession.URLLib3Session()
    request = botocore.awsrequest.AWSRequest(method="GET", url="https://example.com/x").prepare()
    with (
        pytest.raises(NetworkBlockedError) as excinfo,
        patch_boto3(backend="moto") as aws,
        aws.expect_failure(NetworkBlockedError),
    ):
        session.send(request)
    assert "blocked an HTTP request to GET https://example.com/x." in str(excinfo.value)


def test_a_service_moto_has_no_backend_for_fails_even_when_swallowed() -> None:
    with pytest.raises(UnmockedCallError) as excinfo, patch_boto3(backend="moto"):
        try:
            _sessions.client("braket").search_devices(filters=[])
        except Exception:
            pass
    assert str(excinfo.value).endswith(
        "braket.SearchDevices(filters=[]) was called with nothing queued for it, and moto"
        f" {MOTO} has no backend for braket.\nQueue what it returns with:\n"
        '    aws.add_response("braket", "SearchDevices", {...})\n'
        f'Queued entries come first; backend="moto" serves the rest. {DOCS}state.html'
    )


# served_by


def test_served_by_passthrough_and_cassette(tmp_path: Path) -> None:
    with mock_aws(), patch_boto3(passthrough=["s3"]) as aws:
        _sessions.client("s3").list_buckets()
    assert [c.served_by for c in aws.calls] == ["passthrough"]


def test_a_cassette_records_what_moto_answered_and_replays_without_moto(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cassette = tmp_path / "moto.json"

    def flow() -> Any:
        s3 = _sessions.client("s3")
        s3.create_bucket(Bucket="data")
        s3.put_object(Bucket="data", Key="k", Body=b"v")
        return s3.get_object(Bucket="data", Key="k")["Body"].read()

    with patch_boto3(backend="moto", cassette=str(cassette)) as recording:
        assert flow() == b"v"
    assert [c.served_by for c in recording.calls] == ["backend"] * 3
    stored = json.loads(cassette.read_text())
    assert [i["operation"] for i in stored["interactions"]] == [
        "CreateBucket",
        "PutObject",
        "GetObject",
    ]
    monkeypatch.setattr(_options, "moto_version", lambda: None)  # as if moto were not installed
    with patch_boto3(backend="moto", cassette=str(cassette)) as replay:
        assert flow() == b"v"
    assert [c.served_by for c in replay.calls] == ["cassette"] * 3
    assert replay._backend is None


# bad input


def test_an_unknown_backend() -> None:
    with pytest.raises(ValueError, match="backend must be") as excinfo:
        patch_boto3(backend="mtoo")
    assert excinfo.value.args == (
        f"patch_boto3(): backend must be one of 'moto' or None, got 'mtoo'. Did you mean"
        f" 'moto'? {DOCS}state.html",
    )


def test_backend_without_moto_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_options, "moto_version", lambda: None)
    with pytest.raises(ModuleNotFoundError) as excinfo:
        patch_boto3(backend="moto")
    assert excinfo.value.args == (
        'patch_boto3(): backend="moto" needs moto, which is not installed. Install it with:'
        " pip install 'awsmock[moto]'",
    )


def test_recording_a_cassette_with_backend_without_moto(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    aws = patch_boto3(backend="moto", cassette=str(tmp_path / "new.json"))
    monkeypatch.setattr(_options, "moto_version", lambda: None)
    with pytest.raises(ModuleNotFoundError, match=r"pip install 'awsmock\[moto\]'"):
        aws.start()
    assert not (tmp_path / "new.json").exists()


def test_a_moto_release_outside_the_supported_range(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_options, "moto_version", lambda: "4.2.14")
    with pytest.raises(ValueError, match="supports") as excinfo:
        patch_boto3(backend="moto")
    assert excinfo.value.args == (
        'patch_boto3(): backend="moto" supports moto>=5.0,<6, but moto 4.2.14 is installed.'
        " Install a supported release with: pip install 'awsmock[moto]'",
    )


@pytest.mark.parametrize(
    ("passthrough", "shown"), [(True, "True"), (["sqs", "s3"], "['s3', 'sqs']")]
)
def test_backend_with_passthrough(passthrough: Any, shown: str) -> None:
    with pytest.raises(ValueError, match="passthrough") as excinfo:
        patch_boto3(backend="moto", passthrough=passthrough)
    assert excinfo.value.args == (
        f"patch_boto3(): backend='moto' serves every call nothing queued serves, so"
        f" passthrough={shown} would never pass one through: remove passthrough=, or"
        " backend= to send those calls on.",
    )


def test_moto_failures_inside_a_backend_call_are_botocore_errors() -> None:
    with patch_boto3(backend="moto"), pytest.raises(ClientError, match="NoSuchBucket"):
        _sessions.client("s3").get_object(Bucket="nope", Key="k")


# the other ways in: the pytest ini option and marker, AwsMockTestCase


def test_the_pytest_ini_option_and_the_marker(pytester: pytest.Pytester) -> None:
    pytester.makeini(f"{PYTESTER_INI}awsmock_backend = moto\n")
    pytester.makepyfile(
        """
import boto3, pytest

def test_from_ini(awsmock):
    boto3.client("s3").create_bucket(Bucket="data")
    assert awsmock.calls[0].served_by == "backend"

@pytest.mark.awsmock(backend=None)
def test_marker_turns_it_off(awsmock):
    awsmock.add_response("s3", "ListBuckets", {"Buckets": []})
    boto3.client("s3").list_buckets()
    assert awsmock.calls[0].served_by == "queue"
"""
    )
    pytester.runpytest("-p", "no:randomly").assert_outcomes(passed=2)


def test_awsmock_testcase_option() -> None:
    """The class-level patch and each test's share one state: setUpClass's bucket."""

    class Backed(AwsMockTestCase):
        awsmock_options: ClassVar[Mapping[str, Any]] = {"backend": "moto"}

        @classmethod
        def setUpClass(cls) -> None:
            super().setUpClass()
            _sessions.client("s3").create_bucket(Bucket="class-data")

        def test_sees_the_class_state(self) -> None:
            s3 = _sessions.client("s3")
            assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["class-data"]
            assert self.aws.calls[0].served_by == "backend"

    result = unittest.TestResult()
    unittest.defaultTestLoader.loadTestsFromTestCase(Backed).run(result)
    assert (result.testsRun, result.errors, result.failures) == (1, [], [])


def test_the_install_line_names_the_extra_in_setup_cfg() -> None:
    """The messages say pip install 'awsmock[moto]': that extra exists, with the range checked."""
    config = configparser.ConfigParser()
    config.read(Path(__file__).parents[2] / "setup.cfg")
    (requirement,) = config["options.extras_require"]["moto"].split()
    assert re.sub(r"\[.*\]", "", requirement) == _options.MOTO_SUPPORTED_TEXT
    assert _options.MOTO_INSTALL == "pip install 'awsmock[moto]'"


def test_not_hermetic_moto_sets_its_own_credentials_as_under_mock_aws() -> None:
    with patch_boto3(backend="moto", hermetic=False):
        assert os.environ["AWS_ACCESS_KEY_ID"] == "FOOBARKEY"
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="data")
        assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["data"]


def test_hermetic_moto_leaves_the_fake_credentials_to_awsmock() -> None:
    before = os.environ.get("AWS_ACCESS_KEY_ID")
    with patch_boto3(backend="moto"):
        assert os.environ["AWS_ACCESS_KEY_ID"] == "testing"
        assert boto3.Session().get_credentials().access_key == "testing"
    assert os.environ.get("AWS_ACCESS_KEY_ID") == before


def test_mock_aws_around_the_patch_still_answers_after_it() -> None:
    before = os.environ.get("AWS_ACCESS_KEY_ID")
    with mock_aws():
        with patch_boto3(backend="moto"):
            assert os.environ["AWS_ACCESS_KEY_ID"] == "testing"
            _sessions.client("s3").create_bucket(Bucket="inside")
        assert os.environ["AWS_ACCESS_KEY_ID"] == "FOOBARKEY"
        # The network is blocked again here: only moto's own mock can answer.
        with patch_boto3(passthrough=["s3"]):
            s3 = _sessions.client("s3")
            s3.create_bucket(Bucket="after")
            # Inside mock_aws, the patch's moto state is mock_aws's own.
            assert [b["Name"] for b in s3.list_buckets()["Buckets"]] == ["inside", "after"]
    assert os.environ.get("AWS_ACCESS_KEY_ID") == before


def test_a_client_pointed_elsewhere_is_not_served() -> None:
    with patch_boto3(backend="moto") as aws, aws.expect_failure(UnmockedCallError):
        local = _sessions.client("s3", endpoint_url="http://localhost:4566")
        with pytest.raises(UnmockedCallError) as excinfo:
            local.list_buckets()
    assert f"moto {MOTO} does not answer requests to localhost:4566.\n" in str(excinfo.value)


def test_moto_default_account_and_waiters() -> None:
    with patch_boto3(backend="moto", region="eu-central-1") as aws:
        assert _sessions.client("sts").get_caller_identity()["Account"] == "123456789012"
        s3 = _sessions.client("s3")
        s3.create_bucket(
            Bucket="data", CreateBucketConfiguration={"LocationConstraint": "eu-central-1"}
        )
        s3.get_waiter("bucket_exists").wait(Bucket="data")
        s3.get_waiter("object_not_exists").wait(Bucket="data", Key="k")
    aws.assert_called_once("s3", "HeadBucket")
