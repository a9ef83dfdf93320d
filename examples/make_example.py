"""Write examples/example.xlsx from roster_solver.example and print its capacity summary.

    python examples/make_example.py            # (re)writes examples/example.xlsx
    python examples/make_example.py out.xlsx   # somewhere else

The workbook's document dates and zip entry times are fixed, so regenerating an unchanged
example gives the same bytes.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from roster_solver.example import capacity_summary, example_problem, format_capacity
from roster_solver.workbook.template import write_input_workbook

HERE = Path(__file__).resolve().parent
# Fixed document timestamp: the example's content date, not the moment it was generated.
STAMP = datetime(2027, 1, 4, 9, 0, 0)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else HERE / "example.xlsx"
    problem = example_problem()
    write_input_workbook(target, problem, overwrite=True, timestamp=STAMP)
    print(f"wrote {target}")
    print(format_capacity(capacity_summary(problem)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
