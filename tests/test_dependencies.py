"""pyproject.toml declares exactly the third-party packages the code imports."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Declared although never imported, each for a reason.
NOT_IMPORTED = {
    "tzdata": "zoneinfo reads it where the system has no time-zone database",
}


def _imported(folder: Path) -> set[str]:
    names: set[str] = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n != "roster_solver"}


def _distributions(modules: set[str]) -> set[str]:
    owners = packages_distributions()
    return {owners[m][0].lower() for m in modules if m in owners}


def _declared(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=!~\[; ]", r, maxsplit=1)[0].lower() for r in requirements}


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_package_imports_are_declared_and_declared_are_imported() -> None:
    declared = _declared(_project()["dependencies"])
    imported = _distributions(_imported(ROOT / "roster_solver"))
    assert imported - declared == set()
    assert declared - imported - set(NOT_IMPORTED) == set()


def test_test_imports_are_declared() -> None:
    project = _project()
    declared = _declared(project["dependencies"]) | _declared(project["optional-dependencies"]["test"])
    imported = _distributions(_imported(ROOT / "tests") | _imported(ROOT / "bench"))
    assert imported - declared == set()
