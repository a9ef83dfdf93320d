"""HR exports of a finished roster: CSV per calendar month, iCalendar per person, JSON.

:mod:`.hours` holds the hour split shared with the output workbook's Assignments sheet (paid,
night and irregular-hours window hours of one dated shift); :mod:`.csv_export`, :mod:`.ics`
and :mod:`.json_export` write the three formats. Nothing here imports the solver or the CLI,
and this package's ``__init__`` imports none of its modules, so the workbook writer can use
:mod:`.hours` without loading the exporters.
"""
