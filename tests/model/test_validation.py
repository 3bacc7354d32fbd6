"""The compiled params check: never more lenient than botocore's validator, and used.

Two properties carry the fast path: whatever the compiled check accepts,
botocore's ``ParamValidator`` accepts too (so a mistake always reaches
botocore's report), and the params real code sends pass the compiled check
(so botocore's slower walk is the exception).
"""

from __future__ import annotations

import datetime
import decimal
import io
from typing import Any, List

import pytest
from botocore.exceptions import ParamValidationError
from botocore.validate import ParamValidator, validate_parameters
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awsmock import patch_boto3
from awsmock._model import validation as _validation
from awsmock._model.example import _Builder
from awsmock._model.models import available_services, service_model

from .. import _sessions
from .._strategies import examples, sampled, values

_botocore = ParamValidator()


def botocore_accepts(shape: Any, params: Any) -> bool:
    return not _botocore.validate(params, shape).has_errors()


def input_shape(service: str, operation: str) -> Any:
    return service_model(service).operation_model(operation).input_shape


# Shapes with every feature the check compiles: host labels and length
# minimums (S3), maps of structures and integers (SQS), unions and documents
# (Bedrock), timestamps and doubles (CloudWatch), blobs that may be files
# (S3 PutObject, Lambda), lists with minimums (EC2), JSON-value headers (Lex).
OPERATIONS = [
    ("s3", "GetObject"),
    ("s3control", "GetPublicAccessBlock"),
    ("s3", "PutObject"),
    ("sqs", "SendMessage"),
    ("sqs", "SendMessageBatch"),
    ("bedrock-runtime", "Converse"),
    ("cloudwatch", "PutMetricData"),
    ("lambda", "Invoke"),
    ("ec2", "RunInstances"),
    ("dynamodb", "PutItem"),
    ("lex-runtime", "PostContent"),
]


# Named shapes too: what lies deeper than the strategy goes from an operation.
SHAPES = [
    ("bedrock-runtime", "ContentBlock"),  # a union
    ("bedrock-runtime", "ToolSpecification"),  # a document inside
    ("dynamodb", "AttributeValue"),  # recursive maps and lists
]


def shape_named(service: str, name: str) -> Any:
    model = service_model(service)
    if (service, name) in OPERATIONS:
        return model.operation_model(name).input_shape
    return model.shape_for(name)


@pytest.mark.parametrize(("service", "name"), OPERATIONS + SHAPES)
@settings(max_examples=examples(300), deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_whatever_the_check_accepts_botocore_accepts(
    service: str, name: str, data: st.DataObject
) -> None:
    shape = shape_named(service, name)
    params = data.draw(values(shape))
    if _validation.compile_check(shape)(params):
        assert botocore_accepts(shape, params), params


@pytest.mark.parametrize("service", sampled(available_services()))
def test_every_operations_example_params_pass_the_check(service: str) -> None:
    # The model's own shapes, required members only and every member: what
    # botocore accepts, the compiled check accepts, so the fast path serves it.
    model = service_model(service)
    rejected: List[str] = []
    for operation in model.operation_names:
        shape = model.operation_model(operation).input_shape
        if shape is None:
            continue
        for full in (False, True):
            params = _Builder(service, full).structure(shape, [])
            if botocore_accepts(shape, params) and not _validation.compile_check(shape)(params):
                rejected.append(f"{operation} (full={full})")
    # JSON-value headers are left to botocore; nothing else is.
    assert all(_has_json_value_header(model, r.split(" ")[0]) for r in rejected), rejected


def _has_json_value_header(model: Any, operation: str) -> bool:
    shape = model.operation_model(operation).input_shape
    return any(m.serialization.get("jsonvalue") for m in shape.members.values())


# edges, one by one


def check(service: str, operation: str, params: Any) -> bool:
    return _validation.compile_check(input_shape(service, operation))(params)


def test_a_host_label_needs_one_character() -> None:
    # S3 Control's AccountId has no "min" but is bound to the host: botocore's implicit min of 1.
    shape = input_shape("s3control", "GetPublicAccessBlock")
    assert check("s3control", "GetPublicAccessBlock", {"AccountId": "1"})
    assert not check("s3control", "GetPublicAccessBlock", {"AccountId": ""})
    assert not botocore_accepts(shape, {"AccountId": ""})


def test_a_union_takes_exactly_one_member() -> None:
    content = {"role": "user", "content": [{"text": "hi"}]}
    assert check("bedrock-runtime", "Converse", {"modelId": "m", "messages": [content]})
    two = {"role": "user", "content": [{"text": "hi", "image": {}}]}
    assert not check("bedrock-runtime", "Converse", {"modelId": "m", "messages": [two]})


def test_a_document_holds_json_like_values() -> None:
    shape = service_model("bedrock-runtime").shape_for("ToolSpecification")
    for document, accepted in (({"a": [1, "b", None, {"c": 1.5}]}, True), ({"a": object()}, False)):
        params = {"name": "n", "inputSchema": {"json": document}}
        assert _validation.compile_check(shape)(params) is accepted
        assert botocore_accepts(shape, params) is accepted


def test_scalars_take_the_types_botocore_takes() -> None:
    metric = {"MetricName": "m", "Value": decimal.Decimal("1.5"), "Timestamp": "2024-01-01"}
    assert check("cloudwatch", "PutMetricData", {"Namespace": "n", "MetricData": [metric]})
    metric["Timestamp"] = datetime.datetime(2024, 1, 1)
    assert check("cloudwatch", "PutMetricData", {"Namespace": "n", "MetricData": [metric]})
    metric["Timestamp"] = "tomorrow"
    assert not check("cloudwatch", "PutMetricData", {"Namespace": "n", "MetricData": [metric]})
    assert check("s3", "PutObject", {"Bucket": "b", "Key": "k", "Body": io.BytesIO(b"x")})
    assert not check("s3", "PutObject", {"Bucket": "b", "Key": "k", "Body": 1})


def test_a_json_value_header_is_left_to_botocore() -> None:
    params = {
        "botName": "b",
        "botAlias": "a",
        "userId": "user",
        "contentType": "t",
        "inputStream": b"",
        "sessionAttributes": {"a": "b"},
    }
    assert not check("lex-runtime", "PostContent", params)
    assert botocore_accepts(input_shape("lex-runtime", "PostContent"), params)


# on a real client


def test_a_call_the_check_rejects_gets_botocores_own_error() -> None:
    client = _sessions.client("sqs", region_name="us-east-1")
    with patch_boto3() as aws:
        aws.add_response("sqs", "SendMessage", {})
        with pytest.raises(ParamValidationError) as raised:
            client.send_message(QueueUrl="q", MessageBody=1)
        client.send_message(QueueUrl="q", MessageBody="m")
    with pytest.raises(ParamValidationError) as real:
        validate_parameters({"QueueUrl": "q", "MessageBody": 1}, input_shape("sqs", "SendMessage"))
    assert str(raised.value) == str(real.value)


def test_params_botocore_accepts_but_the_check_cannot_judge_are_served() -> None:
    client = _sessions.client("lex-runtime", region_name="us-east-1")
    with patch_boto3() as aws:
        aws.add_response("lex-runtime", "PostContent", {})
        client.post_content(
            botName="b",
            botAlias="a",
            userId="user",
            contentType="t",
            inputStream=b"",
            sessionAttributes={"a": "b"},
        )
        aws.assert_called_once("lex-runtime", "PostContent")
