"""The package is layered: no module imports from a layer above it, not even inside a function.

0 errors, model, namespaces, ontology; 1 lexicon and readers (readers may import lexicon, not the
reverse); 2 extract; 3 graph; 4 ingest, cluster, corpus, progress, cli and the package itself. Within graph, each
part imports only the parts below it: store, then rdf (which builds the
store's input), then query, then view, then export and map.
An import is any ``import`` or ``from ... import`` anywhere in a module (in a function too, relative
or absolute), and any string naming a geokg module, as the lazily loaded registries do.
"""

from __future__ import annotations

import ast
import re
import textwrap
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tests.support.paths import ROOT

PACKAGE = ROOT / "geokg"

#: Module (and everything under it) -> layer; the longest name wins. The package itself is on the top layer.
LAYERS = {
    "geokg.errors": 0, "geokg.model": 0, "geokg.namespaces": 0, "geokg.ontology": 0, "geokg.callable_module": 0,
    "geokg.lexicon": 1, "geokg.readers": 1,
    "geokg.extract": 2,
    "geokg.graph": 3,
    "geokg.ingest": 4, "geokg.progress": 4, "geokg.cli": 4, "geokg.cluster": 4, "geokg.corpus": 4,
}
TOP = max(LAYERS.values())

#: Part of geokg.graph -> its rank there; a part may import only parts of a lower rank.
GRAPH_PARTS = {
    "geokg.graph.store": 0,
    "geokg.graph.rdf": 1,  # builds the store's input type (Quads)
    "geokg.graph.query": 2,
    "geokg.graph.view": 3,
    "geokg.graph.export": 4, "geokg.graph.map": 4,
}

_MODULE_NAME = re.compile(r"geokg(\.\w+)+(:\w+)?")  # "geokg" alone is a name, not a module path


@dataclass(frozen=True)
class Import:
    """One import in the package: the importing module, the line, the imported geokg module."""

    module: str
    line: int
    target: str

    def __str__(self) -> str:
        return f"{self.module}:{self.line} imports {self.target}"


def module_files() -> dict[str, Path]:
    """Return the file of every module of the package by dotted name (a package by its own name)."""
    names = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return names


def owner(name: str, table: dict[str, int]) -> str | None:
    """Return the longest key of *table* that is *name* or a package holding it, None if none is."""
    found = [key for key in table if name == key or name.startswith(key + ".")]
    return max(found, key=len) if found else None


def layer(name: str) -> int:
    """Return the layer of module *name*."""
    return TOP if name == "geokg" else LAYERS[owner(name, LAYERS)]


def _targets(node: ast.AST, module: str, is_package: bool, modules: set[str]) -> list[str]:
    """Return the modules one import statement, or one string naming a geokg module, reaches."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and _MODULE_NAME.fullmatch(node.value):
        name = node.value.partition(":")[0]
        return [name] if name in modules else []
    if not isinstance(node, ast.ImportFrom):
        return []
    base = node.module or ""
    if node.level:
        parts = module.split(".")
        base = ".".join(parts[: len(parts) - node.level + is_package] + ([node.module] if node.module else []))
    # `from package import name` reaches the submodule when there is one, else the package.
    return [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]


def imports_in(source: str, module: str, is_package: bool, modules: set[str]) -> list[Import]:
    """Return the imports of geokg modules anywhere in *source*, the text of *module*."""
    found = []
    for node in ast.walk(ast.parse(source)):
        for target in _targets(node, module, is_package, modules):
            if target == "geokg" or target.startswith("geokg."):
                found.append(Import(module, node.lineno, target))
    return sorted(set(found), key=lambda i: (i.line, i.target))


@cache
def imports() -> tuple[Import, ...]:
    """Return every import of a geokg module by a geokg module, in module and line order."""
    files = module_files()
    return tuple(
        found
        for module, path in files.items()
        for found in imports_in(path.read_text(encoding="utf-8"), module, path.name == "__init__.py", set(files))
    )


def listing(offending: list[Import]) -> str:
    """Return one line per offending import, for a failure message."""
    return "\n".join(f"  {i}" for i in offending)


def test_layers_scanner_sees_relative_absolute_lazy_and_registry_imports():
    source = textwrap.dedent("""\
        from .. import errors
        from .mentions import Mention
        import geokg.model
        BACKENDS = {"memory": "geokg.graph.store.memory:MemoryStore", "name": "geokg", "command": "geokg ingest"}

        def lazy():
            from ..graph import rdf
            from geokg.readers import read_path
    """)
    modules = {"geokg", "geokg.errors", "geokg.model", "geokg.extract", "geokg.extract.mentions",
               "geokg.graph", "geokg.graph.rdf", "geokg.graph.store.memory", "geokg.readers"}
    assert [(i.line, i.target) for i in imports_in(source, "geokg.extract.rules", False, modules)] == [
        (1, "geokg.errors"), (2, "geokg.extract.mentions"), (3, "geokg.model"),
        (4, "geokg.graph.store.memory"), (7, "geokg.graph.rdf"), (8, "geokg.readers"),
    ]
    assert [i.target for i in imports_in("from . import mentions\n", "geokg.extract", True, modules)] == [
        "geokg.extract.mentions"]


def test_layers_every_module_and_graph_part_is_placed():
    names = [name for name in module_files() if name != "geokg"]
    unplaced = [name for name in names if owner(name, LAYERS) is None]
    unplaced += [name for name in names if name.startswith("geokg.graph.") and owner(name, GRAPH_PARTS) is None]
    assert not unplaced, f"modules without a layer (add them to LAYERS or GRAPH_PARTS): {unplaced}"


def test_layers_no_module_imports_from_a_layer_above_it():
    offending = [i for i in imports() if layer(i.target) > layer(i.module)]
    assert not offending, "imports from a higher layer:\n" + listing(offending)


def test_layers_lexicon_does_not_import_readers():
    offending = [i for i in imports() if owner(i.module, LAYERS) == "geokg.lexicon"
                 and owner(i.target, LAYERS) == "geokg.readers"]
    assert not offending, "lexicon imports readers:\n" + listing(offending)


def test_layers_graph_parts_import_only_the_parts_below_them():
    def part(name: str) -> str | None:
        return owner(name, GRAPH_PARTS)

    offending = [i for i in imports() if part(i.module) and part(i.target) and part(i.module) != part(i.target)
                 and GRAPH_PARTS[part(i.target)] >= GRAPH_PARTS[part(i.module)]]
    assert not offending, "graph parts importing a part at or above them:\n" + listing(offending)
