"""Write a set of export files into one folder, atomically, under safe file names.

Every file is first written to a temporary name in the target folder; only when all of them are
complete are they renamed over their targets (``os.replace``, atomic per file on one file
system). On any failure the temporary files are removed, existing files are left as they were,
and a folder created for the export is removed again, so a failed export never leaves an empty
folder behind. Nothing else in the folder is touched. See :mod:`roster_solver.outputs`.

:func:`safe_name` makes a file name from a code (a staff id) that any file system takes: at
most :data:`MAX_NAME_BYTES` bytes, no path separators, no leading dot, and different codes
always give different names.
"""

from __future__ import annotations

import hashlib
import urllib.parse
from collections.abc import Mapping
from pathlib import Path

from .. import outputs

MAX_NAME_BYTES = 120  # well below the 255 of most file systems, with room for a temporary suffix


class OutputFolderError(Exception):
    """The output folder cannot be used (a file, not a folder); a usage error."""


def safe_name(code: str, suffix: str) -> str:
    """``code`` + ``suffix`` as a file name: the code percent-encoded (letters, digits, ``-``,
    ``_`` and ``.`` kept; ``%2E`` for a leading dot, ``%7E`` for ``~``); when that is longer
    than :data:`MAX_NAME_BYTES`, its start, ``~`` and 16 hex digits of the SHA-256 of the
    whole code. Deterministic and injective: the encoding is, it never writes ``~``, and a
    shortened name always holds one (with the hash of the code)."""
    quoted = urllib.parse.quote(code, safe="-_.").replace("~", "%7E")
    if quoted.startswith("."):
        quoted = "%2E" + quoted[1:]  # never a hidden file (nor `.` or `..`)
    if quoted and len(quoted) + len(suffix) <= MAX_NAME_BYTES:
        return quoted + suffix
    digest = hashlib.sha256(code.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    head = quoted[: MAX_NAME_BYTES - len(suffix) - 17]
    if "%" in head[-2:]:  # never cut a %XX escape in half
        head = head[: head.rindex("%")]
    return f"{head}~{digest}{suffix}"


def check_folder(folder: Path) -> None:
    """Raise OutputFolderError when ``folder`` is a file or lies under one."""
    if folder.exists() and not folder.is_dir():
        raise OutputFolderError(f"{folder} is a file, not a folder; give a folder for --out")
    existing = folder.absolute()
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise OutputFolderError(f"cannot create the folder {folder}: {existing} is a file")


def write_files(folder: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write ``files`` (name → content) into ``folder``, all or nothing; returns the paths written.

    Raises OutputFolderError for a folder that is a file, and
    :class:`~roster_solver.outputs.OutputError` when the files cannot be written."""
    check_folder(folder)
    return outputs.write_many(folder, files)
