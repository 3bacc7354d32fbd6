"""Reports kept in S3: list them, fetch one. Every failure of S3 becomes ReportUnavailable."""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Dict, Iterator, List, Optional

import boto3
from botocore.exceptions import BotoCoreError, ClientError

s3 = boto3.client("s3", region_name="us-east-1")


class ReportUnavailable(Exception):
    """S3 could not say: denied, throttled, down, unreachable."""


@contextmanager
def _unavailable_on_failure(what: str) -> Iterator[None]:
    try:
        yield
    except ClientError as error:
        raise ReportUnavailable(f"{what}: {error.response['Error']['Code']}") from error
    except BotoCoreError as error:  # connection errors, read timeouts
        raise ReportUnavailable(f"{what}: {error}") from error


def list_reports(bucket: str, prefix: str = "reports/") -> List[str]:
    """Every key under ``prefix``, across all pages of the listing."""
    keys: List[str] = []
    kwargs: Dict[str, Any] = {"Bucket": bucket, "Prefix": prefix}
    with _unavailable_on_failure(f"s3://{bucket}/{prefix}"):
        while True:
            page = s3.list_objects_v2(**kwargs)
            # An empty listing has no Contents at all (the first version read
            # page["Contents"] and failed on it: the Hypothesis test found it).
            keys += [item["Key"] for item in page.get("Contents", [])]
            if not page["IsTruncated"]:
                return keys
            kwargs["ContinuationToken"] = page["NextContinuationToken"]


def fetch_report(bucket: str, key: str) -> Optional[bytes]:
    """The report's bytes, or None when there is no such report."""
    with _unavailable_on_failure(f"s3://{bucket}/{key}"):
        try:
            return bytes(s3.get_object(Bucket=bucket, Key=key)["Body"].read())
        except s3.exceptions.NoSuchKey:
            return None
