"""Installing awsmock changes nothing for tests that do not use it."""

from __future__ import annotations

import boto3
from botocore.stub import Stubber
from moto import mock_aws

from awsmock import patch_boto3


def test_stubber_still_works_next_to_awsmock() -> None:
    client = boto3.Session().client("s3", region_name="us-east-1")
    with Stubber(client) as stubber:
        stubber.add_response("list_buckets", {"Buckets": [{"Name": "stubbed"}]})
        assert client.list_buckets()["Buckets"][0]["Name"] == "stubbed"
        stubber.assert_no_pending_responses()


def test_moto_still_works_next_to_awsmock() -> None:
    with mock_aws():
        client = boto3.Session().client("s3", region_name="us-east-1")
        client.create_bucket(Bucket="moto-bucket")
        assert [b["Name"] for b in client.list_buckets()["Buckets"]] == ["moto-bucket"]


def test_moto_and_stubber_work_after_a_patch_has_come_and_gone() -> None:
    with patch_boto3() as aws:
        aws.add_response("s3", "ListBuckets", {"Buckets": []})
        boto3.client("s3").list_buckets()
    test_stubber_still_works_next_to_awsmock()
    test_moto_still_works_next_to_awsmock()
