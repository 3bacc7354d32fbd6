"""``python -m awsmock cassette show``, ``import-placebo`` and ``example``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from awsmock import patch_boto3
from awsmock.__main__ import main
from awsmock._replay import file as _cassette_file

PLACEBO_DIR = Path(__file__).parent / "data" / "placebo"
# How every CassetteError ends: the link to its section of the error reference.
LINK = " See https://awsmock.readthedocs.io/en/v0.3.0/errors.html#cassetteerror"


def _cassette(path: Path) -> Path:
    _cassette_file.write(
        str(path),
        [
            {
                "service": "s3",
                "operation": "PutObject",
                "params": {
                    "Bucket": "data",
                    "Key": "reports/2024/very-long-name-of-a-quarterly-report.csv",
                    "Body": {"$bytes": "1,2\n"},
                    "ContentType": "text/csv",
                    "Metadata": {"a": "b"},
                },
                "status": 200,
                "response": {"ETag": '"x"'},
            },
            {
                "service": "s3",
                "operation": "GetObject",
                "params": {"Bucket": "data", "Key": "missing"},
                "status": 404,
                "response": {"Error": {"Code": "NoSuchKey", "Message": ""}},
            },
        ],
    )
    return path


def test_show_prints_one_line_per_call(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _cassette(tmp_path / "c.json")
    assert main(["cassette", "show", str(path)]) == 0
    assert capsys.readouterr().out == (
        f"{path}: awsmock cassette, version 1, 2 calls\n"
        "1. s3.PutObject(Bucket='data', Key='reports/2024/very-long-name-of-a-qua...,"
        " Body=<4 bytes>, ContentType='text/csv', ...) -> 200\n"
        "2. s3.GetObject(Bucket='data', Key='missing') -> 404 NoSuchKey\n"
    )


def test_show_a_placebo_directory(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cassette", "show", str(PLACEBO_DIR)]) == 0
    assert capsys.readouterr().out == (
        f"{PLACEBO_DIR}: placebo data directory, 4 calls\n"
        "1. cloudwatch.ListMetrics(...) -> 200\n"
        "2. s3.GetObject(...) -> 200\n"
        "3. s3.GetObject(...) -> 404 NoSuchKey\n"
        "4. s3.ListBuckets(...) -> 200\n"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "Cassette {path} is corrupt: it is not valid JSON"),
        ('{"awsmock_cassette": 2, "interactions": []}', "Cassette {path} has format version 2;"),
    ],
)
def test_show_fails_clearly_on_bad_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    path = tmp_path / "c.json"
    path.write_text(text)
    assert main(["cassette", "show", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: " + message.format(path=path))


def test_show_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nope.json"
    assert main(["cassette", "show", str(path)]) == 1
    assert capsys.readouterr().err == (
        f"error: Cannot read cassette {path}: [Errno 2] No such file or directory: '{path}'."
        f"{LINK}\n"
    )


def test_import_placebo_writes_a_cassette(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "imported.json"
    assert main(["cassette", "import-placebo", str(PLACEBO_DIR), str(out)]) == 0
    assert capsys.readouterr().out == f"Wrote 4 interactions to {out}.\n"
    interactions = _cassette_file.load(str(out))
    assert [(i["service"], i["operation"], i["status"]) for i in interactions] == [
        ("cloudwatch", "ListMetrics", 200),
        ("s3", "GetObject", 200),
        ("s3", "GetObject", 404),
        ("s3", "ListBuckets", 200),
    ]
    listing = interactions[3]["response"]
    assert listing["Buckets"][0]["CreationDate"] == {"$datetime": "2021-03-04T05:06:07+00:00"}
    assert listing["ResponseMetadata"] == {
        "HTTPHeaders": {"x-amz-request-id": "1111"},
        "RequestId": "1111",
    }
    assert interactions[1]["response"]["Body"] == {"$bytes": "a,b\n1,2\n"}
    assert "params" not in interactions[0]


def test_import_placebo_from_an_empty_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["cassette", "import-placebo", str(tmp_path), str(tmp_path / "o.json")]) == 1
    assert capsys.readouterr().err.startswith(f"error: {tmp_path} is a directory without")
    assert not (tmp_path / "o.json").exists()


def test_import_placebo_from_a_missing_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere"
    assert main(["cassette", "import-placebo", str(missing), str(tmp_path / "o.json")]) == 1
    assert capsys.readouterr().err == (
        f"error: Cannot read placebo directory {missing}: No such file or directory.{LINK}\n"
    )


def test_import_placebo_into_a_path_it_cannot_write(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "taken"
    out.mkdir()
    assert main(["cassette", "import-placebo", str(PLACEBO_DIR), str(out)]) == 1
    assert capsys.readouterr().err == f"error: Cannot write cassette {out}: Is a directory.{LINK}\n"
    assert [p.name for p in tmp_path.iterdir()] == ["taken"]  # no temp file left


def test_import_placebo_counts_in_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "s3.ListBuckets_1.json").write_text('{"status_code": 200, "data": {}}')
    out = tmp_path / "o.json"
    assert main(["cassette", "import-placebo", str(tmp_path / "in"), str(out)]) == 0
    assert capsys.readouterr().out == f"Wrote 1 interaction to {out}.\n"


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as excinfo:
        main(["cassette"])
    assert excinfo.value.code == 2
    assert "usage: python -m awsmock cassette" in capsys.readouterr().err


@pytest.mark.parametrize("command", [[], ["cassette"], ["cassette", "show"], ["example"]])
def test_help_is_plain_text_without_rest_markup(
    command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as excinfo:
        main([*command, "--help"])
    assert excinfo.value.code == 0
    printed = capsys.readouterr().out
    assert printed.startswith("usage: python -m awsmock")
    for markup in ("``", ":ref:", ":func:", "`_"):
        assert markup not in printed


def test_help_describes_the_commands_in_plain_words(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    description = capsys.readouterr().out.split("\n\n")[1]
    assert " ".join(description.split()) == (
        "python -m awsmock cassette show FILE, ... cassette import-placebo DIR OUT.json"
        " and ... example SERVICE OPERATION [--required]."
    )


@pytest.mark.parametrize(
    ("rest", "plain"),
    [
        ("``patch_boto3()``", "patch_boto3()"),
        ("see :ref:`options`", "see options"),
        ("see :ref:`the options <options>`", "see the options"),
        (":func:`awsmock.example`", "awsmock.example"),
        ("`the docs <https://awsmock.readthedocs.io>`_", "the docs"),
        ("`placebo`_ and *one* **two**", "placebo and one two"),
        ("[--full] a*b 2 * 3", "[--full] a*b 2 * 3"),
    ],
)
def test_help_text_drops_rest_markup(rest: str, plain: str) -> None:
    from awsmock.__main__ import _plain

    assert _plain(rest) == plain


def test_runs_as_a_module(tmp_path: Path) -> None:
    path = _cassette(tmp_path / "c.json")
    result = subprocess.run(
        [sys.executable, "-m", "awsmock", "cassette", "show", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"{path}: awsmock cassette, version 1, 2 calls\n")


def test_show_abbreviates_tagged_and_nested_params(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "c.json"
    item = {
        "service": "cloudwatch",
        "operation": "GetMetricData",
        "params": {
            "EndTime": {"$datetime": "2024-05-01T00:00:00+00:00"},
            "MetricDataQueries": [],
        },
        "status": 200,
        "response": {},
    }
    _cassette_file.write(str(path), [item])
    assert main(["cassette", "show", str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[1] == (
        "1. cloudwatch.GetMetricData(EndTime=datetime.datetime(2024, 5, 1, 0, 0, t..., "
        "MetricDataQueries=[...]) -> 200"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "Cassette {path} is corrupt: it is not valid JSON"),
        ("[]", "{path} is not an awsmock cassette"),
        ('{"awsmock_cassette": 1, "interactions": {}}', "Cassette {path} is corrupt:"),
        (
            '{"awsmock_cassette": 1, "interactions": [{"service": "s3", "operation": "GetObject",'
            ' "params": {"Key": {"$base64": "!!"}}, "status": 200, "response": {}}]}',
            "Cassette {path} is corrupt: interaction 1 has a bad value at params.Key:",
        ),
        (
            '{"awsmock_cassette": 1, "interactions": [{"service": "s3", "operation": "GetObject",'
            ' "params": {"Key": {"$what": 1}}, "status": 200, "response": {}}]}',
            "Cassette {path} is corrupt: interaction 1 has a bad value at params.Key:",
        ),
        ('{"awsmock_cassette": 1, "interactions": ' + "[" * 10_000 + "]" * 10_000 + "}", ""),
    ],
)
def test_show_prints_one_error_line_for_any_corrupt_file(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "c.json"
    path.write_text(text)
    result = subprocess.run(
        [sys.executable, "-m", "awsmock", "cassette", "show", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.startswith("error: " + message.format(path=path))
    assert result.stderr.count("\n") == 1, result.stderr


def test_show_stops_quietly_when_the_pipe_closes(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    item = {"service": "s3", "operation": "ListBuckets", "status": 200, "response": {}}
    _cassette_file.write(str(path), [item] * 20_000)  # far more than a pipe buffer
    show = subprocess.Popen(
        [sys.executable, "-m", "awsmock", "cassette", "show", str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert show.stdout is not None and show.stderr is not None
    head = subprocess.Popen(["head", "-1"], stdin=show.stdout, stdout=subprocess.PIPE)
    show.stdout.close()  # head alone reads it now, as in a shell pipeline
    first_line, _ = head.communicate()
    errors = show.stderr.read()
    show.stderr.close()
    assert first_line == f"{path}: awsmock cassette, version 1, 20000 calls\n".encode()
    assert (show.wait(), errors) == (141, b"")


# example


SEND_MESSAGE_EXAMPLE = (
    "{\n"
    '    "MD5OfMessageBody": "MD5OfMessageBody",\n'
    '    "MD5OfMessageAttributes": "MD5OfMessageAttributes",\n'
    '    "MD5OfMessageSystemAttributes": "MD5OfMessageSystemAttributes",\n'
    '    "MessageId": "message-0123456789abcdef",\n'
    '    "SequenceNumber": "SequenceNumber"\n'
    "}\n"
)


def test_example_prints_every_member_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["example", "sqs", "SendMessage"]) == 0
    assert capsys.readouterr().out == SEND_MESSAGE_EXAMPLE


def test_example_fills_lists_with_one_item_by_default(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["example", "sqs", "send_message_batch"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["Successful"][0]["MessageId"] == "message-0123456789abcdef"
    assert printed["Failed"][0]["Code"] == "Code"


def test_example_required_prints_the_required_members_only(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["example", "sqs", "send_message_batch", "--required"]) == 0
    assert capsys.readouterr().out == '{\n    "Successful": [],\n    "Failed": []\n}\n'
    assert main(["example", "sqs", "SendMessage", "--required"]) == 0
    assert capsys.readouterr().out == "{}\n"


def test_example_full_is_still_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["example", "sqs", "SendMessage", "--full"]) == 0
    assert capsys.readouterr().out == SEND_MESSAGE_EXAMPLE


def test_example_full_and_required_together_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit) as excinfo:
        main(["example", "sqs", "SendMessage", "--full", "--required"])
    assert excinfo.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_example_prints_bytes_as_text_and_datetimes_as_iso(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["example", "s3", "GetObject"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["Body"] == "example"
    assert printed["LastModified"] == "2024-01-01T00:00:00+00:00"
    # What it prints is what a test can queue.
    aws = patch_boto3()
    aws.add_response("s3", "GetObject", printed)


def test_example_of_an_unknown_operation(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["example", "sqs", "SendMesage"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "error: Unknown operation 'SendMesage' for service 'sqs'. Did you mean 'SendMessage',"
        " 'SendMessageBatch' or 'DeleteMessage'?"
        " Operations are named as in the API (GetObject) or as client methods (get_object)."
        " See https://awsmock.readthedocs.io/en/v0.3.0/errors.html#unknownoperationerror\n"
    )


def test_example_of_an_unknown_service(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["example", "sqss", "SendMessage"]) == 1
    assert capsys.readouterr().err == (
        "error: Unknown service 'sqss'. Did you mean 'sqs'? Use botocore's service name,"
        " as in boto3.client('s3'). See https://awsmock.readthedocs.io/en/v0.3.0/errors.html"
        "#unknownoperationerror\n"
    )


def test_example_runs_as_a_module() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "awsmock", "example", "s3", "get_object", "--required"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == '{\n    "Body": "example"\n}\n'
