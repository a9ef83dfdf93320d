"""The layering, checked on the source: nothing in the package imports the CLI or a command, the
workbook package never imports the export package, and only the solving modules import OR-Tools
(ruff's TID251 says the first too)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "roster_solver"
CLI_LAYER = ("roster_solver.cli", "roster_solver.cliutil", "roster_solver.commands")


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, relative imports resolved (``from . import x`` gives both
    the package and ``package.x``)."""
    package = list(path.relative_to(PACKAGE.parent).parts[:-1])  # an __init__'s too
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def _modules(folder: Path) -> dict[str, set[str]]:
    return {str(p.relative_to(PACKAGE)): _imports(p) for p in folder.rglob("*.py")}


def _hits(imported: set[str], banned: tuple[str, ...]) -> list[str]:
    return sorted(m for m in imported if any(m == b or m.startswith(b + ".") for b in banned))


def test_nothing_in_the_package_imports_the_cli() -> None:
    allowed = ("cli.py", "cliutil.py", "__main__.py", "commands/")
    found = {
        name: _hits(imported, CLI_LAYER)
        for name, imported in _modules(PACKAGE).items()
        if not name.startswith(allowed)
    }
    assert {k: v for k, v in found.items() if v} == {}


def test_the_workbook_never_imports_the_exports() -> None:
    found = {
        name: _hits(imported, ("roster_solver.export",))
        for name, imported in _modules(PACKAGE / "workbook").items()
    }
    assert {k: v for k, v in found.items() if v} == {}


def test_the_check_resolves_relative_imports() -> None:
    assert "roster_solver.cli" in _imports(PACKAGE / "__main__.py")
    assert "roster_solver.export.report" in _imports(PACKAGE / "export" / "report_data.py")


# The modules that build or run a solver model; nothing else imports OR-Tools (the checker, the
# readers and writers, the exports and the commands stay plain Python).
SOLVING = ("engine/", "constraints/", "benchmarks/fast.py", "capacity.py", "explain.py")


def test_only_the_solving_modules_import_ortools() -> None:
    found = {
        name: _hits(imported, ("ortools",))
        for name, imported in _modules(PACKAGE).items()
        if not name.startswith(SOLVING)
    }
    assert {k: v for k, v in found.items() if v} == {}
