"""The documentation builds without a warning, and its examples are run."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ._blocks import code_languages, python_blocks, run_blocks

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.rst"))
# The async page's examples (and the state page's, which show async clients)
# need aiobotocore, which the sync-only CI run has not.
ASYNC_PAGES = {"async", "state"}
RUNNABLE = [
    p for p in PAGES if p.stem not in ASYNC_PAGES or importlib.util.find_spec("aiobotocore")
]
# Pages written, and placed in the toctree by the docs' restructuring (state.rst
# is ":orphan:" until then, so Sphinx does not warn either).
NOT_YET_IN_TOCTREE = {"state"}

# Library messages link to https://awsmock.readthedocs.io/en/latest/<page>.html#<label>.
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
}
# ... and the links the messages hold today, as docs("page.html#label") in awsmock/.
LINKED = re.compile(r"""docs\(\s*["']([\w-]+)\.html#([\w-]+)["']""")
# Code that is not a runnable test uses one of these; a python block is a test.
LANGUAGES = {"python", "text", "console", "ini"}


def test_the_docs_build_without_warnings(tmp_path: Path) -> None:
    command = ["-m", "sphinx", "-W", "--keep-going", "-b", "html", "-q", "docs", str(tmp_path)]
    result = subprocess.run(
        [sys.executable, *command],
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
    for source in (ROOT / "awsmock").glob("*.py"):
        links |= set(LINKED.findall(source.read_text(encoding="utf-8")))
    missing = []
    for page, label in sorted(links):
        built = tmp_path / f"{page}.html"
        text = built.read_text(encoding="utf-8") if built.exists() else ""
        if f'id="{label}"' not in text:
            missing.append(f"{page}.html#{label}")
    assert missing == []


def test_every_code_block_is_python_or_plainly_not() -> None:
    found = {f"{page.name}: {lang}" for page in PAGES for lang in code_languages(page)}
    assert {entry for entry in found if entry.split(": ")[1] not in LANGUAGES} == set()


def test_every_page_is_in_the_toctree() -> None:
    index = (DOCS / "index.rst").read_text(encoding="utf-8")
    listed = set(re.findall(r"^   (\w+)$", index, re.MULTILINE))
    assert {p.stem for p in PAGES} - {"index"} - NOT_YET_IN_TOCTREE == listed


def test_docs_examples_pass(pytester: pytest.Pytester) -> None:
    """One pytest run over all pages' blocks: a module per block, named after page and line."""
    blocks = [block for page in RUNNABLE for block in python_blocks(page)]
    assert len(blocks) >= 30
    assert run_blocks(pytester, blocks) == []
