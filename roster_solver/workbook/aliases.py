"""Canonical sheet and column names (English) with their Dutch aliases.

Names match case-insensitively, ignoring spaces, ``_`` and ``-`` (see :func:`norm`). The first
Dutch alias of each name is the one ``roster init --lang nl`` writes.
"""

from __future__ import annotations

import re

from ..i18n import SHEETS


def norm(name: object) -> str:
    """Normalise a sheet or header name for matching."""
    return re.sub(r"[\s_\-]+", "", str(name or "")).lower()


# sheet -> Dutch name
SHEETS_NL: dict[str, str] = {
    "Settings": "Instellingen",
    "Areas": "Wijken",
    "Shifts": "Diensten",
    "Staff": "Medewerkers",
    "Limits": "Limieten",
    "Demand": "Bezetting",
    "Absence": "Afwezigheid",
    "Wishes": "Wensen",
    "Fixed": "Vast",
    "History": "Historie",
    "Rules": "Regels",
    "Holidays": "Feestdagen",
}

# Output sheet names come from the message catalogue (the Changes sheet is repair's own).
OUTPUT_SHEETS_NL: dict[str, str] = {k: v for k, v in SHEETS["nl"].items() if k != "Changes"}

# sheet -> ordered columns: canonical -> Dutch alias(es), first is written by init --lang nl
COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "Settings": {"key": ("sleutel", "instelling"), "value": ("waarde",)},
    "Areas": {"code": ("code",), "name": ("naam",), "color": ("kleur", "colour")},
    "Shifts": {
        "code": ("code",),
        "name": ("naam",),
        "start": ("begin", "van"),
        "end": ("eind", "einde", "tot"),
        "break_minutes": ("pauze_minuten", "pauze", "break"),
        "days": ("dagen",),
        "not_followed_by": ("niet_gevolgd_door",),
        "color": ("kleur", "colour"),
    },
    "Staff": {
        "id": ("id", "personeelsnummer", "nummer"),
        "name": ("naam",),
        "home_area": ("thuiswijk", "wijk"),
        "hours_per_week": ("uren_per_week", "contracturen"),
        "skills": ("vaardigheden", "bevoegdheden"),
        "areas": ("wijken", "inzetbaar_in"),
        "shifts": ("diensten",),
        "no_nights": ("geen_nachten", "geen_nachtdiensten"),
        "min_hours": ("min_uren",),
        "max_hours": ("max_uren",),
        "max_consecutive_days": ("max_dagen_achtereen",),
        "min_consecutive_days": ("min_dagen_achtereen",),
        "min_consecutive_days_off": ("min_vrije_dagen_achtereen",),
        "max_weekends": ("max_weekenden",),
        "birth_date": ("geboortedatum",),
        "start_date": ("in_dienst", "startdatum"),
        "end_date": ("uit_dienst", "einddatum"),
        "hours_balance": ("urensaldo", "saldo"),
    },
    "Limits": {
        "staff": ("medewerker",),
        "shift": ("dienst",),
        "max": ("max", "maximum"),
        "min": ("min", "minimum"),
    },
    "Demand": {
        "area": ("wijk",),
        "days": ("dagen",),
        "from": ("van",),
        "to": ("tot",),
        "min": ("min", "minimum"),
        "target": ("doel", "gewenst"),
        "max": ("max", "maximum"),
        "skill": ("vaardigheid", "bevoegdheid"),
        "shift": ("dienst",),
        "weight_under": ("gewicht_onder",),
        "weight_over": ("gewicht_boven",),
        "note": ("opmerking", "toelichting"),
        "replace": ("vervangt", "vervangen"),
    },
    "Absence": {
        "staff": ("medewerker",),
        "from": ("van",),
        "to": ("tot",),
        "type": ("soort", "reden"),
        "hours": ("uren",),
    },
    "Wishes": {
        "staff": ("medewerker",),
        "days": ("dagen",),
        "kind": ("soort",),
        "shift": ("dienst",),
        "from": ("van",),
        "to": ("tot",),
        "weight": ("gewicht",),
    },
    "Fixed": {
        "staff": ("medewerker",),
        "date": ("datum",),
        "shift": ("dienst",),
        "area": ("wijk",),
    },
    "History": {
        "staff": ("medewerker",),
        "date": ("datum",),
        "shift": ("dienst",),
        "area": ("wijk",),
    },
    "Rules": {
        "rule": ("regel",),
        "value": ("waarde",),
        "hard": ("hard",),
        "weight": ("gewicht",),
    },
    "Holidays": {"date": ("datum",), "name": ("naam",)},
}

REQUIRED_SHEETS = ("Settings", "Areas", "Shifts", "Staff")
REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "Settings": ("key", "value"),
    "Areas": ("code",),
    "Shifts": ("code", "start", "end"),
    "Staff": ("id", "home_area", "hours_per_week"),
    "Limits": ("staff", "shift"),
    "Demand": ("area", "days", "min"),
    "Absence": ("staff", "from", "to"),
    "Wishes": ("staff", "days", "kind"),
    "Fixed": ("staff", "date", "shift"),
    "History": ("staff", "date", "shift"),
    "Rules": ("rule",),
    "Holidays": ("date",),
}

# Settings keys with Dutch aliases (weight.<name> keys are passed through).
SETTINGS_KEYS: dict[str, tuple[str, ...]] = {
    "start_date": ("startdatum", "begindatum"),
    "weeks": ("weken", "aantal_weken"),
    "end_date": ("einddatum",),
    "timezone": ("tijdzone",),
    "slot_minutes": ("slot_minuten", "tijdvak_minuten"),
    "rule_profile": ("regelprofiel", "profiel"),
    "shortage": ("tekort",),
    "time_limit_seconds": ("tijdslimiet_seconden", "tijdslimiet"),
    "workers": ("werkers", "threads"),
    "seed": ("zaad", "startwaarde"),
    "language": ("taal",),
    "objective": ("doelfunctie", "prioriteiten"),
    "period_anchor": ("periode_anker", "periodeanker"),
}

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
