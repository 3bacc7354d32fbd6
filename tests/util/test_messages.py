"""Wording shared by every message (awsmock/_messages.py): sizes a person can read."""

from __future__ import annotations

import boto3
import pytest

from awsmock import ParamsMismatchError, UnmockedCallError, patch_boto3

FIVE_MB = b"x" * (5 * 1024 * 1024)


def test_an_unmocked_call_with_a_5_mb_body_gives_a_short_message() -> None:
    with patch_boto3(verify=False), pytest.raises(UnmockedCallError) as excinfo:
        boto3.client("s3").put_object(Bucket="b", Key="k", Body=FIVE_MB)
    message = str(excinfo.value)
    assert len(message) < 1000
    assert message.startswith(
        "s3.PutObject(Bucket='b', Key='k', Body=b'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
    )
    assert "...) was called, but nothing is queued for it." in message


def test_a_params_diff_of_5_mb_values_is_cut_to_a_readable_size() -> None:
    with patch_boto3(verify=False) as aws, pytest.raises(ParamsMismatchError) as excinfo:
        aws.add_response(
            "s3", "PutObject", {}, expected_params={"Bucket": "b", "Key": "k", "Body": b"y"}
        )
        boto3.client("s3").put_object(Bucket="b", Key="k", Body=FIVE_MB)
    message = str(excinfo.value)
    assert len(message) < 5000
    assert "Differences (- expected, + actual):" in message
    diff = message.split("Differences (- expected, + actual):\n", 1)[1].splitlines()
    assert len(diff) <= 62  # 60 lines, "... (N more lines)", the docs link
    assert all(len(line) <= 210 for line in diff)
    assert "more lines)" in diff[-2]


def test_links_point_at_the_installed_versions_docs() -> None:
    # Not "latest": a message must describe the release that raised it.
    import awsmock
    from awsmock._util.messages import docs

    assert docs("errors.html#matcherror") == (
        f"See https://awsmock.readthedocs.io/en/v{awsmock.__version__}/errors.html#matcherror"
    )


def test_the_version_is_written_once() -> None:
    import configparser
    from pathlib import Path

    setup = configparser.ConfigParser()
    setup.read(Path(__file__).parents[2] / "setup.cfg", encoding="utf-8")
    assert setup["metadata"]["version"] == "attr: awsmock._util.version.VERSION"
