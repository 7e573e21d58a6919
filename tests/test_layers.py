"""The package is layered: every import, at the top of a module or inside a function, goes down.

From the bottom: the shared words (names, problems, shown_text, x509_fields, outcome_lines,
menu_words), files/, pki/, then
request/ and reply/ side by side (neither imports the other), then the wizard (tui/) and the
command line (cli/, which starts the wizard), then __main__. And no modules import each other
round in a circle, even through an import deferred into a function.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import csrwizard

PACKAGE = Path(csrwizard.__file__).parent

LAYERS = {
    "csrwizard": 0,
    "csrwizard.names": 0,
    "csrwizard.problems": 0,
    "csrwizard.shown_text": 0,
    "csrwizard.x509_fields": 0,
    "csrwizard.outcome_lines": 0,
    "csrwizard.menu_words": 0,
    "csrwizard.files": 1,
    "csrwizard.pki": 2,
    "csrwizard.request": 3,
    "csrwizard.reply": 3,
    "csrwizard.tui": 4,
    "csrwizard.cli": 5,
    "csrwizard.__main__": 6,
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imported_modules(path: Path) -> set[str]:
    """Every csrwizard module the file imports, wherever the import statement sits."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from csrwizard.pki import keys` imports the module csrwizard.pki.keys.
            names = [f"{node.module}.{alias.name}" for alias in node.names] + [node.module]
        else:
            continue
        for name in names:
            while name and name not in MODULES:
                name = name.rpartition(".")[0]
            if name.startswith("csrwizard"):
                found.add(name)
    return found


def layer_of(module: str) -> tuple[str, int]:
    """The section a module belongs to (its longest prefix in LAYERS) and that section's layer."""
    name = module
    while name not in LAYERS:
        name = name.rpartition(".")[0]
    return name, LAYERS[name]


GRAPH = {module: imported_modules(path) - {module} for module, path in MODULES.items()}


def test_every_module_has_a_layer_and_the_graph_is_not_empty():
    assert "csrwizard.pki.keys" in MODULES
    assert "csrwizard.pki.keys" in GRAPH["csrwizard.reply.inspect"]
    for module in MODULES:
        layer_of(module)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_go_down(module):
    section, layer = layer_of(module)
    upward = []
    for imported in sorted(GRAPH[module]):
        if imported == "csrwizard" or module.startswith(imported + "."):
            continue  # a package's own __init__ runs first anyway
        other_section, other_layer = layer_of(imported)
        if other_layer > layer or (other_layer == layer and other_section != section and layer > 0):
            upward.append(imported)
    assert not upward, f"{module} imports up or sideways: {upward}"


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in graph.get(node, ()):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_the_circle_finder_finds_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_modules_import_each_other_in_a_circle():
    # A package importing its own modules is not a circle worth naming: drop package -> child edges.
    graph = {
        module: {imported for imported in imported_modules_ if not imported.startswith(module + ".")}
        for module, imported_modules_ in GRAPH.items()
    }
    assert circles(graph) == []
