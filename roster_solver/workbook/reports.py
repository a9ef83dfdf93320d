"""The analyses written as files: the diagnosis (``--report``) and the capacity answer (``--output``).

:mod:`roster_solver.diagnose` and :mod:`roster_solver.capacity` compute and return data; writing
it is here, next to the output workbook's writer. Both write atomically through
:mod:`roster_solver.outputs` (:mod:`.safecells` for a workbook: a temporary file in the same
folder renamed only when complete; an OSError becomes a plain OutputError), and every text cell
of a workbook is stored as text, never as a formula.

Never imports the solver: the capacity table comes from :mod:`roster_solver.capacity`, imported
when a Capacity sheet is written (its answers were computed there, so it is loaded already).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import finding as _t

if TYPE_CHECKING:
    from ..capacity import CapacityReport
    from ..diagnose import Finding
    from ..domain import Problem

SHEET = {"en": "Capacity", "nl": "Capaciteit"}  # the capacity answer's sheet

# --------------------------------------------------------------------------- diagnosis


def write_report(
    path: Path,
    findings: Sequence[Finding],
    conflict: Sequence[str],
    *,
    title: str,
    status: str,
    lang: str | None = None,
) -> None:
    """Write the diagnosis to ``path`` (``.md``: markdown; ``.xlsx``: a Diagnosis sheet),
    atomically through :mod:`roster_solver.outputs` (a temporary file in the same folder renamed
    only when complete; an OSError becomes a plain OutputError). Every text cell of the
    workbook is stored as text, never as a formula.

    ``status`` is one line on the outcome (e.g. "infeasible: the hard rules cannot all be met");
    ``conflict`` holds the solver's sentences when the pre-checks found nothing certain.
    Headings are in ``lang``; kind, rule and severity are machine fields and stay English.
    """
    from .. import outputs

    if path.suffix.lower() == ".xlsx":
        _write_xlsx(path, findings, conflict, title, status, lang)
    else:
        outputs.write_text(path, _markdown(findings, conflict, title, status, lang))


def _markdown(
    findings: Sequence[Finding], conflict: Sequence[str], title: str, status: str, lang: str | None = None
) -> str:
    lines = [f"# {title}", "", _t("r.result", lang, status=status), ""]
    errors = [f for f in findings if f.certain]
    warnings = [f for f in findings if not f.certain]
    fix = _t("r.fix", lang)
    if errors:
        lines += [f"## {_t('r.certain', lang)}", ""]
        lines += [f"- **{f.kind}** ({f.rule}): {f.message} *{fix}* {f.fix}" for f in errors] + [""]
    if conflict:
        lines += [f"## {_t('r.conflict', lang)}", ""] + [f"- {c}" for c in conflict] + [""]
    if warnings:
        lines += [f"## {_t('r.warnings', lang)}", ""]
        lines += [f"- **{f.kind}** ({f.rule}): {f.message} *{fix}* {f.fix}" for f in warnings] + [""]
    if not (errors or conflict or warnings):
        lines += [_t("r.none", lang), ""]
    return "\n".join(lines)


def _write_xlsx(
    path: Path,
    findings: Sequence[Finding],
    conflict: Sequence[str],
    title: str,
    status: str,
    lang: str | None = None,
) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from .safecells import append, save

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = _t("r.sheet", lang)
    append(ws, [title])
    ws["A1"].font = Font(bold=True, size=13)
    append(ws, [_t("r.result_key", lang), status])
    append(ws, [])
    append(ws, [_t(f"r.{k}", lang) for k in ("severity", "kind", "rule", "rows", "what", "how")])
    for c in ws[4]:
        c.font = Font(bold=True)
    for f in findings:
        append(ws, [f.severity, f.kind, f.rule, ", ".join(f.refs), f.message, f.fix])
    for line in conflict:
        append(ws, ["conflict", "solver", "", "", line, ""])
    for col, width in zip("ABCDEF", (10, 20, 28, 30, 100, 60), strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=5):
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A5"
    save(wb, path)


# --------------------------------------------------------------------------- capacity


def write_capacity_workbook(
    path: Path, report: CapacityReport, problem: Problem, input_name: str | None = None
) -> None:
    """Write the Capacity sheet (and the assumptions under it) to ``path``, atomically; text
    cells are stored as text, never as formulas (:mod:`.safecells`)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from ..capacity import COLUMNS, assumptions, capacity_rows
    from .safecells import append, save

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET.get(problem.settings.language, SHEET["en"])
    append(ws, list(COLUMNS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in capacity_rows(report):
        append(ws, [row[c] for c in COLUMNS])
        if row["area"] == "total":
            for cell in ws[ws.max_row]:
                cell.font = Font(bold=True)
    append(ws, [])
    for key, value in assumptions(report, problem, input_name):
        append(ws, [key, value])
    for col, width in zip("ABCDEFG", (10, 8, 13, 18, 40, 8, 9), strict=True):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"
    save(wb, path)
