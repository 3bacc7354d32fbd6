"""Tell the rest of the system about new documents, through SQS."""

from __future__ import annotations

import json

import boto3
from django.conf import settings

from .models import Document


def notify_uploaded(document: Document) -> str:
    sqs = boto3.client("sqs", region_name=settings.AWS_REGION)
    response = sqs.send_message(
        QueueUrl=settings.DOCUMENTS_QUEUE_URL,
        MessageBody=json.dumps({"id": document.pk, "key": document.file.name}),
    )
    return str(response["MessageId"])
