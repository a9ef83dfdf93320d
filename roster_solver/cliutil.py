"""What every `roster` command shares: the Typer app, the consoles, the guard that runs a
command (in a worker thread, so Ctrl-C is obeyed at once: :mod:`.interrupt`) and turns bad
input into exit 1, an unwritable output into exit 6, an interrupt into 130 and bugs into a
short message, and loading the input workbook. The exit codes live in :mod:`.exitcodes`.

Commands live in :mod:`roster_solver.cli` (validate, init, solve, check) and in the modules of
:mod:`roster_solver.commands`, which register themselves on :data:`app` when imported.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console

from . import __version__, interrupt, outputs
from .errors import InputError, Issue
from .exitcodes import (
    EXIT_BROKEN,
    EXIT_BUG,
    EXIT_INFEASIBLE,
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_TIMEOUT,
    EXIT_USAGE,
    EXIT_WRITE,
)

if TYPE_CHECKING:
    from .domain import Problem

__all__ = [
    "EXIT_BROKEN",
    "EXIT_BUG",
    "EXIT_INFEASIBLE",
    "EXIT_INPUT",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_TIMEOUT",
    "EXIT_USAGE",
    "EXIT_WRITE",
]

PROVE_SHARE = 1 / 3  # of the solver's time, with --prove, for the lower bound
MAX_WORKERS = 64  # CP-SAT gains nothing from more; a typo such as 100000 is refused, not degraded


class _Program(typer.Typer):
    """The Typer app; calling it as a program (an old-style entry point that skips
    ``roster_solver.__main__``) still takes Ctrl-C and SIGTERM over."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        interrupt.install()
        return super().__call__(*args, **kwargs)


app = _Program(
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
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=True,  # --install-completion / --show-completion (bash, zsh, fish, PowerShell)
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
    """Run a command (in a worker thread when the program owns the signals: :func:`interrupt.call`)
    and turn bad input into exit 1 with every located problem, an output that cannot be written
    into exit 6, an interrupt into exit 130, and a bug into a short message (exit 70)."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return interrupt.call(_run_guarded, fn, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


def _cancelled(exc: BaseException) -> bool:
    """A stop asked for by the user: the solver's Cancelled (only if the solver was loaded;
    the guard must not load it) or an interrupted write."""
    solvers = sys.modules.get("roster_solver.engine.solvers")
    return isinstance(exc, outputs.Interrupted) or (
        solvers is not None and isinstance(exc, solvers.Cancelled)
    )


def _run_guarded(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    try:
        return fn(*args, **kwargs)
    except typer.Exit:
        raise
    except InputError as exc:
        print_issues(exc.issues)
        n = len(exc.errors)
        err.print(f"{n} problem{'s' if n != 1 else ''} found; nothing was written.")
        raise typer.Exit(EXIT_INPUT) from None
    except outputs.OutputError as exc:
        err.print(f"error: {exc}. Nothing was written.", markup=False)
        raise typer.Exit(EXIT_WRITE) from None
    except KeyboardInterrupt:
        err.print(interrupt.MESSAGE)
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except Exception as exc:  # a bug: never a traceback for the user
        if _cancelled(exc):
            err.print(interrupt.MESSAGE)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        err.print(
            f"internal error ({type(exc).__name__}): {exc}. Nothing was written. "
            "Please report this with the input workbook."
        )
        if "--debug" in sys.argv:
            raise
        raise typer.Exit(EXIT_BUG) from None


def print_issues(issues: list[Issue]) -> None:
    for issue in issues:
        if issue.severity == "error":
            err.print(f"error: {issue}", markup=False)
    for issue in issues:
        if issue.severity == "warning":
            err.print(f"warning: {issue}", markup=False)


def load_problem(path: Path, *, show_warnings: bool = True) -> Problem:
    from .workbook.reader import read_workbook

    problem = read_workbook(path)
    if show_warnings:
        for w in problem.warnings:
            err.print(f"warning: {w}", markup=False)
    return problem


# --------------------------------------------------------------------------- --json


def json_value(value: Any) -> Any:
    """A value as JSON holds it: dates as ISO text, other objects as their text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def issue_json(issue: Issue) -> dict[str, Any]:
    """One input problem: severity, where (sheet, cell, row, col, column), value, message, and
    the whole sentence as printed (``text``)."""
    w = issue.where
    return {
        "severity": str(issue.severity),
        "sheet": w.sheet if w is not None else None,
        "cell": (w.cell or None) if w is not None else None,
        "row": w.row if w is not None else None,
        "col": w.col if w is not None else None,
        "column": w.column if w is not None else None,
        "value": json_value(issue.value),
        "message": issue.message,
        "text": str(issue),
    }


def emit_json(document: dict[str, Any]) -> None:
    """Print ``document`` on stdout as one JSON object (UTF-8, indented, keys in order)."""
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()


JsonOption = Annotated[
    bool,
    typer.Option(
        "--json",
        help="Print one JSON object on stdout instead of the text (for scripts); the exit code is the same.",
    ),
]


def refuse_output(
    target: Path,
    suffixes: Sequence[str],
    *,
    why: str = "",
    example: str,
    inputs: Mapping[str, Path | None] | None = None,
    option: str = "--output",
    replace: bool = True,
) -> None:
    """Refuse an unusable output path before any work is done. Exit 2 when ``target`` does not
    end in one of ``suffixes`` (``why`` says why it must), is a folder (``example`` is the file
    name to suggest in it), is one of ``inputs`` (what it is → its path), or exists while
    ``replace`` is false; exit 6 (OutputError) when its folder cannot be written."""
    named = "" if option == "--output" else f"{option}: "
    problem = None
    if target.suffix.lower() not in suffixes:
        ends = " or ".join([", ".join(suffixes[:-1]), suffixes[-1]] if len(suffixes) > 1 else suffixes)
        problem = f"{named}{target} must end in {ends}" + (f"; {why}" if why else "")
    elif target.is_dir():
        problem = f"{named}{target} is a folder; give a file name such as {target / example}"
    elif not replace and target.exists():
        problem = f"{target} already exists; use --force to replace it"
    else:
        for what, source in (inputs or {}).items():
            if source is not None and outputs.same_file(target, source):
                subject = "the output" if option == "--output" else option
                problem = f"{subject} would overwrite {what}; choose another {option}"
                break
    if problem:
        err.print(problem, markup=False)
        raise typer.Exit(EXIT_USAGE)
    outputs.check_writable(target)


def check_output_path(input: Path, target: Path, others: Mapping[str, Path] | None = None) -> None:
    """:func:`refuse_output` for an output workbook (.xlsx) made from the input workbook
    ``input`` (and the ``others`` it reads: what each is → its path)."""
    refuse_output(
        target,
        (".xlsx",),
        why="the output is an Excel workbook",
        example="roster.xlsx",
        inputs={"the input workbook": input, **(others or {})},
    )


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
    int | None,
    typer.Option(
        "--workers", min=1, max=MAX_WORKERS, help=f"Solver workers, 1-{MAX_WORKERS} [default: Settings or 8]."
    ),
]
SeedOption = Annotated[
    int | None,
    typer.Option("--seed", min=0, max=2**31 - 1, help="Random seed [default: Settings or 0]."),
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress display.")]
