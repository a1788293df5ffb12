"""The package layout as ARCHITECTURE.md describes it: one subpackage per stage, each importing
only from the stages below it, no import cycles (imports inside functions included), MkDocs
known only to the site adapter, and every generated folder git-ignored."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

from generator.model.kinds import OWNED_DIRS

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "generator"

# Lowest first: a package may import itself and the packages before it.
LAYERS = ("core", "model", "edition", "check", "render", "search", "pages", "publish", "build",
          "site", "editors", "cli")
MKDOCS_MODULES = ("mkdocs", "material", "mkdocs_static_i18n")


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def imports(path: Path, name: str) -> set[str]:
    """Every module `path` imports, at any depth of the file (functions included)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def graph() -> dict[str, set[str]]:
    mods = modules()
    return {name: {m for m in imports(path, name) if m in mods and m != name} for name, path in mods.items()}


def layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "generator"


def test_every_module_is_in_a_layer():
    loose = [m for m in modules() if layer(m) not in LAYERS + ("generator", "__main__")]
    assert not loose, f"modules outside the layers {LAYERS}: {loose}"


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict = {}
    low: dict = {}
    stack: list = []
    on_stack: set = set()
    found: list = []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycles_even_inside_functions():
    assert cycles(graph()) == []


def test_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_each_package_imports_only_from_the_layers_below():
    rank = {name: i for i, name in enumerate(LAYERS)}
    wrong = []
    for module, targets in graph().items():
        if layer(module) not in rank:
            continue
        for target in targets:
            if layer(target) in rank and rank[layer(target)] > rank[layer(module)]:
                wrong.append(f"{module} -> {target}")
    assert not wrong, "imports that climb the layers:\n" + "\n".join(sorted(wrong))


def test_only_the_site_adapter_imports_mkdocs():
    wrong = []
    for name, path in modules().items():
        if layer(name) == "site":
            continue
        for target in imports(path, name):
            if target.split(".")[0] in MKDOCS_MODULES:
                wrong.append(f"{name} imports {target}")
    assert not wrong, wrong


def test_validate_and_generate_run_without_mkdocs(tmp_path):
    """`cpsite validate` and `cpsite generate` in a process that would fail on any import of
    MkDocs, Material or the i18n plugin (the generated pages go to a copy of the project)."""
    from conftest import copy_project

    project = copy_project(tmp_path / "p")
    guard = ("import sys\n"
             "class Refuse:\n"
             "    def find_spec(self, name, path=None, target=None):\n"
             f"        if name.split('.')[0] in {MKDOCS_MODULES!r}:\n"
             "            raise ImportError('the core imported ' + name)\n"
             "sys.meta_path.insert(0, Refuse())\n"
             "from generator.cli import main\n"
             "sys.exit(main(sys.argv[1:]))\n")
    for command in (["validate"], ["generate"]):
        run = subprocess.run([sys.executable, "-c", guard, *command], cwd=project, capture_output=True,
                             text=True, timeout=600, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
        assert run.returncode == 0, run.stderr
    assert (project / "content" / "en" / "cases").is_dir()


def test_every_generated_folder_is_git_ignored_and_no_other():
    lines = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    ignored = {m.group(1) for line in lines if (m := re.fullmatch(r"/content/\*/(.+)/", line.strip()))}
    assert ignored == {owned.folder for owned in OWNED_DIRS}


def test_architecture_names_every_module():
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    missing = [str(path.relative_to(ROOT)) for name, path in modules().items()
               if path.name != "__init__.py" and str(path.relative_to(PACKAGE)) not in text]
    assert not missing, "ARCHITECTURE.md does not name: " + ", ".join(missing)


def test_every_package_has_a_readme():
    missing = [str(p.relative_to(ROOT)) for p in PACKAGE.rglob("__init__.py")
               if p.parent != PACKAGE and not (p.parent / "README.md").is_file()]
    assert not missing, missing
