"""Writing outputs: all or nothing, plain errors, no leftovers, and an abort that wins."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from roster_solver import outputs
from tests.faults import read_only


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    outputs.reset()
    yield
    outputs.reset()


def test_write_replaces_only_when_complete(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError), outputs.writing(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("boom")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]
    outputs.write_text(target, "new")
    assert target.read_text() == "new"
    assert oct(target.stat().st_mode & 0o777) == oct(0o666 & ~_umask())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_temporary_name_keeps_the_suffix_so_openpyxl_can_open_it(tmp_path: Path) -> None:
    with outputs.writing(tmp_path / "roster.xlsx") as tmp:
        assert tmp.name.startswith(".roster.xlsx.") and tmp.suffix == ".xlsx"
        assert outputs.pending() == [tmp]
        tmp.write_bytes(b"x")
    assert outputs.pending() == []


def test_an_oserror_becomes_a_plain_output_error_naming_the_target(tmp_path: Path) -> None:
    target = tmp_path / "new" / "deeper" / "out.xlsx"
    with pytest.raises(outputs.OutputError) as info, outputs.writing(target) as tmp:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp))
    assert str(info.value) == f"cannot write {target}: the disk is full"
    assert not (tmp_path / "new").exists()  # the folders made for it are gone again


def test_write_many_is_all_or_nothing_and_leaves_no_new_folder(tmp_path: Path) -> None:
    folder = tmp_path / "hr"
    long_name = "x" * 300 + ".ics"  # too long for the file system
    with pytest.raises(outputs.OutputError, match="too long"):
        outputs.write_many(folder, {"a.csv": b"1", long_name: b"2"})
    assert not folder.exists()
    written = outputs.write_many(folder, {"a.csv": b"1", "b.csv": b"2"})
    assert sorted(p.name for p in folder.iterdir()) == ["a.csv", "b.csv"] == [p.name for p in written]


def test_abort_removes_temporary_files_and_refuses_the_rename(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.xlsx"
    with pytest.raises(outputs.Interrupted), outputs.writing(target) as tmp:
        tmp.write_bytes(b"complete")
        outputs.abort()  # what the signal handler does, from another thread
        assert not tmp.exists()
    assert not target.exists() and not (tmp_path / "sub").exists()
    with pytest.raises(outputs.Interrupted):
        outputs.write_text(tmp_path / "later.txt", "x")
    assert list(tmp_path.iterdir()) == []


def test_check_writable(tmp_path: Path) -> None:
    outputs.check_writable(tmp_path / "a" / "b" / "out.xlsx")  # missing folders: can be made
    assert list(tmp_path.iterdir()) == []  # and the check leaves nothing behind
    (tmp_path / "file").write_text("x")
    with pytest.raises(outputs.OutputError, match="is a file, not a folder"):
        outputs.check_writable(tmp_path / "file" / "out.xlsx")
    with pytest.raises(outputs.OutputError, match="too long"):
        outputs.check_writable(tmp_path / ("x" * 300 + ".xlsx"))
    locked = tmp_path / "locked"
    locked.mkdir()
    with read_only(locked), pytest.raises(outputs.OutputError, match="cannot write in the folder"):
        outputs.check_writable(locked / "out.xlsx")
