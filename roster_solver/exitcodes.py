"""The exit codes of every `roster` command, in one place (README "Exit codes" lists them).

Plain constants without imports, so the program's entry point can use them before anything
slow is loaded.
"""

from __future__ import annotations

EXIT_OK = 0  # done: the workbook is valid, or the output was written (also with a shortage)
EXIT_INPUT = 1  # malformed input: every problem listed with its sheet, cell, column and value
EXIT_USAGE = 2  # wrong command-line usage (also an output path that can never work)
EXIT_INFEASIBLE = 3  # well-formed input whose hard rules cannot all be met
EXIT_TIMEOUT = 4  # no roster (or no proven answer) within the time limit
EXIT_BROKEN = 5  # `check` found broken hard rules
EXIT_WRITE = 6  # an output file cannot be written (folder not writable, disk full, ...)
EXIT_BUG = 70  # internal error: a short message, nothing written
EXIT_INTERRUPTED = 130  # Ctrl-C or SIGTERM: stopped, nothing written

EXIT_CODES: dict[int, str] = {
    EXIT_OK: "done",
    EXIT_INPUT: "malformed input",
    EXIT_USAGE: "wrong command-line usage",
    EXIT_INFEASIBLE: "the hard rules cannot all be met",
    EXIT_TIMEOUT: "nothing found within the time limit",
    EXIT_BROKEN: "broken hard rules found",
    EXIT_WRITE: "cannot write the output",
    EXIT_BUG: "internal error",
    EXIT_INTERRUPTED: "interrupted",
}
