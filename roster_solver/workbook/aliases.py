"""Canonical sheet and column names (English) with their Dutch aliases.

Names match case-insensitively, ignoring spaces, ``_`` and ``-`` (see :func:`norm`). The first
Dutch alias of each name is the one ``roster init --lang nl`` writes. The input sheets, their
columns and the Settings keys come from :mod:`.schema`; the value spellings are kept here.
"""

from __future__ import annotations

import re

from ..i18n import SHEETS as I18N_SHEETS
from .schema import SETTINGS, SHEETS


def norm(name: object) -> str:
    """Normalise a sheet or header name for matching."""
    return re.sub(r"[\s_\-]+", "", str(name or "")).lower()


# Derived from the sheet schemas (:mod:`.schema`), the one list of sheets, columns and keys.

# sheet -> Dutch name
SHEETS_NL: dict[str, str] = {s.name: s.dutch for s in SHEETS}

# Output sheet names come from the message catalogue (the Changes sheet is repair's own).
OUTPUT_SHEETS_NL: dict[str, str] = {k: v for k, v in I18N_SHEETS["nl"].items() if k != "Changes"}

# sheet -> ordered columns: canonical -> Dutch alias(es), first is written by init --lang nl
COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    s.name: {c.name: c.dutch for c in s.columns} for s in SHEETS
}

REQUIRED_SHEETS: tuple[str, ...] = tuple(s.name for s in SHEETS if s.required)
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {s.name: s.required_columns for s in SHEETS}

# Settings keys with Dutch aliases (weight.<name> keys are passed through).
SETTINGS_KEYS: dict[str, tuple[str, ...]] = {k.name: k.dutch for k in SETTINGS}

# Values that have Dutch spellings: canonical -> aliases.
VALUE_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "yes_no": {"yes": ("ja", "j", "y", "true", "waar", "1", "x"), "no": ("nee", "n", "false", "onwaar", "0")},
    "kind": {
        "never": ("nooit",),
        "only": ("alleen", "uitsluitend"),
        "must": ("moet", "verplicht"),
        "prefer": ("voorkeur", "liefst"),
        "avoid": ("liever_niet", "vermijden", "vermijd"),
    },
    "absence_type": {
        "leave": ("verlof", "vakantie"),
        "training": ("opleiding", "training", "cursus"),
        "sick": ("ziek", "ziekte"),
        "other": ("anders", "overig"),
    },
    "shortage": {"report": ("melden", "rapporteren"), "forbid": ("verbieden", "verboden")},
    "objective": {"weighted": ("gewogen",), "lexicographic": ("lexicografisch", "rangorde")},
    "off": {"off": ("vrij",)},
}


def canonical_value(group: str, text: object) -> str | None:
    """The canonical spelling of ``text`` in a value group, or None if it is not recognised."""
    key = norm(text)
    for canonical, aliases in VALUE_ALIASES[group].items():
        if key == norm(canonical) or key in {norm(a) for a in aliases}:
            return canonical
    return None


def sheet_lookup() -> dict[str, str]:
    """Normalised name (English or Dutch) -> canonical input sheet name."""
    out: dict[str, str] = {}
    for canonical, dutch in SHEETS_NL.items():
        out[norm(canonical)] = canonical
        out[norm(dutch)] = canonical
    return out


def column_lookup(sheet: str) -> dict[str, str]:
    """Normalised header (English or Dutch) -> canonical column name for ``sheet``."""
    out: dict[str, str] = {}
    for canonical, aliases in COLUMNS[sheet].items():
        out[norm(canonical)] = canonical
        for a in aliases:
            out.setdefault(norm(a), canonical)
    return out


def settings_key_lookup() -> dict[str, str]:
    out: dict[str, str] = {}
    for canonical, aliases in SETTINGS_KEYS.items():
        out[norm(canonical)] = canonical
        for a in aliases:
            out[norm(a)] = canonical
    return out


def header(sheet: str, column: str, lang: str = "en") -> str:
    """The header ``roster init`` writes for a column."""
    return COLUMNS[sheet][column][0] if lang == "nl" else column


def sheet_name(sheet: str, lang: str = "en") -> str:
    return SHEETS_NL[sheet] if lang == "nl" else sheet


def output_sheet_name(sheet: str, lang: str = "en") -> str:
    return OUTPUT_SHEETS_NL[sheet] if lang == "nl" else sheet
