"""Readers for public rostering benchmark formats; each one yields the engine's own ``Problem``.

- :mod:`.curtois`: the Curtois & Qu instances 1–24 (text format), mapped onto workbook features.
- :mod:`.evaluate`: an independent evaluator for Curtois & Qu rosters in the text roster format.
"""
