"""Page setup of the output workbook: every sheet prints on landscape A4 without a cut-off grid.

Each sheet gets landscape A4, narrow margins, its header row (and its name columns) repeated on
every page as print titles, and a page header and footer: the team and the period at the top,
the sheet name and ``page n of m`` at the bottom. Most sheets are scaled to the page width
(any number of pages down). The Roster grid instead prints one week per page: a manual column
break after each week and one scale for the whole sheet, chosen so that the widest week block
(the last one carries the horizon totals) fits the page width and all rows fit its height.

Column widths are in Excel's character units; :data:`CHAR_PT` converts them to points with a
safety margin, since LibreOffice and Excel render a character slightly differently.

Never imports the solver.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.worksheet.pagebreak import Break, ColBreak, RowBreak
from openpyxl.worksheet.worksheet import Worksheet

# A4 landscape in points, and the margins set here (inches → points).
PAGE_WIDTH_PT = 842.0
PAGE_HEIGHT_PT = 595.0
MARGIN_SIDE_IN = 0.4
MARGIN_TOP_IN = 0.6  # leaves room for the page header
MARGIN_HEADER_IN = 0.25
# One Excel width unit in points, generous: LibreOffice without Calibri substitutes a wider font.
CHAR_PT = 7.2
# Row heights as printed, in points, for rows without an explicit height.
DEFAULT_ROW_PT = 15.0

PAGE_WORD = {"en": ("page", "of"), "nl": ("pagina", "van")}


def usable_width_pt() -> float:
    return PAGE_WIDTH_PT - 2 * MARGIN_SIDE_IN * 72


def usable_height_pt() -> float:
    return PAGE_HEIGHT_PT - 2 * MARGIN_TOP_IN * 72


def _escape(text: str) -> str:
    """Header/footer text: ``&`` starts a code there, so a literal one is doubled."""
    return text.replace("&", "&&")


def setup_page(
    ws: Worksheet,
    *,
    lang: str,
    heading: str,
    title_rows: int = 1,
    title_cols: int = 0,
    fit_width: bool = True,
) -> None:
    """Landscape A4, print titles, header (``heading``) and footer (sheet, page n of m).

    ``fit_width`` scales the sheet to one page wide and any number of pages tall; without it
    the caller sets the scale and the breaks (the Roster grid)."""
    ps = ws.page_setup
    ps.orientation = ws.ORIENTATION_LANDSCAPE
    ps.paperSize = ws.PAPERSIZE_A4
    m = ws.page_margins
    m.left = m.right = MARGIN_SIDE_IN
    m.top = m.bottom = MARGIN_TOP_IN
    m.header = m.footer = MARGIN_HEADER_IN
    if fit_width:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ps.fitToWidth = 1
        ps.fitToHeight = 0  # as many pages down as needed
    if title_rows:
        ws.print_title_rows = f"1:{title_rows}"
    if title_cols:
        from openpyxl.utils import get_column_letter

        ws.print_title_cols = f"A:{get_column_letter(title_cols)}"
    word, of = PAGE_WORD.get(lang, PAGE_WORD["en"])
    ws.oddHeader.center.text = _escape(heading)
    ws.oddHeader.center.size = 10
    ws.oddFooter.left.text = "&A"  # the sheet name
    ws.oddFooter.left.size = 8
    ws.oddFooter.right.text = f"{word} &P {of} &N"
    ws.oddFooter.right.size = 8
    ws.print_options.gridLines = False


def column_width_pt(ws: Worksheet, col: int) -> float:
    from openpyxl.utils import get_column_letter

    dim = ws.column_dimensions.get(get_column_letter(col))
    width = dim.width if dim is not None and dim.width else 8.43
    return width * CHAR_PT


def row_height_pt(ws: Worksheet, row: int) -> float:
    dim = ws.row_dimensions.get(row)
    return dim.height if dim is not None and dim.height else DEFAULT_ROW_PT


def week_pages(ws: Worksheet, *, title_cols: int, blocks: Sequence[tuple[int, int]], rows: int) -> int:
    """Break the grid into one page per column block (first, last column, 1-based) and choose
    one scale so that the widest block plus the title columns fits the page width and ``rows``
    rows fit its height. Returns the scale in percent (10–100)."""
    ws.sheet_properties.pageSetUpPr.fitToPage = False
    titles = sum(column_width_pt(ws, c) for c in range(1, title_cols + 1))
    widest = max((sum(column_width_pt(ws, c) for c in range(a, b + 1)) for a, b in blocks), default=0.0)
    height = sum(row_height_pt(ws, r) for r in range(1, rows + 1))
    scale = min(1.0, usable_width_pt() / (titles + widest), usable_height_pt() / max(height, 1.0))
    percent = max(10, int(scale * 100))
    ws.page_setup.scale = percent
    ws.col_breaks = ColBreak()
    for _, last in blocks[:-1]:
        ws.col_breaks.append(Break(id=last))
    ws.row_breaks = RowBreak()
    return percent


def block_pages(ws: Worksheet, *, columns: int, blocks: Sequence[tuple[int, int]]) -> int:
    """Break the sheet into one page per row block (first, last row, 1-based) with one scale
    that fits all ``columns`` across and the tallest block down. Returns the scale in percent."""
    ws.sheet_properties.pageSetUpPr.fitToPage = False
    width = sum(column_width_pt(ws, c) for c in range(1, columns + 1))
    tallest = max((sum(row_height_pt(ws, r) for r in range(a, b + 1)) for a, b in blocks), default=0.0)
    scale = min(1.0, usable_width_pt() / max(width, 1.0), usable_height_pt() / max(tallest, 1.0))
    percent = max(10, int(scale * 100))
    ws.page_setup.scale = percent
    ws.row_breaks = RowBreak()
    for _, last in blocks[:-1]:
        ws.row_breaks.append(Break(id=last))
    ws.col_breaks = ColBreak()
    return percent


__all__ = ["block_pages", "setup_page", "usable_height_pt", "usable_width_pt", "week_pages"]
