"""The documents app, tested with awsmock: no AWS account, no network, no moto."""
# unittest-style assertions are what Django tests use.
# ruff: noqa: PT009, RUF012

from __future__ import annotations

import botocore
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import SimpleTestCase, TestCase

from awsmock import ANY, AwsMockMixin

from . import messaging
from .models import Document

QUEUE_URL = "https://sqs.eu-west-1.amazonaws.com/123456789012/documents"
# With botocore 1.36 and later, s3transfer adds a default checksum algorithm.
BOTOCORE_VERSION = tuple(int(n) for n in botocore.__version__.split(".")[:2])
S3TRANSFER_CHECKSUM = {"ChecksumAlgorithm": ANY} if BOTOCORE_VERSION >= (1, 36) else {}


class UploadTests(AwsMockMixin, TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        # setUpTestData runs patched: this save goes through cls.aws.
        cls.aws.add_response("s3", "PutObject", {"ETag": '"0"'})
        cls.document = Document.objects.create(
            title="Existing", file=ContentFile(b"hello", name="hello.txt")
        )

    def test_upload_stores_the_file_on_s3_and_sends_a_message(self) -> None:
        self.aws.add_response("s3", "PutObject", {"ETag": '"1"'})
        self.aws.add_response("sqs", "SendMessage", {"MessageId": "m-1"})

        response = self.client.post(
            "/documents/",
            {"title": "Q1", "file": SimpleUploadedFile("q1.csv", b"1,2\n", "text/csv")},
        )

        self.assertEqual(response.status_code, 201)
        document = Document.objects.get(title="Q1")
        self.assertEqual(
            response.json(), {"id": document.pk, "key": "documents/q1.csv", "message": "m-1"}
        )
        # s3transfer sent the PutObject from one of its worker threads.
        self.aws.assert_called_once_with(
            "s3",
            "PutObject",
            Bucket="example-documents",
            Key="documents/q1.csv",
            Body=ANY,
            ContentType="text/csv",
            **S3TRANSFER_CHECKSUM,
        )
        self.aws.assert_called_once_with(
            "sqs",
            "SendMessage",
            QueueUrl=QUEUE_URL,
            MessageBody=f'{{"id": {document.pk}, "key": "documents/q1.csv"}}',
        )

    def test_access_denied_on_upload_answers_503_and_sends_nothing(self) -> None:
        self.aws.add_client_error(
            "s3", "PutObject", "AccessDenied", "Access Denied", http_status_code=403
        )

        response = self.client.post("/documents/", {"file": SimpleUploadedFile("q2.csv", b"x")})

        self.assertEqual(response.status_code, 503)
        self.assertEqual(response.json(), {"error": "AccessDenied"})
        self.assertFalse(Document.objects.filter(title="q2.csv").exists())
        self.aws.assert_not_called("sqs")

    def test_content_is_read_from_s3(self) -> None:
        self.aws.add_response(
            "s3",
            "GetObject",
            {"Body": b"hello", "ContentType": "text/plain"},
            expected_params={"Bucket": "example-documents", "Key": "documents/hello.txt"},
        )

        response = self.client.get(f"/documents/{self.document.pk}/content/")

        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"hello")
        self.assertEqual(response["Content-Type"], "text/plain")

    def test_missing_s3_object_is_a_404(self) -> None:
        # The modeled error: the view catches client.exceptions.NoSuchKey.
        self.aws.add_client_error("s3", "GetObject", "NoSuchKey", "gone", http_status_code=404)

        response = self.client.get(f"/documents/{self.document.pk}/content/")

        self.assertEqual(response.status_code, 404)


class MessagingTests(AwsMockMixin, SimpleTestCase):
    awsmock_options = {"strict": True}  # every call must be asserted

    def test_notify_uploaded(self) -> None:
        self.aws.add_response("sqs", "SendMessage", {"MessageId": "m-7"})
        document = Document(pk=7, file="documents/a.txt")

        self.assertEqual(messaging.notify_uploaded(document), "m-7")

        self.aws.assert_called_once_with(
            "sqs",
            "SendMessage",
            QueueUrl=QUEUE_URL,
            MessageBody='{"id": 7, "key": "documents/a.txt"}',
        )
