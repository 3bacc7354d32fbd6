"""The README's examples are run: each python block becomes a test module."""

from __future__ import annotations

import re
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


def test_readme_links_are_absolute() -> None:
    # The README is the package index's page, where a relative link leads nowhere.
    text = README.read_text(encoding="utf-8")
    targets = re.findall(r"`[^`<]*<([^>]+)>`__?", text)
    assert targets
    assert [t for t in targets if not t.startswith("https://")] == []


def test_readme_says_how_a_user_installs_before_contributor_set_up() -> None:
    before_the_example = README.read_text(encoding="utf-8").split("\nExample\n")[0]
    assert "python -m pip install awsmock" in before_the_example
    assert "pip install -e" not in before_the_example
