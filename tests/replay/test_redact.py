"""Secrets never reach a cassette: by model, by key name, inside JSON text, in headers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict

import boto3
import pytest
from moto import mock_aws

from awsmock import patch_boto3
from awsmock._model import models as _models
from awsmock._replay import file as _cassette_file
from awsmock._replay import redact as _redact
from awsmock.cassette import RECORD_MODE_VARIABLE

SECRETS = {
    "client_secret": "cs-1",
    "access_token": "at-2",
    "refresh_token": "rt-3",
    "token": "t-4",
    "secret": "s-5",
    "apiKey": "ak-6",
}


@pytest.fixture(autouse=True)
def _no_record_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(RECORD_MODE_VARIABLE, raising=False)


@pytest.mark.parametrize(
    "name",
    [
        "client_secret",
        "clientSecret",
        "Client-Secret",
        "access_token",
        "AccessToken",
        "refresh_token",
        "token",
        "secret",
        "apiKey",
        "api_key",
        "X-Api-Key",
        "apiToken",
        "set-cookie",
        "Cookie",
        "authorization",
        "x-amz-security-token",
        "SessionToken",
        "SecretAccessKey",
        "secret_key",
        "credentials",
        "Credential",
        "private_key",
        "db_password",
    ],
)
def test_secret_names(name: str) -> None:
    assert _redact.is_secret_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "NextToken",
        "nextToken",
        "ContinuationToken",
        "NextContinuationToken",
        "NextPageToken",
        "page_token",
        "PaginationToken",
        "StartingToken",
        "nextForwardToken",
        "ClientToken",
        "ClientRequestToken",
        "IdempotencyToken",
        "TokenCount",
        "MaxTokens",
        "AccessKeyId",
        "SecretId",
        "SecretList",
        "Name",
    ],
)
def test_names_that_are_no_secret(name: str) -> None:
    assert not _redact.is_secret_name(name)


def test_json_payload_keys_are_redacted_at_any_depth() -> None:
    output = _models.operation_info("lambda", "Invoke").model.output_shape
    document = {"user": "ann", "auth": {**SECRETS, "expires_in": 3600}, "items": [{"token": "x"}]}
    redacted = _redact.redact({"Payload": json.dumps(document).encode()}, output)
    assert json.loads(redacted["Payload"]) == {
        "user": "ann",
        "auth": {**{k: "<redacted>" for k in SECRETS}, "expires_in": 3600},
        "items": [{"token": "<redacted>"}],
    }


def test_dynamodb_attribute_maps_are_redacted() -> None:
    info = _models.operation_info("dynamodb", "PutItem")
    item = {"id": {"S": "a"}, "apiToken": {"S": "tok"}, "Tokens": {"N": "3"}}
    params = {"TableName": "t", "Item": item}
    assert _redact.redact(params, info.model.input_shape, params=True) == {
        "TableName": "t",
        "Item": {"id": {"S": "a"}, "apiToken": {"S": "<redacted>"}, "Tokens": {"N": "3"}},
    }


def test_sensitive_values_of_a_map_are_redacted() -> None:
    # App Runner marks each environment variable's value sensitive, whatever its name.
    info = _models.operation_info("apprunner", "CreateService")
    variables = {"DB_HOST": "db.internal", "STAGE": "prod"}
    image = {
        "ImageIdentifier": "public.ecr.aws/x/y:latest",
        "ImageRepositoryType": "ECR_PUBLIC",
        "ImageConfiguration": {"RuntimeEnvironmentVariables": variables},
    }
    params = {"ServiceName": "s", "SourceConfiguration": {"ImageRepository": image}}
    redacted = _redact.redact(params, info.model.input_shape, params=True)
    configuration = redacted["SourceConfiguration"]["ImageRepository"]["ImageConfiguration"]
    assert configuration == {
        "RuntimeEnvironmentVariables": {"DB_HOST": "<redacted>", "STAGE": "<redacted>"}
    }
    assert redacted["ServiceName"] == "s"


def test_sensitive_members_of_list_elements_are_redacted() -> None:
    output = _models.operation_info("cognito-idp", "ListUsers").model.output_shape
    users = [
        {"Username": "ann", "Enabled": True, "UserStatus": "CONFIRMED"},
        {"Username": "bob", "Enabled": False, "UserStatus": "CONFIRMED"},
    ]
    assert _redact.redact({"Users": users}, output) == {
        "Users": [
            {"Username": "<redacted>", "Enabled": True, "UserStatus": "CONFIRMED"},
            {"Username": "<redacted>", "Enabled": False, "UserStatus": "CONFIRMED"},
        ]
    }


def test_json_in_string_members_is_redacted_in_responses_and_any_in_params() -> None:
    info = _models.operation_info("sqs", "ReceiveMessage")
    body = json.dumps({"job": 7, "client_secret": "cs", "note": json.dumps({"apiKey": "k"})})
    response = {"Messages": [{"MessageId": "m", "Body": body}]}
    (message,) = _redact.redact(response, info.model.output_shape)["Messages"]
    assert json.loads(message["Body"]) == {
        "job": 7,
        "client_secret": "<redacted>",
        "note": json.dumps({"apiKey": "<redacted>"}),
    }
    send = _models.operation_info("sqs", "SendMessage").model.input_shape
    assert _redact.redact({"QueueUrl": "u", "MessageBody": body}, send, params=True) == {
        "QueueUrl": "u",
        "MessageBody": "<redacted>",
    }
    plain = {"QueueUrl": "u", "MessageBody": '{"job": 7}'}
    assert _redact.redact(plain, send, params=True) == plain


def test_sensitive_json_keeps_its_keys_only() -> None:
    output = _models.operation_info("secretsmanager", "GetSecretValue").model.output_shape
    secret = json.dumps({"username": "admin", "pass": "hunter2", "port": 5432})
    redacted = _redact.redact({"Name": "db", "SecretString": secret}, output)
    assert json.loads(redacted["SecretString"]) == {
        "username": "<redacted>",
        "pass": "<redacted>",
        "port": 0,
    }


def test_headers_are_redacted() -> None:
    headers = {
        "set-cookie": "session=abc",
        "cookie": "a=b",
        "Authorization": "AWS4 x",
        "x-amz-security-token": "tok",
        "content-type": "text/xml",
        "x-amz-request-id": "r",
    }
    assert _redact.redact({"HTTPHeaders": headers}, None) == {
        "HTTPHeaders": {
            "set-cookie": "<redacted>",
            "cookie": "<redacted>",
            "Authorization": "<redacted>",
            "x-amz-security-token": "<redacted>",
            "content-type": "text/xml",
            "x-amz-request-id": "r",
        }
    }


def test_modeled_credentials_keep_what_is_not_secret() -> None:
    output = _models.operation_info("sts", "AssumeRole").model.output_shape
    credentials = {"AccessKeyId": "AKIA", "SecretAccessKey": "sk", "SessionToken": "st"}
    assert _redact.redact({"Credentials": credentials}, output)["Credentials"] == {
        "AccessKeyId": "AKIA",
        "SecretAccessKey": "<redacted>",
        "SessionToken": "<redacted>",
    }
    # Not modeled (a JSON payload): every string beneath the name goes.
    assert _redact._redact_json({"credentials": credentials}) == {
        "credentials": {k: "<redacted>" for k in credentials}
    }


def _answer_with_a_cookie(**kwargs: Any) -> Any:
    class Http:
        status_code = 200

    headers = {"set-cookie": "session=cookie-secret", "x-amz-request-id": "r1"}
    meta = {"HTTPStatusCode": 200, "HTTPHeaders": headers, "RequestId": "r1"}
    return Http(), {"Buckets": [], "ResponseMetadata": meta}


def test_nothing_secret_reaches_a_recorded_file(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    message = json.dumps({"job": 1, **SECRETS})
    with mock_aws(), patch_boto3(cassette=path):
        sqs = boto3.client("sqs")
        url = sqs.create_queue(QueueName="q")["QueueUrl"]
        sqs.send_message(QueueUrl=url, MessageBody=message)
        (received,) = sqs.receive_message(QueueUrl=url)["Messages"]
        assert received["Body"] == message
        table = boto3.resource("dynamodb").create_table(
            TableName="t",
            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
        table.put_item(Item={"id": "a", "apiToken": "api-token-7"})
        assert table.get_item(Key={"id": "a"})["Item"]["apiToken"] == "api-token-7"
        s3 = boto3.client("s3")
        s3.meta.events.register("before-call.s3.ListBuckets", _answer_with_a_cookie)
        s3.list_buckets()
    text = path.read_text()
    for secret in [*SECRETS.values(), "api-token-7", "cookie-secret"]:
        assert secret not in text
    interactions = _cassette_file.load(str(path))
    listing = next(i for i in interactions if i["operation"] == "ListBuckets")
    assert listing["response"]["ResponseMetadata"]["HTTPHeaders"]["set-cookie"] == "<redacted>"
    with patch_boto3(cassette=path, record_mode="none"):
        replayed = _replay(message)
    assert json.loads(replayed["body"]) == {"job": 1, **{k: "<redacted>" for k in SECRETS}}
    assert replayed["item"] == {"id": "a", "apiToken": "<redacted>"}


def _replay(message: str) -> Dict[str, Any]:
    sqs = boto3.client("sqs")
    url = sqs.create_queue(QueueName="q")["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody=message)
    (received,) = sqs.receive_message(QueueUrl=url)["Messages"]
    table = boto3.resource("dynamodb").create_table(
        TableName="t",
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    table.put_item(Item={"id": "a", "apiToken": "api-token-7"})
    item = table.get_item(Key={"id": "a"})["Item"]
    boto3.client("s3").list_buckets()
    return {"body": received["Body"], "item": item}


def test_a_sensitive_member_that_is_no_text_keeps_its_shape_in_responses() -> None:
    info = _models.operation_info("ssm", "GetMaintenanceWindowTask")
    parameters = {"commands": {"Values": ["echo $DB_PASSWORD", "run"]}}
    redacted = _redact.redact({"TaskParameters": parameters}, info.model.output_shape)
    assert redacted == {"TaskParameters": {"commands": {"Values": ["<redacted>", "<redacted>"]}}}
    update = _models.operation_info("ssm", "UpdateMaintenanceWindowTask").model.input_shape
    params = {"WindowId": "w", "WindowTaskId": "t", "TaskParameters": parameters}
    assert _redact.redact(params, update, params=True) == {
        "WindowId": "w",
        "WindowTaskId": "t",
        "TaskParameters": "<redacted>",
    }


def test_params_in_lists_are_redacted_as_params() -> None:
    batch = _models.operation_info("sqs", "SendMessageBatch").model.input_shape
    body = json.dumps({"job": 7, "client_secret": "cs"})
    params = {"QueueUrl": "u", "Entries": [{"Id": "1", "MessageBody": body}]}
    assert _redact.redact(params, batch, params=True) == {
        "QueueUrl": "u",
        "Entries": [{"Id": "1", "MessageBody": "<redacted>"}],
    }


def test_unmodeled_lists_are_redacted_by_key_name() -> None:
    output = _models.operation_info("s3", "ListBuckets").model.output_shape
    response = {"Buckets": [], "Extra": [{"token": "t", "name": "n"}]}
    assert _redact.redact(response, output) == {
        "Buckets": [],
        "Extra": [{"token": "<redacted>", "name": "n"}],
    }


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ('\n  {"token": "t", "n": 1}', {"token": "<redacted>", "n": 1}),
        ('[{"token": "t"}, 2]', [{"token": "<redacted>"}, 2]),
        ('{"api_key": ["a", "b"], "n": [1]}', {"api_key": ["<redacted>", "<redacted>"], "n": [1]}),
        (
            json.dumps({"note": json.dumps({"apiKey": "k", "job": 7})}),
            {"note": json.dumps({"apiKey": "<redacted>", "job": 7})},
        ),
    ],
)
def test_json_text_is_found_and_scrubbed_by_key_name(text: str, redacted: Any) -> None:
    output = _models.operation_info("sqs", "ReceiveMessage").model.output_shape
    response = {"Messages": [{"MessageId": "m", "Body": text}]}
    (message,) = _redact.redact(response, output)["Messages"]
    assert json.loads(message["Body"]) == redacted
