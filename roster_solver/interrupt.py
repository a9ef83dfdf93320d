"""Ctrl-C and SIGTERM: stop within a second, write nothing, exit 130.

A Python signal handler runs only in the main thread, between bytecodes; while the main thread
is inside CP-SAT's C++ search (or any long C call) the handler would wait for it to return. The
program therefore runs each command in a worker thread (:func:`call`, used by the commands'
guard) and keeps the main thread waiting for it, free to take a signal at once. The handler

1. stops every CP-SAT search that is running (:func:`roster_solver.engine.solvers.cancel`, if
   the solver was loaded at all),
2. removes every temporary output file and every folder made for one, and refuses any later
   rename (:func:`roster_solver.outputs.abort`; a rename already under way finishes first, so
   a file is either completely written before the signal or not at all),
3. prints one line on stderr, and
4. ends the process with ``os._exit(130)``: the worker may be deep in C++ and cannot be asked to
   unwind in time, and nothing it still holds needs to be saved.

:func:`install` is the first thing the program's entry point (``roster_solver.__main__``) does,
before the slow imports, so a signal during start-up is handled too. Code that runs commands
in-process (tests with Typer's CliRunner) never calls it: commands then run in the calling
thread and Ctrl-C is a KeyboardInterrupt as usual (the guard turns it into exit 130).

Standard library only, and nothing imported inside the handler.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any, TypeVar

from . import outputs
from .exitcodes import EXIT_INTERRUPTED

T = TypeVar("T")

SIGNALS = (signal.SIGINT, signal.SIGTERM)
POLL_SECONDS = 0.1  # how often the waiting main thread wakes up (also the worst-case latency)
MESSAGE = "Interrupted; nothing was written."

_installed = False
_handling = False


def install() -> None:
    """Take SIGINT and SIGTERM for the program (main thread only; idempotent)."""
    global _installed
    if threading.current_thread() is not threading.main_thread():
        return
    for sig in SIGNALS:
        signal.signal(sig, _on_signal)
    _installed = True


def installed() -> bool:
    return _installed


def call(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Run ``fn(*args, **kwargs)``; when the handler is installed and this is the main thread,
    in a worker thread while the main thread stays ready for a signal. The worker's result is
    returned and its exception (typer.Exit included) raised here."""
    if not _installed or threading.current_thread() is not threading.main_thread():
        return fn(*args, **kwargs)
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["value"] = fn(*args, **kwargs)
        except BaseException as exc:  # handed to the main thread, which raises it
            box["error"] = exc

    worker = threading.Thread(target=work, name="roster-command", daemon=True)
    worker.start()
    while worker.is_alive():
        # A C library may take SIGINT over while it runs (CP-SAT does unless told not to, and
        # leaves the default action behind); taking it back each time keeps Ctrl-C ours.
        signal.signal(signal.SIGINT, _on_signal)
        worker.join(POLL_SECONDS)
    if "error" in box:
        raise box["error"]
    return box["value"]  # type: ignore[no-any-return]


def _on_signal(signum: int, frame: FrameType | None) -> None:
    global _handling
    if _handling:  # a second Ctrl-C while we are already stopping
        return
    _handling = True
    try:
        solvers = sys.modules.get("roster_solver.engine.solvers")
        if solvers is not None:
            with contextlib.suppress(Exception):
                solvers.cancel()
        with contextlib.suppress(Exception):
            outputs.abort()
        # What was printed before the signal stays printed; but a reader that stopped reading
        # must not keep us from exiting, so the flush gets a moment, not a promise.
        flusher = threading.Thread(target=_flush_stdout, daemon=True)
        flusher.start()
        flusher.join(0.2)
        line = f"{MESSAGE}\n"
        if sys.stderr is not None and sys.stderr.isatty():
            line = "\r\x1b[2K\x1b[?25h" + line  # clear a live progress line, show the cursor
        with contextlib.suppress(Exception):
            os.write(2, line.encode())
    finally:
        os._exit(EXIT_INTERRUPTED)


def _flush_stdout() -> None:
    with contextlib.suppress(Exception):
        sys.stdout.flush()
