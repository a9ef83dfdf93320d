"""Faults of the environment for tests: a folder that refuses new files, a file-size limit."""

from __future__ import annotations

import contextlib
import os
import resource
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Make ``folder`` refuse new files, for root too (``chattr +i``); skip where impossible."""
    if os.geteuid() == 0:
        done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0
        undo = ["chattr", "-i", str(folder)]
    else:
        folder.chmod(0o500)
        done, undo = True, ["chmod", "700", str(folder)]
    try:
        if not done or _can_create(folder):
            pytest.skip("cannot make a read-only folder here")
        yield
    finally:
        subprocess.run(undo, capture_output=True)


def _can_create(folder: Path) -> bool:
    try:
        (folder / ".probe").touch()
    except OSError:
        return False
    (folder / ".probe").unlink()
    return True


def file_size_limit(limit: int) -> Callable[[], None]:
    """A ``preexec_fn`` that makes every write beyond ``limit`` bytes fail with EFBIG, as a
    full disk would (Python ignores SIGXFSZ, so the write raises instead of killing)."""

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply
