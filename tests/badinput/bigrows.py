"""A workbook whose sheet has a huge number of blank but formatted rows (issue 14, defect 8).

Excel writes such rows when a planner formats whole rows or a large range: every row is in the
file with its style and (for a range) one styled empty cell per column, but holds no value. The
file is written straight as XML into the zip, so a million rows take seconds, not minutes.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

_DIMENSION_RE = re.compile(r'<dimension ref="[^"]*"\s*/>')


def add_blank_formatted_rows(path: Path, sheet_index: int, count: int, columns: int = 8) -> Path:
    """Append ``count`` formatted blank rows (``columns`` styled empty cells each) after the last
    row of worksheet ``sheet_index`` (1-based part number, ``xl/worksheets/sheet<N>.xml``)."""
    member = f"xl/worksheets/sheet{sheet_index}.xml"
    with zipfile.ZipFile(path) as zf:
        parts = {info: zf.read(info.filename) for info in zf.infolist()}
    xml = next(data for info, data in parts.items() if info.filename == member).decode("utf-8")
    last = max(int(r) for r in re.findall(r'<row r="(\d+)"', xml))
    letters = [chr(ord("A") + k) for k in range(columns)]
    head, _, tail = xml.partition("</sheetData>")
    end = last + count
    head = _DIMENSION_RE.sub(f'<dimension ref="A1:{letters[-1]}{end}" />', head)
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in parts.items():
            if info.filename != member:
                out.writestr(info, data)
                continue
            entry = zipfile.ZipInfo(member, info.date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry._compresslevel = 1  # type: ignore[attr-defined]  # speed over size
            row = (
                f'<row r="%(r)d" spans="1:{columns}" s="1" customFormat="1">'
                + "".join(f'<c r="{c}%(r)d" s="1"/>' for c in letters)
                + "</row>"
            )
            with out.open(entry, "w", force_zip64=True) as fh:
                fh.write(head.encode("utf-8"))
                for lo in range(last + 1, end + 1, 10000):
                    batch = "".join(row % {"r": r} for r in range(lo, min(lo + 10000, end + 1)))
                    fh.write(batch.encode("ascii"))
                fh.write(("</sheetData>" + tail).encode("utf-8"))
    tmp.replace(path)
    return path
