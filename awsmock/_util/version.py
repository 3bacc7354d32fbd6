"""The package's version, written once.

setup.cfg reads it (``version = attr: ...``), ``awsmock.__version__`` re-exports
it, and every error message links to the documentation of this version, so a
message never points at docs that describe another release.
"""

from __future__ import annotations

VERSION = "0.3.0"

DOCS = f"https://awsmock.readthedocs.io/en/v{VERSION}/"
