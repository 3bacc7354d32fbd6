"""The ``.. code-block:: python`` blocks of reST pages, run as tests (README, docs/).

Every such block is a test module named after its page and line
(``test_usage_line42``); all of a page set's blocks run in one pytester
session. Code that is not a runnable test is shown with another directive
(``.. code-block:: text``, ``ini``, ``console``, or a ``::`` literal block).
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path
from typing import List, NamedTuple, Sequence

import pytest

DIRECTIVE = re.compile(r"^(?P<indent>[ \t]*)\.\. code-block:: python[ \t]*$")
# Every way reST and Sphinx spell a code directive, to check none is missed.
ANY_CODE_DIRECTIVE = re.compile(
    r"^[ \t]*\.\. (?:code-block|code|sourcecode)::[ \t]*(?P<lang>\S*)", re.MULTILINE
)


class Block(NamedTuple):
    page: Path
    line: int  # of the directive, 1-based
    code: str
    caption: str = ""  # ``:caption: storage.py``: a module the page's tests import

    @property
    def module(self) -> str:
        if self.is_support:
            return self.caption[: -len(".py")]
        stem = re.sub(r"\W", "_", self.page.stem.lower())
        return f"test_{stem}_line{self.line}"

    @property
    def is_support(self) -> bool:
        """Code under test, shown as its own file: imported by a test, not a test."""
        return self.caption.endswith(".py") and not self.caption.startswith("test_")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def python_blocks(page: Path) -> List[Block]:
    """The page's python blocks, dedented, in order."""
    lines = page.read_text(encoding="utf-8").splitlines()
    blocks = []
    i = 0
    while i < len(lines):
        match = DIRECTIVE.match(lines[i])
        i += 1
        if not match:
            continue
        line, indent = i, len(match.group("indent"))
        caption = ""
        while i < len(lines) and lines[i].strip().startswith(":") and _indent(lines[i]) > indent:
            if lines[i].strip().startswith(":caption:"):
                caption = lines[i].strip()[len(":caption:") :].strip()
            i += 1  # directive options (:caption: ...)
        body = []
        while i < len(lines) and (not lines[i].strip() or _indent(lines[i]) > indent):
            body.append(lines[i])
            i += 1
        code = textwrap.dedent("\n".join(body)).strip("\n")
        blocks.append(Block(page, line, code + "\n", caption))
    return blocks


def code_languages(page: Path) -> List[str]:
    """The language of every code directive on the page, in order."""
    text = page.read_text(encoding="utf-8")
    return [m.group("lang") for m in ANY_CODE_DIRECTIVE.finditer(text)]


def run_blocks(pytester: pytest.Pytester, blocks: Sequence[Block]) -> List[str]:
    """Run every block as a test module in one pytest session; return what went wrong.

    A failure, a collection error, a skip, or a block that ran no passing test
    is a problem.
    """
    pytester.makepyfile(**{block.module: block.code for block in blocks})
    recorder = pytester.inline_run("-p", "no:cacheprovider", "-W", "error")
    passed, skipped, failed = recorder.listoutcomes()
    collect_errors = [r for r in recorder.getreports("pytest_collectreport") if r.failed]
    problems = [f"{r.nodeid}: {r.longreprtext}" for r in [*failed, *collect_errors]]
    problems += [f"{r.nodeid}: skipped" for r in skipped]
    modules_passed = {r.nodeid.split(".py::")[0] for r in passed}
    problems += [
        f"{block.page.name}, line {block.line}: the block ran no passing test"
        for block in blocks
        if block.module not in modules_passed and not block.is_support
    ]
    return problems
