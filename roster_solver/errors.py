"""Located input problems and the one exception type that carries them.

Bad input is never a traceback: the reader and the domain model collect every
problem they find, each with the sheet, the cell as Excel shows it, the column
and the offending value, and raise one :class:`InputError` at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from openpyxl.utils import get_column_letter


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Where:
    """A place in the input workbook. ``row`` and ``col`` are 1-based as Excel shows them."""

    sheet: str
    row: int | None = None
    col: int | None = None
    column: str | None = None

    @property
    def cell(self) -> str:
        if self.row is None:
            return ""
        if self.col is None:
            return f"row {self.row}"
        return f"{get_column_letter(self.col)}{self.row}"

    def __str__(self) -> str:
        text = self.sheet
        cell = self.cell
        if cell:
            text += ("!" if self.col is not None else " ") + cell
        if self.column:
            text += f" ({self.column})"
        return text


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem in the input: where, the value found, and what is wrong and expected."""

    where: Where | None
    message: str
    value: object = None
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.where}: " if self.where is not None else ""
        if self.value is None or self.value == "":
            return f"{where}{self.message}"
        return f'{where}"{self.value}" — {self.message}'


@dataclass
class Issues:
    """An accumulator of problems; :meth:`raise_if_errors` turns them into one InputError."""

    items: list[Issue] = field(default_factory=list)

    def error(self, where: Where | None, message: str, value: object = None) -> None:
        self.items.append(Issue(where, message, value, Severity.ERROR))

    def warn(self, where: Where | None, message: str, value: object = None) -> None:
        self.items.append(Issue(where, message, value, Severity.WARNING))

    def extend(self, other: Issues | list[Issue]) -> None:
        self.items.extend(other.items if isinstance(other, Issues) else other)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.items if i.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.items if i.severity is Severity.WARNING]

    def raise_if_errors(self) -> None:
        if self.errors:
            raise InputError(self.items)


class InputError(Exception):
    """Bad input: carries every problem found (errors and the warnings seen with them)."""

    def __init__(self, issues: list[Issue] | Issue | str) -> None:
        if isinstance(issues, str):
            issues = [Issue(None, issues)]
        elif isinstance(issues, Issue):
            issues = [issues]
        self.issues: list[Issue] = list(issues)
        super().__init__("\n".join(str(i) for i in self.errors))

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity is Severity.WARNING]
