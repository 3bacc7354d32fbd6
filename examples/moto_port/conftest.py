import os
import sys

import pytest

from awsmock import patch_boto3

# Let the tests import reports.py as the application would.
sys.path.insert(0, os.path.dirname(__file__))


@pytest.fixture
def storage():
    """moto's fixture pattern, ported: `with mock_aws():` became this line."""
    with patch_boto3(backend="moto") as aws:
        import reports

        reports.create_storage("data")
        yield aws
