"""The folders show the flow, and the imports keep to it (read from the source, not run).

Each package of ``planner/`` has a layer and may import only the layers below it (LAYERS);
core imports only core and errors. Function-local imports count as much as top-level ones.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1] / "planner"


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module(path) for path in ROOT.rglob("*.py")}


def _type_only(tree: ast.Module) -> set[int]:
    """Lines of the imports under ``if TYPE_CHECKING:``: read by type checkers only."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            lines |= {n.lineno for n in ast.walk(node) if isinstance(n, ast.ImportFrom)}
    return lines


def _imports(runtime_only: bool = False) -> dict[str, set[str]]:
    """Module -> the modules it imports ("from a.b import c" names a.b.c when that is a
    module); with ``runtime_only``, imports only type checkers read are left out."""
    graph: dict[str, set[str]] = {}
    for path in ROOT.rglob("*.py"):
        tree = ast.parse(path.read_text())
        skip = _type_only(tree) if runtime_only else set()
        found: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if node.lineno in skip:
                    continue
                subs = {f"{node.module}.{a.name}" for a in node.names} & MODULES
                found |= subs or {node.module}
        graph[_module(path)] = found
    return graph


GRAPH = _imports()

# Each package and what it may import of the project, lowest layer first. The folders show
# the flow: files -> load -> core records -> schedule -> view -> formats -> disk or a
# calendar server; the history gathers what was done from files, workbooks and servers;
# the command line is on top.
LAYERS: dict[str, set[str]] = {
    "planner.errors": set(),
    "planner.core": {"planner.errors"},  # records and rules, no I/O
    "planner.fonts": set(),  # the PDF's font files, no code
    "planner.disk": {"planner.errors"},  # files written all or none, the folder lock
    "planner.shopping": {"planner.core", "planner.errors"},
    "planner.schedule": {"planner.core", "planner.errors"},
    "planner.load": {"planner.core", "planner.errors", "planner.disk", "planner.shopping"},
    "planner.view": {"planner.core", "planner.errors", "planner.schedule", "planner.shopping"},
    "planner.formats": {
        "planner.core",
        "planner.errors",
        "planner.load",
        "planner.schedule",
        "planner.shopping",
        "planner.view",
    },
    "planner.caldav": {"planner.core", "planner.errors", "planner.formats"},
    "planner.history": {
        "planner.core",
        "planner.errors",
        "planner.disk",
        "planner.load",
        "planner.formats",
        "planner.caldav",
    },
}


def _package(module: str) -> str:
    return ".".join(module.split(".")[:2])


def test_the_graph_was_read() -> None:
    assert "planner.load.recipe" in GRAPH and "planner.load.fields" in GRAPH["planner.load.recipe"]
    assert "click" in GRAPH["planner.cli.app"]


def test_only_the_command_line_imports_click() -> None:
    clicking = {m for m, found in GRAPH.items() if "click" in found}
    assert clicking and all(m.startswith("planner.cli.") for m in clicking), clicking


def test_every_package_has_its_place_in_the_layers() -> None:
    packages = {_package(m) for m in GRAPH} - {"planner", "planner.__main__", "planner.cli"}
    assert packages == set(LAYERS)


@pytest.mark.parametrize("package", sorted(LAYERS))
def test_a_package_imports_only_the_layers_below_it(package: str) -> None:
    modules = [m for m in GRAPH if _package(m) == package]
    assert modules
    allowed = LAYERS[package] | {package}
    bad = {
        m: sorted(d for d in GRAPH[m] if d.startswith("planner.") and _package(d) not in allowed)
        for m in modules
    }
    assert {m: found for m, found in bad.items() if found} == {}


def test_the_layers_have_no_cycle() -> None:
    """Each package's allowed imports are below it: the order above is a real order."""
    seen: list[str] = []
    for package, allowed in LAYERS.items():
        assert allowed <= set(seen), package
        seen.append(package)


def test_the_check_catches_an_upward_import() -> None:
    """The check itself can fail: core importing a loader is reported."""
    GRAPH["planner.core.example"] = {"planner.load.recipe"}
    try:
        with pytest.raises(AssertionError):
            test_a_package_imports_only_the_layers_below_it("planner.core")
    finally:
        del GRAPH["planner.core.example"]


def test_there_are_no_import_cycles() -> None:
    # A package's __init__ naming its own submodules ("from planner.cli import plan") is
    # not a cycle: it is how the package gathers them.
    runtime = _imports(runtime_only=True)
    ours = {m: {d for d in deps if d in runtime and d != m} for m, deps in runtime.items()}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(m: str, path: list[str]) -> None:
        state[m] = 1
        for d in sorted(ours[m]):
            # A package's __init__ re-exporting a submodule is not a cycle in the flow.
            if m.startswith(d + ".") or d.startswith(m + "."):
                continue
            if state.get(d) == 1:
                cycles.append([*path[path.index(d) :], d] if d in path else [m, d])
            elif d not in state:
                visit(d, [*path, d])
        state[m] = 2

    for m in sorted(ours):
        if m not in state:
            visit(m, [m])
    assert cycles == []


def test_every_hand_written_module_is_under_700_lines() -> None:
    """A module that outgrows this mixes concerns; split it along them (the generated
    tables of the built-in files aside)."""
    sizes = {
        str(path.relative_to(ROOT.parent)): len(path.read_text(encoding="utf-8").splitlines())
        for path in ROOT.rglob("*.py")
        if path.name != "builtin_tables.py"
    }
    assert {path: n for path, n in sizes.items() if n >= 700} == {}


def test_every_command_is_found_where_the_group_looks_for_it() -> None:
    """The group loads a command's module when it is asked for: the table must name every
    command each module defines, and no other."""
    import importlib

    from planner.cli.app import COMMANDS, main

    for module in set(COMMANDS.values()):
        importlib.import_module(f"planner.cli.{module}")
    assert set(main.commands) == set(COMMANDS)
    for name, module in COMMANDS.items():
        assert main.commands[name].callback.__module__ == f"planner.cli.{module}", name
