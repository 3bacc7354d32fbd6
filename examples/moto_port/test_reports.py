import boto3
import pytest
import reports
from botocore.exceptions import ClientError

from awsmock import patch_boto3


def test_a_report_reads_back(storage):
    reports.save_report("data", "2024-01-02", [{"id": 1, "name": "ada"}])
    assert reports.read_report("data", "2024-01-02") == [{"id": "1", "name": "ada"}]


def test_a_missing_report_is_aws_own_error(storage):
    with pytest.raises(ClientError, match="NoSuchKey"):
        reports.read_report("data", "1999-12-31")


@patch_boto3(backend="moto")
def test_reports_are_listed_newest_first(aws):
    reports.create_storage("data")
    for day in ("2024-01-01", "2024-01-03", "2024-01-02"):
        reports.save_report("data", day, [{"id": 1}])
    assert reports.list_reports("data") == ["2024-01-03", "2024-01-02", "2024-01-01"]
    keys = boto3.client("s3").list_objects_v2(Bucket="data")["KeyCount"]
    assert keys == 3


def test_a_slow_down_is_retried(storage):
    """What moto alone cannot do: a fault queued on top of the state."""
    storage.add_client_error("s3", "PutObject", "SlowDown", http_status_code=503)
    reports.save_report("data", "2024-01-02", [{"id": 1}])
    assert [c.served_by for c in storage.calls_for("s3", "PutObject")] == ["queue", "backend"]
    assert reports.list_reports("data") == ["2024-01-02"]
