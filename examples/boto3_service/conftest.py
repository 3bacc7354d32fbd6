import os
import sys

# Let the tests import service.py as the application would.
sys.path.insert(0, os.path.dirname(__file__))

# service.py builds its S3 client at import, before any patch: keep botocore's
# credential chain from probing the instance-metadata service for it.
os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")
