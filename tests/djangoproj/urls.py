"""One view that calls AWS, for LiveServerTestCase: it runs in the server's thread."""

from __future__ import annotations

import boto3
from django.http import HttpRequest, JsonResponse
from django.urls import path

QUEUE_URL = "https://sqs.eu-west-3.amazonaws.com/123456789012/jobs"


def enqueue(request: HttpRequest) -> JsonResponse:
    response = boto3.client("sqs").send_message(QueueUrl=QUEUE_URL, MessageBody="job")
    return JsonResponse({"id": response["MessageId"]})


urlpatterns = [path("enqueue/", enqueue)]
