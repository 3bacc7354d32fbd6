"""``awsmock.failures()``: every way a call can fail, queued and raised by a real client."""

from __future__ import annotations

import re
import unittest
from typing import Any, List

import pytest
from botocore.exceptions import ClientError, EndpointConnectionError, ReadTimeoutError

import awsmock
from awsmock import AwsMock, AwsMockTestCase, UnknownOperationError, patch_boto3
from awsmock._model.failures import Failure, Failures, _first_sentence
from awsmock._model.models import service_model
from tests._frames import visible
from tests._sessions import client

TWELVE = ["s3", "sqs", "sns", "dynamodb", "lambda", "secretsmanager", "ssm", "sts", "kms",
          "events", "kinesis", "stepfunctions"]  # fmt: skip


def download(s3: Any, bucket: str, key: str) -> Any:
    """The kind of code failures() is for: a download that must survive any failure."""
    try:
        return s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    except (ClientError, EndpointConnectionError, ReadTimeoutError):
        return None


@pytest.mark.parametrize("failure", awsmock.failures("s3", "GetObject"), ids=str)
def test_the_issues_example(failure: Failure, awsmock: AwsMock) -> None:
    failure.queue(awsmock)
    assert download(client("s3"), "b", "k") is None


def test_get_object_lists_modeled_documented_common_and_network_failures() -> None:
    cases = awsmock.failures("s3", "get_object")
    ids = [
        "NoSuchKey",
        "InvalidObjectState",
        "InvalidRange",
        "PreconditionFailed",
        "NoSuchBucket",
        "AccessDenied",
        "SlowDown",
        "InternalError",
        "ServiceUnavailable",
        "EndpointConnectionError",
        "ReadTimeoutError",
    ]
    assert [str(c) for c in cases] == ids
    assert [(c.source, c.status, c.retryable) for c in cases[:5]] == [
        ("modeled", 404, False),
        ("modeled", 403, False),
        ("documented", 416, False),
        ("documented", 412, False),
        ("documented", 404, False),
    ]
    assert {c.source for c in cases[5:]} == {"common"}
    assert repr(cases) == f"<Failures [{', '.join(ids)}]>"
    assert repr(cases[0]) == "<Failure s3.GetObject NoSuchKey (404, modeled)>"
    assert repr(cases[-1]) == "<Failure s3.GetObject ReadTimeoutError (common)>"
    assert cases.left_out == {}


def test_each_case_raises_what_the_real_service_would() -> None:
    s3 = client("s3")
    with patch_boto3() as aws:
        for case in awsmock.failures("s3", "GetObject"):
            case.queue(aws)
            with pytest.raises((ClientError, EndpointConnectionError, ReadTimeoutError)) as info:
                s3.get_object(Bucket="b", Key="k")
            if case.kind == "error":
                assert isinstance(info.value, ClientError)
                assert info.value.response["Error"]["Code"] == case.code
                assert info.value.response["ResponseMetadata"]["HTTPStatusCode"] == case.status
            elif case.kind == "connection":
                assert type(info.value) is EndpointConnectionError
                assert "https://s3.amazonaws.com" in str(info.value)
            else:
                assert type(info.value) is ReadTimeoutError


def test_modeled_errors_raise_their_class_with_their_fields() -> None:
    s3 = client("s3")
    state = next(c for c in awsmock.failures("s3", "GetObject") if str(c) == "InvalidObjectState")
    with patch_boto3() as aws:
        state.queue(aws)
        with pytest.raises(s3.exceptions.InvalidObjectState) as info:
            s3.get_object(Bucket="b", Key="k")
    assert info.value.response["StorageClass"] == "STANDARD"
    assert info.value.response["AccessTier"] == "ARCHIVE_ACCESS"
    assert info.value.response["Error"]["Message"] == state.message


def test_head_requests_fail_with_the_bare_status_as_botocore_parses_them() -> None:
    ids = [str(c) for c in awsmock.failures("s3", "HeadObject")]
    assert ids[:4] == ["NoSuchKey", "404-NotFound", "412-PreconditionFailed", "403-Forbidden"]
    s3 = client("s3")
    with patch_boto3() as aws:
        awsmock.failures("s3", "HeadObject")[1].queue(aws)
        with pytest.raises(ClientError) as info:
            s3.head_object(Bucket="b", Key="k")
    assert info.value.response["Error"] == {"Code": "404", "Message": "Not Found"}


def test_queue_takes_times_match_and_region() -> None:
    wanted = ("AccessDeniedException", "ReadTimeoutError")
    denied, timeout = [c for c in awsmock.failures("sqs", "SendMessage") if str(c) in wanted]
    east, west = client("sqs", region_name="us-east-1"), client("sqs", region_name="eu-west-1")
    with patch_boto3() as aws:
        denied.queue(aws, times=2, match={"MessageBody": "a"})
        timeout.queue(aws, region="eu-west-1")
        aws.add_response("sqs", "SendMessage", {"MessageId": "m"}, times=None, required=False)
        for _ in range(2):
            with pytest.raises(ClientError):
                east.send_message(QueueUrl="q", MessageBody="a")
        assert east.send_message(QueueUrl="q", MessageBody="b")["MessageId"] == "m"
        assert east.send_message(QueueUrl="q", MessageBody="a")["MessageId"] == "m"
        with pytest.raises(ReadTimeoutError) as info:
            west.send_message(QueueUrl="q", MessageBody="c")
    assert "sqs.eu-west-1.amazonaws.com" in str(info.value)


def test_queue_rejects_an_unknown_option() -> None:
    case = awsmock.failures("sqs", "SendMessage")[0]
    with patch_boto3() as aws, pytest.raises(TypeError) as info:
        case.queue(aws, time=2)
    assert info.value.args == (
        "<Failure sqs.SendMessage InvalidMessageContents (400, modeled)>.queue() got an"
        " unexpected keyword argument 'time'. Did you mean 'times'? It takes times,"
        " match, region, expected_params, required, as add_response does.",
    )
    assert [e for e in visible(info) if "_model/failures.py" in str(e.path)] == []


def test_cases_left_out_say_why() -> None:
    unsigned = awsmock.failures("sts", "AssumeRoleWithWebIdentity")
    assert unsigned.left_out == {
        "AccessDenied": "AssumeRoleWithWebIdentity is an unsigned operation (no credentials,"
        " auth none): IAM never denies it"
    }
    assert "AccessDenied" not in [str(c) for c in unsigned]
    invoke = awsmock.failures("lambda", "Invoke")
    assert invoke.left_out == {
        "TooManyRequestsException": "the operation models TooManyRequestsException itself:"
        " listed once, as modeled"
    }
    assert repr(invoke).endswith(
        "ReadTimeoutError]; left out TooManyRequestsException: the operation models"
        " TooManyRequestsException itself: listed once, as modeled>"
    )
    assert repr(Failures([], {"A": "why a", "B": "why b"})) == (
        "<Failures []; left out A: why a; left out B: why b>"
    )


def test_unknown_names_get_a_suggestion() -> None:
    with pytest.raises(UnknownOperationError, match=r"Did you mean 'GetObject'"):
        awsmock.failures("s3", "GetObjekt")
    with pytest.raises(UnknownOperationError) as info:
        awsmock.failures("dynamodbb", "PutItem")
    assert info.value.args[0].startswith("Unknown service 'dynamodbb'. Did you mean 'dynamodb'")


def test_every_case_of_every_operation_of_the_twelve_can_be_queued() -> None:
    """Codes, statuses and modeled fields all pass add_client_error's checks."""
    with patch_boto3() as aws:
        for service in TWELVE:
            for operation in service_model(service).operation_names:
                cases = awsmock.failures(service, operation)
                assert len({str(c) for c in cases}) == len(cases)
                for case in cases:
                    case.queue(aws, required=False)


def test_cases_work_with_unittest_subtests() -> None:
    seen: List[str] = []

    class Download(AwsMockTestCase):
        def test_survives(self) -> None:
            for failure in awsmock.failures("s3", "GetObject"):
                with self.subTest(failure=str(failure)):
                    failure.queue(self.aws)
                    assert download(client("s3"), "b", "k") is None
                    seen.append(str(failure))

    result = unittest.TestResult()
    unittest.defaultTestLoader.loadTestsFromTestCase(Download).run(result)
    assert (result.errors, result.failures) == ([], [])
    assert seen == [str(c) for c in awsmock.failures("s3", "GetObject")]


def _plain(documentation: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", documentation).split())


def test_a_modeled_case_carries_the_models_code_status_message_and_fields() -> None:
    errors = {s.name: s for s in service_model("sqs").operation_model("GetQueueUrl").error_shapes}
    (missing,) = [c for c in awsmock.failures("sqs", "GetQueueUrl") if "NonExistent" in str(c)]
    # The code is the one the wire carries (Error.Code), not the shape's name.
    assert (missing.kind, missing.source, missing.code, missing.status) == (
        "error",
        "modeled",
        "AWS.SimpleQueueService.NonExistentQueue",
        400,
    )
    # The message is the first sentence of the shape's documentation.
    documentation = _plain(errors["QueueDoesNotExist"].documentation)
    assert missing.message.endswith(".") and documentation.startswith(missing.message)
    assert missing.message != missing.code
    assert missing.fields == {"message": missing.message}
    assert missing.retryable is False


def test_a_server_fault_is_a_500_and_retried() -> None:
    # DynamoDB models InternalServerError as a fault with no HTTP status.
    cases = {str(c): c for c in awsmock.failures("dynamodb", "GetItem")}
    fault = cases["InternalServerError"]
    assert (fault.source, fault.status, fault.retryable) == ("modeled", 500, True)
    assert cases["ResourceNotFoundException"].status == 400
    # Every member of the error shape is a field; the message member is the message.
    shapes = {s.name: s for s in service_model("dynamodb").operation_model("GetItem").error_shapes}
    for case in cases.values():
        if case.source == "modeled":
            assert set(case.fields) == set(shapes[case.code].members)
            assert case.fields["message"] == case.message


def test_the_common_cases_and_the_network_faults() -> None:
    common = [c for c in awsmock.failures("kms", "Decrypt") if c.source == "common"]
    assert [(c.kind, str(c), c.code, c.status, c.message, c.retryable) for c in common] == [
        (
            "error",
            "AccessDeniedException",
            "AccessDeniedException",
            400,
            "User is not authorized to perform this action",
            False,
        ),
        ("error", "ThrottlingException", "ThrottlingException", 400, "Rate exceeded", True),
        ("error", "InternalFailure", "InternalFailure", 500, common[2].message, True),
        ("error", "ServiceUnavailable", "ServiceUnavailable", 503, common[3].message, True),
        ("connection", "EndpointConnectionError", "", 0, "", True),
        ("timeout", "ReadTimeoutError", "", 0, "", True),
    ]
    assert common[2].message and common[3].message
    assert [c.fields for c in common] == [{}] * 6


@pytest.mark.parametrize(
    ("service", "operation", "denied"),
    [
        ("s3", "GetObject", ("AccessDenied", 403, "Access Denied")),
        (
            "lambda",
            "Invoke",
            ("AccessDeniedException", 403, "User is not authorized to perform this action"),
        ),
        (
            "kms",
            "Decrypt",
            ("AccessDeniedException", 400, "User is not authorized to perform this action"),
        ),
        ("sns", "Publish", ("AccessDenied", 403, "User is not authorized to perform this action")),
    ],
)
def test_access_denied_as_each_protocol_spells_it(
    service: str, operation: str, denied: Any
) -> None:
    # S3 (rest-xml) has its own wording; rest-json and json services an
    # ...Exception (403, 400); query services AccessDenied.
    (case,) = [
        c
        for c in awsmock.failures(service, operation)
        if "AccessDenied" in c.code and c.source == "common"
    ]
    assert (case.code, case.status, case.message) == denied


def test_an_operation_the_model_marks_unsigned_is_never_denied() -> None:
    cases = awsmock.failures("cognito-idp", "InitiateAuth")
    assert "AccessDeniedException" in cases.left_out
    assert "AccessDeniedException" not in [str(c) for c in cases]


@pytest.mark.parametrize(
    ("documentation", "sentence"),
    [
        ("<p>The queue is <b>gone</b>. Create it again. Then retry.</p>", "The queue is gone."),
        ("No period at the end", "No period at the end"),
        ("", ""),
        ("x" * 199 + ". More.", "x" * 199 + "."),
        ("x" * 200 + ". More.", ""),
    ],
)
def test_a_message_is_the_first_sentence_of_the_documentation(
    documentation: str, sentence: str
) -> None:
    # Longer than 200 characters: not a message, the error's code is used instead.
    assert _first_sentence(documentation) == sentence


def test_an_unknown_name_fails_at_the_test_s_line() -> None:
    with pytest.raises(UnknownOperationError) as excinfo:
        awsmock.failures("s3", "GetObjekt")
    assert [e for e in visible(excinfo) if "_model/failures.py" in str(e.path)] == []
