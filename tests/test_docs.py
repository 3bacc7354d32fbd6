"""The documentation builds without a warning, and its examples are run."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from typing import List, Set, Tuple

import pytest

import awsmock.errors

from ._blocks import code_languages, python_blocks, run_blocks

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.rst"))
# Blocks that need the async extra (aiobotocore, s3fs, pandas), which the
# sync-only CI runs have not, run where it is installed.
HAS_AIO = importlib.util.find_spec("aiobotocore") is not None
ASYNC_IMPORT = re.compile(
    r"^\s*(?:from|import) (?:aiobotocore|aioboto3|s3fs|pandas|pyarrow)\b", re.MULTILINE
)
# Where the pages of earlier releases were linked from their error messages
# (usage.html#unknown-operation...): each still lands on its page.
LABELS = {
    "usage": [
        "unknown-operation",
        "unmocked-calls",
        "params-mismatch",
        "invalid-response",
        "unused-responses",
        "strict-mode",
        "network-blocked",
        "options",
    ],
    "cassettes": ["cassette-errors"],
    "pytest": ["leaked-patch"],
    "unittest": ["mixin-order"],
    "errors": [name.lower() for name in awsmock.errors.__all__],
}
# ... and the links the messages hold today, as docs("page.html#label"), anywhere in awsmock/.
LINKED = re.compile(r"""docs\(\s*["']([\w-]+)\.html#([\w-]+)["']""")
# Code that is not a runnable test uses one of these; a python block is a test.
LANGUAGES = {"python", "text", "console", "ini"}
# The widest code line the docs column shows without a scrollbar at 1280 px.
WIDTH = 88


def linked_anchors() -> Set[Tuple[str, str]]:
    """(page, label) of every docs link an awsmock message holds."""
    found: Set[Tuple[str, str]] = set()
    for source in (ROOT / "awsmock").rglob("*.py"):
        found |= set(LINKED.findall(source.read_text(encoding="utf-8")))
    return found


def test_messages_link_to_the_error_reference() -> None:
    linked = linked_anchors()
    assert len(linked) >= 10
    assert {page for page, _ in linked} == {"errors", "usage"}  # usage: the options table


def test_the_docs_build_without_warnings(tmp_path: Path) -> None:
    command = ["-m", "sphinx", "-n", "-W", "--keep-going", "-b", "html", "-q", "docs"]
    result = subprocess.run(
        [sys.executable, *command, str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert {p.stem for p in PAGES} <= {p.stem for p in tmp_path.glob("*.html")}
    # Each label an error message links to is an anchor on its page.
    links = {(page, label) for page, labels in LABELS.items() for label in labels}
    links |= linked_anchors()
    missing = []
    for page, label in sorted(links):
        built = tmp_path / f"{page}.html"
        text = built.read_text(encoding="utf-8") if built.exists() else ""
        if f'id="{label}"' not in text:
            missing.append(f"{page}.html#{label}")
    assert missing == []


def _code_lines(page: Path) -> List[Tuple[int, str]]:
    """(line number, text) of every line inside a code block or literal block."""
    lines = page.read_text(encoding="utf-8").splitlines()
    inside, indent, out = False, 0, []
    for number, line in enumerate(lines, 1):
        if inside:
            if line.strip() and len(line) - len(line.lstrip()) <= indent:
                inside = False
            else:
                out.append((number, line.rstrip()[indent:]))
                continue
        stripped = line.strip()
        if stripped.startswith((".. code-block::", ".. code::", ".. sourcecode::")) or (
            stripped.endswith("::") and not stripped.startswith("..")
        ):
            inside, indent = True, len(line) - len(line.lstrip())
    return out


@pytest.mark.parametrize("page", [*PAGES, ROOT / "README.rst"], ids=lambda p: p.name)
def test_no_code_line_is_wider_than_the_column(page: Path) -> None:
    # Directive bodies are indented 4 past the directive: the code's own width is len - 4.
    wide = [
        f"{page.name}:{number}: {len(text) - 4} characters"
        for number, text in _code_lines(page)
        if len(text) - 4 > WIDTH
    ]
    assert wide == []


def test_every_code_block_is_python_or_plainly_not() -> None:
    found = {f"{page.name}: {lang}" for page in PAGES for lang in code_languages(page)}
    assert {entry for entry in found if entry.split(": ")[1] not in LANGUAGES} == set()


def test_every_page_is_in_the_toctree() -> None:
    index = (DOCS / "index.rst").read_text(encoding="utf-8")
    listed = set(re.findall(r"^   (\w+)$", index, re.MULTILINE))
    assert {p.stem for p in PAGES} - {"index"} == listed


def test_docs_examples_pass(pytester: pytest.Pytester) -> None:
    """One pytest run over all pages' blocks: a module per block, named after page and line."""
    blocks = [block for page in PAGES for block in python_blocks(page)]
    blocks = [block for block in blocks if HAS_AIO or not ASYNC_IMPORT.search(block.code)]
    assert len(blocks) >= 30
    assert run_blocks(pytester, blocks) == []


def test_no_page_has_its_own_table_of_contents() -> None:
    # Furo shows each page's contents beside it, and renders ".. contents::" as an error box.
    found = [p.name for p in PAGES if re.search(r"^\.\. contents::", p.read_text(), re.MULTILINE)]
    assert found == []
