"""The folders show the pipeline: each stage imports only the ground and earlier stages, and no
module of `kg` imports itself back through another.

Every import counts, module-level, inside functions and under TYPE_CHECKING alike: a lazy
import still ties the two modules together.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

KG = Path(__file__).resolve().parents[1] / "kg"

# The order of the pipeline. `kg.model` and `kg.sparql` are the ground every stage may use,
# with the package root (`__version__`) and `kg.errors`; the loader sits on the stages it
# runs, and the command line on everything.
STAGES = ["read", "extract", "rdf", "store", "query", "export", "loader", "cli"]
GROUND = {"kg", "kg.errors", "kg.model", "kg.sparql"}
MAX_TOP_LEVEL_MODULES = 4


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(module: str, source: str, *, is_package: bool) -> set[str]:
    """The `kg` modules a module's source imports (relative imports resolved)."""
    found: set[str] = set()
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            # `from kg.model import record` imports the module kg.model.record
            found |= {f"{target}.{alias.name}" for alias in node.names}
    return {name for name in found if name == "kg" or name.startswith("kg.")}


def import_graph(sources: dict[str, tuple[str, bool]]) -> nx.DiGraph:
    """Module → module it imports, over the given modules only (name → (source, is_package))."""
    graph = nx.DiGraph()
    graph.add_nodes_from(sources)
    for module, (source, is_package) in sources.items():
        for target in imports_of(module, source, is_package=is_package):
            if target in sources and target != module:
                graph.add_edge(module, target)
    return graph


def stage_of(module: str) -> int:
    """-1 for the ground, else the position of the module's stage in the pipeline."""
    if module in GROUND or any(module.startswith(g + ".") for g in GROUND - {"kg"}):
        return -1
    stage = module.split(".")[1]
    if stage not in STAGES:
        raise AssertionError(f"{module}: not in a stage package ({', '.join(STAGES)}) nor in the ground")
    return STAGES.index(stage)


def layering_problems(graph: nx.DiGraph) -> list[str]:
    problems = [f"{a} imports {b}, a later stage" for a, b in sorted(graph.edges)
                if stage_of(b) > stage_of(a)]
    for cycle in nx.simple_cycles(graph):
        problems.append("import cycle: " + " → ".join([*cycle, cycle[0]]))
    return problems


def kg_sources(root: Path = KG) -> dict[str, tuple[str, bool]]:
    return {module_name(path, root): (path.read_text(encoding="utf-8"), path.name == "__init__.py")
            for path in sorted(root.rglob("*.py"))}


def test_kg_imports_only_down_the_pipeline_and_has_no_cycles() -> None:
    assert layering_problems(import_graph(kg_sources())) == []


def test_kg_holds_at_most_four_modules_directly() -> None:
    top = sorted(p.name for p in KG.glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL_MODULES, top


def test_every_stage_package_says_what_it_owns_and_exports() -> None:
    for stage in [*STAGES, "model", "sparql"]:
        init = KG / stage / "__init__.py"
        if stage == "loader":
            continue
        tree = ast.parse(init.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{init}: no docstring"
        exported = [n for n in tree.body if isinstance(n, ast.Assign)
                    and any(isinstance(t, ast.Name) and t.id == "__all__" for t in n.targets)]
        assert exported, f"{init}: no __all__"


# The checker itself, on small made-up packages: it must see what it is there to see.

def _fake(**modules: str) -> dict[str, tuple[str, bool]]:
    return {name.replace("__", "."): (source, False) for name, source in modules.items()}


def test_the_checker_sees_an_import_from_a_later_stage() -> None:
    sources = _fake(kg__rdf__mapping="from kg.store.embedded import EmbeddedStore\n",
                    kg__store__embedded="import os\n")
    assert layering_problems(import_graph(sources)) == ["kg.rdf.mapping imports kg.store.embedded, a later stage"]


def test_the_checker_sees_a_lazy_upward_import() -> None:
    sources = _fake(kg__model__record="def f():\n    from kg.read import sources\n",
                    kg__read__sources="x = 1\n")
    assert layering_problems(import_graph(sources)) == ["kg.model.record imports kg.read.sources, a later stage"]


def test_the_checker_sees_a_cycle_inside_one_stage() -> None:
    sources = _fake(kg__model__record="from kg.model.record_json import to_json\n",
                    kg__model__record_json="from kg.model.record import Record\n")
    problems = layering_problems(import_graph(sources))
    assert len(problems) == 1 and problems[0].startswith("import cycle: ")
    assert set(problems[0][len("import cycle: "):].split(" → ")) == {"kg.model.record", "kg.model.record_json"}


def test_the_checker_resolves_relative_imports() -> None:
    sources = {"kg.rdf.mapping": ("from ..query import named\n", False), "kg.query.named": ("", False),
               "kg.query": ("", True)}
    assert "kg.rdf.mapping imports kg.query.named, a later stage" in layering_problems(import_graph(sources))


def test_a_module_outside_every_stage_is_reported() -> None:
    with pytest.raises(AssertionError, match="kg.helpers: not in a stage package"):
        layering_problems(import_graph(_fake(kg__helpers="from kg.read import sources\n",
                                             kg__read__sources="")))
