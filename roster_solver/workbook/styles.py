"""Colours, fills and fonts of the output workbook.

Fills are computed in Python (never Excel formulas or conditional-format rules), so every
spreadsheet program shows the same colours and a test can read them back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

# Soft, well-separated shift colours for when the Shifts sheet gives none (RGB hex).
PALETTE = (
    "FFE699",  # yellow
    "9DC3E6",  # blue
    "A9D08E",  # green
    "F4B183",  # orange
    "C9B3E6",  # purple
    "8FD6D0",  # teal
    "F8CBAD",  # salmon
    "D9D9A0",  # olive
    "B4C7E7",  # pale blue
    "E6B3CC",  # pink
)

WEEKEND = "EDEDED"
ABSENT = "D0CECE"
HEADER = "DDEBF7"
AREA_HEADER = "BDD7EE"
TOTALS = "F2F2F2"
SHORT_OF_MIN = "FF7C80"  # red
SHORT_OF_TARGET = "FFC000"  # orange
COVERED = "A9D08E"  # green

NAMED_COLORS = {
    "red": "FF9999",
    "rood": "FF9999",
    "orange": "F4B183",
    "oranje": "F4B183",
    "yellow": "FFE699",
    "geel": "FFE699",
    "green": "A9D08E",
    "groen": "A9D08E",
    "blue": "9DC3E6",
    "blauw": "9DC3E6",
    "purple": "C9B3E6",
    "paars": "C9B3E6",
    "pink": "E6B3CC",
    "roze": "E6B3CC",
    "grey": "D9D9D9",
    "gray": "D9D9D9",
    "grijs": "D9D9D9",
    "brown": "C9A27E",
    "bruin": "C9A27E",
    "teal": "8FD6D0",
    "white": "FFFFFF",
    "wit": "FFFFFF",
}

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=12)
CENTER = Alignment(horizontal="center", vertical="center")
THIN = Side(style="thin", color="BFBFBF")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
HOURS_FORMAT = "0.00"
PERCENT_FORMAT = "0.00%"


def fill(rgb: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=rgb, end_color=rgb)


def parse_color(text: str | None) -> str | None:
    """A workbook colour (``#FFCC00``, ``ffcc00``, ``#fc0`` or a plain English/Dutch name) → RRGGBB."""
    if not text:
        return None
    s = str(text).strip().lower()
    if s in NAMED_COLORS:
        return NAMED_COLORS[s]
    s = s.removeprefix("#")
    if re.fullmatch(r"[0-9a-f]{3}", s):
        s = "".join(c * 2 for c in s)
    if re.fullmatch(r"[0-9a-f]{6}", s):
        return s.upper()
    if re.fullmatch(r"[0-9a-f]{8}", s):  # ARGB as openpyxl writes it
        return s[2:].upper()
    return None


def shift_colors(shifts: Iterable[tuple[str, str | None]]) -> dict[str, str]:
    """Shift code → RRGGBB: the Shifts ``color`` when it is readable, else the next palette colour."""
    out: dict[str, str] = {}
    k = 0
    for code, color in shifts:
        rgb = parse_color(color)
        if rgb is None:
            rgb = PALETTE[k % len(PALETTE)]
            k += 1
        out[code] = rgb
    return out


def style_header(cells: Iterable, rgb: str = HEADER) -> None:  # type: ignore[type-arg]
    f = fill(rgb)
    for c in cells:
        c.font = BOLD
        c.fill = f
