"""The folders show the flow, and the imports keep to it (read from the source, not run).

files -> load -> model -> schedule -> describe -> export -> write / sync; the command
line on top. Function-local imports count as much as top-level ones.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1] / "planner"


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for path in ROOT.rglob("*.py"):
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module)
        graph[_module(path)] = found
    return graph


GRAPH = _imports()
LATER = (
    "planner.export",
    "planner.terminal",
    "planner.cli",
    "planner.sync",
    "planner.atomic",
    "planner.logbook",
)


def _reaches(module: str, prefixes: tuple[str, ...]) -> list[str]:
    return sorted(m for m in GRAPH[module] if m.startswith(prefixes))


def test_the_graph_was_read() -> None:
    assert "planner.load.recipe" in GRAPH and "planner.load.fields" in GRAPH["planner.load.recipe"]
    assert "click" in GRAPH["planner.cli"]


def test_only_the_command_line_imports_click() -> None:
    assert sorted(m for m, found in GRAPH.items() if "click" in found) == ["planner.cli"]


@pytest.mark.parametrize(
    ("layer", "never"),
    [
        ("planner.load", ("planner.schedule", "planner.describe", *LATER)),
        ("planner.schedule", ("planner.load", "planner.describe", *LATER)),
        ("planner.describe", ("planner.load", *LATER)),
        ("planner.model", ("planner.load", "planner.schedule", "planner.describe", *LATER)),
        ("planner.plan", ("planner.load", "planner.schedule", "planner.describe", *LATER)),
        ("planner.zones", ("planner.load", "planner.schedule", "planner.describe", *LATER)),
        ("planner.text", ("planner.",)),
        ("planner.export", ("planner.terminal", "planner.cli", "planner.sync")),
    ],
)
def test_a_layer_never_imports_a_later_one(layer: str, never: tuple[str, ...]) -> None:
    modules = [m for m in GRAPH if m == layer or m.startswith(layer + ".")]
    assert modules
    bad = {m: _reaches(m, never) for m in modules if _reaches(m, never)}
    assert bad == {}


def test_there_are_no_import_cycles() -> None:
    ours = {m: {d for d in deps if d in GRAPH} for m, deps in GRAPH.items()}
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
