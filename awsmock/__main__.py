"""``python -m awsmock cassette show FILE``, ``... cassette import-placebo DIR OUT.json``
and ``... example SERVICE OPERATION [--required]``."""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import sys
from typing import Any, Dict, List, Optional, Sequence

from ._replay import file as _cassette_file
from ._replay import placebo as _placebo
from .errors import CassetteError, UnknownOperationError

__unittest = True

_MAX_PARAMS = 4


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line; return the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "example":
            print(example_json(args.service, args.operation, full=not args.required))
        elif args.action == "show":
            print(show(args.file))
        else:
            interactions = _placebo.read_directory(args.directory)
            _cassette_file.write(args.out, interactions)
            noun = "interaction" if len(interactions) == 1 else "interactions"
            print(f"Wrote {len(interactions)} {noun} to {args.out}.")
        sys.stdout.flush()  # here, so a closed pipe is caught below
    except (CassetteError, UnknownOperationError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return _closed_pipe()
    return 0


def _closed_pipe() -> int:
    """The reader went away (``... | head -1``): stop quietly, as ``cat`` does.

    stdout is pointed at devnull so that Python's flush at exit does not
    print a second BrokenPipeError (the Python docs' recipe, "Note on SIGPIPE").
    """
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout without a file descriptor
        pass
    return 141  # 128 + SIGPIPE: what a shell reports for a writer killed by the pipe


_REST = [
    (re.compile(r"``(.+?)``"), r"\1"),  # ``literal``
    (re.compile(r":[\w:.-]+:`([^`<]+?)\s*<[^`>]*>`"), r"\1"),  # :ref:`text <target>`
    (re.compile(r":[\w:.-]+:`~?([^`]+)`"), r"\1"),  # :func:`target`
    (re.compile(r"`([^`<]+?)\s*<[^`>]*>`__?"), r"\1"),  # `text <url>`_
    (re.compile(r"`([^`]+)`_{0,2}"), r"\1"),  # `name`_, `interpreted`
    (re.compile(r"\*\*(\S(?:.*?\S)?)\*\*"), r"\1"),  # **strong**
    (re.compile(r"(?<![\w*])\*(\S(?:[^*]*?\S)?)\*(?![\w*])"), r"\1"),  # *emphasis*
]


def _plain(text: str) -> str:
    """``text`` without its reST markup: the docstrings are written for Sphinx."""
    for pattern, replacement in _REST:
        text = pattern.sub(replacement, text)
    return text


class _PlainHelp(argparse.HelpFormatter):
    """Help as plain text: descriptions and each argument's help lose their reST."""

    def _format_text(self, text: str) -> str:
        return super()._format_text(_plain(text))

    def _expand_help(self, action: argparse.Action) -> str:
        return _plain(super()._expand_help(action))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m awsmock", description=__doc__, formatter_class=_PlainHelp
    )
    commands = parser.add_subparsers(dest="command", required=True)
    cassette = commands.add_parser(
        "cassette", help="inspect and convert cassettes", formatter_class=_PlainHelp
    )
    actions = cassette.add_subparsers(dest="action", required=True)
    show_parser = actions.add_parser(
        "show", help="one line per recorded call", formatter_class=_PlainHelp
    )
    show_parser.add_argument("file", help="a cassette file, or a placebo data directory")
    convert = actions.add_parser(
        "import-placebo", help="convert a placebo data directory", formatter_class=_PlainHelp
    )
    convert.add_argument("directory", help="the placebo data directory")
    convert.add_argument("out", help="the cassette file to write")
    example = commands.add_parser(
        "example",
        help="print a valid response for an operation, as JSON to paste into a test",
        formatter_class=_PlainHelp,
    )
    example.add_argument("service", help="botocore's service name, e.g. s3")
    example.add_argument("operation", help="GetObject or get_object")
    # A scaffold to trim: every member by default, as a new user expects
    # (SendMessage has no required member, so "required only" prints {}).
    members = example.add_mutually_exclusive_group()
    members.add_argument(
        "--required",
        action="store_true",
        help="only the members the model requires (and a streaming payload),"
        " not every member",
    )
    members.add_argument(  # the default now; kept for the scripts that pass it
        "--full", action="store_true", help=argparse.SUPPRESS
    )
    return parser


def example_json(service: str, operation: str, full: bool = True) -> str:
    """``awsmock.example(service, operation, full=full)`` as indented JSON."""
    from ._model.example import example

    return json.dumps(example(service, operation, full=full), indent=4, default=_json_value)


def _json_value(value: Any) -> Any:
    # bytes as text and datetimes as ISO-8601: add_response takes both back.
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")  # pragma: no cover


def show(path: str) -> str:
    """A readable summary of a cassette: one line per call."""
    if os.path.isdir(path):
        interactions = _placebo.read_directory(path)
        kind = "placebo data directory"
    else:
        interactions = _cassette_file.load(path)
        kind = f"awsmock cassette, version {_cassette_file.VERSION}"
    noun = "call" if len(interactions) == 1 else "calls"
    lines = [f"{path}: {kind}, {len(interactions)} {noun}"]
    width = len(str(len(interactions)))
    for number, item in enumerate(interactions, 1):
        lines.append(f"{number:>{width}}. {_line(item)}")
    return "\n".join(lines)


def _line(item: Dict[str, Any]) -> str:
    params = item.get("params")
    args = "..." if params is None else _params(params)
    status = item["status"]
    outcome = str(status)
    if status >= 300:
        outcome += f" {item['response']['Error'].get('Code', '?')}"
    return f"{item['service']}.{item['operation']}({args}) -> {outcome}"


def _params(params: Dict[str, Any]) -> str:
    shown: List[str] = []
    for key, value in list(params.items())[:_MAX_PARAMS]:
        shown.append(f"{key}={_value(value)}")
    if len(params) > _MAX_PARAMS:
        shown.append("...")
    return ", ".join(shown)


def _value(value: Any) -> str:
    if isinstance(value, dict):
        if len(value) == 1 and next(iter(value)) in ("$bytes", "$base64"):
            return f"<{len(_cassette_file.decode(value))} bytes>"
        if len(value) == 1 and next(iter(value)).startswith("$"):
            value = _cassette_file.decode(value)
        else:
            return "{...}"
    if isinstance(value, list):
        return "[...]"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
