"""AwsMockMixin with each of Django's test cases.

Run by tests/test_django.py, under ``manage.py test`` and under pytest-django.
"""
# ruff: noqa: PT009, PT027, RUF012

from __future__ import annotations

import json
import os
import urllib.request
from typing import ClassVar

import boto3
from django.db import connection
from django.test import LiveServerTestCase, SimpleTestCase, TestCase, TransactionTestCase
from urls import QUEUE_URL

from awsmock import AwsMockMixin, UnmockedCallError


def send(body: str) -> str:
    return str(boto3.client("sqs").send_message(QueueUrl=QUEUE_URL, MessageBody=body)["MessageId"])


class SimpleTests(AwsMockMixin, SimpleTestCase):
    def test_settings_defaults_apply(self) -> None:
        self.assertEqual(self.aws.options["region"], "eu-west-3")
        self.assertEqual(boto3.client("sqs").meta.region_name, "eu-west-3")

    def test_calls_are_served_and_recorded(self) -> None:
        self.aws.add_response("sqs", "SendMessage", {"MessageId": "m-1"})
        self.assertEqual(send("hi"), "m-1")
        self.aws.assert_called_once_with("sqs", "SendMessage", QueueUrl=QUEUE_URL, MessageBody="hi")


class ClassOptionsTests(AwsMockMixin, SimpleTestCase):
    awsmock_options = {"region": "us-west-2", "strict": True}

    def test_class_options_override_settings(self) -> None:
        self.assertEqual(self.aws.options["region"], "us-west-2")
        self.assertTrue(self.aws.options["strict"])


class SetUpTestDataTests(AwsMockMixin, TestCase):
    region: ClassVar[str]
    message_id: ClassVar[str]

    @classmethod
    def setUpTestData(cls) -> None:
        # Already patched and hermetic: this call goes to cls.aws, not AWS.
        cls.region = boto3.client("sqs").meta.region_name
        cls.aws.add_response("sqs", "SendMessage", {"MessageId": "from-setUpTestData"})
        cls.message_id = send("setup")
        cls.aws.assert_called_once_with(
            "sqs", "SendMessage", QueueUrl=QUEUE_URL, MessageBody="setup"
        )
        with connection.cursor() as cursor:
            cursor.execute("CREATE TABLE jobs (id integer)")

    def test_setup_test_data_was_intercepted(self) -> None:
        self.assertEqual(self.region, "eu-west-3")
        self.assertEqual(self.message_id, "from-setUpTestData")

    def test_each_test_has_fresh_queues(self) -> None:
        self.assertEqual(self.aws.calls, [])
        self.assertIsNot(self.aws, type(self).aws)
        with self.assertRaises(UnmockedCallError):
            send("nothing queued")
        self.aws._failures.clear()  # this test expects the failure

    def test_database_works(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM jobs")
            self.assertEqual(cursor.fetchone(), (0,))


class TransactionTests(AwsMockMixin, TransactionTestCase):
    def test_calls_and_hermetic_environment(self) -> None:
        self.assertEqual(os.environ["AWS_ACCESS_KEY_ID"], "testing")
        self.aws.add_response("sqs", "SendMessage", {"MessageId": "m-tx"})
        self.assertEqual(send("tx"), "m-tx")


class LiveServerTests(AwsMockMixin, LiveServerTestCase):
    def test_a_view_in_the_server_thread_is_served_by_the_tests_mock(self) -> None:
        self.aws.add_response("sqs", "SendMessage", {"MessageId": "m-live"})

        with urllib.request.urlopen(f"{self.live_server_url}/enqueue/", timeout=10) as response:
            body = json.load(response)

        self.assertEqual(body, {"id": "m-live"})
        self.aws.assert_called_once_with(
            "sqs", "SendMessage", QueueUrl=QUEUE_URL, MessageBody="job"
        )
