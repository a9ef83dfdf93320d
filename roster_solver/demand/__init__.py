"""Information-driven demand: from incident reports (meldingen) to Demand rows.

- :mod:`.reports` reads a report table (CSV or xlsx) and maps its areas to the workbook's;
- :mod:`.profile` builds the hourly workload profile, finds event dates and turns the profile
  into Demand rows (``min`` floor set by the organisation, ``target`` from the workload);
- :mod:`.output` writes the Demand/Profile workbook, or merges the rows into a copy of the
  input workbook.

The method and its parameters are documented in ``docs/demand.md``. Never imports the solver.
"""

from __future__ import annotations

from .profile import DemandParameters, DemandPlan, build_plan
from .reports import Report, ReportTable, read_reports

__all__ = ["DemandParameters", "DemandPlan", "Report", "ReportTable", "build_plan", "read_reports"]
