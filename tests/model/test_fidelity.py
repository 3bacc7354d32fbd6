"""End to end: real boto3/botocore clients under ``patch_boto3()``.

A mocked call must be indistinguishable from a real one to the code under
test: the same parameter errors, the same exceptions, the same response
shapes, and boto3's higher layers (resources, paginators, waiters, presigned
URLs, s3transfer) working on top. Where a real backend is needed for the
comparison, botocore's Stubber or moto gives it.
"""

from __future__ import annotations

import base64
import datetime
import io
import re
import threading
import time
import zlib
from decimal import Decimal
from typing import Any, Dict, List, Optional
from unittest import mock
from urllib.parse import parse_qs, urlparse

import boto3
import botocore.exceptions
import botocore.session
import botocore.utils
import botocore.waiter
import pytest
import s3transfer
from boto3.dynamodb.conditions import Attr, Key
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    EndpointConnectionError,
    EndpointResolutionError,
    FlexibleChecksumError,
    ParamValidationError,
    ReadTimeoutError,
    WaiterError,
)
from botocore.httpsession import URLLib3Session
from botocore.stub import Stubber

from awsmock import ANY, patch_boto3

from .._sessions import client, resource


def _default_checksums() -> bool:
    """Whether this botocore computes request checksums by default (1.36+)."""
    config = _real_client("s3").meta.config
    return getattr(config, "request_checksum_calculation", None) == "when_supported"


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".")[:3] if part.isdigit())


BOTH = pytest.mark.parametrize("validate", [True, False], ids=["validate", "fast"])
MB = 1024 * 1024
REAL_SLEEP = time.sleep


def _real_client(service: str, **kwargs: Any) -> Any:
    """A client outside any patch, with credentials, that can never send."""
    return client(
        service,
        aws_access_key_id="a",
        aws_secret_access_key="b",
        region_name="us-east-1",
        **kwargs,
    )


def _refuse(self: Any, request: Any) -> Any:
    raise AssertionError(f"network used: {request.url}")


def no_network() -> Any:
    """Fail on any HTTP request, also outside a patch (the Stubber comparisons)."""
    return mock.patch.object(URLLib3Session, "send", _refuse)


# parameter validation, exactly as a real client


def _stubber_error(service: str, operation: str, response: Dict[str, Any], **params: Any) -> Any:
    real = _real_client(service)
    with no_network(), Stubber(real) as stubber:
        stubber.add_response(operation, response)
        with pytest.raises(BotoCoreError) as excinfo:
            getattr(real, operation)(**params)
    return excinfo.value


@pytest.mark.parametrize(
    ("service", "operation", "response", "params"),
    [
        ("s3", "get_object", {}, {"Buket": "b", "Key": "k"}),
        ("s3", "put_object", {}, {"Bucket": "b", "Key": 3}),
        ("sqs", "send_message", {"MessageId": "m"}, {"QueueUrl": "q", "DelaySeconds": "5"}),
        ("dynamodb", "get_item", {}, {"TableName": "t", "Key": {"id": {"Z": "a"}}}),
        # raised by a before-parameter-build handler, not by the validator
        ("s3", "get_object", {}, {"Bucket": "bad/name", "Key": "k"}),
    ],
)
def test_param_validation_error_exactly_as_a_real_client(service, operation, response, params):
    real = _stubber_error(service, operation, response, **params)
    if isinstance(real, EndpointResolutionError):
        # botocore < 1.40 resolves S3's endpoint rules, which read Key, before
        # validating: a real client reports the wrong type from there. awsmock
        # resolves no endpoints and reports it as the validator does (README,
        # Caveats).
        assert (service, operation, real.kwargs["msg"]) == (
            "s3",
            "put_object",
            "Value (Key) is the wrong type. Must be <class 'str'>.",
        )
        real = ParamValidationError(
            report="Invalid type for parameter Key, value: 3, type: <class 'int'>,"
            " valid types: <class 'str'>"
        )
    with patch_boto3() as aws:
        mocked = client(service)
        with pytest.raises(ParamValidationError) as excinfo:
            getattr(mocked, operation)(**params)
    assert type(excinfo.value) is type(real)
    assert str(excinfo.value) == str(real)
    assert excinfo.value.kwargs == real.kwargs
    # As with a real client, the call never happened: nothing is recorded.
    assert aws.calls == []


def test_param_validation_runs_before_the_queue_is_touched():
    with patch_boto3() as aws:
        aws.add_response("s3", "GetObject", {"Body": b"x"})
        s3 = client("s3")
        with pytest.raises(ParamValidationError):
            s3.get_object(Buket="b", Key="k")
        assert s3.get_object(Bucket="b", Key="k")["Body"].read() == b"x"


def test_parameter_validation_false_is_honoured():
    with patch_boto3() as aws:
        aws.add_response("s3", "GetObject", {"Body": b"x"})
        s3 = client("s3", config=Config(parameter_validation=False))
        assert s3.get_object(Buket="b", Key="k")["Body"].read() == b"x"
    aws.assert_called_once_with("s3", "GetObject", Buket="b", Key="k")


def test_validate_false_skips_param_validation():
    with patch_boto3(validate=False) as aws:
        aws.add_response("s3", "GetObject", {"Body": b"x"})
        client("s3").get_object(Buket="b", Key="k")
    aws.assert_called_once_with("s3", "GetObject", Buket="b", Key="k")


@BOTH
def test_params_recorded_before_botocore_rewrites_them(validate):
    # Handlers base64 UserData, add a ClientToken and strip Route 53 id prefixes
    # on their copy; the record keeps what the code passed.
    with patch_boto3(validate=validate) as aws:
        aws.add_response("ec2", "RunInstances", {"Instances": [{"InstanceId": "i-1"}]})
        aws.add_response("route53", "GetHostedZone", {"HostedZone": {"Id": "/hostedzone/Z1"}})
        client("ec2").run_instances(ImageId="ami-1", MinCount=1, MaxCount=1, UserData="hello")
        client("route53").get_hosted_zone(Id="/hostedzone/Z1")
    aws.assert_called_once_with(
        "ec2", "RunInstances", ImageId="ami-1", MinCount=1, MaxCount=1, UserData="hello"
    )
    aws.assert_called_once_with("route53", "GetHostedZone", Id="/hostedzone/Z1")


# boto3's DynamoDB Table resource: Python in, wire format queued, Python out


def test_dynamodb_table_resource():
    with patch_boto3() as aws:
        aws.add_response(
            "dynamodb",
            "GetItem",
            {"Item": {"id": {"S": "a"}, "n": {"N": "1.5"}, "tags": {"SS": ["x"]}}},
        )
        aws.add_response("dynamodb", "PutItem", {})
        aws.add_response(
            "dynamodb",
            "Query",
            {"Items": [{"id": {"S": "a"}, "n": {"N": "2"}}], "Count": 1, "ScannedCount": 1},
        )
        table = boto3.resource("dynamodb").Table("t")
        item = table.get_item(Key={"id": "a"})["Item"]
        table.put_item(
            Item={"id": "b", "n": Decimal("2.5"), "tags": {"x", "y"}},
            ConditionExpression=Attr("id").not_exists(),
        )
        items = table.query(KeyConditionExpression=Key("id").eq("a"))["Items"]
    assert item == {"id": "a", "n": Decimal("1.5"), "tags": {"x"}}
    assert items == [{"id": "a", "n": Decimal("2")}]
    # Recorded params are the Python values the code passed.
    aws.assert_any_call("dynamodb", "GetItem", TableName="t", Key={"id": "a"})
    put = aws.calls_for("dynamodb", "PutItem")[0].params
    assert put["Item"] == {"id": "b", "n": Decimal("2.5"), "tags": {"x", "y"}}
    assert put["ConditionExpression"] == Attr("id").not_exists()


def test_dynamodb_table_batch_writer():
    with patch_boto3() as aws:
        aws.add_response("dynamodb", "BatchWriteItem", {"UnprocessedItems": {}})
        table = resource("dynamodb").Table("t")
        with table.batch_writer() as batch:
            for i in range(3):
                batch.put_item(Item={"id": str(i), "n": i})
    requests = aws.calls[0].params["RequestItems"]["t"]
    assert [r["PutRequest"]["Item"]["n"] for r in requests] == [0, 1, 2]


def test_dynamodb_table_invalid_python_value_raises_like_a_real_client():
    with patch_boto3():
        table = resource("dynamodb").Table("t")
        with pytest.raises(TypeError) as excinfo:
            table.put_item(Item={"id": "a", "n": 1.5})
    assert excinfo.value.args == ("Float types are not supported. Use Decimal types instead.",)


# modeled exceptions


@BOTH
def test_modeled_client_error(validate):
    with patch_boto3(validate=validate) as aws:
        aws.add_client_error("s3", "GetObject", "NoSuchKey", "Not here", http_status_code=404)
        s3 = client("s3")
        with pytest.raises(s3.exceptions.NoSuchKey) as excinfo:
            s3.get_object(Bucket="b", Key="k")
    error = excinfo.value
    assert isinstance(error, ClientError)
    assert error.response["Error"] == {"Code": "NoSuchKey", "Message": "Not here"}
    assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 404
    assert error.operation_name == "GetObject"
    assert str(error) == (
        "An error occurred (NoSuchKey) when calling the GetObject operation: Not here"
    )
    assert aws.calls[0].exception is error


def test_client_error_compared_with_moto():
    moto = pytest.importorskip("moto")
    with moto.mock_aws():
        s3 = boto3.session.Session(region_name="us-east-1").client("s3")
        s3.create_bucket(Bucket="bkt")
        with pytest.raises(ClientError) as real:
            s3.get_object(Bucket="bkt", Key="k")
    with patch_boto3() as aws:
        aws.add_client_error(
            "s3",
            "GetObject",
            "NoSuchKey",
            "The specified key does not exist.",
            http_status_code=404,
            modeled_fields=None,
        )
        s3 = client("s3")
        with pytest.raises(ClientError) as mocked:
            s3.get_object(Bucket="bkt", Key="k")
    assert type(mocked.value).__name__ == type(real.value).__name__ == "NoSuchKey"
    assert str(mocked.value) == str(real.value)
    for key in ("Code", "Message"):
        assert mocked.value.response["Error"][key] == real.value.response["Error"][key]
    for key in ("HTTPStatusCode", "RetryAttempts"):
        assert (
            mocked.value.response["ResponseMetadata"][key]
            == real.value.response["ResponseMetadata"][key]
        )


@BOTH
def test_unmodeled_code_is_a_plain_client_error(validate):
    with patch_boto3(validate=validate) as aws:
        aws.add_client_error("s3", "HeadObject", "404", "Not Found", http_status_code=404)
        s3 = client("s3")
        with pytest.raises(ClientError) as excinfo:
            s3.head_object(Bucket="b", Key="k")
    assert type(excinfo.value) is ClientError
    assert excinfo.value.response["Error"]["Code"] == "404"


SQS_ERROR = {
    "Code": "AWS.SimpleQueueService.NonExistentQueue",
    "Message": "The specified queue does not exist.",
    "QueryErrorCode": "QueueDoesNotExist",
    "Type": "Sender",
}


@BOTH
def test_sqs_query_error_code_picks_the_class_as_a_real_client(validate):
    # SQS speaks JSON but keeps its old query error codes: botocore (1.37+)
    # has an after-call handler that picks the class from Error.QueryErrorCode
    # (as moto and AWS send it). Whatever the installed botocore does, awsmock
    # must raise the same class as a real client.
    real = _real_client("sqs")
    with no_network(), Stubber(real) as stubber:
        stubber.add_client_error(
            "get_queue_url",
            SQS_ERROR["Code"],
            SQS_ERROR["Message"],
            service_error_meta={"QueryErrorCode": "QueueDoesNotExist", "Type": "Sender"},
        )
        with pytest.raises(ClientError) as real_error:
            real.get_queue_url(QueueName="q")
    with patch_boto3(validate=validate) as aws:
        aws.add_client_error(
            "sqs", "GetQueueUrl", SQS_ERROR["Code"], modeled_fields={"Error": dict(SQS_ERROR)}
        )
        sqs = client("sqs")
        with pytest.raises(ClientError) as excinfo:
            sqs.get_queue_url(QueueName="q")
    assert type(excinfo.value).__name__ == type(real_error.value).__name__
    assert excinfo.value.response["Error"]["Code"] == "AWS.SimpleQueueService.NonExistentQueue"


def _moto_error(service: str, call: Any) -> ClientError:
    moto = pytest.importorskip("moto")
    with moto.mock_aws():
        real = boto3.session.Session(region_name="us-east-1").client(service)
        with pytest.raises(ClientError) as excinfo:
            call(real)
    return excinfo.value


@BOTH
@pytest.mark.parametrize("code", ["AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist"])
def test_sqs_query_error_codes_give_the_error_a_real_client_parses(validate, code):
    real = _moto_error("sqs", lambda sqs: sqs.get_queue_url(QueueName="nope"))
    with patch_boto3(validate=validate) as aws:
        aws.add_client_error("sqs", "GetQueueUrl", code, real.response["Error"]["Message"])
        sqs = client("sqs")
        with pytest.raises(sqs.exceptions.QueueDoesNotExist) as excinfo:
            sqs.get_queue_url(QueueName="nope")
    assert excinfo.value.response["Error"] == real.response["Error"]
    assert str(excinfo.value) == str(real)


@BOTH
@pytest.mark.parametrize("code", ["LoadBalancerNotFound", "LoadBalancerNotFoundException"])
def test_query_error_codes_that_differ_from_the_shape_name(validate, code):
    # elbv2 (query protocol) models LoadBalancerNotFoundException with the code
    # LoadBalancerNotFound: the wire carries the code, the class is the shape's.
    real = _moto_error("elbv2", lambda elb: elb.describe_load_balancers(Names=["nope"]))
    with patch_boto3(validate=validate) as aws:
        aws.add_client_error(
            "elbv2", "DescribeLoadBalancers", code, real.response["Error"]["Message"]
        )
        elb = client("elbv2")
        with pytest.raises(elb.exceptions.LoadBalancerNotFoundException) as excinfo:
            elb.describe_load_balancers(Names=["nope"])
    assert excinfo.value.response["Error"] == real.response["Error"]
    assert str(excinfo.value) == str(real)


@BOTH
def test_client_error_with_modeled_fields_and_meta(validate):
    with patch_boto3(validate=validate) as aws:
        aws.add_client_error(
            "dynamodb",
            "PutItem",
            "ConditionalCheckFailedException",
            "The conditional request failed",
            modeled_fields={"Item": {"id": {"S": "a"}}},
            response_meta={"RequestId": "req-1"},
        )
        ddb = client("dynamodb")
        with pytest.raises(ddb.exceptions.ConditionalCheckFailedException) as excinfo:
            ddb.put_item(TableName="t", Item={"id": {"S": "a"}})
    response = excinfo.value.response
    assert response["Item"] == {"id": {"S": "a"}}
    assert response["ResponseMetadata"]["RequestId"] == "req-1"
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400


@BOTH
def test_client_error_fresh_for_every_call(validate):
    with patch_boto3(validate=validate) as aws:
        aws.add_client_error("s3", "GetObject", "NoSuchKey", times=2)
        s3 = client("s3")
        errors = []
        for _ in range(2):
            with pytest.raises(ClientError) as excinfo:
                s3.get_object(Bucket="b", Key="k")
            excinfo.value.response["Error"]["Code"] = "changed"
            errors.append(excinfo.value)
    assert errors[0] is not errors[1]
    assert errors[1].response["Error"]["Code"] == "changed"
    assert aws.calls[1].exception is errors[1]


@BOTH
@pytest.mark.parametrize(
    "exception",
    [
        EndpointConnectionError(endpoint_url="https://s3.amazonaws.com/b/k"),
        ReadTimeoutError(endpoint_url="https://s3.amazonaws.com/b/k"),
        ConnectionResetError(104, "reset"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_add_exception_raises_as_given(validate, exception):
    with patch_boto3(validate=validate) as aws:
        aws.add_exception("s3", "GetObject", exception)
        with pytest.raises(type(exception)) as excinfo:
            client("s3").get_object(Bucket="b", Key="k")
    assert excinfo.value is exception
    assert aws.calls[0].exception is exception


def test_network_faults_catchable_as_botocore_errors():
    with patch_boto3() as aws:
        aws.add_exception("s3", "GetObject", EndpointConnectionError(endpoint_url="https://x"))
        with pytest.raises(botocore.exceptions.BotoCoreError) as excinfo:
            client("s3").get_object(Bucket="b", Key="k")
    assert str(excinfo.value) == 'Could not connect to the endpoint URL: "https://x"'


# paginators


@BOTH
def test_paginator_every_page_is_a_queued_call(validate):
    with patch_boto3(validate=validate) as aws:
        aws.add_response(
            "s3",
            "ListObjectsV2",
            {"Contents": [{"Key": "a"}], "IsTruncated": True, "NextContinuationToken": "t1"},
        )
        aws.add_response(
            "s3",
            "ListObjectsV2",
            {"Contents": [{"Key": "b"}], "IsTruncated": False},
            expected_params={"Bucket": "bkt", "ContinuationToken": "t1"},
        )
        paginator = client("s3").get_paginator("list_objects_v2")
        keys = [o["Key"] for page in paginator.paginate(Bucket="bkt") for o in page["Contents"]]
    assert keys == ["a", "b"]
    assert aws.call_count("s3", "ListObjectsV2") == 2
    assert aws.calls[0].params == {"Bucket": "bkt"}


def test_paginator_build_full_result_and_search():
    with patch_boto3() as aws:
        aws.add_response("sqs", "ListQueues", {"QueueUrls": ["q1"], "NextToken": "n"})
        aws.add_response("sqs", "ListQueues", {"QueueUrls": ["q2"]})
        pages = client("sqs").get_paginator("list_queues").paginate()
        assert list(pages.search("QueueUrls[]")) == ["q1", "q2"]


# waiters


@BOTH
def test_waiter_finishes_without_sleeping(validate):
    with patch_boto3(validate=validate) as aws:
        aws.add_client_error("s3", "HeadObject", "404", http_status_code=404, times=3)
        aws.add_response("s3", "HeadObject", {"ContentLength": 1})
        # The real waiter sleeps 5 s between attempts, through time.sleep.
        with mock.patch("time.sleep", side_effect=AssertionError("the waiter slept")):
            client("s3").get_waiter("object_exists").wait(Bucket="b", Key="k")
    assert aws.call_count("s3", "HeadObject") == 4


def test_waiter_gives_up_like_a_real_waiter():
    with patch_boto3() as aws:
        aws.add_client_error("s3", "HeadObject", "404", http_status_code=404, times=None)
        waiter = client("s3").get_waiter("object_exists")
        with pytest.raises(WaiterError) as excinfo:
            waiter.wait(Bucket="b", Key="k", WaiterConfig={"MaxAttempts": 3})
    assert str(excinfo.value) == (
        "Waiter ObjectExists failed: Max attempts exceeded."
        " Previously accepted state: Matched expected HTTP status code: 404"
    )
    assert aws.call_count("s3", "HeadObject") == 3


def test_waiter_failure_state_on_error_code():
    with patch_boto3() as aws:
        aws.add_response("dynamodb", "DescribeTable", {"Table": {"TableStatus": "CREATING"}})
        aws.add_response("dynamodb", "DescribeTable", {"Table": {"TableStatus": "ACTIVE"}})
        client("dynamodb").get_waiter("table_exists").wait(TableName="t")
    assert aws.call_count("dynamodb", "DescribeTable") == 2


def test_time_sleep_elsewhere_is_untouched():
    with patch_boto3():
        assert botocore.waiter.time is not time
        assert time.sleep is REAL_SLEEP
        started = time.perf_counter()
        time.sleep(0.05)
        assert time.perf_counter() - started >= 0.04
    assert botocore.waiter.time is time


# presigned URLs


def test_presigned_urls_work_offline():
    with no_network(), patch_boto3() as aws:
        s3 = client("s3")
        url = s3.generate_presigned_url(
            "get_object", Params={"Bucket": "bkt", "Key": "a b"}, ExpiresIn=60
        )
        post = s3.generate_presigned_post("bkt", "k")
    parsed = urlparse(url)
    assert parsed.netloc == "bkt.s3.amazonaws.com"
    assert parsed.path == "/a%20b"
    query = parse_qs(parsed.query)
    assert "Signature" in query or "X-Amz-Signature" in query
    assert post["url"] == "https://bkt.s3.amazonaws.com/"
    assert aws.calls == []


# s3transfer: upload_file, upload_fileobj, download_file


@BOTH
def test_upload_file_small(validate, tmp_path):
    path = tmp_path / "small.txt"
    path.write_bytes(b"hello")
    with patch_boto3(validate=validate) as aws:
        aws.add_response("s3", "PutObject", {"ETag": '"e"'})
        client("s3").upload_file(str(path), "bkt", "small.txt")
    (put,) = aws.calls
    assert put.params["Bucket"] == "bkt"
    assert put.params["Key"] == "small.txt"
    # s3transfer adds the default checksum algorithm where botocore (1.36+) has
    # one; the body is its ReadFileChunk.
    checksum = {"ChecksumAlgorithm": "CRC32"} if _default_checksums() else {}
    aws.assert_called_once_with(
        "s3", "PutObject", Bucket="bkt", Key="small.txt", Body=ANY, **checksum
    )


@BOTH
def test_upload_fileobj(validate):
    with patch_boto3(validate=validate) as aws:
        aws.add_response("s3", "PutObject", {"ETag": '"e"'})
        client("s3").upload_fileobj(io.BytesIO(b"data"), "bkt", "k")
    assert aws.calls[0].params["Key"] == "k"


@BOTH
def test_multipart_upload_from_worker_threads(validate, tmp_path):
    parts = 3
    path = tmp_path / "big.bin"
    path.write_bytes(b"x" * (parts * 5 * MB))
    threads: List[str] = []

    def upload_part(params: Dict[str, Any]) -> Dict[str, Any]:
        threads.append(threading.current_thread().name)
        return {"ETag": f'"etag-{params["PartNumber"]}"'}

    with patch_boto3(validate=validate) as aws:
        aws.add_response("s3", "CreateMultipartUpload", {"UploadId": "u-1"})
        aws.add_response("s3", "UploadPart", upload_part, times=parts)
        aws.add_response("s3", "CompleteMultipartUpload", {"ETag": '"done"'})
        config = TransferConfig(multipart_threshold=5 * MB, multipart_chunksize=5 * MB)
        client("s3").upload_file(str(path), "bkt", "big.bin", Config=config)
    assert aws.calls[0].operation == "CreateMultipartUpload"
    assert aws.calls[-1].operation == "CompleteMultipartUpload"
    assert aws.call_count("s3", "UploadPart") == parts
    assert sorted(c.params["PartNumber"] for c in aws.calls_for("s3", "UploadPart")) == [1, 2, 3]
    assert all(c.params["UploadId"] == "u-1" for c in aws.calls_for("s3", "UploadPart"))
    complete = aws.calls_for("s3", "CompleteMultipartUpload")[0].params
    etags = [p["ETag"] for p in complete["MultipartUpload"]["Parts"]]
    assert etags == ['"etag-1"', '"etag-2"', '"etag-3"']
    assert threading.current_thread().name not in threads


def _ranged_get(data: bytes, etag: str) -> Any:
    def get_object(params: Dict[str, Any]) -> Dict[str, Any]:
        match = re.fullmatch(r"bytes=(\d+)-(\d*)", params.get("Range", "bytes=0-"))
        assert match is not None
        start = int(match.group(1))
        end = int(match.group(2)) + 1 if match.group(2) else len(data)
        chunk = data[start:end]
        return {"Body": chunk, "ContentLength": len(chunk), "ETag": etag}

    return get_object


@BOTH
def test_download_file_small(validate, tmp_path):
    data = b"0123456789" * 100
    with patch_boto3(validate=validate) as aws:
        aws.add_response("s3", "HeadObject", {"ContentLength": len(data), "ETag": '"e"'})
        aws.add_response("s3", "GetObject", _ranged_get(data, '"e"'))
        client("s3").download_file("bkt", "k", str(tmp_path / "out"))
    assert (tmp_path / "out").read_bytes() == data
    assert [c.operation for c in aws.calls] == ["HeadObject", "GetObject"]


@BOTH
def test_download_file_ranged(validate, tmp_path):
    data = bytes(range(256)) * (4 * 4096)  # 4 MB
    config = TransferConfig(multipart_threshold=1 * MB, multipart_chunksize=1 * MB)
    with patch_boto3(validate=validate) as aws:
        aws.add_response("s3", "HeadObject", {"ContentLength": len(data), "ETag": '"e"'})
        aws.add_response("s3", "GetObject", _ranged_get(data, '"e"'), times=4)
        client("s3").download_file("bkt", "k", str(tmp_path / "out"), Config=config)
    assert (tmp_path / "out").read_bytes() == data
    ranges = sorted(c.params["Range"] for c in aws.calls_for("s3", "GetObject"))
    assert ranges == [f"bytes={i * MB}-{(i + 1) * MB - 1}" for i in range(3)] + [f"bytes={3 * MB}-"]
    # s3transfer 0.13 and later pin each range to the object's ETag.
    if_match = '"e"' if _version(s3transfer.__version__) >= (0, 13) else None
    assert all(c.params.get("IfMatch") == if_match for c in aws.calls_for("s3", "GetObject"))


@BOTH
def test_download_fileobj(validate):
    with patch_boto3(validate=validate) as aws:
        aws.add_response("s3", "HeadObject", {"ContentLength": 4, "ETag": '"e"'})
        aws.add_response("s3", "GetObject", {"Body": b"data", "ContentLength": 4})
        out = io.BytesIO()
        client("s3").download_fileobj("bkt", "k", out)
    assert out.getvalue() == b"data"


# S3 specifics: list encoding, bucket location, CopySource


@BOTH
def test_s3_list_keys_reach_the_code_unchanged(validate):
    keys = ["a+b", "with space", "100%", "caf\u00e9"]
    with patch_boto3(validate=validate) as aws:
        aws.add_response("s3", "ListObjectsV2", {"Contents": [{"Key": k} for k in keys]})
        aws.add_response("s3", "ListObjects", {"Contents": [{"Key": k} for k in keys]})
        s3 = client("s3")
        v2 = [o["Key"] for o in s3.list_objects_v2(Bucket="bkt")["Contents"]]
        v1 = [o["Key"] for o in s3.list_objects(Bucket="bkt")["Contents"]]
    assert v2 == v1 == keys
    # botocore adds EncodingType=url to the request it sends, not to the record.
    assert aws.calls[0].params == {"Bucket": "bkt"}


def test_s3_list_url_encoded_keys_decoded_exactly_once():
    # A response as S3 sends it for EncodingType=url: botocore decodes it once.
    with patch_boto3() as aws:
        aws.add_response(
            "s3",
            "ListObjectsV2",
            {
                "Contents": [{"Key": "a%2Bb"}, {"Key": "with+space"}, {"Key": "100%25"}],
                "Prefix": "p%2B",
                "EncodingType": "url",
            },
        )
        listed = client("s3").list_objects_v2(Bucket="bkt", Prefix="p+")
    assert [o["Key"] for o in listed["Contents"]] == ["a+b", "with space", "100%"]
    assert listed["Prefix"] == "p+"


def test_s3_list_encoding_type_asked_by_the_code_is_not_decoded():
    with patch_boto3() as aws:
        aws.add_response(
            "s3", "ListObjectsV2", {"Contents": [{"Key": "a%2Bb"}], "EncodingType": "url"}
        )
        listed = client("s3").list_objects_v2(Bucket="bkt", EncodingType="url")
    assert listed["Contents"] == [{"Key": "a%2Bb"}]


@BOTH
@pytest.mark.parametrize("location", ["eu-west-1", None])
def test_get_bucket_location(validate, location):
    with patch_boto3(validate=validate) as aws:
        aws.add_response("s3", "GetBucketLocation", {"LocationConstraint": location})
        response = client("s3").get_bucket_location(Bucket="bkt")
    assert response["LocationConstraint"] == location


@BOTH
def test_copy_object_copy_source_dict_recorded_as_passed(validate):
    source = {"Bucket": "src", "Key": "a b", "VersionId": "v1"}
    with patch_boto3(validate=validate) as aws:
        aws.add_response(
            "s3",
            "CopyObject",
            {"CopyObjectResult": {"ETag": '"e"', "LastModified": "2024-01-02T03:04:05Z"}},
            expected_params={"Bucket": "dst", "Key": "k", "CopySource": source},
        )
        client("s3").copy_object(Bucket="dst", Key="k", CopySource=source)
    assert aws.calls[0].params["CopySource"] == {"Bucket": "src", "Key": "a b", "VersionId": "v1"}
    assert source == {"Bucket": "src", "Key": "a b", "VersionId": "v1"}
    aws.assert_called_once_with("s3", "CopyObject", Bucket="dst", Key="k", CopySource=source)


def test_copy_object_invalid_copy_source_raises_like_a_real_client():
    real = _real_client("s3")
    with no_network(), Stubber(real) as stubber:
        stubber.add_response("copy_object", {})
        with pytest.raises(ParamValidationError) as expected:
            real.copy_object(Bucket="dst", Key="k", CopySource={"Bucket": "src"})
    with patch_boto3(), pytest.raises(ParamValidationError) as mocked:
        client("s3").copy_object(Bucket="dst", Key="k", CopySource={"Bucket": "src"})
    assert str(mocked.value) == str(expected.value)


# response checksums, validated as botocore validates them


def _crc32(data: bytes) -> str:
    return base64.b64encode(zlib.crc32(data).to_bytes(4, "big")).decode()


@BOTH
def test_a_body_that_does_not_match_its_checksum_fails_on_read(validate):
    with patch_boto3(validate=validate) as aws:
        aws.add_response(
            "s3", "GetObject", {"Body": b"tampered", "ChecksumCRC32": _crc32(b"original")}
        )
        # ChecksumMode asks botocore to validate (newer ones do by default).
        body = client("s3").get_object(Bucket="b", Key="k", ChecksumMode="ENABLED")["Body"]
        with pytest.raises(FlexibleChecksumError) as excinfo:
            body.read()
    assert excinfo.value.kwargs == {
        "error_msg": f"Expected checksum {_crc32(b'original')} did not match calculated"
        f" checksum: {_crc32(b'tampered')}"
    }


@BOTH
def test_a_body_that_matches_its_checksum_reads_fine(validate):
    with patch_boto3(validate=validate) as aws:
        aws.add_response("s3", "GetObject", {"Body": b"data", "ChecksumCRC32": _crc32(b"data")})
        aws.add_response(
            "s3", "GetObject", lambda params: {"Body": b"data", "ChecksumCRC32": _crc32(b"data")}
        )
        s3 = client("s3")
        for _ in range(2):
            response = s3.get_object(Bucket="b", Key="k", ChecksumMode="ENABLED")
            assert response["Body"].read() == b"data"
            assert response["ResponseMetadata"]["ChecksumAlgorithm"] == "crc32"


# botocore 1.36+ validates response checksums by default (when_supported).
DEFAULT_VALIDATION = "response_checksum_validation" in Config.OPTION_DEFAULTS


@BOTH
def test_older_botocore_validates_only_when_asked(validate):
    bad = {"Body": b"tampered", "ChecksumCRC32": _crc32(b"original")}
    with patch_boto3(validate=validate) as aws:
        aws.add_response("s3", "GetObject", bad, times=2)
        s3 = client("s3")
        unasked = s3.get_object(Bucket="b", Key="k")["Body"]
        if DEFAULT_VALIDATION:
            with pytest.raises(FlexibleChecksumError):
                unasked.read()
        else:
            assert unasked.read() == b"tampered"
        with pytest.raises(FlexibleChecksumError):
            s3.get_object(Bucket="b", Key="k", ChecksumMode="ENABLED")["Body"].read()


@BOTH
@pytest.mark.parametrize("queued", ["template", "callable"])
def test_checksums_are_validated_when_botocore_validates_them(validate, queued):
    bad = {"Body": b"tampered", "ChecksumCRC32": _crc32(b"original")}
    with patch_boto3(validate=validate) as aws:
        aws.add_response("s3", "GetObject", bad if queued == "template" else lambda p: bad, times=3)
        aws.add_response("s3", "GetObject", {**bad, "ChecksumCRC32": "AAAAAA==-3"})
        # when_required (older botocore's only behaviour): only a request that asks
        # for it (ChecksumMode) is validated.
        when_required = (
            Config(response_checksum_validation="when_required") if DEFAULT_VALIDATION else None
        )
        s3 = client("s3", config=when_required)
        unchecked = s3.get_object(Bucket="b", Key="k")
        assert unchecked["Body"].read() == b"tampered"
        assert "ChecksumAlgorithm" not in unchecked["ResponseMetadata"]
        with pytest.raises(FlexibleChecksumError):
            s3.get_object(Bucket="b", Key="k", ChecksumMode="ENABLED")["Body"].read()
        # Read in chunks, it is validated at the end.
        body = client("s3").get_object(Bucket="b", Key="k", ChecksumMode="ENABLED")["Body"]
        with pytest.raises(FlexibleChecksumError):
            list(body.iter_chunks(3))
        # A multipart object's composite checksum is not validated.
        got = client("s3").get_object(Bucket="b", Key="k", ChecksumMode="ENABLED")["Body"]
        assert got.read() == b"tampered"


# every way of making a client


def test_client_created_before_the_patch():
    sqs = _real_client("sqs")
    with patch_boto3() as aws:
        aws.add_response("sqs", "SendMessage", {"MessageId": "m"})
        assert sqs.send_message(QueueUrl="https://q", MessageBody="x")["MessageId"] == "m"


def test_client_created_and_called_in_another_thread():
    result: Dict[str, Any] = {}

    def work() -> None:
        result["id"] = boto3.client("sqs").send_message(QueueUrl="https://q", MessageBody="x")[
            "MessageId"
        ]

    with patch_boto3() as aws:
        aws.add_response("sqs", "SendMessage", {"MessageId": "m"})
        thread = threading.Thread(target=work)
        thread.start()
        thread.join()
    assert result == {"id": "m"}


def test_client_from_a_session_and_resources():
    with patch_boto3() as aws:
        aws.add_response("sqs", "SendMessage", {"MessageId": "m"})
        aws.add_response("s3", "GetObject", {"Body": b"data"})
        aws.add_response("s3", "ListBuckets", {"Buckets": [{"Name": "bkt"}]})
        session = boto3.Session(region_name="eu-west-1")
        assert session.client("sqs").send_message(QueueUrl="q", MessageBody="x")["MessageId"]
        s3 = boto3.resource("s3")
        assert s3.Object("bkt", "k").get()["Body"].read() == b"data"
        assert [b.name for b in s3.buckets.all()] == ["bkt"]
    assert [c.operation for c in aws.calls] == ["SendMessage", "GetObject", "ListBuckets"]


def _cli_session(timestamp_parser: Any = None, blob_parser: Any = None) -> Any:
    """A botocore session set up as the AWS CLI sets up its own."""
    session = botocore.session.get_session()
    defaults = {"timestamp_parser": timestamp_parser, "blob_parser": blob_parser}
    session.get_component("response_parser_factory").set_parser_defaults(
        **{k: v for k, v in defaults.items() if v is not None}
    )
    return session


def test_a_client_with_its_own_timestamp_parser_gets_timestamps_as_from_the_wire():
    moto = pytest.importorskip("moto")
    with moto.mock_aws():
        real = {}
        for name, session in (("parsed", botocore.session.get_session()), ("wire", None)):
            session = session or _cli_session(timestamp_parser=lambda value: value)
            s3 = session.create_client("s3", region_name="us-east-1")
            dynamodb = session.create_client("dynamodb", region_name="us-east-1")
            if name == "parsed":
                s3.create_bucket(Bucket="bkt")
                s3.put_object(Bucket="bkt", Key="k", Body=b"x")
                dynamodb.create_table(
                    TableName="t",
                    KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                    AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                    BillingMode="PAY_PER_REQUEST",
                )
            real[name] = (
                s3.list_objects_v2(Bucket="bkt")["Contents"][0]["LastModified"],
                s3.head_object(Bucket="bkt", Key="k")["LastModified"],
                dynamodb.describe_table(TableName="t")["Table"]["CreationDateTime"],
            )
    listed, head, created = real["parsed"]
    with patch_boto3() as aws:
        aws.add_response(
            "s3", "ListObjectsV2", {"Contents": [{"Key": "k", "LastModified": listed}]}
        )
        aws.add_response("s3", "HeadObject", {"LastModified": head}, times=2)
        aws.add_response("dynamodb", "DescribeTable", {"Table": {"CreationDateTime": created}})
        session = _cli_session(timestamp_parser=lambda value: value)
        s3 = session.create_client("s3", region_name="us-east-1")
        dynamodb = session.create_client("dynamodb", region_name="us-east-1")
        mocked = (
            s3.list_objects_v2(Bucket="bkt")["Contents"][0]["LastModified"],
            s3.head_object(Bucket="bkt", Key="k")["LastModified"],
            dynamodb.describe_table(TableName="t")["Table"]["CreationDateTime"],
        )
        # Other clients keep botocore's datetimes.
        assert client("s3").head_object(Bucket="bkt", Key="k")["LastModified"] == head
    assert mocked == real["wire"]


def test_a_client_with_its_own_blob_and_iso_timestamp_parsers():
    def iso(value: Any) -> str:  # the AWS CLI v2's default output
        return botocore.utils.parse_timestamp(value).isoformat()

    when = datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
    with patch_boto3() as aws:
        aws.add_response("kms", "Decrypt", {"Plaintext": b"secret", "KeyId": "k"})
        aws.add_response("iam", "GetUser", lambda params: {"User": _iam_user(when)})
        session = _cli_session(timestamp_parser=iso, blob_parser=lambda text: f"b64:{text}")
        kms = session.create_client("kms", region_name="us-east-1")
        iam = session.create_client("iam", region_name="us-east-1")
        assert kms.decrypt(CiphertextBlob=b"x")["Plaintext"] == "b64:c2VjcmV0"
        assert iam.get_user()["User"]["CreateDate"] == "2024-01-02T03:04:05+00:00"


def _iam_user(when: datetime.datetime) -> dict[str, Any]:
    return {
        "Path": "/",
        "UserName": "u",
        "UserId": "AIDA",
        "Arn": "arn:aws:iam::1:user/u",
        "CreateDate": when,
    }


# the same test with validate=True and validate=False


def _upload_and_notify(bucket: str, key: str, body: bytes, queue_url: str) -> Optional[str]:
    boto3.client("s3").put_object(Bucket=bucket, Key=key, Body=body)
    message = boto3.client("sqs").send_message(QueueUrl=queue_url, MessageBody=f"Uploaded {key}")
    return message.get("MessageId")


@BOTH
def test_valid_inputs_pass_the_same_either_way(validate):
    with patch_boto3(validate=validate) as aws:
        aws.add_response("s3", "PutObject", {"ETag": '"abc"'})
        aws.add_response("sqs", "send_message", {"MessageId": "m-1"})
        aws.add_response(
            "s3",
            "GetObject",
            {"Body": "text", "LastModified": "2024-01-02T03:04:05Z", "ContentLength": 4},
        )
        assert _upload_and_notify("bkt", "q1.csv", b"1,2", "https://q") == "m-1"
        got = client("s3").get_object(Bucket="bkt", Key="q1.csv")
    assert got["Body"].read() == b"text"
    assert got["LastModified"].year == 2024
    assert got["ResponseMetadata"]["HTTPStatusCode"] == 200
    aws.assert_called_once_with("s3", "PutObject", Bucket="bkt", Key="q1.csv", Body=b"1,2")
    aws.assert_called_once_with(
        "sqs", "SendMessage", QueueUrl="https://q", MessageBody="Uploaded q1.csv"
    )
