"""The package's layers import downward only, and no module is over 400 lines.

Every ``import`` counts: at module level, inside functions and under
``TYPE_CHECKING``. A layer is a private subpackage (``awsmock/_model/``...)
or, for the public modules, the package's top level.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Dict, Iterator, List, Set, Tuple

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "awsmock"

# Lowest first: a module may import its own layer and the layers before it.
LAYERS = ["errors", "_util", "_model", "_iam", "_core", "_drivers", "_replay", "_api", "(public)"]
MAX_LINES = 400


def layer_of(module: str) -> str:
    """``awsmock._core.calls`` -> ``_core``; ``awsmock.testcase`` -> ``(public)``."""
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in LAYERS:
        return parts[1]
    return "(public)"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _type_checking_lines(tree: ast.Module) -> Set[int]:
    lines: Set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def _submodule(base: str, name: str) -> str:
    """``base.name`` when that is a module of the package, else ``base``."""
    path = PACKAGE.parent.joinpath(*base.split("."), name)
    return f"{base}.{name}" if path.with_suffix(".py").exists() or path.is_dir() else base


def imports(source: str, module: str, package: str) -> Iterator[Tuple[str, int, bool]]:
    """(imported awsmock module, line, at run time) for every import in ``source``."""
    tree = ast.parse(source)
    typing_only = _type_checking_lines(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            # "from .._model import names" imports the module names; "from .x import y",
            # the module x.
            names = [_submodule(base, alias.name) for alias in node.names]
        else:
            continue
        for name in names:
            if name == "awsmock" or name.startswith("awsmock."):
                yield name, node.lineno, node.lineno not in typing_only


def graph() -> Dict[str, List[Tuple[str, int, bool]]]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        module = module_name(path)
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        found[module] = list(imports(path.read_text(), module, package))
    return found


# the layer rule


def test_every_subpackage_is_a_known_layer() -> None:
    subpackages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert subpackages == set(LAYERS) - {"errors", "(public)"}


def upward_imports(modules: Dict[str, List[Tuple[str, int, bool]]]) -> List[str]:
    found = []
    for module, imported_names in modules.items():
        rank = LAYERS.index("errors" if module == "awsmock.errors" else layer_of(module))
        for imported, line, _ in imported_names:
            target = "errors" if imported == "awsmock.errors" else layer_of(imported)
            if LAYERS.index(target) > rank:
                found.append(f"{module}:{line} imports {imported}")
    return found


def test_layers_import_downward_only() -> None:
    assert upward_imports(graph()) == []


def test_no_import_cycles() -> None:
    # Type-only imports count too: a module typed against the facade that
    # imports it is a cycle for readers and type checkers alike.
    edges = {module: {name for name, _, _ in found} for module, found in graph().items()}

    def resolve(name: str) -> str:
        # "from .._model import names" names a module; "from .x import f" a module too.
        return name if name in edges else name.rpartition(".")[0]

    cycles = []

    def visit(module: str, stack: List[str]) -> None:
        for name in sorted(edges.get(module, ())):
            target = resolve(name)
            if target in stack:
                cycles.append(" -> ".join([*stack[stack.index(target) :], target]))
            elif target in edges and target != module and len(stack) < 30:
                visit(target, [*stack, target])

    for module in edges:
        visit(module, [module])
    # A package __init__ importing nothing means "awsmock._core" is never an edge.
    assert cycles == []


def test_layer_packages_import_nothing() -> None:
    """``import awsmock._core.options`` (the pytest plugin's) runs only docstrings."""
    for layer in LAYERS[1:-1]:
        tree = ast.parse((PACKAGE / layer / "__init__.py").read_text())
        assert [type(node) for node in tree.body] == [ast.Expr], layer


def test_each_layer_says_what_it_owns_and_may_import() -> None:
    for rank, layer in enumerate(LAYERS[1:-1], start=1):
        doc = ast.get_docstring(ast.parse((PACKAGE / layer / "__init__.py").read_text())) or ""
        assert "May import:" in doc, layer
        allowed = doc.split("May import:")[1]
        for below in LAYERS[1:rank]:
            assert f"``{below}``" in allowed, (layer, below)


# the check itself


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from ..errors import X", ["awsmock.errors"]),
        ("from .._model import names", ["awsmock._model.names"]),
        ("from .queues import Entry", ["awsmock._core.queues"]),
        ("def f():\n    from .._api.patch import AwsMock", ["awsmock._api.patch"]),
        ("import awsmock._drivers.sync", ["awsmock._drivers.sync"]),
    ],
)
def test_imports_found_in_a_core_module(source: str, expected: List[str]) -> None:
    found = imports(source, "awsmock._core.probe", "awsmock._core")
    assert [name for name, _, _ in found] == expected


def test_an_upward_import_inside_a_function_is_reported() -> None:
    source = "def f():\n    from .._core.calls import Call\n"
    found = list(imports(source, "awsmock._model.probe", "awsmock._model"))
    assert upward_imports({"awsmock._model.probe": found}) == [
        "awsmock._model.probe:2 imports awsmock._core.calls"
    ]


def test_a_type_checking_import_is_not_a_run_time_edge() -> None:
    source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .x import Y\n"
    found = list(imports(source, "awsmock._core.probe", "awsmock._core"))
    assert found == [("awsmock._core.x", 3, False)]


# size


def test_no_module_over_400_lines() -> None:
    long = {
        str(path.relative_to(PACKAGE)): n
        for path in PACKAGE.rglob("*.py")
        if (n := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}
