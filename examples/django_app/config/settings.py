"""Settings of the example project: uploads go to S3, notifications to SQS."""

SECRET_KEY = "example-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
USE_TZ = True

INSTALLED_APPS = ["documents"]
ROOT_URLCONF = "config.urls"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}

AWS_REGION = "eu-west-1"
# Every uploaded file goes through django-storages' S3 backend (boto3 and
# s3transfer's worker threads underneath).
STORAGES = {
    "default": {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"bucket_name": "example-documents", "region_name": AWS_REGION},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DOCUMENTS_QUEUE_URL = "https://sqs.eu-west-1.amazonaws.com/123456789012/documents"

# awsmock's defaults for every AwsMockMixin test in this project; a test class
# can override them with its own awsmock_options.
AWSMOCK = {"region": AWS_REGION}
