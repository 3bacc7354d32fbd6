from __future__ import annotations

from botocore.exceptions import ClientError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET, require_POST

from . import messaging
from .models import Document


@require_POST
def upload(request: HttpRequest) -> HttpResponse:
    """Store the uploaded file on S3, then announce it on SQS."""
    uploaded = request.FILES.get("file")
    if uploaded is None:
        return JsonResponse({"error": "Send the file as 'file'."}, status=400)
    document = Document(title=request.POST.get("title") or uploaded.name)
    try:
        # Upload first, outside any transaction: a storage error leaves no row behind.
        document.file.save(uploaded.name, uploaded, save=False)
    except ClientError as error:
        return JsonResponse({"error": error.response["Error"]["Code"]}, status=503)
    document.save()
    message_id = messaging.notify_uploaded(document)
    return JsonResponse(
        {"id": document.pk, "key": document.file.name, "message": message_id}, status=201
    )


@require_GET
def content(request: HttpRequest, pk: int) -> HttpResponse:
    """Serve the document's bytes, read straight from S3."""
    document = get_object_or_404(Document, pk=pk)
    storage = document.file.storage
    client = storage.connection.meta.client
    try:
        obj = client.get_object(Bucket=storage.bucket_name, Key=document.file.name)
    except client.exceptions.NoSuchKey:
        raise Http404("The file is gone from storage.") from None
    return HttpResponse(
        obj["Body"].read(), content_type=obj.get("ContentType", "application/octet-stream")
    )
