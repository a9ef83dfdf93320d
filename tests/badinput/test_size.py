"""A 6-person workbook with a million blank formatted rows validates quickly, in little memory.

Issue 14, defect 8: openpyxl's ``max_row`` counts formatted blank rows, and loading such a
sheet took 45-116 s and up to 2.8 GB. The reader now streams each sheet read-only and stops at
its last row with a value (found by a byte scan of the sheet's XML). Measured on the 2-core
development machine: before, over 6 minutes and 4 GB (stopped); after, about 1.5 s and 125 MB.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from roster_solver.errors import InputError
from roster_solver.workbook.reader import read_workbook

from ..workbook.conftest import base_sheets, write_book
from .bigrows import add_blank_formatted_rows

STAFF_SHEET = 5  # xl/worksheets/sheet5.xml: Instructions, Settings, Areas, Shifts, Staff

_MEASURE = """
import json, resource, sys, time
from roster_solver.workbook.reader import read_workbook
t = time.perf_counter()
problem = read_workbook(sys.argv[1])
seconds = time.perf_counter() - t
print(json.dumps({"staff": len(problem.staff), "seconds": seconds,
                  "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def test_a_million_formatted_blank_rows(tmp_path: Path) -> None:
    path = write_book(tmp_path / "big.xlsx", base_sheets())
    add_blank_formatted_rows(path, STAFF_SHEET, 1_000_000)
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path)], capture_output=True, text=True, timeout=120, check=True
    )
    got = json.loads(done.stdout)
    assert got["staff"] == 6
    # Generous bounds for a busy shared machine; the old reader needed minutes and gigabytes.
    assert got["seconds"] < 15
    assert got["max_rss_mb"] < 400


def test_data_after_a_long_blank_stretch_is_still_read(tmp_path: Path) -> None:
    """The reader stops at the last row with a value, not after a run of empty rows."""
    sheets = base_sheets()
    sheets["Staff"] += [[]] * 30_000 + [["s07", "Person seven", "CEN", 20]]
    path = write_book(tmp_path / "gap.xlsx", sheets)
    t = time.perf_counter()
    problem = read_workbook(path)
    assert time.perf_counter() - t < 10
    late = problem.staff_by_id["s07"]
    assert late.src is not None and late.src.row == 30_008


def test_formatted_rows_with_an_error_value_below_them(tmp_path: Path) -> None:
    """A value after the formatted blank rows counts: here an Excel error value at its cell."""
    sheets = base_sheets()
    sheets["Demand"] += [[]] * 2000 + [["#N/A", "all", "08:00", "12:00", 1]]
    path = write_book(tmp_path / "late-error.xlsx", sheets)
    with pytest.raises(InputError) as info:
        read_workbook(path)
    assert [str(i).split(" — ")[0] for i in info.value.errors] == ['Demand!A2005 (area): "#N/A"']
