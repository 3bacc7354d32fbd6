"""What awsmock takes from botocore's models: _models, _names, _shapes, _responses, _copy.

Name resolution with suggestions, response checking at registration
(structure and types, never min/max/pattern), and shaping a response the way
botocore's parser hands it to the code.
"""

from __future__ import annotations

import collections
import datetime
import io
import traceback
from typing import Any, Dict

import botocore.exceptions
import pytest
from botocore.response import StreamingBody
from botocore.utils import parse_timestamp

from awsmock import (
    InvalidResponseError,
    UnknownOperationError,
    patch_boto3,
)
from awsmock._model import models as _models
from awsmock._model import names as _names
from awsmock._model import responses as _responses
from awsmock._util import copy as _copy

from .._sessions import client

UTC = datetime.timezone.utc


@pytest.fixture
def aws():
    with patch_boto3() as mocked:
        yield mocked


# name resolution


@pytest.mark.parametrize("name", ["GetObject", "get_object"])
def test_resolve_pascal_and_snake_case(name):
    assert _names.resolve("s3", name) == ("s3", "GetObject")


def test_snake_and_pascal_case_name_the_same_queue(aws):
    aws.add_response("sqs", "send_message", {"MessageId": "snake"})
    aws.add_response("sqs", "SendMessage", {"MessageId": "pascal"})
    sqs = client("sqs")
    sent = [sqs.send_message(QueueUrl="https://q", MessageBody="x")["MessageId"] for _ in "ab"]
    assert sent == ["snake", "pascal"]
    assert [c.operation for c in aws.calls] == ["SendMessage", "SendMessage"]


def test_resolve_irregular_snake_case():
    # xform_name is not a plain lower(): "ListObjectsV2" -> "list_objects_v2".
    assert _names.resolve("s3", "list_objects_v2") == ("s3", "ListObjectsV2")
    assert _names.resolve("dynamodb", "batch_get_item") == ("dynamodb", "BatchGetItem")


SUFFIX_OP = (
    " Operations are named as in the API (GetObject) or as client methods (get_object)."
    " See https://awsmock.readthedocs.io/en/v0.3.0/errors.html#unknownoperationerror"
)
SUFFIX_SERVICE = (
    " Use botocore's service name, as in boto3.client('s3')."
    " See https://awsmock.readthedocs.io/en/v0.3.0/errors.html#unknownoperationerror"
)


@pytest.mark.parametrize(
    ("service", "operation", "message"),
    [
        (
            "s4",
            "GetObject",
            "Unknown service 's4'." + SUFFIX_SERVICE,
        ),
        (
            "dynamo",
            "GetItem",
            "Unknown service 'dynamo'. Did you mean 'dynamodb'?" + SUFFIX_SERVICE,
        ),
        (
            "S3",
            "GetObject",
            "Unknown service 'S3'. Did you mean 's3'?" + SUFFIX_SERVICE,
        ),
        (
            "s3",
            "GetObjekt",
            "Unknown operation 'GetObjekt' for service 's3'."
            " Did you mean 'GetObject', 'GetObjectAcl' or 'PutObject'?" + SUFFIX_OP,
        ),
        (
            "sqs",
            "recieve_message",
            "Unknown operation 'recieve_message' for service 'sqs'."
            " Did you mean 'ReceiveMessage' or 'DeleteMessage'?" + SUFFIX_OP,
        ),
        (
            "s3",
            "Nonsense",
            "Unknown operation 'Nonsense' for service 's3'." + SUFFIX_OP,
        ),
    ],
)
def test_unknown_names_exact_messages(aws, service, operation, message):
    with pytest.raises(UnknownOperationError) as excinfo:
        aws.add_response(service, operation, {})
    assert excinfo.value.args == (message,)
    assert isinstance(excinfo.value, ValueError)


@pytest.mark.parametrize(("service", "operation"), [("s4", "GetObject"), ("s3", "GetObjekt")])
def test_an_unknown_name_is_not_chained_to_an_internal_error(aws, service, operation):
    # The first lookup of a name misses a cache (a KeyError); the user's
    # traceback must show only the awsmock error, not "During handling...".
    with pytest.raises(UnknownOperationError) as excinfo:
        aws.add_response(service, operation, {})
    error = excinfo.value
    assert error.__context__ is None or error.__suppress_context__
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    assert "During handling" not in text


TRANSFER = (
    " is a boto3 transfer method, not an S3 operation: it makes {calls} calls."
    " Queue responses for those."
    " See https://awsmock.readthedocs.io/en/v0.3.0/errors.html#unknownoperationerror"
)
UPLOAD = "PutObject, or CreateMultipartUpload, UploadPart and CompleteMultipartUpload"
DOWNLOAD = "HeadObject, then GetObject (ranged GetObjects for large objects)"
COPY = (
    "HeadObject, then CopyObject, or CreateMultipartUpload, UploadPartCopy and"
    " CompleteMultipartUpload"
)


@pytest.mark.parametrize(
    ("method", "calls"),
    [
        ("upload_file", UPLOAD),
        ("upload_fileobj", UPLOAD),
        ("download_file", DOWNLOAD),
        ("download_fileobj", DOWNLOAD),
        ("copy", COPY),
    ],
)
def test_a_transfer_method_as_an_operation_names_the_calls_it_makes(aws, method, calls):
    with pytest.raises(UnknownOperationError) as excinfo:
        aws.add_response("s3", method, {})
    assert excinfo.value.args == (
        f"Unknown operation {method!r} for service 's3'. {method}"
        + TRANSFER.format(calls=calls),
    )


def test_a_transfer_method_name_of_another_service_gets_the_usual_hint(aws):
    with pytest.raises(UnknownOperationError) as excinfo:
        aws.add_response("sqs", "upload_file", {})
    assert excinfo.value.args == (
        "Unknown operation 'upload_file' for service 'sqs'." + SUFFIX_OP,
    )


@pytest.mark.parametrize("register", ["add_response", "add_client_error", "add_exception"])
def test_every_registration_checks_names(aws, register):
    extra: Dict[str, Any] = {
        "add_response": {},
        "add_client_error": {"code": "X"},
        "add_exception": {"exception": TimeoutError()},
    }[register]
    with pytest.raises(UnknownOperationError):
        getattr(aws, register)("s3", "GetObjekt", **extra)


def test_name_of_wrong_type():
    with pytest.raises(TypeError) as excinfo:
        _names.resolve("s3", 3)  # type: ignore[arg-type]
    assert excinfo.value.args == ("operation must be a string such as 'GetObject', got 3.",)
    with pytest.raises(TypeError) as excinfo:
        _models.service_model(None)  # type: ignore[arg-type]
    assert excinfo.value.args == (
        "service must be a botocore service name such as 's3', got None.",
    )


# response checking at registration


def _invalid(aws, service: str, operation: str, response: Any) -> str:
    with pytest.raises(InvalidResponseError) as excinfo:
        aws.add_response(service, operation, response)
    (message,) = excinfo.value.args
    assert isinstance(excinfo.value, ValueError)
    text, link = str(message).rsplit("\n", 1)
    assert link == "See https://awsmock.readthedocs.io/en/v0.3.0/errors.html#invalidresponseerror"
    return text


def test_wrong_type_names_the_path(aws):
    message = _invalid(aws, "sqs", "ReceiveMessage", {"Messages": [{"MessageId": 1}]})
    assert message == (
        "Invalid response for sqs.ReceiveMessage: Messages[0].MessageId: expected str, got int (1)"
    )


def test_wrong_type_in_a_map(aws):
    response = {"Messages": [{"MessageAttributes": {"a": {"DataType": 3}}}]}
    assert _invalid(aws, "sqs", "ReceiveMessage", response) == (
        "Invalid response for sqs.ReceiveMessage:"
        " Messages[0].MessageAttributes['a'].DataType: expected str, got int (3)"
    )


@pytest.mark.parametrize(
    ("response", "message"),
    [
        ({"Messages": {}}, "Messages: expected list, got dict ({})"),
        ({"Messages": ["x"]}, "Messages[0]: expected dict, got str ('x')"),
        (
            {"Messages": [{"Attributes": []}]},
            "Messages[0].Attributes: expected dict, got list ([])",
        ),
    ],
)
def test_wrong_container_types(aws, response, message):
    assert _invalid(aws, "sqs", "ReceiveMessage", response) == (
        f"Invalid response for sqs.ReceiveMessage: {message}"
    )


@pytest.mark.parametrize(
    ("service", "operation", "response", "message"),
    [
        (
            "s3",
            "HeadObject",
            {"ContentLength": "12"},
            "ContentLength: expected int, got str ('12')",
        ),
        (
            "s3",
            "HeadObject",
            {"ContentLength": True},
            "ContentLength: expected int, got bool (True)",
        ),
        ("s3", "HeadObject", {"DeleteMarker": 1}, "DeleteMarker: expected bool, got int (1)"),
        (
            "s3",
            "HeadObject",
            {"LastModified": "yesterday"},
            "LastModified: expected datetime or ISO-8601 str, got str ('yesterday')",
        ),
        (
            "s3",
            "HeadObject",
            {"LastModified": [2024]},
            "LastModified: expected datetime or ISO-8601 str, got list ([2024])",
        ),
        ("s3", "GetObject", {"Body": 1}, "Body: expected bytes, got int (1)"),
        (
            "cloudwatch",
            "GetMetricData",
            {"MetricDataResults": [{"Values": ["1.5"]}]},
            "MetricDataResults[0].Values[0]: expected float, got str ('1.5')",
        ),
    ],
)
def test_wrong_scalar_types(aws, service, operation, response, message):
    assert _invalid(aws, service, operation, response) == (
        f"Invalid response for {service}.{operation}: {message}"
    )


def test_unknown_key_with_suggestion(aws):
    assert _invalid(aws, "sqs", "ReceiveMessage", {"Messagez": []}) == (
        "Invalid response for sqs.ReceiveMessage: unknown key 'Messagez'."
        " Did you mean 'Messages'? Valid keys: Messages"
    )


def test_unknown_nested_key(aws):
    assert _invalid(aws, "sqs", "ReceiveMessage", {"Messages": [{"Bogus": 1}]}) == (
        "Invalid response for sqs.ReceiveMessage: Messages[0]: unknown key 'Bogus'."
        " Valid keys: MessageId, ReceiptHandle, MD5OfBody, Body, Attributes,"
        " MD5OfMessageAttributes, MessageAttributes"
    )


def test_unknown_key_for_an_operation_without_output(aws):
    assert _invalid(aws, "s3", "DeleteBucket", {"x": 1}) == (
        "Invalid response for s3.DeleteBucket: unknown key 'x'. Valid keys: (none)"
    )


def test_response_metadata_must_be_a_dict(aws):
    assert _invalid(aws, "sqs", "SendMessage", {"ResponseMetadata": []}) == (
        "Invalid response for sqs.SendMessage: ResponseMetadata: expected dict, got list"
    )


def test_invalid_response_raised_at_registration_not_at_call(aws):
    with pytest.raises(InvalidResponseError):
        aws.add_response("sqs", "SendMessage", {"MessageId": 1})
    assert aws._queues.pending() == []


def test_constraints_are_not_enforced(aws):
    # Stubber rejects these (min/max/pattern); real services and moto return them
    # (botocore issue 3199).
    aws.add_response(
        "dynamodb",
        "DescribeTable",
        {
            "Table": {
                "TableName": "t",
                "ProvisionedThroughput": {"NumberOfDecreasesToday": 0, "ReadCapacityUnits": 0},
            }
        },
    )
    aws.add_response("sqs", "SendMessage", {"MessageId": ""})  # min length 1 elsewhere
    aws.add_response("s3", "ListBuckets", {"Buckets": [{"Name": "x"}]})  # bucket names >= 3
    table = client("dynamodb").describe_table(TableName="t")["Table"]
    assert table["ProvisionedThroughput"]["NumberOfDecreasesToday"] == 0
    client("sqs").send_message(QueueUrl="https://q", MessageBody="x")
    assert client("s3").list_buckets()["Buckets"] == [{"Name": "x"}]


def test_valid_scalars_of_every_kind(aws):
    aws.add_response(
        "cloudwatch",
        "GetMetricData",
        {"MetricDataResults": [{"Id": "a", "Values": [1, 2.5], "StatusCode": "Complete"}]},
        required=False,
    )
    aws.add_response(
        "s3", "HeadObject", {"ContentLength": 3, "DeleteMarker": False}, required=False
    )


def test_document_members_take_any_json(aws):
    aws.add_response(
        "bedrock-runtime",
        "Converse",
        {"additionalModelResponseFields": [1, {"a": None}], "stopReason": "end_turn"},
    )
    aws.add_response("bedrock-runtime", "Converse", {"additionalModelResponseFields": "text"})
    bedrock = client("bedrock-runtime")
    messages = {"messages": [{"role": "user", "content": [{"text": "hi"}]}]}
    assert bedrock.converse(modelId="m", **messages)["additionalModelResponseFields"] == [
        1,
        {"a": None},
    ]
    assert bedrock.converse(modelId="m", **messages)["additionalModelResponseFields"] == "text"


def test_validate_false_skips_the_checks():
    with patch_boto3(validate=False) as aws:
        aws.add_response("sqs", "SendMessage", {"MessageId": 1, "Extra": "kept"})
        response = client("sqs").send_message(QueueUrl="https://q", MessageBody="x")
    assert response["MessageId"] == 1
    assert response["Extra"] == "kept"


# timestamps


@pytest.mark.parametrize("validate", [True, False])
@pytest.mark.parametrize(
    "value",
    [
        "2024-01-02T03:04:05Z",
        "2024-01-02T03:04:05.000Z",
        "2024-01-02T04:04:05+01:00",
        "Tue, 02 Jan 2024 03:04:05 GMT",
        1704164645,
        datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC),
    ],
)
def test_timestamps_become_aware_datetimes(validate, value):
    with patch_boto3(validate=validate) as aws:
        aws.add_response("s3", "HeadObject", {"LastModified": value})
        modified = client("s3").head_object(Bucket="bkt", Key="k")["LastModified"]
    assert isinstance(modified, datetime.datetime)
    assert modified.utcoffset() is not None
    assert modified == datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_timestamps_parse_as_botocore_parses_them(aws):
    value = "2024-01-02T03:04:05Z"
    aws.add_response("s3", "HeadObject", {"LastModified": value})
    modified = client("s3").head_object(Bucket="bkt", Key="k")["LastModified"]
    assert modified == parse_timestamp(value)
    assert type(modified.tzinfo) is type(parse_timestamp(value).tzinfo)


def test_iso_string_without_zone_is_utc(aws):
    # AWS always sends a zone; a string without one is taken as UTC, never naive.
    aws.add_response("s3", "HeadObject", {"LastModified": "2024-01-02T03:04:05"})
    modified = client("s3").head_object(Bucket="bkt", Key="k")["LastModified"]
    assert modified == datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_nested_timestamps(aws):
    aws.add_response(
        "s3", "ListObjectsV2", {"Contents": [{"Key": "k", "LastModified": "2024-01-02T03:04:05Z"}]}
    )
    listed = client("s3").list_objects_v2(Bucket="bkt")
    assert listed["Contents"][0]["LastModified"].utcoffset() == datetime.timedelta(0)


# blobs


@pytest.mark.parametrize("validate", [True, False])
@pytest.mark.parametrize(
    "value",
    [
        lambda: b"\x00secret",
        lambda: bytearray(b"\x00secret"),
        lambda: "\x00secret",
        lambda: io.BytesIO(b"\x00secret"),
    ],
    ids=["bytes", "bytearray", "str", "bytesio"],
)
def test_non_streaming_blobs_become_bytes(validate, value):
    with patch_boto3(validate=validate) as aws:
        aws.add_response("kms", "Decrypt", {"Plaintext": value(), "KeyId": "k"})
        plain = client("kms").decrypt(CiphertextBlob=b"x")["Plaintext"]
    assert plain == b"\x00secret"
    assert type(plain) is bytes


# streaming payloads


BODIES = [
    lambda: b"line one\nline two\n",
    lambda: "line one\nline two\n",
    lambda: io.BytesIO(b"line one\nline two\n"),
    lambda: io.StringIO("line one\nline two\n"),
]


@pytest.mark.parametrize("validate", [True, False])
@pytest.mark.parametrize("body", BODIES, ids=["bytes", "str", "bytesio", "stringio"])
def test_streaming_body_read(validate, body):
    with patch_boto3(validate=validate) as aws:
        aws.add_response("s3", "GetObject", {"Body": body(), "ContentLength": 18})
        response = client("s3").get_object(Bucket="bkt", Key="k")
    assert isinstance(response["Body"], StreamingBody)
    assert response["Body"].read() == b"line one\nline two\n"
    assert response["Body"].read() == b""


def test_streaming_body_true_length_for_non_ascii(aws):
    # The length is the byte count: a char count would fail the read with
    # IncompleteReadError (botocore checks it at the end of the stream).
    aws.add_response("s3", "GetObject", {"Body": "h\u00e9llo \u2713"})
    body = client("s3").get_object(Bucket="bkt", Key="k")["Body"]
    assert body.read(2) == b"h\xc3"
    assert body.read() == "h\u00e9llo \u2713".encode()[2:]


def test_streaming_body_iter_lines_and_chunks(aws):
    aws.add_response("s3", "GetObject", {"Body": b"a\nb\r\nc"}, times=2)
    s3 = client("s3")
    assert list(s3.get_object(Bucket="bkt", Key="k")["Body"].iter_lines()) == [b"a", b"b", b"c"]
    chunks = list(s3.get_object(Bucket="bkt", Key="k")["Body"].iter_chunks(chunk_size=2))
    assert chunks == [b"a\n", b"b\r", b"\nc"]


def test_streaming_body_fresh_for_every_call(aws):
    aws.add_response("s3", "GetObject", {"Body": io.BytesIO(b"data")}, times=3)
    s3 = client("s3")
    bodies = [s3.get_object(Bucket="bkt", Key="k")["Body"] for _ in range(3)]
    assert [b.read() for b in bodies] == [b"data"] * 3


@pytest.mark.parametrize("times", [3, None])
def test_a_response_served_again_is_not_the_one_the_code_changed(aws, times):
    # times=1 hands out the template itself (no copy): every serving of a
    # times=3 entry, or of a standing default, gets its own containers.
    aws.add_response("sqs", "ReceiveMessage", {"Messages": [{"Body": "m"}]}, times=times)
    sqs = client("sqs")
    for _ in range(3):
        response = sqs.receive_message(QueueUrl="q")
        assert response["Messages"] == [{"Body": "m"}]
        response["Messages"][0]["Body"] = "changed"
        response["Messages"].append({"Body": "extra"})
        response["ResponseMetadata"]["HTTPHeaders"]["x-changed"] = "1"
    assert aws.calls[0].response["Messages"][0]["Body"] == "changed"  # what the code got


def test_a_response_callable_may_return_the_same_dict_twice(aws):
    given = {"Messages": [{"Body": "m"}]}
    aws.add_response("sqs", "ReceiveMessage", lambda params: given, times=2)
    sqs = client("sqs")
    first = sqs.receive_message(QueueUrl="q")
    first["Messages"][0]["Body"] = "changed"
    assert sqs.receive_message(QueueUrl="q")["Messages"] == [{"Body": "m"}]
    assert given == {"Messages": [{"Body": "m"}]}


def test_streaming_body_from_a_file(aws, tmp_path):
    path = tmp_path / "data.bin"
    path.write_bytes(b"\x00\x01" * 1000)
    with path.open("rb") as handle:
        aws.add_response("s3", "GetObject", {"Body": handle})
    body = client("s3").get_object(Bucket="bkt", Key="k")["Body"]
    assert body.read() == b"\x00\x01" * 1000


def test_missing_streaming_payload_is_an_empty_stream(aws):
    # botocore always hands a StreamingBody for a streaming output.
    aws.add_response("s3", "GetObject", {})
    aws.add_response("lambda", "Invoke", {"StatusCode": 202})
    assert client("s3").get_object(Bucket="bkt", Key="k")["Body"].read() == b""
    invoked = client("lambda").invoke(FunctionName="f", InvocationType="Event")
    assert invoked["Payload"].read() == b""


@pytest.mark.parametrize("validate", [True, False])
def test_lambda_invoke_payload_is_streamed(validate):
    # Invoke's Payload is a plain blob payload, not flagged "streaming", yet
    # botocore streams it (operation_model.get_streaming_output()).
    with patch_boto3(validate=validate) as aws:
        aws.add_response("lambda", "Invoke", {"StatusCode": 200, "Payload": '{"ok": true}'})
        response = client("lambda").invoke(FunctionName="f", Payload=b"{}")
    assert isinstance(response["Payload"], StreamingBody)
    assert response["Payload"].read() == b'{"ok": true}'
    assert response["StatusCode"] == 200


def test_streaming_member_found_from_the_model():
    assert _models.operation_info("s3", "GetObject").streaming_member == "Body"
    assert _models.operation_info("lambda", "Invoke").streaming_member == "Payload"
    assert _models.operation_info("s3", "HeadObject").streaming_member is None
    assert _models.operation_info("s3", "DeleteBucket").streaming_member is None


# ResponseMetadata


def test_response_metadata_added(aws):
    aws.add_response("sqs", "SendMessage", {"MessageId": "m"}, times=2)
    sqs = client("sqs")
    first = sqs.send_message(QueueUrl="https://q", MessageBody="x")["ResponseMetadata"]
    second = sqs.send_message(QueueUrl="https://q", MessageBody="x")["ResponseMetadata"]
    assert set(first) == {"RequestId", "HTTPStatusCode", "HTTPHeaders", "RetryAttempts"}
    assert first["HTTPStatusCode"] == 200
    assert first["RetryAttempts"] == 0
    assert first["HTTPHeaders"] == {"x-amzn-requestid": first["RequestId"]}
    assert first["RequestId"] != second["RequestId"]


def test_own_response_metadata_kept_and_completed(aws):
    aws.add_response(
        "s3", "PutObject", {"ETag": '"e"', "ResponseMetadata": {"HTTPStatusCode": 201}}
    )
    aws.add_response(
        "s3", "PutObject", {"ResponseMetadata": {"RequestId": "mine", "HTTPHeaders": {"a": "b"}}}
    )
    s3 = client("s3")
    first = s3.put_object(Bucket="bkt", Key="k", Body=b"")["ResponseMetadata"]
    second = s3.put_object(Bucket="bkt", Key="k", Body=b"")["ResponseMetadata"]
    assert first["HTTPStatusCode"] == 201
    assert first["RetryAttempts"] == 0
    assert second["RequestId"] == "mine"
    assert second["HTTPHeaders"] == {"a": "b"}
    assert second["HTTPStatusCode"] == 200


def test_response_metadata_unique_request_ids():
    ids = {_responses.response_metadata()["RequestId"] for _ in range(100)}
    assert len(ids) == 100
    assert _responses.response_metadata(404)["HTTPStatusCode"] == 404


# a deep copy per call


@pytest.mark.parametrize("validate", [True, False])
def test_mutating_one_response_does_not_change_the_next(validate):
    with patch_boto3(validate=validate) as aws:
        aws.add_response(
            "sqs",
            "ReceiveMessage",
            {"Messages": [{"MessageId": "a", "Attributes": {"SentTimestamp": "1"}}]},
            times=2,
        )
        sqs = client("sqs")
        first = sqs.receive_message(QueueUrl="https://q")
        first["Messages"][0]["Attributes"]["SentTimestamp"] = "changed"
        first["Messages"].append({"MessageId": "b"})
        first["ResponseMetadata"]["HTTPStatusCode"] = 500
        second = sqs.receive_message(QueueUrl="https://q")
    assert second["Messages"] == [{"MessageId": "a", "Attributes": {"SentTimestamp": "1"}}]
    assert second["ResponseMetadata"]["HTTPStatusCode"] == 200


@pytest.mark.parametrize("validate", [True, False])
def test_registered_dict_is_snapshotted(validate):
    # Building pages in a loop with one dict must queue each page as it was.
    # (ListQueues has no timestamp or blob member: nothing else copies it.)
    with patch_boto3(validate=validate) as aws:
        page: Dict[str, Any] = {"QueueUrls": []}
        for i in range(2):
            page["QueueUrls"].append(f"https://q/{i}")
            aws.add_response("sqs", "ListQueues", page)
        sqs = client("sqs")
        pages = [sqs.list_queues()["QueueUrls"] for _ in range(2)]
    assert pages == [["https://q/0"], ["https://q/0", "https://q/1"]]


@pytest.mark.parametrize("validate", [True, False])
def test_dict_subclasses_and_tuples_are_copied_as_plain_data(validate):
    check = {"ConditionCheck": {"TableName": "t", "Key": {}, "ConditionExpression": "a"}}
    # fast_copy copies exact dicts and lists only: a template must hold nothing else.
    queued = collections.OrderedDict(QueueUrls=("https://q/0",))
    error_fields = {"CancellationReasons": [collections.OrderedDict(Code="None")]}
    with patch_boto3(validate=validate) as aws:
        aws.add_response("sqs", "ListQueues", queued, times=2)
        aws.add_client_error(
            "dynamodb",
            "TransactWriteItems",
            "TransactionCanceledException",
            modeled_fields=error_fields,
            times=2,
        )
        sqs, dynamodb = client("sqs"), client("dynamodb")
        first = sqs.list_queues()
        first["QueueUrls"].append("changed")
        first["Extra"] = 1
        second = sqs.list_queues()
        errors = []
        for _ in range(2):
            with pytest.raises(botocore.exceptions.ClientError) as excinfo:
                dynamodb.transact_write_items(TransactItems=[check])
            errors.append(excinfo.value.response)
        errors[0]["CancellationReasons"][0]["Code"] = "changed"
    assert second["QueueUrls"] == ["https://q/0"]
    assert "Extra" not in second
    assert list(queued) == ["QueueUrls"]
    assert errors[1]["CancellationReasons"] == [{"Code": "None"}]
    assert error_fields["CancellationReasons"] == [{"Code": "None"}]


@pytest.mark.parametrize("validate", [True, False])
def test_response_callable_gets_shaped(validate):
    with patch_boto3(validate=validate) as aws:
        aws.add_response(
            "s3",
            "GetObject",
            lambda params: {"Body": params["Key"], "LastModified": "2024-01-02T03:04:05Z"},
        )
        response = client("s3").get_object(Bucket="bkt", Key="hello")
    assert response["Body"].read() == b"hello"
    assert response["LastModified"].utcoffset() == datetime.timedelta(0)
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_fast_copy_copies_containers_keeps_leaves():
    leaf = object()
    value = {"a": [{"b": leaf}], "c": b"x"}
    copied = _copy.fast_copy(value)
    assert copied == value
    assert copied is not value
    assert copied["a"] is not value["a"]
    assert copied["a"][0] is not value["a"][0]
    assert copied["a"][0]["b"] is leaf


def test_operation_info_is_cached():
    assert _models.operation_info("s3", "GetObject") is _models.operation_info("s3", "GetObject")
    assert _models.service_model("s3") is _models.service_model("s3")


def test_none_is_accepted_for_any_member(aws):
    # botocore's handlers hand out None (GetBucketLocation in us-east-1), and
    # printed real responses carry it.
    aws.add_response("s3", "GetBucketLocation", {"LocationConstraint": None})
    aws.add_response("s3", "GetObject", {"Body": None, "LastModified": None})
    s3 = client("s3")
    assert s3.get_bucket_location(Bucket="bkt")["LocationConstraint"] is None
    got = s3.get_object(Bucket="bkt", Key="k")
    assert got["Body"].read() == b""
    assert got["LastModified"] is None


# event streams


CONVERSE_EVENTS = [
    {"messageStart": {"role": "assistant"}},
    {"contentBlockDelta": {"delta": {"text": "Hel"}, "contentBlockIndex": 0}},
    {"contentBlockDelta": {"delta": {"text": "lo"}, "contentBlockIndex": 0}},
    {"messageStop": {"stopReason": "end_turn"}},
]


@pytest.mark.parametrize("validate", [True, False])
def test_event_stream_queued_as_a_list_of_events(validate):
    with patch_boto3(validate=validate) as aws:
        aws.add_response("bedrock-runtime", "ConverseStream", {"stream": CONVERSE_EVENTS}, times=2)
        bedrock = client("bedrock-runtime")
        stream = bedrock.converse_stream(modelId="m", messages=[])["stream"]
        text = "".join(
            e["contentBlockDelta"]["delta"]["text"] for e in stream if "contentBlockDelta" in e
        )
        assert list(stream) == []  # consumed, like botocore's EventStream
        again = bedrock.converse_stream(modelId="m", messages=[])["stream"]
        again.close()
        assert list(again) == []
    assert text == "Hello"


def test_event_stream_events_are_checked(aws):
    events = [{"messageStart": {"role": "assistant"}}, {"contentBlockDelta": {"delta": 3}}]
    assert _invalid(aws, "bedrock-runtime", "ConverseStream", {"stream": events}) == (
        "Invalid response for bedrock-runtime.ConverseStream:"
        " stream[1].contentBlockDelta.delta: expected dict, got int (3)"
    )


SELECT = {
    "Bucket": "bkt",
    "Key": "k",
    "Expression": "select * from s3object",
    "ExpressionType": "SQL",
    "InputSerialization": {"CSV": {}},
    "OutputSerialization": {"CSV": {}},
}


def test_event_stream_single_event_and_missing(aws):
    aws.add_response("bedrock-runtime", "ConverseStream", {"stream": CONVERSE_EVENTS[0]})
    aws.add_response("s3", "SelectObjectContent", {})
    bedrock = client("bedrock-runtime")
    assert list(bedrock.converse_stream(modelId="m", messages=[])["stream"]) == [CONVERSE_EVENTS[0]]
    selected = client("s3").select_object_content(**SELECT)
    assert list(selected["Payload"]) == []


def test_s3_select_records_payload_is_bytes(aws):
    aws.add_response(
        "s3",
        "SelectObjectContent",
        {"Payload": [{"Records": {"Payload": "a,b\n"}}, {"End": {}}]},
    )
    selected = client("s3").select_object_content(**SELECT)
    assert list(selected["Payload"]) == [{"Records": {"Payload": b"a,b\n"}}, {"End": {}}]


@pytest.mark.parametrize("validate", [True, False])
def test_operation_without_output(validate):
    with patch_boto3(validate=validate) as aws:
        aws.add_response("s3", "DeleteBucket")
        response = client("s3").delete_bucket(Bucket="bkt")
    assert set(response) == {"ResponseMetadata"}


def test_validate_false_keeps_unknown_keys_while_shaping():
    with patch_boto3(validate=False) as aws:
        aws.add_response("s3", "GetObject", {"Body": "x", "Extra": [1]})
        response = client("s3").get_object(Bucket="bkt", Key="k")
    assert response["Body"].read() == b"x"
    assert response["Extra"] == [1]


# bad input fails where it was queued


@pytest.mark.parametrize(
    ("service", "operation", "response", "message"),
    [
        (
            "sqs",
            "SendMessage",
            {"MessageId": "m", "ResponseMetadata": {"HTTPStatusCode": "200"}},
            "ResponseMetadata.HTTPStatusCode: expected an int HTTP status (100-599), got '200'",
        ),
        (
            "sqs",
            "SendMessage",
            {"ResponseMetadata": {"HTTPHeaders": {"x": 1}}},
            "ResponseMetadata.HTTPHeaders: expected a dict of str to str, got {'x': 1}",
        ),
        (
            "sqs",
            "ReceiveMessage",
            {"Messages": [{1: "x"}]},
            "Messages[0]: keys must be strings, as in the JSON AWS sends; got int 1",
        ),
        (
            "sqs",
            "GetQueueAttributes",
            {"Attributes": {2: "x"}},
            "Attributes: keys must be strings, as in the JSON AWS sends; got int 2",
        ),
        (
            "s3",
            "HeadObject",
            {"LastModified": float("inf")},
            "LastModified: expected datetime or ISO-8601 str, got float (inf)",
        ),
        (
            "s3",
            "HeadObject",
            {"LastModified": 10**20},
            "LastModified: expected datetime or ISO-8601 str, got int (100000000000000000000)",
        ),
    ],
)
def test_unrepresentable_values_fail_when_queued(
    aws: Any, service: str, operation: str, response: Any, message: str
) -> None:
    assert _invalid(aws, service, operation, response) == (
        f"Invalid response for {service}.{operation}: {message}"
    )


class Junk(io.RawIOBase):
    """A file object whose read() returns what no file returns."""

    def __init__(self, seekable: bool) -> None:
        self._seekable = seekable

    def seekable(self) -> bool:
        return self._seekable

    def tell(self) -> int:
        return 0

    def seek(self, offset: int, whence: int = 0) -> int:
        return 0

    def read(self, size: Any = -1) -> Any:
        return 42


def test_a_seekable_body_whose_read_returns_junk_fails_when_queued(aws: Any) -> None:
    assert _invalid(aws, "s3", "GetObject", {"Body": Junk(seekable=True)}) == (
        "Invalid response for s3.GetObject: Body: the file object's read() returned int,"
        " not bytes (42)"
    )


def test_a_live_body_whose_read_returns_junk_fails_when_read(aws: Any) -> None:
    """A stream that cannot be rewound is not read ahead: it is checked as it is read."""
    aws.add_response("s3", "GetObject", {"Body": Junk(seekable=False)})
    body = client("s3").get_object(Bucket="b", Key="k")["Body"]
    with pytest.raises(InvalidResponseError) as excinfo:
        body.read()
    assert excinfo.value.args == ("Body: the file object's read() returned int, not bytes (42)",)


def test_a_naive_datetime_is_taken_as_utc(aws: Any) -> None:
    aws.add_response("s3", "HeadObject", {"LastModified": datetime.datetime(2024, 1, 2, 3, 4)})
    got = client("s3").head_object(Bucket="b", Key="k")["LastModified"]
    assert got == datetime.datetime(2024, 1, 2, 3, 4, tzinfo=datetime.timezone.utc)
