"""reports.py's failure paths, from awsmock.failures(), and its listing, from Hypothesis."""

from __future__ import annotations

from typing import Any, Dict

import pytest
from hypothesis import given
from reports import ReportUnavailable, fetch_report, list_reports

import awsmock
from awsmock import AwsMock, patch_boto3, strategies


@pytest.mark.parametrize("failure", awsmock.failures("s3", "GetObject"), ids=str)
def test_fetch_report_fails_cleanly(failure: Any, awsmock: AwsMock) -> None:
    failure.queue(awsmock)
    if str(failure) == "NoSuchKey":
        assert fetch_report("data", "reports/1.csv") is None
    else:
        with pytest.raises(ReportUnavailable):
            fetch_report("data", "reports/1.csv")


@pytest.mark.parametrize("failure", awsmock.failures("s3", "ListObjectsV2"), ids=str)
def test_list_reports_fails_cleanly(failure: Any, awsmock: AwsMock) -> None:
    failure.queue(awsmock)
    with pytest.raises(ReportUnavailable, match=r"^s3://data/reports/: "):
        list_reports("data")


@given(
    first=strategies.response("s3", "ListObjectsV2"),
    last=strategies.response("s3", "ListObjectsV2", IsTruncated=False),
)
def test_list_reports_reads_every_page(first: Dict[str, Any], last: Dict[str, Any]) -> None:
    with patch_boto3() as aws:
        aws.add_response("s3", "ListObjectsV2", first)
        pages = [first]
        if first["IsTruncated"]:
            aws.add_response("s3", "ListObjectsV2", last)
            pages.append(last)
        keys = list_reports("data")
    assert keys == [item["Key"] for page in pages for item in page.get("Contents", [])]


@given(response=strategies.response("s3", "GetObject"))
def test_fetch_report_returns_any_body(response: Dict[str, Any]) -> None:
    with patch_boto3() as aws:
        aws.add_response("s3", "GetObject", response)
        assert fetch_report("data", "reports/1.csv") == response["Body"]
