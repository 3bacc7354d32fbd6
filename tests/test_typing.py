"""What ``mypy --strict`` makes of typed code, with the boto3-stubs packages installed.

Each test is one real mypy run (seconds) over small files, as a user's test
suite would have them, against this checkout of awsmock.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Dict, List

import awsmock

ROOT = str(Path(awsmock.__file__).parent.parent)

HEADER = """\
from __future__ import annotations

from typing import Any

import boto3
from mypy_boto3_sqs.type_defs import SendMessageRequestTypeDef

from awsmock import ANY, AwsMock, patch_boto3
"""

GOOD = """
def test_typed(aws: AwsMock) -> None:
    sqs = boto3.client("sqs")
    sent = aws.on(sqs.send_message)
    sent.expect(QueueUrl="q", MessageBody=ANY).returns({"MessageId": "m"}, times=2)
    sent.returns(lambda params: {"MessageId": params["MessageBody"]})
    aws.on(sqs.receive_message).returns({"Messages": [{"Body": "b"}]})
    aws.on(sqs.get_queue_url).raises("QueueDoesNotExist", "no such queue", http_status_code=400)
    aws.on(sqs.delete_queue).raises(ValueError("x")).returns()
    sqs.send_message(QueueUrl="q", MessageBody="x")
    sent.assert_called_once_with(QueueUrl="q", MessageBody="x")
    count: int = sent.call_count
    assert count == len(sent.calls)


def test_typed_dicts_are_responses_and_params(aws: AwsMock) -> None:
    sqs = boto3.client("sqs")
    params: SendMessageRequestTypeDef = {"QueueUrl": "q", "MessageBody": "x"}
    result = sqs.send_message(**params)  # a SendMessageResultTypeDef
    aws.add_response("sqs", "SendMessage", result, expected_params=params)
    aws.add_response("sqs", "SendMessage", lambda params: result)
    aws.on(sqs.send_message).returns(result)


def test_untyped_clients_take_anything(aws: AwsMock) -> None:
    client: Any = boto3.client("sqs")
    aws.on(client.send_message).expect(QueueUrl=1).returns({"MessageId": 1})
"""

BAD = """
def test_typed(aws: AwsMock) -> None:
    sqs = boto3.client("sqs")
    aws.on(sqs.send_message).returns({"MessageId": 1})
    aws.on(sqs.send_message).expect(QueueUrl="q", MesageBody="x")
    aws.on(sqs.send_message).assert_called_with(QueueUrl="q", MessageBody=2)
"""


def _mypy(tmp_path: Path, files: Dict[str, str], plugin: bool) -> List[str]:
    """mypy's error lines for ``files``, run as a user would, with awsmock installed."""
    for name, body in files.items():
        (tmp_path / name).write_text(HEADER + textwrap.dedent(body))
    config = tmp_path / "mypy.ini"
    # awsmock is an installed library to the user: its own modules are not
    # reported (follow_imports = silent is what mypy does for site-packages).
    config.write_text(
        "[mypy]\nstrict = True\n"
        + ("plugins = awsmock.mypy_plugin\n" if plugin else "")
        + "[mypy-awsmock.*]\nfollow_imports = silent\n"
    )
    env = {**os.environ, "MYPYPATH": ROOT, "PYTHONPATH": ROOT}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--config-file",
            str(config),
            "--cache-dir",
            str(tmp_path / "cache"),
            "--no-error-summary",
            "--no-pretty",
            "--no-color-output",
            *sorted(files),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stderr == ""
    return result.stdout.splitlines()


def _line(name: str, text: str) -> int:
    """The line of ``text`` in the file written from ``HEADER`` + ``name``'s body."""
    body = {
        "bad.py": BAD,
        "good.py": GOOD,
        "partial.py": PARTIAL,
        "runtime.py": RUNTIME,
        "runtime_bad.py": RUNTIME_BAD,
    }[name]
    lines = (HEADER + textwrap.dedent(body)).splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


def test_mypy_checks_params_and_partial_responses_with_the_plugin(tmp_path: Path) -> None:
    errors = _mypy(tmp_path, {"good.py": GOOD, "bad.py": BAD}, plugin=True)
    returns = _line("bad.py", '"MessageId": 1')
    expect = _line("bad.py", "MesageBody")
    assert_with = _line("bad.py", "MessageBody=2")
    assert errors == [
        f'bad.py:{returns}: error: Incompatible types (expression has type "int",'
        ' TypedDict item "MessageId" has type "str")  [typeddict-item]',
        f'bad.py:{expect}: error: Unexpected keyword argument "MesageBody" for "expect" of'
        ' "Expectation"; did you mean "MessageBody"?  [call-arg]',
        f'bad.py:{expect}: note: "expect" defined in "awsmock._core.expect"',
        f'bad.py:{assert_with}: error: Argument "MessageBody" to "assert_called_with" of'
        ' "Expectation" has incompatible type "int"; expected "str"  [arg-type]',
    ]


PARTIAL = """
def test_partial(aws: AwsMock) -> None:
    sqs = boto3.client("sqs")
    aws.on(sqs.send_message).returns({"MessageId": "m"})
    aws.on(sqs.send_message).expect(QueueUrl="q", MessageBody="x")
"""


def test_without_the_plugin_returns_takes_the_whole_typed_dict(tmp_path: Path) -> None:
    errors = _mypy(tmp_path, {"good.py": GOOD, "partial.py": PARTIAL}, plugin=False)
    # What the stubs declare: every member of an output TypedDict is required.
    partial = [e for e in errors if e.startswith("partial.py:")]
    line = _line("partial.py", '"MessageId": "m"')
    assert len(partial) == 1
    assert partial[0].startswith(
        f'partial.py:{line}: error: Argument 1 to "returns" of "Expectation" has'
        ' incompatible type "dict[str, str]"; expected "TypedDict({'
    )
    assert partial[0].endswith("  [arg-type]")
    # good.py's only errors are its partial responses; whole TypedDicts pass.
    assert [e.split(": error: ")[0] for e in errors if e.startswith("good.py:")] == [
        f"good.py:{_line('good.py', text)}"
        for text in ('"MessageId": "m"}, times=2', "lambda params", '"Messages": [{"Body"')
    ]


RUNTIME = """
import datetime

def test_values_the_docs_show(aws: AwsMock) -> None:
    s3 = boto3.client("s3")
    aws.on(s3.get_object).returns({"Body": b"data"})
    aws.on(s3.get_object).returns({"Body": "text"})
    aws.on(s3.get_object).returns({"LastModified": "2024-01-01T00:00:00Z"})
    aws.on(s3.get_object).returns({"LastModified": datetime.datetime(2024, 1, 1)})
    aws.on(s3.list_objects_v2).returns(
        {"Contents": [{"Key": "k", "LastModified": "2024-01-01T00:00:00Z"}]}
    )
    got = s3.get_object(Bucket="b", Key="k")
    aws.on(s3.get_object).returns(got)
"""

RUNTIME_BAD = """
def test_still_checked(aws: AwsMock) -> None:
    s3 = boto3.client("s3")
    aws.on(s3.get_object).returns({"Body": 1})
    aws.on(s3.get_object).returns({"LastModified": 1.5})
"""


def test_the_plugin_takes_bytes_and_str_bodies_and_iso_timestamps(tmp_path: Path) -> None:
    errors = _mypy(tmp_path, {"runtime.py": RUNTIME, "runtime_bad.py": RUNTIME_BAD}, plugin=True)
    body = _line("runtime_bad.py", '"Body": 1')
    modified = _line("runtime_bad.py", '"LastModified": 1.5')
    assert errors == [
        f'runtime_bad.py:{body}: error: Incompatible types (expression has type "int",'
        ' TypedDict item "Body" has type "StreamingBody | bytes | str")  [typeddict-item]',
        f'runtime_bad.py:{modified}: error: Incompatible types (expression has type "float",'
        ' TypedDict item "LastModified" has type "datetime | str")  [typeddict-item]',
    ]
