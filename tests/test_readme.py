"""The README's examples are run: each python block becomes a test module."""

from __future__ import annotations

from pathlib import Path

import docutils.core
import docutils.utils
import pytest

from ._blocks import python_blocks, run_blocks

README = Path(__file__).parent.parent / "README.rst"


def test_readme_has_an_example() -> None:
    assert len(python_blocks(README)) >= 1


def test_readme_examples_pass(pytester: pytest.Pytester) -> None:
    """One pytest run over all blocks: each block is a module named after its line."""
    assert run_blocks(pytester, python_blocks(README)) == []


def test_readme_is_valid_restructuredtext() -> None:
    docutils.core.publish_doctree(
        README.read_text(encoding="utf-8"),
        settings_overrides={"halt_level": docutils.utils.Reporter.WARNING_LEVEL, "report_level": 5},
    )
