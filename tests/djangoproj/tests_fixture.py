"""The awsmock fixture next to pytest-django's fixtures (run by tests/test_django.py)."""

from __future__ import annotations

import boto3
import pytest
from django.db import connection
from urls import QUEUE_URL

from awsmock import AwsMockFixture


@pytest.mark.django_db
@pytest.mark.awsmock(strict=True)
def test_fixture_with_the_database(awsmock: AwsMockFixture) -> None:
    awsmock.add_response("sqs", "SendMessage", {"MessageId": "m-db"})

    boto3.client("sqs").send_message(QueueUrl=QUEUE_URL, MessageBody="db")

    awsmock.assert_called_once_with("sqs", "SendMessage", QueueUrl=QUEUE_URL, MessageBody="db")
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


@pytest.mark.parametrize("body", ["a", "b"])
def test_fixture_with_settings_fixture(
    awsmock: AwsMockFixture, settings: object, body: str
) -> None:
    awsmock.add_response("sqs", "SendMessage", {"MessageId": body})
    response = boto3.client("sqs").send_message(QueueUrl=QUEUE_URL, MessageBody=body)
    assert response["MessageId"] == body
