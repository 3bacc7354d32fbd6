"""Settings for the Django project awsmock's own tests run (see tests/test_django.py)."""

SECRET_KEY = "tests-only"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
USE_TZ = True
INSTALLED_APPS: list[str] = []
ROOT_URLCONF = "urls"
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
# Project-wide defaults for AwsMockMixin; classes override them.
AWSMOCK = {"region": "eu-west-3"}
STATIC_URL = "/static/"  # LiveServerTestCase serves static files
