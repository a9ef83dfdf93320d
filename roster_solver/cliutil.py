"""What every `roster` command shares: the Typer app, the consoles, exit codes, the guard that
turns bad input into exit 1 and bugs into a short message, and loading the input workbook.

Commands live in :mod:`roster_solver.cli` (validate, init, solve, check) and in the modules of
:mod:`roster_solver.commands`, which register themselves on :data:`app` when imported.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console

from . import __version__
from .errors import InputError, Issue

EXIT_OK = 0
EXIT_INPUT = 1
EXIT_USAGE = 2
EXIT_INFEASIBLE = 3
EXIT_TIMEOUT = 4
EXIT_BROKEN = 5
EXIT_BUG = 70

app = typer.Typer(
    name="roster",
    help=(
        "Duty rosters for municipal enforcement teams (handhaving, BOA's): legal under the "
        "Arbeidstijdenwet, staffed when the city asks for it, fair for the team.\n\n"
        "Typical use:\n\n"
        "  roster init team.xlsx --example   # a filled example workbook\n\n"
        "  roster validate team.xlsx         # is the workbook complete and correct?\n\n"
        "  roster solve team.xlsx -o roster.xlsx\n\n"
        "  roster check team.xlsx roster.xlsx"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

F = TypeVar("F", bound=Callable[..., Any])


def _version(value: bool) -> None:
    if value:
        out.print(f"roster {__version__}")
        raise typer.Exit(EXIT_OK)


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = False,
) -> None:
    """Duty rosters for municipal enforcement teams."""


def guarded(fn: F) -> F:
    """Turn bad input into exit 1 with every located problem, and a bug into a short message."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except typer.Exit:
            raise
        except InputError as exc:
            print_issues(exc.issues)
            n = len(exc.errors)
            err.print(f"{n} problem{'s' if n != 1 else ''} found; nothing was written.")
            raise typer.Exit(EXIT_INPUT) from None
        except KeyboardInterrupt:
            err.print("Interrupted; nothing was written.")
            raise typer.Exit(130) from None
        except Exception as exc:  # a bug: never a traceback for the user
            err.print(
                f"internal error ({type(exc).__name__}): {exc}. Nothing was written. "
                "Please report this with the input workbook."
            )
            if "--debug" in sys.argv:
                raise
            raise typer.Exit(EXIT_BUG) from None

    return wrapper  # type: ignore[return-value]


def print_issues(issues: list[Issue]) -> None:
    for issue in issues:
        if issue.severity == "error":
            err.print(f"error: {issue}", markup=False)
    for issue in issues:
        if issue.severity == "warning":
            err.print(f"warning: {issue}", markup=False)


def load_problem(path: Path) -> Any:
    from .workbook.reader import read_workbook

    problem = read_workbook(path)
    for w in problem.warnings:
        err.print(f"warning: {w}", markup=False)
    return problem



def check_output_path(input: Path, target: Path) -> None:
    """Refuse an unusable output path before any work is done (exit 2)."""
    problem = None
    if target.suffix.lower() != ".xlsx":
        problem = f"{target} does not end in .xlsx; the roster is an Excel workbook"
    elif target.is_dir():
        problem = f"{target} is a folder; give a file name such as {target / 'roster.xlsx'}"
    elif target.resolve() == input.resolve() or (
        target.exists() and input.exists() and target.samefile(input)
    ):
        problem = "the output would overwrite the input workbook; choose another --output"
    if problem:
        err.print(problem)
        raise typer.Exit(EXIT_USAGE)


def recorded_input(roster_path: Path) -> Path:
    """The input workbook recorded in a roster's Run sheet, if it still has the recorded SHA-256."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(roster_path, read_only=True, data_only=True)
    except Exception as exc:
        raise InputError(
            f"{roster_path}: cannot be opened as an xlsx workbook ({type(exc).__name__})"
        ) from exc
    try:
        sheet = next((wb[n] for n in ("Run",) if n in wb.sheetnames), None)
        if sheet is None:
            raise InputError(
                f"{roster_path}: has no Run sheet; give the input workbook: roster check INPUT ROSTER"
            )
        values = {str(r[0]).strip(): r[1] for r in sheet.iter_rows(values_only=True) if r and r[0]}
    finally:
        wb.close()
    recorded = values.get("input_path") or values.get("input_file")
    digest = values.get("input_sha256")
    if not recorded:
        raise InputError(
            f"{roster_path}: the Run sheet records no input file; give it: roster check INPUT ROSTER"
        )
    path = Path(str(recorded))
    if not path.is_absolute():
        path = roster_path.parent / path
    if not path.is_file():
        raise InputError(
            f"the recorded input workbook {path} is not there; give it: roster check INPUT ROSTER"
        )
    if digest and hashlib.sha256(path.read_bytes()).hexdigest() != str(digest):
        raise InputError(
            f"the recorded input workbook {path} has changed since the roster was made; "
            "give the input explicitly: roster check INPUT ROSTER"
        )
    return path


# Options that several solving commands share, declared once so their help stays the same.
TimeLimitOption = Annotated[
    float | None,
    typer.Option("--time-limit", min=0.1, help="Seconds, wall clock [default: Settings or 60]."),
]
WorkersOption = Annotated[
    int | None, typer.Option("--workers", min=1, help="Solver workers [default: Settings or 8].")
]
SeedOption = Annotated[
    int | None, typer.Option("--seed", min=0, help="Random seed [default: Settings or 0].")
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")]
