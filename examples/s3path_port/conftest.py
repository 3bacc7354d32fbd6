"""s3path's `s3_mock` fixture, ported: `with mock_aws():` became `with patch_boto3(...)`.

test_path_operations.py is s3path 0.6.5's own, unchanged; its fixtures live in
s3path's tests/conftest.py, which the sdist does not ship, so they are written
out here. s3path keeps the boto3 resource it uses in a cached configuration
map; each test forgets it and registers one made while patched.
"""

import sys

import boto3
import pytest
from s3path import PureS3Path, register_configuration_parameter

from awsmock import patch_boto3


def _configuration_map():
    """Where s3path keeps its configuration: pathlib's rework in 3.12 moved it."""
    if sys.version_info >= (3, 12):
        from s3path import accessor

        return accessor.configuration_map
    from s3path import S3Path

    return S3Path._accessor.configuration_map


def _forget_configuration():
    configuration = _configuration_map()
    configuration.get_configuration.cache_clear()
    configuration.get_general_options.cache_clear()
    configuration.is_setup = False


@pytest.fixture
def reset_configuration_cache():
    _forget_configuration()
    yield
    _forget_configuration()


@pytest.fixture
def s3_mock(reset_configuration_cache):
    with patch_boto3(backend="moto"):
        register_configuration_parameter(PureS3Path("/"), resource=boto3.resource("s3"))
        yield
