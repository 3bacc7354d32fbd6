"""Cassettes: record against moto, replay with moto off and the network blocked."""

from __future__ import annotations

import base64
import datetime
import io
import json
import os
import threading
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar, Dict, List

import boto3
import pytest
from boto3.s3.transfer import TransferConfig
from botocore.exceptions import ClientError
from moto import mock_aws

from awsmock import (
    ANY,
    CassetteError,
    ParamsMismatchError,
    UnassertedCallError,
    UnmockedCallError,
    UnusedResponseError,
    patch_boto3,
)
from awsmock._core.options import Options
from awsmock._replay import file as _cassette_file
from awsmock._replay import placebo as _placebo
from awsmock._replay import redact as _redact
from awsmock.cassette import RECORD_MODE_VARIABLE, Cassette

PLACEBO_DIR = Path(__file__).parent.parent / "data" / "placebo"
ROLE = "arn:aws:iam::123456789012:role/reader"
# How every CassetteError ends: the link to its section of the error reference.
LINK = " See https://awsmock.readthedocs.io/en/v0.3.0/errors.html#cassetteerror"


@pytest.fixture(autouse=True)
def _no_record_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's AWSMOCK_RECORD_MODE must not change these tests."""
    monkeypatch.delenv(RECORD_MODE_VARIABLE, raising=False)


def workflow() -> Dict[str, Any]:
    """S3, SQS, DynamoDB (resource layer), STS and Secrets Manager, as an app would."""
    out: Dict[str, Any] = {}
    s3 = boto3.client("s3")
    s3.create_bucket(Bucket="data")
    s3.put_object(Bucket="data", Key="in/a+b c.csv", Body=b"1,2\n")
    s3.put_object(Bucket="data", Key="in/raw.bin", Body=bytes(range(256)))
    out["keys"] = [o["Key"] for o in s3.list_objects_v2(Bucket="data")["Contents"]]
    got = s3.get_object(Bucket="data", Key="in/a+b c.csv")
    out["body"] = got["Body"].read()
    out["modified"] = got["LastModified"]
    out["raw"] = s3.get_object(Bucket="data", Key="in/raw.bin")["Body"].read()
    try:
        s3.get_object(Bucket="data", Key="missing")
    except s3.exceptions.NoSuchKey as error:
        out["missing"] = (error.response["Error"]["Code"], type(error).__name__)
    sqs = boto3.client("sqs")
    url = sqs.create_queue(QueueName="jobs")["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="job-1")
    messages = sqs.receive_message(QueueUrl=url)["Messages"]
    out["messages"] = [m["Body"] for m in messages]
    sqs.delete_message(QueueUrl=url, ReceiptHandle=messages[0]["ReceiptHandle"])
    table = boto3.resource("dynamodb").create_table(
        TableName="items",
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    table.put_item(Item={"id": "a", "n": Decimal("1.5"), "tags": {"x", "y"}})
    out["item"] = table.get_item(Key={"id": "a"})["Item"]
    credentials = boto3.client("sts").assume_role(RoleArn=ROLE, RoleSessionName="job")
    out["credentials"] = credentials["Credentials"]
    secrets = boto3.client("secretsmanager")
    secrets.create_secret(Name="db", SecretString="hunter2-password")
    out["secret"] = secrets.get_secret_value(SecretId="db")["SecretString"]
    return out


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The workflow recorded once against moto: (cassette path, results)."""
    path = tmp_path_factory.mktemp("cassettes") / "workflow.json"
    saved = os.environ.pop(RECORD_MODE_VARIABLE, None)
    try:
        with mock_aws(), patch_boto3(cassette=path) as aws:
            results = workflow()
    finally:
        if saved is not None:
            os.environ[RECORD_MODE_VARIABLE] = saved
    return path, results, aws


# record, then replay


def test_replay_gives_the_recorded_results_with_moto_off(recorded: Any) -> None:
    path, recorded_results, _ = recorded
    live = {**recorded_results, "credentials": dict(recorded_results["credentials"])}
    with patch_boto3(cassette=path) as aws:
        replayed = workflow()
    # Secrets are not in the cassette, so they are the only difference.
    for key in ("SecretAccessKey", "SessionToken"):
        assert live["credentials"].pop(key) != "<redacted>"
        assert replayed["credentials"].pop(key) == "<redacted>"
    assert live.pop("secret") == "hunter2-password"
    assert replayed.pop("secret") == "<redacted>"
    assert replayed == live
    assert live["keys"] == ["in/a+b c.csv", "in/raw.bin"]
    assert live["item"] == {"id": "a", "n": Decimal("1.5"), "tags": {"x", "y"}}
    assert live["raw"] == bytes(range(256))
    assert aws.call_count() == 17
    aws.assert_all_responses_used()


def test_recording_passes_calls_through_and_records_them(recorded: Any) -> None:
    _, live, aws = recorded
    assert [c.operation for c in aws.calls][:3] == ["CreateBucket", "PutObject", "PutObject"]
    assert all(c.response is not None or c.exception is not None for c in aws.calls)
    assert live["missing"] == ("NoSuchKey", "NoSuchKey")


def test_replay_blocks_the_network(recorded: Any) -> None:
    path, _, _ = recorded
    with pytest.raises(UnmockedCallError), patch_boto3(cassette=path, verify=False):
        boto3.client("s3").list_buckets()


def test_secrets_never_reach_the_file(recorded: Any) -> None:
    path, live, _ = recorded
    text = path.read_text()
    assert "hunter2" not in text
    assert live["credentials"]["SecretAccessKey"] not in text
    assert live["credentials"]["SessionToken"] not in text
    assert live["credentials"]["AccessKeyId"] in text  # not a secret


def test_the_file_is_readable_versioned_json(recorded: Any) -> None:
    path, _, _ = recorded
    text = path.read_text()
    document = json.loads(text)
    assert list(document) == ["awsmock_cassette", "interactions"]
    assert document["awsmock_cassette"] == 1
    first = document["interactions"][0]
    assert list(first) == ["service", "operation", "params", "status", "response"]
    assert first["service"] == "s3"
    assert first["operation"] == "CreateBucket"
    assert first["params"] == {"Bucket": "data"}
    assert text.startswith('{\n  "awsmock_cassette": 1,\n  "interactions": [\n')
    assert _cassette_file.dumps(document["interactions"]) == text
    put = document["interactions"][1]
    assert put["params"]["Body"] == {"$bytes": "1,2\n"}
    assert document["interactions"][2]["params"]["Body"] == {
        "$base64": base64.b64encode(bytes(range(256))).decode()
    }
    statuses = [(i["operation"], i["status"]) for i in document["interactions"]]
    assert ("GetObject", 404) in statuses


def test_recorded_responses_are_the_wire_form(recorded: Any) -> None:
    """after-call handlers run again on replay: S3 keys stay URL-encoded, DynamoDB typed."""
    path, _, _ = recorded
    interactions = json.loads(path.read_text())["interactions"]
    listing = next(i for i in interactions if i["operation"] == "ListObjectsV2")
    assert listing["response"]["Contents"][0]["Key"] == "in/a%2Bb%20c.csv"
    item = next(i for i in interactions if i["operation"] == "GetItem")
    assert item["response"]["Item"]["n"] == {"N": "1.5"}
    put_item = next(i for i in interactions if i["operation"] == "PutItem")
    assert put_item["params"]["Item"] == {
        "id": "a",
        "n": {"$decimal": "1.5"},
        "tags": {"$set": ["x", "y"]},
    }


def test_streaming_bodies_are_read_and_handed_back_with_checksums_on(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    with mock_aws(), patch_boto3(cassette=path):
        s3 = boto3.client("s3")
        s3.create_bucket(Bucket="bkt")
        s3.put_object(Bucket="bkt", Key="k", Body=b"payload", ChecksumAlgorithm="SHA256")
        got = s3.get_object(Bucket="bkt", Key="k", ChecksumMode="ENABLED")
        assert got["ChecksumSHA256"]
        assert got["Body"].read() == b"payload"
    with patch_boto3(cassette=path):
        s3 = boto3.client("s3")
        s3.create_bucket(Bucket="bkt")
        s3.put_object(Bucket="bkt", Key="k", Body=b"payload", ChecksumAlgorithm="SHA256")
        got = s3.get_object(Bucket="bkt", Key="k", ChecksumMode="ENABLED")
        assert list(got["Body"].iter_lines()) == [b"payload"]


def test_file_object_params_replay_as_any(tmp_path: Path) -> None:
    path = tmp_path / "c.json"

    def upload() -> None:
        s3 = boto3.client("s3")
        s3.create_bucket(Bucket="bkt")
        s3.upload_fileobj(io.BytesIO(b"data"), "bkt", "k")

    with mock_aws(), patch_boto3(cassette=path):
        upload()
    put = json.loads(path.read_text())["interactions"][1]
    assert put["operation"] == "PutObject"
    assert put["params"]["Body"] == {"$stream": "ReadFileChunk"}
    with patch_boto3(cassette=path) as aws:
        upload()
    sent = aws.calls_for("s3", "PutObject")[-1].params
    # botocore 1.36+ has s3transfer add a default ChecksumAlgorithm.
    checksum = {"ChecksumAlgorithm": ANY} if "ChecksumAlgorithm" in sent else {}
    aws.assert_called_with("s3", "PutObject", Bucket="bkt", Key="k", Body=ANY, **checksum)


# writing: only on success, atomically


def test_a_failing_block_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    with pytest.raises(RuntimeError), mock_aws(), patch_boto3(cassette=path):
        boto3.client("s3").list_buckets()
        raise RuntimeError("test failed")
    assert list(tmp_path.iterdir()) == []


def test_a_failing_block_leaves_the_old_cassette_untouched(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    with mock_aws(), patch_boto3(cassette=path):
        boto3.client("s3").list_buckets()
    before = path.read_text()
    with pytest.raises(RuntimeError), mock_aws(), patch_boto3(cassette=path, record_mode="all"):
        boto3.client("s3").create_bucket(Bucket="other")
        raise RuntimeError("test failed")
    assert path.read_text() == before
    assert [p.name for p in tmp_path.iterdir()] == ["c.json"]


def test_a_swallowed_awsmock_failure_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    with pytest.raises(ParamsMismatchError), mock_aws(), patch_boto3(cassette=path) as aws:
        aws.add_response("s3", "ListBuckets", {}, expected_params={"MaxBuckets": 1})
        try:
            boto3.client("s3").list_buckets()
        except ParamsMismatchError:
            pass
    assert not path.exists()


def test_failing_verification_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    with pytest.raises(UnusedResponseError), mock_aws(), patch_boto3(cassette=path) as aws:
        aws.add_response("s3", "GetObject", {})  # never used: the test fails at exit
        boto3.client("s3").list_buckets()
    assert not path.exists()


def test_failing_strict_verification_leaves_the_old_cassette_untouched(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    with mock_aws(), patch_boto3(cassette=path):
        boto3.client("s3").list_buckets()
    before = path.read_text()
    recording = patch_boto3(cassette=path, record_mode="all", strict=True)
    with pytest.raises(UnassertedCallError), mock_aws(), recording:
        boto3.client("s3").create_bucket(Bucket="other")
    assert path.read_text() == before


def test_writes_missing_directories(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "er" / "c.json"
    with mock_aws(), patch_boto3(cassette=str(path)):
        boto3.client("s3").list_buckets()
    assert _cassette_file.load(str(path))[0]["operation"] == "ListBuckets"


def test_a_path_that_cannot_be_written_is_a_cassette_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("")
    path = tmp_path / "file" / "c.json"
    with pytest.raises(CassetteError) as excinfo, mock_aws(), patch_boto3(cassette=path):
        boto3.client("s3").list_buckets()
    assert str(excinfo.value) == f"Cannot write cassette {path}: File exists." + LINK


# record modes


def _record_list_buckets(path: Path) -> None:
    with mock_aws(), patch_boto3(cassette=path):
        boto3.client("s3").list_buckets()


def test_none_replays_and_needs_the_file(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    with pytest.raises(CassetteError) as excinfo:
        patch_boto3(cassette=path, record_mode="none").start()
    assert excinfo.value.args == (
        f"Cassette {path} does not exist, and record_mode 'none' only replays."
        " Record it first with record_mode='once' (or AWSMOCK_RECORD_MODE=once)." + LINK,
    )
    _record_list_buckets(path)
    with patch_boto3(cassette=path, record_mode="none") as aws:
        boto3.client("s3").list_buckets()
    aws.assert_called_once("s3", "ListBuckets")


def test_once_replays_an_existing_file_without_recording(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    _record_list_buckets(path)
    before = path.read_text()
    patch = patch_boto3(cassette=path, verify=False)
    with pytest.raises(UnmockedCallError), mock_aws(), patch as aws:
        assert aws._cassette is not None
        assert not aws._cassette.recording
        boto3.client("s3").list_buckets()
        boto3.client("s3").create_bucket(Bucket="new")
    assert path.read_text() == before


def test_all_records_again_replacing_the_file(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    _record_list_buckets(path)
    with mock_aws(), patch_boto3(cassette=path, record_mode="all"):
        boto3.client("s3").create_bucket(Bucket="new")
    assert [i["operation"] for i in _cassette_file.load(str(path))] == ["CreateBucket"]


def test_new_episodes_replays_then_appends(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    _record_list_buckets(path)
    with mock_aws(), patch_boto3(cassette=path, record_mode="new_episodes") as aws:
        s3 = boto3.client("s3")
        s3.list_buckets()  # replayed
        s3.create_bucket(Bucket="new")  # passed through, appended
    assert aws.calls[0].response is not None
    operations = [i["operation"] for i in _cassette_file.load(str(path))]
    assert operations == ["ListBuckets", "CreateBucket"]


def test_new_episodes_with_nothing_new_leaves_the_file(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    _record_list_buckets(path)
    mtime = path.stat().st_mtime_ns
    with patch_boto3(cassette=path, record_mode="new_episodes"):
        boto3.client("s3").list_buckets()
    assert path.stat().st_mtime_ns == mtime


def test_environment_variable_overrides_record_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.json"
    _record_list_buckets(path)
    monkeypatch.setenv(RECORD_MODE_VARIABLE, "all")
    with mock_aws(), patch_boto3(cassette=path, record_mode="none") as aws:
        boto3.client("s3").create_bucket(Bucket="new")
    assert aws._cassette is not None
    assert aws._cassette.mode == "all"
    assert [i["operation"] for i in _cassette_file.load(str(path))] == ["CreateBucket"]


def test_environment_variable_must_be_a_mode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(RECORD_MODE_VARIABLE, "record")
    with pytest.raises(CassetteError) as excinfo:
        patch_boto3(cassette=tmp_path / "c.json").start()
    assert excinfo.value.args == (
        "AWSMOCK_RECORD_MODE must be one of 'none', 'once', 'all', 'new_episodes', got 'record'."
        + LINK,
    )


def test_environment_variable_without_a_cassette_changes_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(RECORD_MODE_VARIABLE, "all")
    with pytest.raises(UnmockedCallError), patch_boto3(verify=False):
        boto3.client("s3").list_buckets()


# matching params on replay


def _record_get(path: Path, key: str = "k") -> None:
    with mock_aws(), patch_boto3(cassette=path):
        s3 = boto3.client("s3")
        s3.create_bucket(Bucket="bkt")
        s3.put_object(Bucket="bkt", Key=key, Body=b"x")


def test_replay_checks_params_with_a_diff(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    _record_get(path)
    patch = patch_boto3(cassette=path, verify=False)
    with pytest.raises(ParamsMismatchError) as excinfo, patch:
        s3 = boto3.client("s3")
        s3.create_bucket(Bucket="bkt")
        s3.put_object(Bucket="bkt", Key="other", Body=b"x")
    message = str(excinfo.value)
    assert message.startswith(
        "s3.PutObject(Bucket='bkt', Key='other', Body=b'x') does not match the expected_params"
        f" of the response queued at {path}, interaction 2.\n"
    )
    assert message.endswith(
        "\n  - {'Body': b'x', 'Bucket': 'bkt', 'Key': 'k'}"
        "\n  + {'Body': b'x', 'Bucket': 'bkt', 'Key': 'other'}"
        "\nSee https://awsmock.readthedocs.io/en/v0.3.0/errors.html#paramsmismatcherror"
    )


LOGS = {"Prefix": "logs/2024-03"}


@pytest.mark.parametrize(
    ("listings", "call", "closest"),
    [
        # The same keys: the longest start in common among the values that differ,
        # then the earliest recorded.
        (
            [
                {"Prefix": "Logs/2024-03"},
                {"Prefix": "data/"},
                {"Prefix": "logs/2024-01"},
                {"Prefix": "logs/2024-04"},
                {"Prefix": "logs/2024-01", "Delimiter": "/", "StartAfter": "x", "MaxKeys": 3},
            ],
            LOGS,
            2,
        ),
        # Twice the keys that agree, less the keys only one side has.
        ([{"Prefix": "other"}, {"MaxKeys": 5, **LOGS}], LOGS, 1),
        (
            [{**LOGS, "StartAfter": "a", "Delimiter": "/", "MaxKeys": 3}, {"Prefix": "other"}],
            LOGS,
            1,
        ),
        (
            [
                {**LOGS, "StartAfter": "mz", "Delimiter": "/", "MaxKeys": 3, "EncodingType": "url"},
                {"Prefix": "other", "StartAfter": "q"},
            ],
            {**LOGS, "StartAfter": "m"},
            1,
        ),
        # The starts in common of every value that differs add up.
        (
            [
                {"Prefix": "logs/2024-01", "StartAfter": "x"},
                {"Prefix": "x", "StartAfter": "logs/a"},
            ],
            {**LOGS, "StartAfter": "logs/b"},
            0,
        ),
        # A value that is the start of the other (10, 100) shares all of it.
        ([{"MaxKeys": 1}, {"MaxKeys": 10}, {"MaxKeys": 7}], {"MaxKeys": 100}, 1),
    ],
)
def test_a_call_no_interaction_matches_is_diffed_against_the_closest(
    tmp_path: Path, listings: List[Dict[str, Any]], call: Dict[str, Any], closest: int
) -> None:
    path = tmp_path / "c.json"
    with mock_aws(), patch_boto3(cassette=path):
        s3 = boto3.client("s3")
        s3.create_bucket(Bucket="bkt")
        for params in listings:
            s3.list_objects_v2(Bucket="bkt", **params)
    patch = patch_boto3(cassette=path, verify=False)
    with pytest.raises(ParamsMismatchError) as excinfo, patch:
        s3 = boto3.client("s3")
        s3.create_bucket(Bucket="bkt")
        s3.list_objects_v2(Bucket="bkt", **call)
    interaction = closest + 2  # after CreateBucket
    assert f"queued at {path}, interaction {interaction}.\n" in str(excinfo.value)


def test_match_params_false_replays_in_order_without_checking(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    _record_get(path)
    with patch_boto3(cassette=path, match_params=False) as aws:
        s3 = boto3.client("s3")
        s3.create_bucket(Bucket="bkt")
        etag = s3.put_object(Bucket="bkt", Key="other", Body=b"x")["ETag"]
    assert etag == '"9dd4e461268c8034f5c8564e155c67a6"'
    aws.assert_called_with("s3", "PutObject", Bucket="bkt", Key="other", Body=b"x")


def test_match_params_callable_normalises_both_sides(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    _record_get(path, key="run-1/out.csv")

    def without_run(params: Dict[str, Any]) -> Dict[str, Any]:
        if "Key" in params:
            params["Key"] = params["Key"].split("/", 1)[-1]
        return params

    with patch_boto3(cassette=path, match_params=without_run):
        s3 = boto3.client("s3")
        s3.create_bucket(Bucket="bkt")
        s3.put_object(Bucket="bkt", Key="run-2/out.csv", Body=b"x")
    patch = patch_boto3(cassette=path, match_params=without_run, verify=False)
    with pytest.raises(ParamsMismatchError) as excinfo, patch:
        s3 = boto3.client("s3")
        s3.create_bucket(Bucket="bkt")
        s3.put_object(Bucket="bkt", Key="run-2/in.csv", Body=b"x")
    assert str(excinfo.value).endswith(
        "\n  - {'Body': b'x', 'Bucket': 'bkt', 'Key': 'out.csv'}"
        "\n  + {'Body': b'x', 'Bucket': 'bkt', 'Key': 'in.csv'}"
        "\nSee https://awsmock.readthedocs.io/en/v0.3.0/errors.html#paramsmismatcherror"
    )


def test_match_params_callable_must_return_a_dict(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    _record_list_buckets(path)
    with pytest.raises(CassetteError) as excinfo:
        patch_boto3(cassette=path, match_params=lambda params: None).start()
    assert excinfo.value.args == (
        f"Cannot replay {path}, interaction 1: The match_params callable must return"
        " the params dict, got NoneType: None." + LINK,
    )


def test_unused_recorded_responses_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    _record_get(path)
    with pytest.raises(UnusedResponseError) as excinfo, patch_boto3(cassette=path):
        boto3.client("s3").create_bucket(Bucket="bkt")
    assert excinfo.value.args == (
        "1 queued response was not used:\n"
        f"- s3.PutObject, added at {path}, interaction 2\n"
        "Remove them, make sure the code makes those calls, or queue them with required=False."
        f" See https://awsmock.readthedocs.io/en/v0.3.0/errors.html#unusedresponseerror",
    )


def test_replayed_errors_are_the_modeled_exceptions(recorded: Any) -> None:
    path, _, _ = recorded
    interactions = [i for i in _cassette_file.load(str(path)) if i["status"] >= 300]
    assert interactions[0]["response"]["Error"]["Code"] == "NoSuchKey"
    cassette = path.parent / "error.json"
    _cassette_file.write(str(cassette), interactions)
    with patch_boto3(cassette=cassette):
        s3 = boto3.client("s3")
        with pytest.raises(s3.exceptions.NoSuchKey) as excinfo:
            s3.get_object(Bucket="data", Key="missing")
    assert isinstance(excinfo.value, ClientError)
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404


# DynamoDB condition builders


def _table_work(condition_value: str = "a") -> Any:
    from boto3.dynamodb.conditions import Attr, Key

    table = boto3.resource("dynamodb").create_table(
        TableName="t",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    table.put_item(Item={"pk": "a", "n": 1}, ConditionExpression=Attr("x").not_exists())
    return table.query(KeyConditionExpression=Key("pk").eq(condition_value))["Items"]


def test_dynamodb_conditions_record_built_and_replay(tmp_path: Path) -> None:
    from boto3.dynamodb.conditions import Key

    path = tmp_path / "c.json"
    with mock_aws(), patch_boto3(cassette=path):
        live = _table_work()
    interactions = _cassette_file.load(str(path))
    assert interactions[1]["params"] == {
        "ConditionExpression": "attribute_not_exists(#n0)",
        "ExpressionAttributeNames": {"#n0": "x"},
        "Item": {"n": 1, "pk": "a"},
        "TableName": "t",
    }
    assert interactions[2]["params"] == {
        "ExpressionAttributeNames": {"#n0": "pk"},
        "ExpressionAttributeValues": {":v0": "a"},
        "KeyConditionExpression": "#n0 = :v0",
        "TableName": "t",
    }
    with patch_boto3(cassette=path, record_mode="none") as aws:
        replayed = _table_work()
    assert replayed == live == [{"pk": "a", "n": Decimal("1")}]
    # The record keeps what the code passed.
    aws.assert_called_with(
        "dynamodb", "Query", TableName="t", KeyConditionExpression=Key("pk").eq("a")
    )


def test_dynamodb_conditions_that_differ_do_not_match(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    with mock_aws(), patch_boto3(cassette=path):
        _table_work()
    patch = patch_boto3(cassette=path, record_mode="none", verify=False)
    with pytest.raises(ParamsMismatchError) as excinfo, patch:
        _table_work("b")
    assert str(excinfo.value).endswith(
        f" queued at {path}, interaction 3.\n"
        "Differences (- expected, + actual):\n"
        "    {'ExpressionAttributeNames': {'#n0': 'pk'},\n"
        "  -  'ExpressionAttributeValues': {':v0': 'a'},\n"
        "  +  'ExpressionAttributeValues': {':v0': 'b'},\n"
        "     'KeyConditionExpression': '#n0 = :v0',\n"
        "     'TableName': 't'}\n"
        "See https://awsmock.readthedocs.io/en/v0.3.0/errors.html#paramsmismatcherror"
    )


def test_dynamodb_conditions_with_a_match_params_callable(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    with mock_aws(), patch_boto3(cassette=path):
        _table_work()

    def any_table(params: Dict[str, Any]) -> Dict[str, Any]:
        params["TableName"] = ANY
        return params

    with patch_boto3(cassette=path, record_mode="none", match_params=any_table):
        assert _table_work() == [{"pk": "a", "n": Decimal("1")}]


# concurrent calls: multipart transfers replay in any order

MB = 1024 * 1024
BIG = b"0123456789abcdef" * (12 * MB // 16)  # three parts of 5 MB, 5 MB and 2 MB


def _transfer(chunksize: int = 5 * MB, concurrency: int = 4) -> TransferConfig:
    return TransferConfig(
        multipart_threshold=5 * MB, multipart_chunksize=chunksize, max_concurrency=concurrency
    )


def _part(operation: str, params: Dict[str, Any]) -> int:
    if operation == "UploadPart":
        return int(params["PartNumber"])
    start = int(params["Range"].split("=")[1].split("-")[0])
    return start // (5 * MB) + 1


class _InOrder:
    """Makes the worker threads' calls of ``operation`` take their responses in ``order``.

    Each call waits in a before-parameter-build handler for its part's turn;
    the after-call handler (emitted once the call took its response) passes
    the turn on.
    """

    def __init__(self, operation: str, order: List[int]) -> None:
        self.operation = operation
        self.order = order
        self.turn = 0
        self.condition = threading.Condition()

    def install(self, s3: Any) -> None:
        s3.meta.events.register(f"before-parameter-build.s3.{self.operation}", self.enter)
        s3.meta.events.register(f"after-call.s3.{self.operation}", self.leave)

    def enter(self, params: Dict[str, Any], **kwargs: Any) -> None:
        part = _part(self.operation, params)
        with self.condition:
            # The timeout only keeps a broken run from hanging.
            self.condition.wait_for(lambda: self.order[self.turn] == part, timeout=30)

    def leave(self, **kwargs: Any) -> None:
        with self.condition:
            self.turn = min(self.turn + 1, len(self.order) - 1)
            self.condition.notify_all()


def _upload_and_download(folder: Path, config: TransferConfig, *orders: _InOrder) -> bytes:
    source, target = folder / "in.bin", folder / "out.bin"
    source.write_bytes(BIG)
    s3 = boto3.client("s3")
    for order in orders:
        order.install(s3)
    s3.create_bucket(Bucket="bkt")
    s3.upload_file(str(source), "bkt", "big", Config=config)
    s3.download_file("bkt", "big", str(target), Config=config)
    return target.read_bytes()


@pytest.fixture(scope="module")
def multipart(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A multipart upload and a multipart download, recorded once against moto."""
    folder = tmp_path_factory.mktemp("multipart")
    path = folder / "multipart.json"
    with mock_aws(), patch_boto3(cassette=path):
        assert _upload_and_download(folder, _transfer()) == BIG
    return path


def test_multipart_transfers_are_recorded(multipart: Path) -> None:
    interactions = json.loads(multipart.read_text())["interactions"]
    parts = [i for i in interactions if i["operation"] in ("UploadPart", "GetObject")]
    assert sorted((i["operation"], _part(i["operation"], i["params"])) for i in parts) == [
        ("GetObject", 1),
        ("GetObject", 2),
        ("GetObject", 3),
        ("UploadPart", 1),
        ("UploadPart", 2),
        ("UploadPart", 3),
    ]
    # Part bodies are file chunks: stored as streams, replayed as ANY.
    bodies = [i["params"]["Body"] for i in parts if i["operation"] == "UploadPart"]
    assert bodies == [{"$stream": "ReadFileChunk"}] * 3


@pytest.mark.parametrize("order", [[3, 2, 1], [2, 3, 1], [1, 3, 2], [1, 2, 3]])
def test_multipart_transfers_replay_whatever_order_the_threads_call_in(
    multipart: Path, tmp_path: Path, order: List[int]
) -> None:
    uploads, downloads = _InOrder("UploadPart", order), _InOrder("GetObject", order)
    with patch_boto3(cassette=multipart) as aws:
        assert _upload_and_download(tmp_path, _transfer(), uploads, downloads) == BIG
    for operation in ("UploadPart", "GetObject"):
        taken = [_part(operation, c.params) for c in aws.calls_for("s3", operation)]
        assert taken == order
    aws.assert_all_responses_used()


def test_multipart_transfers_replay_again_and_again(multipart: Path, tmp_path: Path) -> None:
    for run in range(3):
        folder = tmp_path / str(run)
        folder.mkdir()
        with patch_boto3(cassette=multipart):
            assert _upload_and_download(folder, _transfer(concurrency=4 + run)) == BIG


def test_calls_with_the_same_params_replay_in_recorded_order(tmp_path: Path) -> None:
    path = tmp_path / "c.json"

    def poll() -> List[str]:
        sqs = boto3.client("sqs")
        url = sqs.create_queue(QueueName="jobs")["QueueUrl"]
        bodies = []
        for body in ("first", "second"):
            sqs.send_message(QueueUrl=url, MessageBody=body)
            message = sqs.receive_message(QueueUrl=url)["Messages"][0]
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
            bodies.append(message["Body"])
        return bodies

    with mock_aws(), patch_boto3(cassette=path):
        assert poll() == ["first", "second"]
    with patch_boto3(cassette=path):
        assert poll() == ["first", "second"]


def test_a_changed_part_still_fails_with_a_params_diff(multipart: Path, tmp_path: Path) -> None:
    source, target = tmp_path / "in.bin", tmp_path / "out.bin"
    source.write_bytes(BIG)
    with patch_boto3(cassette=multipart, verify=False):
        s3 = boto3.client("s3")
        s3.create_bucket(Bucket="bkt")
        s3.upload_file(str(source), "bkt", "big", Config=_transfer())
        with pytest.raises(ParamsMismatchError) as excinfo:
            # 6 MB parts: the first range is not one that was recorded.
            s3.download_file("bkt", "big", str(target), Config=_transfer(6 * MB, 1))
    # The closest recorded part is the diff's left side: Range alone differs.
    interactions = json.loads(multipart.read_text())["interactions"]
    first = next(
        n for n, i in enumerate(interactions, 1) if i["params"].get("Range") == "bytes=0-5242879"
    )
    # s3transfer 0.11+ pins the object's ETag on ranged gets; older ones do not.
    etag = interactions[first - 1]["params"].get("IfMatch")
    if etag is None:
        call_args = "Bucket='bkt', Key='big', Range='bytes=0-6291455'"
        diff = (
            "  - {'Bucket': 'bkt', 'Key': 'big', 'Range': 'bytes=0-5242879'}\n"
            "  + {'Bucket': 'bkt', 'Key': 'big', 'Range': 'bytes=0-6291455'}\n"
        )
    else:
        call_args = f"Bucket='bkt', Key='big', Range='bytes=0-6291455', IfMatch='{etag}'"
        diff = (
            "    {'Bucket': 'bkt',\n"
            f"     'IfMatch': '{etag}',\n"
            "     'Key': 'big',\n"
            "  -  'Range': 'bytes=0-5242879'}\n"
            "  +  'Range': 'bytes=0-6291455'}\n"
        )
    assert excinfo.value.args == (
        f"s3.GetObject({call_args}) does not match the expected_params of the response"
        f" queued at {multipart}, interaction {first}.\n"
        f"Differences (- expected, + actual):\n{diff}"
        "See https://awsmock.readthedocs.io/en/v0.3.0/errors.html#paramsmismatcherror",
    )


# secrets and before_record


def test_before_record_can_redact_more_and_drop_calls(tmp_path: Path) -> None:
    path = tmp_path / "c.json"

    def scrub(interaction: Dict[str, Any]) -> Any:
        if interaction["operation"] == "ListBuckets":
            return None
        interaction["params"]["Bucket"] = "bucket"
        interaction["response"].pop("ResponseMetadata", None)
        return interaction

    with mock_aws(), patch_boto3(cassette=path, before_record=scrub):
        s3 = boto3.client("s3")
        s3.list_buckets()
        s3.create_bucket(Bucket="customer-42")
    (only,) = _cassette_file.load(str(path))
    assert only["params"] == {"Bucket": "bucket"}
    assert "customer-42" not in json.dumps(only["params"])
    assert "ResponseMetadata" not in only["response"]


def test_before_record_returning_garbage_fails_the_test(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    patch = patch_boto3(cassette=path, before_record=lambda interaction: "nope")
    with pytest.raises(CassetteError) as excinfo, mock_aws(), patch:
        boto3.client("s3").list_buckets()
    assert excinfo.value.args == (
        f"Cannot record s3.ListBuckets into {path}: before_record must return the"
        " interaction dict, or None to leave the call out; it returned str." + LINK,
    )
    assert not path.exists()


def test_before_record_raising_is_reported_as_the_hooks_error(tmp_path: Path) -> None:
    path = tmp_path / "c.json"

    def scrub(interaction: Dict[str, Any]) -> Dict[str, Any]:
        raise KeyError("Bucket")

    with (
        pytest.raises(CassetteError) as excinfo,
        mock_aws(),
        patch_boto3(cassette=path, before_record=scrub),
    ):
        assert boto3.client("s3").list_buckets()["Buckets"] == []
    assert excinfo.value.args == (
        f"before_record raised KeyError while recording s3.ListBuckets into {path}: 'Bucket'."
        + LINK,
    )
    assert isinstance(excinfo.value.__cause__, KeyError)
    assert not path.exists()


def test_recording_problems_fail_the_test_even_with_verify_off(tmp_path: Path) -> None:
    path = tmp_path / "c.json"

    def add_junk(interaction: Dict[str, Any]) -> Dict[str, Any]:
        interaction["response"]["junk"] = object
        return interaction

    patch = patch_boto3(cassette=path, before_record=add_junk)
    with pytest.raises(CassetteError) as excinfo, mock_aws(), patch:
        boto3.client("s3").list_buckets()
    assert excinfo.value.args == (
        f"Cannot record s3.ListBuckets into {path}: cannot store a type value"
        " (<class 'object'>) in a cassette." + LINK,
    )
    with mock_aws(), patch_boto3(cassette=path, before_record=add_junk, verify=False):
        boto3.client("s3").list_buckets()
    assert not path.exists()


def test_sensitive_members_and_secret_names_are_redacted() -> None:
    from awsmock._model import models as _models

    info = _models.operation_info("secretsmanager", "PutSecretValue")
    params = {"SecretId": "db", "SecretBinary": b"\x00key", "ClientRequestToken": "t" * 32}
    assert _redact.redact(params, info.model.input_shape, params=True) == {
        "SecretId": "db",
        "SecretBinary": "<redacted>",
        "ClientRequestToken": "t" * 32,
    }
    headers = {"Authorization": "AWS4 abc", "x-amz-security-token": "tok", "NextToken": "n"}
    assert _redact.redact({"HTTPHeaders": headers}, None) == {
        "HTTPHeaders": {
            "Authorization": "<redacted>",
            "x-amz-security-token": "<redacted>",
            "NextToken": "n",
        }
    }
    assert _redact.placeholder({"S": "pw", "N": 3, "B": b"x", "L": [True, None]}) == {
        "S": "<redacted>",
        "N": 0,
        "B": b"<redacted>",
        "L": [False, None],
    }


def test_secret_names_redact_text_but_keep_numbers_and_flags(tmp_path: Path) -> None:
    # "Password" in a name marks text as secret, not a policy's numbers and
    # flags: replay must give the code the recorded policy.
    cassette = tmp_path / "c.json"
    policy = {"MinimumPasswordLength": 12, "RequireSymbols": True}
    with mock_aws(), patch_boto3(cassette=cassette):
        iam = boto3.client("iam")
        iam.update_account_password_policy(**policy)
        live = iam.get_account_password_policy()["PasswordPolicy"]
    with patch_boto3(cassette=cassette, record_mode="none") as aws:
        iam = boto3.client("iam")
        iam.update_account_password_policy(**policy)
        replayed = iam.get_account_password_policy()["PasswordPolicy"]
    assert replayed == live
    assert replayed["MinimumPasswordLength"] == 12 and replayed["RequireSymbols"] is True
    with pytest.raises(ParamsMismatchError), patch_boto3(cassette=cassette, record_mode="none"):
        boto3.client("iam").update_account_password_policy(MinimumPasswordLength=8)
    aws.assert_called_once_with("iam", "UpdateAccountPasswordPolicy", **policy)


def _invoke_lambda(payload: Dict[str, Any]) -> Any:
    import zipfile

    code = io.BytesIO()
    with zipfile.ZipFile(code, "w") as archive:
        archive.writestr("f.py", "def handler(event, context):\n    return event\n")
    role = boto3.client("iam").create_role(RoleName="r", AssumeRolePolicyDocument="{}")
    functions = boto3.client("lambda")
    functions.create_function(
        FunctionName="echo",
        Runtime="python3.12",
        Role=role["Role"]["Arn"],
        Handler="f.handler",
        Code={"ZipFile": code.getvalue()},
    )
    answer = functions.invoke(FunctionName="echo", Payload=json.dumps(payload))
    return json.loads(answer["Payload"].read())


def test_json_payloads_keep_their_data_and_lose_their_secrets(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    payload = {"user": "ann", "Password": "hunter2", "retries": 3}
    # moto's Lambda without docker answers with the payload it was sent.
    with mock_aws(config={"lambda": {"use_docker": False}}), patch_boto3(cassette=path):
        assert _invoke_lambda(payload) == payload
    assert "hunter2" not in path.read_text()
    (invoke,) = [i for i in _cassette_file.load(str(path)) if i["operation"] == "Invoke"]
    assert invoke["params"]["Payload"] == "<redacted>"  # a secret inside: matched as ANY
    assert json.loads(invoke["response"]["Payload"]["$bytes"]) == {
        "user": "ann",
        "Password": "<redacted>",
        "retries": 3,
    }
    with patch_boto3(cassette=path, record_mode="none"):
        assert _invoke_lambda(payload) == {"user": "ann", "Password": "<redacted>", "retries": 3}


def test_payloads_without_secrets_are_kept_and_matched(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    with mock_aws(config={"lambda": {"use_docker": False}}), patch_boto3(cassette=path):
        _invoke_lambda({"n": 1})
    (invoke,) = [i for i in _cassette_file.load(str(path)) if i["operation"] == "Invoke"]
    assert invoke["params"]["Payload"] == '{"n": 1}'
    with patch_boto3(cassette=path, record_mode="none"):
        assert _invoke_lambda({"n": 1}) == {"n": 1}
    with pytest.raises(ParamsMismatchError), patch_boto3(cassette=path, record_mode="none"):
        _invoke_lambda({"n": 2})


def test_payload_redaction() -> None:
    from awsmock._model import models as _models

    output = _models.operation_info("lambda", "Invoke").model.output_shape
    body = _models.operation_info("s3", "GetObject").model.output_shape
    assert _redact.redact({"Payload": b"not json"}, output) == {"Payload": b"<redacted>"}
    assert _redact.redact({"Payload": b'[{"token": 1, "SecretString": "s"}]'}, output) == {
        "Payload": b'[{"token": 1, "SecretString": "<redacted>"}]'
    }
    assert _redact.redact({"Payload": b'{"a":  1}'}, output) == {"Payload": b'{"a":  1}'}
    assert _redact.redact({"Body": b"password=x"}, body) == {"Body": b"password=x"}
    assert _redact.redact({"Body": b'{"password": "x"}'}, body) == {
        "Body": b'{"password": "<redacted>"}'
    }


def test_secret_names_redact_every_string_beneath_them() -> None:
    item = {"password": {"S": "hunter2"}, "PasswordLastUsed": None, "Tries": 3}
    assert _redact.redact({"Item": item}, None) == {
        "Item": {"password": {"S": "<redacted>"}, "PasswordLastUsed": None, "Tries": 3}
    }
    assert _redact.redact({"Item": item}, None, params=True) == {
        "Item": {"password": {"S": "<redacted>"}, "PasswordLastUsed": None, "Tries": 3}
    }
    assert _redact.redact({"PasswordReusePrevention": 5, "PasswordData": "x"}, None) == {
        "PasswordReusePrevention": 5,
        "PasswordData": "<redacted>",
    }


# corrupt files


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (
            "{not json",
            "is corrupt: it is not valid JSON (Expecting property name enclosed in"
            " double quotes: line 1 column 2 (char 1)).",
        ),
        ('{"interactions": []}', None),
        (
            '{"awsmock_cassette": 99, "interactions": []}',
            "has format version 99; this awsmock"
            " reads version 1. Upgrade awsmock, or record the cassette again.",
        ),
        ('{"awsmock_cassette": 1}', "is corrupt: 'interactions' must be a list."),
        (
            '{"awsmock_cassette": 1, "interactions": [{"service": "s3"}]}',
            "is corrupt: interaction 1 needs 'operation' (str), got None.",
        ),
        (
            '{"awsmock_cassette": 1, "interactions": [{"service": "s3", "operation": "GetObject",'
            ' "status": 500, "response": {}}]}',
            "is corrupt: interaction 1 has status 500 but no 'Error' in its response.",
        ),
    ],
)
def test_corrupt_cassettes_name_the_file_and_the_problem(
    tmp_path: Path, text: str, problem: Any
) -> None:
    path = tmp_path / "c.json"
    path.write_text(text)
    with pytest.raises(CassetteError) as excinfo:
        patch_boto3(cassette=path).start()
    if problem is None:
        expected = f"{path} is not an awsmock cassette: it has no 'awsmock_cassette' version key."
    else:
        expected = f"Cassette {path} {problem}"
    assert excinfo.value.args == (expected + LINK,)


def _one_interaction(path: Path, **changes: Any) -> None:
    item = {
        "service": "s3",
        "operation": "GetObject",
        "params": {"Bucket": "b", "Key": "k"},
        "status": 200,
        "response": {"Body": {"$bytes": "x"}},
    }
    item.update(changes)
    path.write_text(json.dumps({"awsmock_cassette": 1, "interactions": [item]}))


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        (
            {"response": {"LastModified": {"$datetime": "yesterday"}}},
            "has a bad value at response.LastModified: $datetime holds an ISO 8601 date and"
            " time, got 'yesterday'",
        ),
        (
            {"params": {"Bucket": "b", "Key": "k", "SSECustomerKey": {"$base64": "!!"}}},
            "has a bad value at params.SSECustomerKey: $base64 holds base64 data, got '!!'",
        ),
        (
            {"response": {"Metadata": {"n": [{"$decimal": "1,5"}]}}},
            "has a bad value at response.Metadata.n[0]: $decimal holds a number, got '1,5'",
        ),
        (
            {"response": {"TagSet": {"$set": [{"Key": "a"}]}}},
            "has a bad value at response.TagSet: $set holds strings, numbers or bytes,"
            " got [{'Key': 'a'}]",
        ),
        (
            {"response": {"Body": {"$bytes": 7}}},
            "has a bad value at response.Body: $bytes holds a string, got 7",
        ),
        ({"status": 99}, "has status 99, which is not an HTTP status (100-599)"),
        ({"status": "200"}, "needs 'status' (int), got '200'"),
        ({"status": True}, "needs 'status' (int), got True"),
        (
            {"response": {"ResponseMetadata": {"HTTPStatusCode": 404}}},
            "has ResponseMetadata.HTTPStatusCode 404 but status 200; remove one",
        ),
        (
            {"response": {"ResponseMetadata": "x"}},
            "has a 'ResponseMetadata' that is not an object: 'x'",
        ),
    ],
)
def test_bad_values_name_the_file_the_interaction_and_the_place(
    tmp_path: Path, changes: Dict[str, Any], problem: str
) -> None:
    path = tmp_path / "c.json"
    _one_interaction(path, **changes)
    with pytest.raises(CassetteError) as excinfo:
        patch_boto3(cassette=path).start()
    assert excinfo.value.args == (f"Cassette {path} is corrupt: interaction 1 {problem}." + LINK,)


@pytest.mark.parametrize("version", ['"1"', "1.0", "true", "null"])
def test_the_version_must_be_an_int(tmp_path: Path, version: str) -> None:
    path = tmp_path / "c.json"
    path.write_text(f'{{"awsmock_cassette": {version}, "interactions": []}}')
    with pytest.raises(CassetteError) as excinfo:
        patch_boto3(cassette=path).start()
    shown = repr(json.loads(version))
    assert excinfo.value.args == (
        f"Cassette {path} is corrupt: its 'awsmock_cassette' version must be a whole number"
        f" such as 1, got {shown}." + LINK,
    )


def test_deeply_nested_files_are_corrupt_not_a_recursion_error(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    deep = "[" * 10_000 + "]" * 10_000
    path.write_text(f'{{"awsmock_cassette": 1, "interactions": {deep}}}')
    with pytest.raises(CassetteError) as excinfo:
        patch_boto3(cassette=path).start()
    assert excinfo.value.args == (
        f"Cassette {path} is corrupt: its values nest too deeply to read"
        " (10001 levels at line 1, column 10040)." + LINK,
    )


def test_nesting_that_json_reads_but_decoding_cannot(tmp_path: Path) -> None:
    import sys

    path = tmp_path / "c.json"
    # Decoding takes two frames per nested object; reading JSON takes one.
    depth = sys.getrecursionlimit() * 2 // 3
    _one_interaction(path, response={"Metadata": json.loads('{"a": ' * depth + "1" + "}" * depth)})
    with pytest.raises(CassetteError) as excinfo:
        patch_boto3(cassette=path).start()
    assert excinfo.value.args == (
        f"Cassette {path} is corrupt: interaction 1 has a bad value at response:"
        " values nest too deeply to decode." + LINK,
    )


def test_unknown_operations_and_bad_responses_name_the_interaction(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    item = {"service": "s3", "operation": "GetObjekt", "status": 200, "response": {}}
    _cassette_file.write(str(path), [item])
    with pytest.raises(CassetteError) as excinfo:
        patch_boto3(cassette=path).start()
    assert str(excinfo.value).startswith(
        f"Cannot replay {path}, interaction 1: Unknown operation 'GetObjekt' for service 's3'."
    )
    item = {"service": "s3", "operation": "ListBuckets", "status": 200, "response": {"Bukets": []}}
    _cassette_file.write(str(path), [item])
    with pytest.raises(CassetteError) as excinfo:
        patch_boto3(cassette=path).start()
    assert str(excinfo.value).startswith(
        f"Cannot replay {path}, interaction 1: unknown key 'Bukets'."
    )


# the value codec


@pytest.mark.parametrize(
    "value",
    [
        b"text",
        b"\xff\x00",
        datetime.datetime(2024, 5, 1, 12, 30, tzinfo=datetime.timezone.utc),
        datetime.datetime(2024, 5, 1, 12, 30),
        Decimal("1.10"),
        {"a", "b"},
        (1, "x"),
        {"$dict": 1},
        {"$only": "key"},
        [{"nested": [b"x"]}],
    ],
)
def test_values_round_trip(value: Any) -> None:
    text = json.dumps(_cassette_file.encode(value))
    assert _cassette_file.decode(json.loads(text)) == value


def test_unknown_values_cannot_be_stored() -> None:
    with pytest.raises(TypeError) as excinfo:
        _cassette_file.encode({"x": object})
    assert str(excinfo.value).startswith("cannot store a type value (<class 'object'>)")
    with pytest.raises(ValueError, match=r"unknown value tag '\$what'"):
        _cassette_file.decode({"$what": 1})


# placebo data directories


def test_a_placebo_directory_replays(tmp_path: Path) -> None:
    with patch_boto3(cassette=PLACEBO_DIR) as aws:
        s3 = boto3.client("s3")
        buckets = s3.list_buckets()["Buckets"]
        body = s3.get_object(Bucket="bkt", Key="k")["Body"].read()
        with pytest.raises(s3.exceptions.NoSuchKey):
            s3.get_object(Bucket="bkt", Key="missing.csv")
        metrics = boto3.client("cloudwatch").list_metrics()["Metrics"]
    assert buckets == [
        {
            "Name": "reports",
            "CreationDate": datetime.datetime(2021, 3, 4, 5, 6, 7, tzinfo=datetime.timezone.utc),
        }
    ]
    assert body == b"a,b\n1,2\n"
    assert metrics[0]["MetricName"] == "Uploads"
    assert aws.call_count() == 4


def test_a_placebo_directory_is_not_recorded_into() -> None:
    with pytest.raises(CassetteError) as excinfo:
        patch_boto3(cassette=PLACEBO_DIR, record_mode="all").start()
    assert excinfo.value.args == (
        f"{PLACEBO_DIR} is a placebo data directory: awsmock replays it but does not record"
        f" into it (record_mode 'all'). Convert it with 'python -m awsmock cassette"
        f" import-placebo {PLACEBO_DIR} OUT.json'." + LINK,
    )


def test_placebo_file_names_with_prefixes_and_shared_endpoint_prefixes(tmp_path: Path) -> None:
    data = {"LoadBalancers": [{"LoadBalancerName": "web"}]}
    (tmp_path / "mytest.elasticloadbalancing.DescribeLoadBalancers_1.json").write_text(
        json.dumps({"status_code": 200, "data": data})
    )
    (tmp_path / "notes.txt").write_text("ignored")
    with patch_boto3(cassette=tmp_path):
        got = boto3.client("elbv2").describe_load_balancers()
    assert got["LoadBalancers"] == [{"LoadBalancerName": "web"}]


def test_bad_placebo_directories(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Skip the slow scan of every botocore model for unknown endpoint prefixes.
    monkeypatch.setattr(_placebo, "_scanned", {"monitoring": ["cloudwatch"]})
    with pytest.raises(CassetteError) as excinfo:
        patch_boto3(cassette=tmp_path).start()
    assert excinfo.value.args == (
        f"{tmp_path} is a directory without placebo responses"
        " ({endpoint_prefix}.{Operation}_{N}.json files)." + LINK,
    )
    bad = tmp_path / "s3.ListBuckets_1.json"
    bad.write_text('{"status_code": 200, "data": {"x": {"__class__": "Decimal"}}}')
    with pytest.raises(CassetteError) as excinfo:
        patch_boto3(cassette=tmp_path).start()
    assert excinfo.value.args == (
        f"Cannot read placebo response {bad}: unsupported placebo value of class 'Decimal'."
        + LINK,
    )
    bad.write_text("[]")
    with pytest.raises(CassetteError) as excinfo:
        patch_boto3(cassette=tmp_path).start()
    assert excinfo.value.args == (
        f'{bad} is not a placebo response: expected {{"status_code": ..., "data": {{...}}}}.'
        + LINK,
    )
    bad.unlink()
    (tmp_path / "nosuchprefix.ListBuckets_1.json").write_text('{"status_code": 200, "data": {}}')
    with pytest.raises(CassetteError) as excinfo:
        patch_boto3(cassette=tmp_path).start()
    assert excinfo.value.args == (
        f"{tmp_path / 'nosuchprefix.ListBuckets_1.json'}: no botocore service has the endpoint"
        " prefix in 'nosuchprefix' and an operation 'ListBuckets'." + LINK,
    )


def test_cassette_repr(tmp_path: Path) -> None:
    options = Options.create({"cassette": tmp_path / "c.json"})
    assert repr(Cassette(options)) == f"<Cassette {str(tmp_path / 'c.json')!r} once replaying>"


# other backends and odd values


def test_records_from_a_backend_that_answers_in_before_call(tmp_path: Path) -> None:
    """botocore's Stubber answers without sending: the response itself is recorded."""
    from botocore.stub import Stubber

    path = tmp_path / "c.json"
    with patch_boto3(cassette=path):
        s3 = boto3.client("s3")
        with Stubber(s3) as stubber:
            stubber.add_response("get_object", {"Body": io.BytesIO(b"stubbed")})
            assert s3.get_object(Bucket="bkt", Key="k")["Body"].read() == b"stubbed"
    (item,) = _cassette_file.load(str(path))
    assert item["response"]["Body"] == {"$bytes": "stubbed"}


def test_network_faults_are_not_recorded(tmp_path: Path) -> None:
    from botocore.exceptions import EndpointConnectionError

    def fail(**kwargs: Any) -> None:
        raise EndpointConnectionError(endpoint_url="https://s3.amazonaws.com")

    path = tmp_path / "c.json"
    with mock_aws(), patch_boto3(cassette=path):
        s3 = boto3.client("s3")
        s3.meta.events.register("before-call.s3.ListBuckets", fail)
        with pytest.raises(EndpointConnectionError):
            s3.list_buckets()
        s3.create_bucket(Bucket="bkt")
    assert [i["operation"] for i in _cassette_file.load(str(path))] == ["CreateBucket"]


def test_before_record_must_keep_the_interaction_valid(tmp_path: Path) -> None:
    path = tmp_path / "c.json"

    def break_it(interaction: Dict[str, Any]) -> Dict[str, Any]:
        del interaction["status"]
        return interaction

    patch = patch_boto3(cassette=path, before_record=break_it)
    with pytest.raises(CassetteError) as excinfo, mock_aws(), patch:
        boto3.client("s3").list_buckets()
    assert str(excinfo.value).endswith(
        "before_record returned an interaction that needs 'status' (int), got None." + LINK
    )


@pytest.mark.parametrize(
    ("value", "encoded"),
    [
        (b"a\x00b", {"$base64": "YQBi"}),
        (b"line\n", {"$bytes": "line\n"}),
        (frozenset({1}), {"$set": [1]}),
    ],
)
def test_encodings(value: Any, encoded: Any) -> None:
    assert _cassette_file.encode(value) == encoded


def test_dynamodb_binary_round_trips() -> None:
    from boto3.dynamodb.types import Binary

    encoded = _cassette_file.encode(Binary(b"\x01"))
    assert encoded == {"$binary": {"$base64": "AQ=="}}
    assert _cassette_file.decode(encoded) == Binary(b"\x01")


def test_non_string_keys_cannot_be_stored() -> None:
    with pytest.raises(TypeError) as excinfo:
        _cassette_file.encode({1: "x"})
    assert excinfo.value.args == ("cannot store the non-string key 1 in a cassette",)


def test_interactions_must_be_objects(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text('{"awsmock_cassette": 1, "interactions": [[]]}')
    with pytest.raises(CassetteError) as excinfo:
        patch_boto3(cassette=path).start()
    assert excinfo.value.args == (
        f"Cassette {path} is corrupt: interaction 1 is list, not an object." + LINK,
    )


def test_placebo_hashed_file_names(tmp_path: Path) -> None:
    name = f"sqs.ListQueues.{'ab' * 32}_1.json"
    data = {"QueueUrls": ["https://q"]}
    (tmp_path / name).write_text(json.dumps({"status_code": 200, "data": data}))
    with patch_boto3(cassette=tmp_path):
        assert boto3.client("sqs").list_queues()["QueueUrls"] == ["https://q"]


# relative cassette paths

RELATIVE = """
import boto3
import pytest
from moto import mock_aws

from awsmock import patch_boto3


def test_with():
    with mock_aws(), patch_boto3(cassette="cassettes/with.json"):
        boto3.client("s3").create_bucket(Bucket="with")


@patch_boto3(cassette="cassettes/decorated.json")
def test_decorated(aws):
    with mock_aws():
        boto3.client("s3").create_bucket(Bucket="decorated")


@pytest.mark.awsmock(cassette="cassettes/marked.json")
def test_marked(awsmock):
    with mock_aws():
        boto3.client("s3").create_bucket(Bucket="marked")

"""


def test_relative_paths_are_the_test_files_not_the_working_directorys(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    tests = pytester.mkdir("suite")
    test_file = tests / "test_relative.py"
    test_file.write_text(RELATIVE)
    elsewhere = pytester.mkdir("elsewhere")
    monkeypatch.chdir(elsewhere)
    pytester.runpytest_inprocess(str(test_file), "-p", "no:randomly").assert_outcomes(passed=3)
    names = ["decorated.json", "marked.json", "with.json"]
    assert sorted(p.name for p in (tests / "cassettes").iterdir()) == names
    assert list(elsewhere.iterdir()) == []
    # Replayed from another directory again, moto off: record_mode "none"
    # fails on a cassette it cannot find.
    monkeypatch.setenv(RECORD_MODE_VARIABLE, "none")
    test_file.write_text(
        RELATIVE.replace("with mock_aws():", "if True:").replace("mock_aws(), ", "")
    )
    monkeypatch.chdir(pytester.path)
    pytester.runpytest_inprocess(str(test_file), "-p", "no:randomly").assert_outcomes(passed=3)


def test_relative_paths_outside_a_file_are_the_working_directorys(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    namespace: Dict[str, Any] = {"patch_boto3": patch_boto3}
    exec("aws = patch_boto3(cassette='c.json')", namespace)
    assert namespace["aws"].options["cassette"] == str(tmp_path / "c.json")


def test_relative_paths_in_a_testcase_are_its_files() -> None:
    from awsmock import AwsMockTestCase

    class Recorded(AwsMockTestCase):
        awsmock_options: ClassVar[Dict[str, Any]] = {"cassette": "cassettes/c.json"}

    options = Recorded._awsmock_resolved_options()
    assert options["cassette"] == str(Path(__file__).parent / "cassettes" / "c.json")


def test_absolute_paths_stay(tmp_path: Path) -> None:
    assert patch_boto3(cassette=tmp_path / "c.json").options["cassette"] == str(tmp_path / "c.json")
    relative = patch_boto3(cassette="c.json").options["cassette"]
    assert relative == str(Path(__file__).parent / "c.json")


@pytest.mark.parametrize("path", ["", b"c.json", 3])
def test_the_cassette_must_be_a_path(path: Any) -> None:
    with pytest.raises(TypeError) as excinfo:
        patch_boto3(cassette=path)
    assert excinfo.value.args == (f"patch_boto3(): cassette must be a file path, got {path!r}.",)


# bad input from hooks and placebo files


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (
            lambda i: i.pop("response"),
            "before_record returned an interaction that needs 'response' (dict), got None",
        ),
        (
            lambda i: i.update(Params={}),
            "before_record returned an interaction with unknown keys ['Params']; it has"
            " 'service', 'operation', 'params', 'status', 'response'",
        ),
        (
            lambda i: i.update(operation="ListBukets"),
            "before_record returned an interaction that names an unknown operation: Unknown"
            " operation 'ListBukets' for service 's3'.",
        ),
        (
            lambda i: i.update(status=99),
            "before_record returned an interaction that has status 99, which is not an HTTP"
            " status (100-599)",
        ),
    ],
)
def test_before_record_results_are_checked(tmp_path: Path, change: Any, problem: str) -> None:
    path = tmp_path / "c.json"

    def hook(interaction: Dict[str, Any]) -> Dict[str, Any]:
        change(interaction)
        return interaction

    with (
        pytest.raises(CassetteError) as excinfo,
        mock_aws(),
        patch_boto3(cassette=path, before_record=hook),
    ):
        boto3.client("s3").list_buckets()
    assert excinfo.value.args[0].startswith(f"Cannot record s3.ListBuckets into {path}: {problem}")
    assert not path.exists()


def test_a_match_params_callable_that_raises_names_the_interaction(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    _record_get(path)

    def by_key(params: Dict[str, Any]) -> Dict[str, Any]:
        return {"Key": params["Key"]}

    with pytest.raises(CassetteError) as excinfo:
        patch_boto3(cassette=path, match_params=by_key).start()
    assert excinfo.value.args == (
        f"Cannot replay {path}, interaction 1: the match_params callable raised KeyError: 'Key'."
        + LINK,
    )
    assert isinstance(excinfo.value.__cause__, KeyError)


def test_a_match_params_callable_that_raises_on_a_call_fails_the_test(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    _record_get(path)

    def strict_key(params: Dict[str, Any]) -> Dict[str, Any]:
        if params.get("Key", "k") != "k":
            raise LookupError("unexpected key")
        return params

    with (
        pytest.raises(CassetteError) as excinfo,
        patch_boto3(cassette=path, match_params=strict_key),
    ):
        s3 = boto3.client("s3")
        s3.create_bucket(Bucket="bkt")
        try:
            s3.put_object(Bucket="bkt", Key="other", Body=b"x")
        except Exception:
            pass  # swallowed: still reported when the patch stops
    assert excinfo.value.args == (
        "This error was raised inside the patched block, and the code under test caught it:\n"
        f"Cannot replay {path}, interaction 2: the match_params callable raised LookupError:"
        " unexpected key." + LINK,
    )


def test_a_stream_is_only_a_param(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    _one_interaction(path, response={"Body": {"$stream": "ReadFileChunk"}})
    with pytest.raises(CassetteError) as excinfo:
        patch_boto3(cassette=path).start()
    assert excinfo.value.args == (
        f"Cassette {path} is corrupt: interaction 1 has a bad value at response.Body:"
        " $stream (a file object passed as a param) is only for params." + LINK,
    )


@pytest.mark.parametrize(
    ("saved", "problem"),
    [
        (
            {"status_code": "200", "data": {}},
            "is not a placebo response: its status_code must be an HTTP status (100-599),"
            " got '200'.",
        ),
        (
            {"status_code": 200, "data": {"ResponseMetadata": []}},
            None,
        ),
        (
            {"status_code": 200, "data": {"ResponseMetadata": "x"}},
            "is not a placebo response: its ResponseMetadata is not an object.",
        ),
    ],
)
def test_bad_placebo_values(tmp_path: Path, saved: Dict[str, Any], problem: Any) -> None:
    bad = tmp_path / "s3.ListBuckets_1.json"
    bad.write_text(json.dumps(saved))
    if problem is None:  # an empty ResponseMetadata is none
        with patch_boto3(cassette=tmp_path):
            boto3.client("s3").list_buckets()
        return
    with pytest.raises(CassetteError) as excinfo:
        patch_boto3(cassette=tmp_path).start()
    assert excinfo.value.args == (f"{bad} {problem}" + LINK,)


def test_bad_placebo_datetimes(tmp_path: Path) -> None:
    bad = tmp_path / "s3.ListBuckets_1.json"
    when = {"__class__": "datetime", "year": 2024, "month": 1, "dya": 1}
    bad.write_text(json.dumps({"status_code": 200, "data": {"Buckets": [{"CreationDate": when}]}}))
    with pytest.raises(CassetteError) as excinfo:
        patch_boto3(cassette=tmp_path).start()
    with pytest.raises(TypeError) as raised:
        datetime.datetime(tzinfo=datetime.timezone.utc, year=2024, month=1, dya=1)  # type: ignore[call-arg]
    assert excinfo.value.args == (f"Cannot read placebo response {bad}: {raised.value}." + LINK,)
