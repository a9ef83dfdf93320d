"""The input workbook's sheets, one schema each: the single list of their columns.

Each input sheet of docs/workbook-contract.md is a :class:`Sheet`: its canonical (English) and Dutch name,
whether the workbook must have it, and its columns in the order ``roster init`` writes them.
Each :class:`Column` holds its canonical name, its Dutch alias(es) (the first is the header
``roster init --lang nl`` writes), the kind of value a cell holds (which parser the reader uses
and how the template writes it), whether it is required and what an empty cell reads as, and
its help text (the header's tooltip and its line on the Instructions sheet). The Settings
sheet's keys, which are rows rather than columns, are :data:`SETTINGS`.

The reader (parsers, required columns, defaults, the domain field a column fills), the template
(headers, tooltips, instructions, how each kind of value is written, drop-down lists) and
:mod:`.aliases` (header, sheet and Settings-key lookups) all derive from this module;
``tests/workbook/test_schema.py`` ties them together.

Plain data: never imports the solver, the cell parsers or the domain models.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from ..calendar import ALL_DAYS

__all__ = ["SETTINGS", "SHEETS", "Column", "Kind", "Refers", "Setting", "Sheet", "sheet"]

# What a cell holds. The reader has one parser per kind (``raw``: the value as it is, read by
# the sheet's own code; ``end_time``: a time where 23:59 means the end of the day, 24:00).
Kind = Literal[
    "code",
    "text",
    "integer",
    "number",
    "date",
    "date_time",
    "time",
    "end_time",
    "days",
    "codes",
    "areas",
    "yes_no",
    "choice",
    "shift_or_off",
    "language",
    "rule_key",
    "settings_key",
    "raw",
]

# Whose code a code column holds.
Refers = Literal["area", "area_or_all", "shift", "staff"]


@dataclass(frozen=True)
class Column:
    """One column of an input sheet.

    ``required``: the header must have the column and every record a value in it, unless
    ``default`` says what an empty cell means (Demand ``min``: empty is 0). For an optional
    column ``default`` is what an empty cell reads as. ``choices``: for kind ``choice``, the
    group of :data:`~roster_solver.workbook.aliases.VALUE_ALIASES` it takes its values from.
    ``refers``: for a code, whose code it is (the template offers them in a drop-down list;
    ``area_or_all``: an area or ``*``). ``field``: the domain record's attribute, where it is
    not named as the column.
    ``help``: (English, Dutch) text for the header's tooltip and the Instructions sheet.
    """

    name: str
    dutch: tuple[str, ...]
    kind: Kind
    required: bool = False
    default: Any = None
    choices: str | None = None
    refers: Refers | None = None
    field: str | None = None
    help: tuple[str, str] = ("", "")

    @property
    def attr(self) -> str:
        """The attribute of the domain record that the column holds."""
        return self.field or self.name

    @property
    def value_required(self) -> bool:
        """Whether an empty cell in a record row is an error."""
        return self.required and self.default is None


@dataclass(frozen=True)
class Sheet:
    """One input sheet: names, whether the workbook must have it, its columns in order.

    ``template``: whether ``roster init`` always writes it (Holidays only when the problem has
    extra holidays).
    """

    name: str
    dutch: str
    columns: tuple[Column, ...]
    required: bool = False
    template: bool = True
    help: tuple[str, str] = ("", "")

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical column names, in order."""
        return tuple(c.name for c in self.columns)

    @property
    def required_columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)


@dataclass(frozen=True)
class Setting:
    """One Settings key (a row of the Settings sheet): its Dutch alias(es), the first written by
    ``roster init --lang nl``, and the kind of its value (``choices`` as for a column).

    ``template``: how the empty template shows the key: a ``row`` with ``example`` as its value
    (the template fills in ``start_date`` and ``language`` itself), a ``comment`` row (``# key``)
    with ``example`` (the default) as its value, or not at all (None).
    """

    name: str
    dutch: tuple[str, ...]
    kind: Kind
    choices: str | None = None
    template: Literal["row", "comment"] | None = None
    example: Any = None


# In docs/workbook-contract.md's order, which is the order of the template's sheets.
SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "Settings",
        "Instellingen",
        required=True,
        help=(
            "The planning period and solver settings, one key per row (rows starting with # are comments).",
            "De planperiode en solverinstellingen, één sleutel per regel (regels die met # beginnen "
            "zijn commentaar).",
        ),
        columns=(
            Column(
                "key",
                ("sleutel", "instelling"),
                "settings_key",
                required=True,
                help=(
                    "start_date (a Monday), weeks, timezone, rule_profile, shortage "
                    "(report/forbid), slot_minutes, time_limit_seconds, workers, seed, language, "
                    "weight.<rule>",
                    "startdatum (een maandag), weken, tijdzone, regelprofiel, tekort "
                    "(melden/verbieden), slot_minuten, tijdslimiet_seconden, werkers, zaad, taal, "
                    "weight.<regel>",
                ),
            ),
            Column(
                "value",
                ("waarde",),
                "raw",
                required=True,
                help=("the value of the key", "de waarde van de sleutel"),
            ),
        ),
    ),
    Sheet(
        "Areas",
        "Wijken",
        required=True,
        help=("The areas (wijken) where people are deployed.", "De wijken waar medewerkers worden ingezet."),
        columns=(
            Column(
                "code",
                ("code",),
                "code",
                required=True,
                help=(
                    "short code, e.g. CEN (not off, absent, * or anything with @)",
                    "korte code, bv. CEN (niet vrij, absent, * of iets met @)",
                ),
            ),
            Column("name", ("naam",), "text", default="", help=("full name", "volledige naam")),
            Column(
                "color",
                ("kleur", "colour"),
                "text",
                help=("optional colour (hex, e.g. FFCC00)", "optionele kleur (hex, bv. FFCC00)"),
            ),
        ),
    ),
    Sheet(
        "Shifts",
        "Diensten",
        required=True,
        help=(
            "The shift types. An end at or before the start means the shift ends the next day.",
            "De diensten. Een eindtijd op of vóór de begintijd betekent: eindigt de volgende dag.",
        ),
        columns=(
            Column(
                "code", ("code",), "code", required=True, help=("short code, e.g. E", "korte code, bv. V")
            ),
            Column("name", ("naam",), "text", default="", help=("full name", "volledige naam")),
            Column(
                "start", ("begin", "van"), "time", required=True, help=("start time HH:MM", "begintijd UU:MM")
            ),
            Column(
                "end",
                ("eind", "einde", "tot"),
                "end_time",
                required=True,
                help=("end time HH:MM", "eindtijd UU:MM"),
            ),
            Column(
                "break_minutes",
                ("pauze_minuten", "pauze", "break"),
                "integer",
                default=0,
                help=(
                    "unpaid break in minutes (law: 30 above 5.5 h of work, 45 above 10 h)",
                    "onbetaalde pauze in minuten (wet: 30 boven 5,5 uur werk, 45 boven 10 uur)",
                ),
            ),
            Column(
                "days",
                ("dagen",),
                "days",
                default=ALL_DAYS,
                help=(
                    "days the shift is used (all, weekdays, weekend, mon-fri, ...)",
                    "dagen waarop de dienst bestaat (all, weekdays, weekend, ma-vr, ...)",
                ),
            ),
            Column(
                "not_followed_by",
                ("niet_gevolgd_door",),
                "codes",
                default=(),
                help=(
                    "shift codes that may not be worked the next day",
                    "diensten die de volgende dag niet mogen volgen",
                ),
            ),
            Column(
                "color", ("kleur", "colour"), "text", help=("optional colour (hex)", "optionele kleur (hex)")
            ),
        ),
    ),
    Sheet(
        "Staff",
        "Medewerkers",
        required=True,
        help=(
            "One row per person. Only id, home_area and hours_per_week are required.",
            "Eén regel per medewerker. Alleen id, thuiswijk en uren per week zijn verplicht.",
        ),
        columns=(
            Column(
                "id",
                ("id", "personeelsnummer", "nummer"),
                "code",
                required=True,
                help=(
                    "staff id (used everywhere instead of the name)",
                    "personeelsnummer (wordt overal gebruikt in plaats van de naam)",
                ),
            ),
            Column(
                "name",
                ("naam",),
                "text",
                default="",
                help=("name (shown only in the roster)", "naam (alleen in het rooster)"),
            ),
            Column(
                "home_area",
                ("thuiswijk", "wijk"),
                "code",
                refers="area",
                required=True,
                help=("home area code", "code van de thuiswijk"),
            ),
            Column(
                "hours_per_week",
                ("uren_per_week", "contracturen"),
                "number",
                required=True,
                help=("contract hours per week", "contracturen per week"),
            ),
            Column(
                "skills",
                ("vaardigheden", "bevoegdheden"),
                "codes",
                default=(),
                help=(
                    "comma list, e.g. coordinator, dog, driver",
                    "kommalijst, bv. coordinator, dog, driver",
                ),
            ),
            Column(
                "areas",
                ("wijken", "inzetbaar_in"),
                "areas",
                default=((), False),
                help=(
                    "other areas this person may work in (comma list; * = all)",
                    "andere wijken waar iemand mag werken (kommalijst; * = alle)",
                ),
            ),
            Column(
                "shifts",
                ("diensten",),
                "codes",
                default=(),
                help=("allowed shift codes (empty = all)", "toegestane diensten (leeg = alle)"),
            ),
            Column(
                "no_nights",
                ("geen_nachten", "geen_nachtdiensten"),
                "yes_no",
                default=False,
                help=("yes = no night shifts", "ja = geen nachtdiensten"),
            ),
            Column(
                "min_hours",
                ("min_uren",),
                "number",
                help=("hard minimum hours over the period", "harde ondergrens uren in de periode"),
            ),
            Column(
                "max_hours",
                ("max_uren",),
                "number",
                help=("hard maximum hours over the period", "harde bovengrens uren in de periode"),
            ),
            Column(
                "max_consecutive_days",
                ("max_dagen_achtereen",),
                "integer",
                help=("at most this many working days in a row", "maximaal zoveel werkdagen achter elkaar"),
            ),
            Column(
                "min_consecutive_days",
                ("min_dagen_achtereen",),
                "integer",
                help=("at least this many working days in a row", "minimaal zoveel werkdagen achter elkaar"),
            ),
            Column(
                "min_consecutive_days_off",
                ("min_vrije_dagen_achtereen",),
                "integer",
                help=("at least this many days off in a row", "minimaal zoveel vrije dagen achter elkaar"),
            ),
            Column(
                "max_weekends",
                ("max_weekenden",),
                "integer",
                help=("at most this many working weekends", "maximaal zoveel werkweekenden"),
            ),
            Column(
                "birth_date",
                ("geboortedatum",),
                "date",
                help=("date of birth (no nights under 18)", "geboortedatum (geen nachten onder 18)"),
            ),
            Column(
                "start_date",
                ("in_dienst", "startdatum"),
                "date",
                help=("joins during the period", "komt in dienst tijdens de periode"),
            ),
            Column(
                "end_date",
                ("uit_dienst", "einddatum"),
                "date",
                help=("leaves during the period", "gaat uit dienst tijdens de periode"),
            ),
            Column(
                "hours_balance",
                ("urensaldo", "saldo"),
                "number",
                default=0.0,
                help=("hours carried in (+/-)", "meegenomen urensaldo (+/-)"),
            ),
        ),
    ),
    Sheet(
        "Limits",
        "Limieten",
        help=(
            "Optional caps per person on how often a shift type is worked in the period.",
            "Optioneel: per medewerker hoe vaak een dienst in de periode mag voorkomen.",
        ),
        columns=(
            Column(
                "staff",
                ("medewerker",),
                "code",
                refers="staff",
                required=True,
                help=("staff id", "personeelsnummer"),
            ),
            Column(
                "shift", ("dienst",), "code", refers="shift", required=True, help=("shift code", "dienstcode")
            ),
            Column(
                "max", ("max", "maximum"), "integer", help=("at most this many times", "maximaal zo vaak")
            ),
            Column(
                "min", ("min", "minimum"), "integer", help=("at least this many times", "minimaal zo vaak")
            ),
        ),
    ),
    Sheet(
        "Demand",
        "Bezetting",
        help=(
            "Staffing per area and time window (or per shift). Where rows overlap the highest min and "
            "target apply; area * is the whole city.",
            "Bezetting per wijk en tijdvak (of per dienst). Waar regels overlappen geldt het hoogste "
            "minimum en doel; wijk * is de hele stad.",
        ),
        columns=(
            Column(
                "area",
                ("wijk",),
                "code",
                refers="area_or_all",
                required=True,
                help=("area code, or * for the whole city", "wijkcode, of * voor de hele stad"),
            ),
            Column(
                "days",
                ("dagen",),
                "days",
                required=True,
                help=(
                    "day selector: all, weekdays, weekend, fri,sat, 2027-02-07..2027-02-09, ...",
                    "dagen: all, weekdays, weekend, vr,za, 2027-02-07..2027-02-09, ...",
                ),
            ),
            Column(
                "from",
                ("van",),
                "time",
                field="start",
                help=("window start HH:MM", "begin van het tijdvak UU:MM"),
            ),
            Column(
                "to",
                ("tot",),
                "end_time",
                field="end",
                help=(
                    "window end HH:MM (before from = next day)",
                    "einde van het tijdvak UU:MM (vóór van = volgende dag)",
                ),
            ),
            Column(
                "min",
                ("min", "minimum"),
                "integer",
                required=True,
                default=0,
                help=("minimum number of people (hard floor)", "minimum aantal mensen (harde ondergrens)"),
            ),
            Column(
                "target",
                ("doel", "gewenst"),
                "integer",
                help=("desired number of people", "gewenst aantal mensen"),
            ),
            Column("max", ("max", "maximum"), "integer", help=("soft cap", "zachte bovengrens")),
            Column(
                "skill",
                ("vaardigheid", "bevoegdheid"),
                "code",
                help=("count only people with this skill", "tel alleen mensen met deze vaardigheid"),
            ),
            Column(
                "shift",
                ("dienst",),
                "code",
                refers="shift",
                help=(
                    "instead of from/to: number of people on this shift",
                    "in plaats van van/tot: aantal mensen in deze dienst",
                ),
            ),
            Column(
                "weight_under",
                ("gewicht_onder",),
                "integer",
                help=("weight per missing person-hour", "gewicht per ontbrekend mensuur"),
            ),
            Column(
                "weight_over",
                ("gewicht_boven",),
                "integer",
                help=("weight per surplus person-hour", "gewicht per mensuur te veel"),
            ),
            Column(
                "note", ("opmerking", "toelichting"), "text", default="", help=("free text", "vrije tekst")
            ),
            Column(
                "replace",
                ("vervangt", "vervangen"),
                "yes_no",
                default=False,
                help=(
                    "yes = replaces the other rows for this area and skill on these days",
                    "ja = vervangt de andere regels voor deze wijk en vaardigheid op deze dagen",
                ),
            ),
        ),
    ),
    Sheet(
        "Absence",
        "Afwezigheid",
        help=(
            "Leave, training and other absence: dates, or date-times for part days. The roster shows "
            "only 'absent', never the reason.",
            "Verlof, opleiding en andere afwezigheid: datums, of datum met tijd voor een deel van de "
            "dag. Het rooster toont alleen 'afwezig', nooit de reden.",
        ),
        columns=(
            Column(
                "staff",
                ("medewerker",),
                "code",
                refers="staff",
                required=True,
                help=("staff id", "personeelsnummer"),
            ),
            Column(
                "from",
                ("van",),
                "date_time",
                required=True,
                help=("first date (or date and time)", "eerste datum (of datum en tijd)"),
            ),
            Column(
                "to",
                ("tot",),
                "date_time",
                required=True,
                help=("last date (or date and time)", "laatste datum (of datum en tijd)"),
            ),
            Column(
                "type",
                ("soort", "reden"),
                "choice",
                default="other",
                choices="absence_type",
                help=("leave, training, sick or other", "verlof, opleiding, ziek of anders"),
            ),
            Column(
                "hours",
                ("uren",),
                "number",
                help=(
                    "credited hours for the whole row (default: per weekday)",
                    "gecrediteerde uren voor de hele regel (standaard: per werkdag)",
                ),
            ),
        ),
    ),
    Sheet(
        "Wishes",
        "Wensen",
        help=(
            "Personal availability and wishes: never/only/must are hard, prefer/avoid are soft.",
            "Beschikbaarheid en wensen: nooit/alleen/moet zijn hard, voorkeur/liever_niet zacht.",
        ),
        columns=(
            Column(
                "staff",
                ("medewerker",),
                "code",
                refers="staff",
                required=True,
                help=("staff id", "personeelsnummer"),
            ),
            Column("days", ("dagen",), "days", required=True, help=("day selector", "dagen")),
            Column(
                "kind",
                ("soort",),
                "choice",
                required=True,
                choices="kind",
                help=(
                    "never, only, must (hard) or prefer, avoid (soft)",
                    "nooit, alleen, moet (hard) of voorkeur, liever_niet (zacht)",
                ),
            ),
            Column("shift", ("dienst",), "shift_or_off", help=("shift code or off", "dienstcode of vrij")),
            Column(
                "from",
                ("van",),
                "time",
                field="start",
                help=(
                    "window start HH:MM (instead of a shift)",
                    "begin van het tijdvak UU:MM (in plaats van een dienst)",
                ),
            ),
            Column(
                "to",
                ("tot",),
                "end_time",
                field="end",
                help=("window end HH:MM", "einde van het tijdvak UU:MM"),
            ),
            Column(
                "weight",
                ("gewicht",),
                "integer",
                help=("weight of a prefer/avoid wish", "gewicht van een voorkeur/liever_niet"),
            ),
        ),
    ),
    Sheet(
        "Fixed",
        "Vast",
        help=(
            "Pinned assignments inside the period (shift may be off).",
            "Vastgezette diensten binnen de periode (dienst mag vrij zijn).",
        ),
        columns=(
            Column(
                "staff",
                ("medewerker",),
                "code",
                refers="staff",
                required=True,
                help=("staff id", "personeelsnummer"),
            ),
            Column(
                "date",
                ("datum",),
                "date",
                required=True,
                help=("date inside the period", "datum binnen de periode"),
            ),
            Column(
                "shift",
                ("dienst",),
                "shift_or_off",
                required=True,
                help=("shift code or off", "dienstcode of vrij"),
            ),
            Column(
                "area",
                ("wijk",),
                "code",
                refers="area",
                help=("area (default: home area)", "wijk (standaard: thuiswijk)"),
            ),
        ),
    ),
    Sheet(
        "History",
        "Historie",
        help=(
            "Shifts worked before start_date (up to 16 weeks), so rest and series rules hold across "
            "the start.",
            "Gewerkte diensten vóór de startdatum (tot 16 weken), zodat rust- en reeksregels over de "
            "start heen gelden.",
        ),
        columns=(
            Column(
                "staff",
                ("medewerker",),
                "code",
                refers="staff",
                required=True,
                help=("staff id", "personeelsnummer"),
            ),
            Column(
                "date",
                ("datum",),
                "date",
                required=True,
                help=("date before start_date", "datum vóór de startdatum"),
            ),
            Column(
                "shift",
                ("dienst",),
                "shift_or_off",
                required=True,
                help=("shift code worked", "gewerkte dienst"),
            ),
            Column(
                "area",
                ("wijk",),
                "code",
                refers="area",
                help=("area worked (optional)", "gewerkte wijk (optioneel)"),
            ),
        ),
    ),
    Sheet(
        "Rules",
        "Regels",
        help=(
            "Overrides of the rule profile by the keys of the rule catalogue (docs/rules.md).",
            "Afwijkingen van het regelprofiel, met de sleutels uit de regelcatalogus (docs/rules.md).",
        ),
        columns=(
            Column(
                "rule",
                ("regel",),
                "rule_key",
                required=True,
                help=(
                    "rule key, e.g. max_consecutive_days or weight.wish",
                    "regelsleutel, bv. max_consecutive_days of weight.wish",
                ),
            ),
            Column(
                "value",
                ("waarde",),
                "raw",
                help=(
                    "new value (law rules only stricter)",
                    "nieuwe waarde (wettelijke regels alleen strenger)",
                ),
            ),
            Column(
                "hard",
                ("hard",),
                "yes_no",
                help=("yes/no, for rules that may be either", "ja/nee, voor regels die beide mogen zijn"),
            ),
            Column("weight", ("gewicht",), "integer", help=("weight when soft", "gewicht als zachte regel")),
        ),
    ),
    Sheet(
        "Holidays",
        "Feestdagen",
        template=False,
        help=("Extra or replacing public holidays.", "Extra of vervangende feestdagen."),
        columns=(
            Column("date", ("datum",), "date", required=True, help=("date", "datum")),
            Column("name", ("naam",), "text", default="", help=("name", "naam")),
        ),
    ),
)

_BY_NAME = {s.name: s for s in SHEETS}


def sheet(name: str) -> Sheet:
    """The schema of the input sheet with canonical name ``name``."""
    return _BY_NAME[name]


# Settings keys, in the order an unknown key's message lists them (``weight.<name>`` keys are
# passed through).
SETTINGS: tuple[Setting, ...] = (
    Setting("start_date", ("startdatum", "begindatum"), "date", template="row"),
    Setting("weeks", ("weken", "aantal_weken"), "integer", template="row", example=4),
    Setting("end_date", ("einddatum",), "date"),
    Setting("timezone", ("tijdzone",), "text", template="row", example="Europe/Amsterdam"),
    Setting("slot_minutes", ("slot_minuten", "tijdvak_minuten"), "integer", template="comment"),
    Setting("rule_profile", ("regelprofiel", "profiel"), "text", template="row", example="atw"),
    Setting("shortage", ("tekort",), "choice", choices="shortage", template="row", example="report"),
    Setting(
        "time_limit_seconds",
        ("tijdslimiet_seconden", "tijdslimiet"),
        "number",
        template="comment",
        example=60,
    ),
    Setting("workers", ("werkers", "threads"), "integer", template="comment"),
    Setting("seed", ("zaad", "startwaarde"), "integer", template="comment", example=0),
    Setting("language", ("taal",), "language", template="row"),
    Setting(
        "objective",
        ("doelfunctie", "prioriteiten"),
        "choice",
        choices="objective",
        template="comment",
        example="weighted",
    ),
    Setting("period_anchor", ("periode_anker", "periodeanker"), "date", template="comment"),
)
