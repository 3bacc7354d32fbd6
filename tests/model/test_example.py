"""``awsmock.example()``: valid responses generated from botocore's output shapes."""

from __future__ import annotations

import datetime

import boto3
import pytest
from botocore.response import StreamingBody

from awsmock import InvalidResponseError, UnknownOperationError, example, patch_boto3
from awsmock._model.example import EXAMPLE_BYTES, EXAMPLE_TIME
from awsmock._model.models import available_services, service_model

from .._strategies import sampled

# every operation botocore ships


@pytest.mark.parametrize("service", sampled(available_services()))
def test_every_operation_has_a_valid_example_in_both_modes(service: str) -> None:
    aws = patch_boto3()  # never started: add_response checks without patching
    for operation in service_model(service).operation_names:
        for full in (False, True):
            aws.add_response(service, operation, example(service, operation, full=full))


# what an example holds


def test_minimal_example_holds_the_required_members() -> None:
    assert example("sqs", "SendMessageBatch") == {"Successful": [], "Failed": []}
    assert example("s3", "CreateSession") == {
        "Credentials": {
            "AccessKeyId": "accesskey-0123456789abcdef",
            "SecretAccessKey": "SecretAccessKey",
            "SessionToken": "SessionToken",
            "Expiration": EXAMPLE_TIME,
        }
    }
    assert example("sqs", "SendMessage") == {}  # nothing in its output is required


def test_full_example_holds_every_member() -> None:
    assert example("sqs", "SendMessage", full=True) == {
        "MD5OfMessageBody": "MD5OfMessageBody",
        "MD5OfMessageAttributes": "MD5OfMessageAttributes",
        "MD5OfMessageSystemAttributes": "MD5OfMessageSystemAttributes",
        "MessageId": "message-0123456789abcdef",
        "SequenceNumber": "SequenceNumber",
    }


def test_arns_enums_and_maps() -> None:
    assert example("sns", "CreateTopic", full=True) == {
        "TopicArn": "arn:aws:sns:us-east-1:123456789012:topic/example"
    }
    assert example("s3", "GetBucketVersioning", full=True) == {
        "Status": "Enabled",
        "MFADelete": "Enabled",
    }
    # A map has one entry; its key is the first value of the key's enum.
    assert example("sqs", "GetQueueAttributes", full=True) == {"Attributes": {"All": "Attributes"}}


def test_lists_have_one_item_in_full_mode_and_none_otherwise() -> None:
    assert example("sqs", "ListQueues", full=True)["QueueUrls"] == ["QueueUrls"]
    assert "QueueUrls" not in example("sqs", "ListQueues")


def test_scalars() -> None:
    full = example("s3", "HeadObject", full=True)
    assert full["ContentLength"] == 0
    assert full["DeleteMarker"] is False
    assert full["LastModified"] == EXAMPLE_TIME
    assert EXAMPLE_TIME.tzinfo is not None
    assert example("kms", "GenerateRandom", full=True)["Plaintext"] == EXAMPLE_BYTES


def test_numbers_take_the_shapes_minimum() -> None:
    # CloudWatch's DatapointsToAlarm and EvaluationPeriods have min 1;
    # Threshold has none.
    alarm = example("cloudwatch", "DescribeAlarms", full=True)["MetricAlarms"][0]
    assert alarm["DatapointsToAlarm"] == 1
    assert alarm["EvaluationPeriods"] == 1
    assert alarm["Threshold"] == 0.0


def test_operation_without_output_gives_an_empty_dict() -> None:
    assert example("sqs", "DeleteQueue") == {}
    assert example("sqs", "DeleteQueue", full=True) == {}


def test_streaming_payload_is_always_there() -> None:
    assert example("s3", "GetObject") == {"Body": b"example"}
    assert example("lambda", "Invoke") == {"Payload": b"example"}
    # The Content-Length header member agrees with the payload.
    assert example("s3", "GetObject", full=True)["ContentLength"] == len(b"example")


def test_event_streams_are_lists_of_events() -> None:
    assert example("s3", "SelectObjectContent") == {"Payload": []}
    assert example("s3", "SelectObjectContent", full=True) == {
        "Payload": [{"Records": {"Payload": b"example"}}]
    }


def test_recursive_shapes_end() -> None:
    # AttributeValue holds lists and maps of AttributeValue: met again, left out.
    item = example("dynamodb", "GetItem", full=True)["Item"]
    assert item["key"]["L"] == []
    assert item["key"]["M"] == {}
    assert item["key"]["S"] == "S"


def test_a_tagged_union_sets_one_member() -> None:
    # ContentBlock is a union of text, image, document, toolUse ...: one is set.
    assert example("bedrock-runtime", "Converse", full=True)["output"] == {
        "message": {"role": "user", "content": [{"text": "text"}]}
    }


def test_examples_are_fresh_each_time() -> None:
    first = example("dynamodb", "DescribeTable", full=True)
    first["Table"]["AttributeDefinitions"].clear()
    first["Table"]["KeySchema"][0]["AttributeName"] = "changed"
    second = example("dynamodb", "DescribeTable", full=True)
    assert second["Table"]["AttributeDefinitions"] == [
        {"AttributeName": "AttributeName", "AttributeType": "S"}
    ]
    assert second["Table"]["KeySchema"][0]["AttributeName"] == "AttributeName"


# overrides


def test_overrides_set_top_level_members() -> None:
    assert example("sqs", "SendMessage", MessageId="m-1") == {"MessageId": "m-1"}
    full = example("sqs", "SendMessage", full=True, MessageId="m-1")
    assert full["MessageId"] == "m-1"
    assert full["SequenceNumber"] == "SequenceNumber"


def test_overrides_may_set_response_metadata() -> None:
    meta = {"HTTPStatusCode": 201}
    assert example("sqs", "SendMessage", ResponseMetadata=meta) == {"ResponseMetadata": meta}


def test_unknown_override_suggests_the_member() -> None:
    with pytest.raises(InvalidResponseError) as excinfo:
        example("sqs", "send_message", MesageId="m-1")
    assert excinfo.value.args == (
        "example('sqs', 'SendMessage'): unknown key 'MesageId'. Did you mean 'MessageId'?"
        " Valid keys: MD5OfMessageBody, MD5OfMessageAttributes, MD5OfMessageSystemAttributes,"
        " MessageId, SequenceNumber",
    )


def test_override_of_the_wrong_type() -> None:
    with pytest.raises(InvalidResponseError) as excinfo:
        example("sqs", "SendMessage", MessageId=1)
    assert excinfo.value.args == (
        "example('sqs', 'SendMessage'): MessageId: expected str, got int (1)",
    )


# names


def test_snake_case_names() -> None:
    assert example("s3", "get_object") == example("s3", "GetObject")


def test_unknown_names() -> None:
    with pytest.raises(UnknownOperationError) as excinfo:
        example("s3", "GetObjekt")
    assert excinfo.value.args[0].startswith(
        "Unknown operation 'GetObjekt' for service 's3'. Did you mean 'GetObject',"
    )
    with pytest.raises(UnknownOperationError) as excinfo:
        example("s4", "GetObject")
    assert excinfo.value.args == (
        "Unknown service 's4'. Use botocore's service name, as in boto3.client('s3')."
        " See https://awsmock.readthedocs.io/en/v0.3.0/errors.html#unknownoperationerror",
    )


def test_full_must_be_a_bool() -> None:
    with pytest.raises(TypeError) as excinfo:
        example("s3", "GetObject", full="yes")  # type: ignore[arg-type]
    assert excinfo.value.args == ("example(): full must be True or False, got 'yes'.",)


# the call returns it


def test_a_call_returns_the_example() -> None:
    with patch_boto3() as aws:
        aws.add_response("sqs", "SendMessage", example("sqs", "SendMessage", full=True))
        response = boto3.client("sqs").send_message(QueueUrl="q", MessageBody="x")
    assert response["MessageId"] == "message-0123456789abcdef"
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 200


def test_a_streaming_example_reaches_the_code_as_a_stream() -> None:
    with patch_boto3() as aws:
        aws.add_response("s3", "GetObject", example("s3", "GetObject", full=True))
        response = boto3.client("s3").get_object(Bucket="b", Key="k")
    assert isinstance(response["Body"], StreamingBody)
    assert response["Body"].read() == b"example"
    assert response["LastModified"] == datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)


def test_an_event_stream_example_is_iterated() -> None:
    with patch_boto3() as aws:
        aws.add_response(
            "s3", "SelectObjectContent", example("s3", "SelectObjectContent", full=True)
        )
        response = boto3.client("s3").select_object_content(
            Bucket="b",
            Key="k",
            Expression="select * from s3object",
            ExpressionType="SQL",
            InputSerialization={"CSV": {}},
            OutputSerialization={"CSV": {}},
        )
        events = list(response["Payload"])
    assert events == [{"Records": {"Payload": b"example"}}]


def test_a_resource_reads_a_dynamodb_example() -> None:
    with patch_boto3() as aws:
        aws.add_response(
            "dynamodb", "GetItem", example("dynamodb", "GetItem", Item={"id": {"S": "a"}})
        )
        item = boto3.resource("dynamodb").Table("t").get_item(Key={"id": "a"})["Item"]
    assert item == {"id": "a"}


def test_members_named_like_the_arguments_can_be_overridden() -> None:
    # ECS CreateService's output has a "service" member.
    assert example("ecs", "CreateService", service={"serviceName": "web"}) == {
        "service": {"serviceName": "web"}
    }
