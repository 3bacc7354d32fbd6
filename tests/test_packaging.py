"""What the package index and a packager get: metadata, licence, sdist contents, docs config.

Building the sdist and running ``twine check --strict`` is CI's job (.ci/run);
these checks read the files that decide them, in milliseconds.
"""

from __future__ import annotations

import configparser
from pathlib import Path

ROOT = Path(__file__).parent.parent


def _metadata() -> configparser.SectionProxy:
    setup = configparser.ConfigParser()
    setup.read(ROOT / "setup.cfg", encoding="utf-8")
    return setup["metadata"]


def test_the_project_urls_point_at_the_repository_and_the_stable_docs() -> None:
    lines = _metadata()["project_urls"].strip().splitlines()
    urls = dict(line.split(" = ") for line in lines)
    assert urls == {
        "Documentation": "https://awsmock.readthedocs.io/en/stable/",
        "Source": "https://github.com/awsmock/awsmock",
        "Changelog": "https://awsmock.readthedocs.io/en/stable/changelog.html",
        "Issues": "https://github.com/awsmock/awsmock/issues",
    }


def test_the_declared_licence_is_shipped() -> None:
    assert _metadata()["license"] == "MIT"
    assert _metadata()["license_files"] == "LICENSE"
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n\nCopyright (c) 2026 The awsmock developers\n")


def test_the_sdist_carries_the_tests_docs_examples_and_changelog() -> None:
    manifest = (ROOT / "MANIFEST.in").read_text(encoding="utf-8").splitlines()
    assert {"graft tests", "graft docs", "graft examples"} <= set(manifest)
    included = [line.split()[1:] for line in manifest if line.startswith("include ")]
    assert "CHANGELOG.rst" in included[0]
    assert "LICENSE" in included[0]


def test_read_the_docs_builds_the_docs_as_ci_does() -> None:
    config = (ROOT / ".readthedocs.yaml").read_text(encoding="utf-8")
    assert "version: 2" in config
    assert "configuration: docs/conf.py" in config
    assert "fail_on_warning: true" in config
