"""HR exports of a finished roster: CSV per calendar month, iCalendar per person, JSON, and the
HTML report.

:mod:`.csv_export`, :mod:`.ics` and :mod:`.json_export` write the three formats, with the hour
split of :mod:`roster_solver.shift_hours` (shared with the output workbook's Assignments sheet);
:mod:`.report` draws the HTML report and :mod:`.report_data` gathers what it shows. The
workbook package never imports this one (the report uses the workbook's styles and cell texts,
not the other way round). Only :mod:`.report_data` runs the rule families; nothing here imports
the CLI.
"""
