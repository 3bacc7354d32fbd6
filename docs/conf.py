"""Sphinx configuration for awsmock's documentation.

Build with ``python -m sphinx -n -W -b html docs docs/_build``. Nothing here
reaches the network (no intersphinx).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # autodoc imports the awsmock next to these docs

from awsmock._util.version import VERSION  # noqa: E402  (the version, written once)

project = "awsmock"
author = "The awsmock developers"
copyright = "2026, The awsmock developers"
release = VERSION
version = ".".join(release.split(".")[:2])

extensions = ["sphinx.ext.autodoc"]
exclude_patterns = ["_build"]
highlight_language = "python"

html_theme = "furo"
html_title = f"awsmock {release}"

# The build runs with -n (nitpicky) in CI. These targets are not documented
# here on purpose: type variables of generic signatures, classes of other
# packages (no intersphinx: the build never reaches the network), and three
# internal types that appear in signatures (the response-or-callable alias,
# the per-operation model summary, the facade's state).
nitpicky = True  # Read the Docs too: every reference resolves
nitpick_ignore = [
    ("py:class", "P"),
    ("py:class", "R"),
    ("py:obj", "typing.~P"),
    ("py:class", "awsmock._core.expect.R"),
    ("py:class", "awsmock._api.lifecycle.S"),
    ("py:class", "mock.MagicMock"),
    ("py:class", "hypothesis.strategies.SearchStrategy"),
    ("py:class", "Response"),
    ("py:class", "awsmock._model.models.OperationInfo"),
    ("py:class", "State"),
]

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_preserve_defaults = True


# ``.. awsmock-options::``: the options table, from the single definition of
# every option (``awsmock._core.options.Options``: name, default, doc line).

# Where each option is explained, for the table's last column.
OPTION_SECTIONS = {
    "validate": "fidelity",
    "verify": "verification",
    "strict": "strict-mode",
    "hermetic": "hermetic",
    "region": "hermetic",
    "retries": "retries",
    "passthrough": "passthrough",
    "cassette": "record-and-replay",
    "record_mode": "record-modes",
    "match_params": "match-params",
    "before_record": "secrets",
    "iam_policy": "least-privilege",
}


def _escaped(text: str) -> str:
    return "".join("\\" + c if c in "\\`*_|[]<>" else c for c in text)


def _default(value: object) -> str:
    return f'``"{value}"``' if isinstance(value, str) else f"``{value!r}``"


def options_table() -> list[str]:
    import dataclasses

    from awsmock._core.options import Options

    rows = [".. list-table::", "   :header-rows: 1", "", "   * - option", "     - default"]
    rows += ["     - meaning", "     - see"]
    for field in dataclasses.fields(Options):
        section = OPTION_SECTIONS.get(field.name)
        rows += [
            f"   * - ``{field.name}``",
            f"     - {_default(field.default)}",
            f"     - {_escaped(field.metadata['doc'])}",
            f"     - :ref:`{section}`" if section else "     -",
        ]
    return rows


# ``.. awsmock-hermetic-settings::``: the machine settings pinned while hermetic,
# from the one list (``awsmock._drivers.hermetic.REMOVED_SETTINGS``), grouped by the
# comment above each group in its source.


def hermetic_settings_table() -> list[str]:
    import ast
    import inspect

    from awsmock._drivers import hermetic as _hermetic

    source = inspect.getsource(_hermetic)
    node = next(
        n
        for n in ast.parse(source).body
        if isinstance(n, ast.Assign)
        and any(getattr(t, "id", None) == "REMOVED_SETTINGS" for t in n.targets)
    )
    lines = source.splitlines()[node.lineno : node.end_lineno]
    groups: list[tuple[str, list[str]]] = []
    for line in lines:
        text = line.strip()
        if text.startswith("#"):
            groups.append((text.lstrip("# "), []))
        elif text.startswith('"') and groups:
            groups[-1][1].append(text.strip('",'))
    listed = [name for _, names in groups for name in names]
    assert listed == list(_hermetic.REMOVED_SETTINGS), "REMOVED_SETTINGS: a name outside a group"
    rows = [".. list-table::", "   :header-rows: 1", "", "   * - settings", "     - variables"]
    for title, names in groups:
        rows += [f"   * - {_escaped(title)}", "     - " + ", ".join(f"``{n}``" for n in names)]
    return rows


def setup(app):  # type: ignore[no-untyped-def]
    from docutils.statemachine import StringList
    from sphinx.util.docutils import SphinxDirective
    from sphinx.util.nodes import nested_parse_with_titles

    class OptionsTable(SphinxDirective):
        def run(self):  # type: ignore[no-untyped-def]
            from docutils import nodes

            container = nodes.container()
            nested_parse_with_titles(self.state, StringList(options_table(), "<options>"), container)
            return container.children

    class HermeticSettingsTable(SphinxDirective):
        def run(self):  # type: ignore[no-untyped-def]
            from docutils import nodes

            container = nodes.container()
            rows = StringList(hermetic_settings_table(), "<hermetic-settings>")
            nested_parse_with_titles(self.state, rows, container)
            return container.children

    app.add_directive("awsmock-options", OptionsTable)
    app.add_directive("awsmock-hermetic-settings", HermeticSettingsTable)
    return {"parallel_read_safe": True}
