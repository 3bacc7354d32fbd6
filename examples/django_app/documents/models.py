from django.db import models


class Document(models.Model):
    """An uploaded file; the bytes live on S3 through the default storage."""

    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="documents/")
    uploaded_at = models.DateTimeField(auto_now_add=True)
