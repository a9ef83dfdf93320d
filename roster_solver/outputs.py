"""Writing output files: all or nothing, no partial file, no leftover, stoppable by Ctrl-C.

Every file the tool writes goes through :func:`writing` (one file) or :func:`write_many` (a set of
files that appear together):

1. a missing target folder is created, and removed again when the write fails;
2. the content goes to a temporary file beside the target (``.NAME.XXXXXXXX.tmp.xlsx``: the
   target's suffix kept, since openpyxl opens nothing else), which is registered here;
3. only when it is complete is it renamed over the target (``os.replace``: atomic on one file
   system), and only if the run was not interrupted;
4. on any failure the temporary file is removed and an existing target is left untouched.

An :class:`OSError` on the way (a full disk, a read-only folder, a name that is too long) becomes
an :class:`OutputError` with a plain message (exit 6). :func:`abort`, called by the signal
handler, removes every registered temporary file and folder made for it and refuses every
later rename, so an interrupted run writes nothing. Creating a temporary file and renaming it
both happen under one lock that :func:`abort` also takes: a rename is either done before the
interrupt or never.

Standard library only: the workbook and export modules use it and never import the solver.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path

NAME_BYTES = 255  # the longest file name most file systems allow (bytes, not characters)
_TEMP_EXTRA = len(".") + len(".XXXXXXXX.tmp") + 8  # what a temporary name adds (suffix ≤ 8)


class OutputError(Exception):
    """An output file cannot be written; the message says which and why, in plain words."""


class Interrupted(Exception):
    """The run was interrupted while writing; nothing was written."""


_lock = threading.Lock()
_temps: set[Path] = set()
_made: list[Path] = []  # folders created for outputs that are not complete yet
_aborted = False


def _read_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()  # read once, at import: os.umask can only be read by setting it

_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "the file is larger than this disk or the file-size limit allows",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENAMETOOLONG: "the file name is too long",
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "part of the path is a file, not a folder",
    errno.EISDIR: "it is a folder",
}


def describe(exc: OSError, target: Path | str) -> str:
    """``cannot write TARGET: REASON`` for an OSError met while writing ``target``."""
    reason = _REASONS.get(exc.errno or 0) or exc.strerror or str(exc) or type(exc).__name__
    return f"cannot write {target}: {reason}"


# --------------------------------------------------------------------------- checks before work


def same_file(a: Path | str, b: Path | str) -> bool:
    """Whether ``a`` and ``b`` name one file: the same path once resolved, or (both existing)
    one file under two names, such as a hard link."""
    a, b = Path(a), Path(b)
    if a.resolve() == b.resolve():
        return True
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_writable(target: Path | str) -> None:
    """Raise OutputError unless a file can be written at ``target``: its folder exists and
    accepts a new file, or can be created (the nearest existing folder accepts one).

    Meant to be called before any long work. Tries for real (a temporary file, removed at
    once) rather than asking for permissions, which say yes to root on a read-only disk."""
    target = Path(target)
    folder = target.absolute().parent
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise OutputError(f"cannot write {target}: {existing} is a file, not a folder")
    if len(os.fsencode(target.name)) > NAME_BYTES:
        raise OutputError(f"cannot write {target}: the file name is too long")
    try:
        probe = _new_temp(existing / ".roster-probe")
    except OSError as exc:
        where = "the folder " + str(existing)
        raise OutputError(f"cannot write in {where} ({_REASONS.get(exc.errno or 0, exc.strerror)})") from None
    _discard(probe)


# --------------------------------------------------------------------------- writing


@contextlib.contextmanager
def writing(target: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; when the block ends without an exception it
    is renamed over ``target``. Any failure removes it (and a folder made for it); an OSError
    becomes OutputError."""
    target = Path(target)
    with _staged(target.parent) as stage:
        tmp = stage.temp(target)
        yield tmp
        stage.commit([(tmp, target)])


def write_bytes(target: Path | str, data: bytes) -> None:
    with writing(target) as tmp:
        tmp.write_bytes(data)


def write_text(target: Path | str, text: str, *, newline: str | None = None) -> None:
    with writing(target) as tmp, tmp.open("w", encoding="utf-8", newline=newline) as fh:
        fh.write(text)


def write_many(folder: Path | str, files: Mapping[str, bytes]) -> list[Path]:
    """Write ``files`` (name → content) into ``folder``, all or nothing; the paths written."""
    folder = Path(folder)
    with _staged(folder) as stage:
        pairs = []
        for name, content in files.items():
            tmp = stage.temp(folder / name)
            tmp.write_bytes(content)
            pairs.append((tmp, folder / name))
        stage.commit(pairs)
    return [target for _, target in pairs]


class _Stage:
    def __init__(self, made: list[Path]) -> None:
        self.made = made
        self.temps: dict[Path, Path] = {}  # temporary file -> its target
        self.done = False

    def temp(self, target: Path) -> Path:
        if len(os.fsencode(target.name)) > NAME_BYTES:  # found now, not after other renames
            raise OSError(errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG), str(target))
        tmp = _new_temp(target)
        self.temps[tmp] = target
        return tmp

    def shown(self, where: str | Path) -> Path:
        """The path to name in a message: the target, not our temporary name."""
        return self.temps.get(Path(where), Path(where))

    def commit(self, pairs: list[tuple[Path, Path]]) -> None:
        mode = 0o666 & ~_UMASK  # mkstemp makes 0600; an output is an ordinary file
        for tmp, _ in pairs:
            os.chmod(tmp, mode)
        with _lock:
            if _aborted:
                raise Interrupted
            for tmp, target in pairs:
                os.replace(tmp, target)
                _temps.discard(tmp)
            for d in self.made:
                with contextlib.suppress(ValueError):
                    _made.remove(d)
        self.done = True


@contextlib.contextmanager
def _staged(folder: Path) -> Iterator[_Stage]:
    try:
        made = _make_folder(folder)
    except OSError as exc:
        raise OutputError(
            f"cannot create the folder {folder} ({_REASONS.get(exc.errno or 0, exc.strerror)})"
        ) from None
    stage = _Stage(made)
    try:
        yield stage
    except BaseException as exc:
        for tmp in stage.temps:
            _discard(tmp)
        _remove_folders(made)
        if _aborted and not isinstance(exc, Interrupted):
            raise Interrupted from None  # what failed was cut short by the abort
        if isinstance(exc, OSError):
            named = exc.filename
            where = Path(os.fsdecode(named)) if isinstance(named, str | bytes | os.PathLike) else folder
            if len(stage.temps) == 1 and where == folder:
                where = next(iter(stage.temps.values()))
            raise OutputError(describe(exc, stage.shown(where))) from None
        raise
    if not stage.done:  # the block ended without committing: nothing to keep
        for tmp in stage.temps:
            _discard(tmp)
        _remove_folders(made)


def _make_folder(folder: Path) -> list[Path]:
    """Create ``folder`` and missing parents; the ones created (deepest first), registered so
    that an abort removes them while they are still empty."""
    missing: list[Path] = []
    p = folder.absolute()
    while not p.exists() and p != p.parent:
        missing.append(p)
        p = p.parent
    made: list[Path] = []
    try:
        for d in reversed(missing):
            with _lock:
                if _aborted:
                    raise Interrupted
                d.mkdir()
                _made.append(d)
            made.insert(0, d)
    except BaseException:
        _remove_folders(made)
        raise
    return made


def _remove_folders(made: list[Path]) -> None:
    with _lock:
        for d in made:  # deepest first; only while empty
            with contextlib.suppress(OSError):
                d.rmdir()
            with contextlib.suppress(ValueError):
                _made.remove(d)


def _new_temp(target: Path) -> Path:
    """Create and register a temporary file beside ``target`` (refused after an abort)."""
    stem = os.fsdecode(os.fsencode(target.name)[: NAME_BYTES - _TEMP_EXTRA])
    stem = stem.rstrip("\udcff")  # a multi-byte character cut in half
    with _lock:
        if _aborted:
            raise Interrupted
        suffix = target.suffix if 1 < len(target.suffix) <= 8 else ""
        fd, name = tempfile.mkstemp(prefix=f".{stem}.", suffix=f".tmp{suffix}", dir=target.parent)
        os.close(fd)
        tmp = Path(name)
        _temps.add(tmp)
    return tmp


def _discard(tmp: Path) -> None:
    with _lock:
        with contextlib.suppress(OSError):
            tmp.unlink()
        _temps.discard(tmp)


# --------------------------------------------------------------------------- interrupt


def abort(timeout: float = 0.5) -> None:
    """Remove every temporary file and every folder made for an incomplete output, and refuse
    every later write. Called from the signal handler (another thread may be writing: the lock
    makes a rename in progress finish first)."""
    global _aborted
    locked = _lock.acquire(timeout=timeout)
    try:
        _aborted = True
        for tmp in list(_temps):
            with contextlib.suppress(OSError):
                tmp.unlink()
        _temps.clear()
        for d in reversed(_made):  # made parents first, so deepest are at the end
            with contextlib.suppress(OSError):
                d.rmdir()
        _made.clear()
    finally:
        if locked:
            _lock.release()


def aborted() -> bool:
    return _aborted


def pending() -> list[Path]:
    """The temporary files that exist right now (for tests)."""
    with _lock:
        return sorted(_temps)


def reset() -> None:
    """Forget an earlier abort (tests that run several commands in one process)."""
    global _aborted
    with _lock:
        _aborted = False
