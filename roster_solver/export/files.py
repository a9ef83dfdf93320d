"""Write a set of export files into one folder, atomically.

Every file is first written to a temporary name in the target folder (``.NAME.tmp-PID``); only
when all of them are complete are they renamed over their targets (``os.replace``, atomic per
file on one file system). On any failure the temporary files are removed and existing files
are left as they were. Nothing else in the folder is touched.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path


class OutputFolderError(Exception):
    """The output folder cannot be used (a file, not creatable, not writable); a usage error."""


def prepare_folder(folder: Path) -> None:
    """Create ``folder`` (and its parents) if needed; raise OutputFolderError when it cannot be used."""
    if folder.exists() and not folder.is_dir():
        raise OutputFolderError(f"{folder} is a file, not a folder; give a folder for --out")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputFolderError(f"cannot create the folder {folder} ({exc.strerror or exc})") from None
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputFolderError(f"cannot write in the folder {folder} (permission denied)")


def write_files(folder: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write ``files`` (name → content) into ``folder``, all or nothing; returns the paths written."""
    prepare_folder(folder)
    staged: list[tuple[Path, Path]] = []
    try:
        for name, content in files.items():
            target = folder / name
            tmp = folder / f".{name}.tmp-{os.getpid()}"
            staged.append((tmp, target))
            with tmp.open("wb") as fh:
                fh.write(content)
        for tmp, target in staged:
            os.replace(tmp, target)
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    return [target for _, target in staged]
