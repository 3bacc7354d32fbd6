"""The README's examples are run: each python block becomes a test module."""

from __future__ import annotations

import re
from pathlib import Path

import docutils.core
import docutils.utils
import pytest

README = Path(__file__).parent.parent / "README.rst"
BLOCK = re.compile(r"^\.\. code-block:: python\n\n((?:(?:    .*)?\n)+)", re.MULTILINE)


def python_blocks() -> list[tuple[int, str]]:
    text = README.read_text()
    blocks = []
    for match in BLOCK.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        code = "\n".join(row[4:] for row in match.group(1).splitlines())
        blocks.append((line, code))
    return blocks


def test_readme_has_examples() -> None:
    assert len(python_blocks()) >= 10


def test_readme_examples_pass(pytester: pytest.Pytester) -> None:
    """One pytest run over all blocks: each block is a module named after its line."""
    blocks = python_blocks()
    pytester.makepyfile(**{f"test_readme_line{line}": code for line, code in blocks})
    recorder = pytester.inline_run("-p", "no:cacheprovider", "-W", "error")
    passed, skipped, failed = recorder.listoutcomes()
    collect_errors = [r for r in recorder.getreports("pytest_collectreport") if r.failed]
    problems = [f"{r.nodeid}: {r.longreprtext}" for r in [*failed, *collect_errors]]
    assert problems == []
    assert skipped == []
    assert len(passed) >= len(blocks) - 1


def test_readme_is_valid_restructuredtext() -> None:
    docutils.core.publish_doctree(
        README.read_text(),
        settings_overrides={"halt_level": docutils.utils.Reporter.WARNING_LEVEL, "report_level": 5},
    )
