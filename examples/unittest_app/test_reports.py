"""The reports service, tested with awsmock.AwsMockTestCase and plain unittest."""
# ruff: noqa: PT009, PT027, RUF012

from __future__ import annotations

import unittest

from boto3.dynamodb.conditions import Key
from botocore.exceptions import ClientError
from reports import list_reports, publish_report

from awsmock import AwsMockTestCase

SALES = {
    "Items": [  # DynamoDB wire format: the Table resource turns it into Python
        {"month": {"S": "2024-01"}, "sku": {"S": "B-2"}, "amount": {"N": "5"}},
        {"month": {"S": "2024-01"}, "sku": {"S": "A-1"}, "amount": {"N": "3"}},
    ]
}


class PublishReportTests(AwsMockTestCase):
    def test_writes_the_sales_as_csv(self) -> None:
        self.aws.add_response("dynamodb", "Query", SALES)
        self.aws.add_response("s3", "PutObject", {"ETag": '"1"'})

        key = publish_report("sales", "reports-bucket", "2024-01")

        self.assertEqual(key, "reports/2024-01.csv")
        self.aws.assert_called_once_with(
            "dynamodb",
            "Query",
            TableName="sales",
            KeyConditionExpression=Key("month").eq("2024-01"),
        )
        self.aws.assert_called_once_with(
            "s3",
            "PutObject",
            Bucket="reports-bucket",
            Key="reports/2024-01.csv",
            Body=b"sku,amount\nA-1,3\nB-2,5\n",
            ContentType="text/csv",
        )

    def test_a_missing_table_is_the_real_modeled_error(self) -> None:
        self.aws.add_client_error(
            "dynamodb", "Query", "ResourceNotFoundException", "Requested resource not found"
        )

        with self.assertRaises(ClientError) as caught:
            publish_report("sales", "reports-bucket", "2024-01")

        self.assertEqual(caught.exception.response["Error"]["Code"], "ResourceNotFoundException")
        self.aws.assert_not_called("s3")


class ListReportsTests(AwsMockTestCase):
    # Every call must be checked by an assertion, or the test fails.
    awsmock_options = {"strict": True, "region": "eu-west-1"}

    def test_follows_every_page(self) -> None:
        self.aws.add_response(
            "s3",
            "ListObjectsV2",
            {
                "Contents": [{"Key": "reports/2024-01.csv"}],
                "IsTruncated": True,
                "NextContinuationToken": "page-2",
            },
        )
        self.aws.add_response(
            "s3",
            "ListObjectsV2",
            {"Contents": [{"Key": "reports/2024-02.csv"}], "IsTruncated": False},
        )

        self.assertEqual(
            list_reports("reports-bucket"), ["reports/2024-01.csv", "reports/2024-02.csv"]
        )

        self.aws.assert_called_with(
            "s3",
            "ListObjectsV2",
            Bucket="reports-bucket",
            Prefix="reports/",
            ContinuationToken="page-2",
        )
        self.assertEqual(self.aws.call_count("s3", "ListObjectsV2"), 2)
        self.aws.assert_any_call("s3", "ListObjectsV2", Bucket="reports-bucket", Prefix="reports/")

    def test_an_empty_bucket_has_no_reports(self) -> None:
        self.aws.add_response("s3", "ListObjectsV2", {"KeyCount": 0, "IsTruncated": False})

        self.assertEqual(list_reports("reports-bucket"), [])

        self.aws.assert_called_once_with(
            "s3", "ListObjectsV2", Bucket="reports-bucket", Prefix="reports/"
        )


if __name__ == "__main__":
    unittest.main()
