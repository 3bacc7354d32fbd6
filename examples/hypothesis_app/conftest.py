import os
import sys

from hypothesis import settings

# Let the tests import reports.py as the application would.
sys.path.insert(0, os.path.dirname(__file__))

# reports.py builds its S3 client at import, before any patch: keep botocore's
# credential chain from probing the instance-metadata service for it.
os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")

# Reproducible runs that write no .hypothesis/ folder here.
settings.register_profile(
    "example", database=None, derandomize=True, deadline=None, max_examples=50
)
settings.load_profile("example")
