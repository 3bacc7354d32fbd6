"""The orders service, tested with awsmock's pytest fixture and marker."""

from __future__ import annotations

from decimal import Decimal

import boto3
import pytest
from botocore.exceptions import ClientError
from orders import get_order, receipt_keys, save_order

from awsmock import ANY, AwsMockFixture


def test_save_order_stores_the_item_and_the_receipt(awsmock: AwsMockFixture) -> None:
    awsmock.add_response("dynamodb", "PutItem", {})
    awsmock.add_response("s3", "PutObject", {"ETag": '"1"'})

    save_order("orders", "o-1", {"apple": 2}, Decimal("3.50"))

    # Params are recorded as the code passed them: plain Python, not wire format.
    awsmock.assert_called_once_with(
        "dynamodb",
        "PutItem",
        TableName="orders",
        Item={"order_id": "o-1", "items": {"apple": 2}, "total": Decimal("3.50")},
        ConditionExpression="attribute_not_exists(order_id)",
    )
    awsmock.assert_called_once_with(
        "s3",
        "PutObject",
        Bucket="shop-receipts",
        Key="receipts/o-1.json",
        Body=b'{"order_id": "o-1", "total": "3.50"}',
    )


def test_a_duplicate_order_raises_the_modeled_error(awsmock: AwsMockFixture) -> None:
    awsmock.add_client_error("dynamodb", "PutItem", "ConditionalCheckFailedException")
    client = boto3.client("dynamodb")

    with pytest.raises(client.exceptions.ConditionalCheckFailedException):
        save_order("orders", "o-1", {}, Decimal(0))

    awsmock.assert_not_called("s3")


@pytest.mark.parametrize(
    ("stored", "expected"),
    [
        (
            {"Item": {"order_id": {"S": "o-2"}, "total": {"N": "9.5"}}},
            {"order_id": "o-2", "total": Decimal("9.5")},
        ),
        ({}, None),
    ],
)
def test_get_order(awsmock: AwsMockFixture, stored: dict, expected: object) -> None:
    # DynamoDB responses are queued in wire format; the Table resource converts them.
    awsmock.add_response(
        "dynamodb",
        "GetItem",
        stored,
        expected_params={"TableName": "orders", "Key": {"order_id": "o-2"}},
    )

    assert get_order("orders", "o-2") == expected


@pytest.mark.awsmock(strict=True)
class TestReceiptKeys:
    """strict=True: every call the test makes must be checked by an assertion."""

    def test_follows_every_page(self, awsmock: AwsMockFixture) -> None:
        awsmock.add_response(
            "s3",
            "ListObjectsV2",
            {
                "Contents": [{"Key": "receipts/o-1.json"}],
                "IsTruncated": True,
                "NextContinuationToken": "t-2",
            },
        )
        awsmock.add_response(
            "s3",
            "ListObjectsV2",
            {"Contents": [{"Key": "receipts/o-2.json"}], "IsTruncated": False},
        )

        assert receipt_keys() == ["receipts/o-1.json", "receipts/o-2.json"]

        awsmock.assert_any_call("s3", "ListObjectsV2", Bucket="shop-receipts", Prefix="receipts/")
        awsmock.assert_called_with(
            "s3",
            "ListObjectsV2",
            Bucket="shop-receipts",
            Prefix="receipts/",
            ContinuationToken="t-2",
        )

    def test_the_ini_region_applies(self, awsmock: AwsMockFixture) -> None:
        assert boto3.client("s3").meta.region_name == "eu-west-1"
        assert awsmock.options["region"] == "eu-west-1"

    def test_access_denied_is_a_client_error(self, awsmock: AwsMockFixture) -> None:
        awsmock.add_client_error("s3", "ListObjectsV2", "AccessDenied", http_status_code=403)

        with pytest.raises(ClientError, match="AccessDenied"):
            receipt_keys()

        awsmock.assert_called_once_with("s3", "ListObjectsV2", Bucket=ANY, Prefix="receipts/")
