"""The message catalogue: every label the tool writes for people, in English and Dutch.

One plain table per place where words are shown, each ``{"en": {key: text}, "nl": {key: text}}``
with the same keys in both languages (a test checks it):

- :data:`SHEETS`: output sheet names; :data:`COLUMNS`: the output sheets' column headers;
- :data:`WORKBOOK`: the output workbook's other words (Roster grid, legends, Areas by day);
- :data:`REPORT`: the HTML report; :data:`BRIEFING`: ``roster briefing``;
- :data:`OUTCOME`: the solve summary's statements (:mod:`roster_solver.outcome`);
- :data:`REPAIR`: the reasons of ``roster repair``'s Changes sheet and its terminal lines;
- :data:`REASONS`: the penalty reasons of the rule families (:func:`reason` fills one in);
- :data:`TERMINAL`: what solve, check, explain and export print (:func:`say` fills one in);
- :data:`FINDINGS`: the pre-solve findings and the infeasibility explanation (:func:`finding`).

Messages are ``str.format`` templates where they take values. Codes (shift, area, staff ids),
rule-family names and the Run sheet's keys are data and stay as they are in both languages.
Nothing here imports anything of the package, so every module can use it.
"""

from __future__ import annotations

LANGS = ("en", "nl")


def pick(table: dict[str, dict[str, str]], lang: str | None) -> dict[str, str]:
    """The ``lang`` part of a table (English for anything else)."""
    return table["nl" if lang == "nl" else "en"]


# How the Run sheet's best bound was found (SolveResult.bound_method).
BOUND_METHODS: dict[str, dict[str, str]] = {
    "en": {
        "cpsat": "CP-SAT's bound on the whole model",
        "lagrangian": "Lagrangian relaxation of the staffing over person rows (solve --prove)",
    },
    "nl": {
        "cpsat": "grens van CP-SAT op het hele model",
        "lagrangian": "Lagrange-relaxatie van de bezetting over persoonsroosters (solve --prove)",
    },
}


SHEETS: dict[str, dict[str, str]] = {
    "en": {
        "Roster": "Roster",
        "Assignments": "Assignments",
        "Coverage": "Coverage",
        "People": "People",
        "Penalties": "Penalties",
        "Run": "Run",
        "Areas by day": "Areas by day",
        "Changes": "Changes",
    },
    "nl": {
        "Roster": "Rooster",
        "Assignments": "Inzet",
        "Coverage": "Dekking",
        "People": "Personen",
        "Penalties": "Afwijkingen",
        "Run": "Run",
        "Areas by day": "Wijken per dag",
        "Changes": "Wijzigingen",
    },
}

# Column headers of the output sheets: canonical (English) name -> header in that language.
# The reader accepts the Dutch Assignments headers as aliases (medewerker, datum, dienst, wijk).
COLUMNS: dict[str, dict[str, str]] = {
    "en": {},
    "nl": {
        # Assignments [Inzet]
        "staff": "medewerker",
        "name": "naam",
        "date": "datum",
        "shift": "dienst",
        "area": "wijk",
        "start": "begin",
        "end": "eind",
        "paid_hours": "betaalde_uren",
        "night_hours": "nachturen",
        "weekend": "weekend",
        "holiday": "feestdag",
        # Coverage [Dekking]
        "skill": "vaardigheid",
        "slot_start": "vak_begin",
        "slot_end": "vak_eind",
        "min": "min",
        "target": "doel",
        "planned": "gepland",
        "short_of_min": "tekort_minimum",
        "short_of_target": "tekort_doel",
        "over_max": "boven_maximum",
        # People [Personen]
        "home_area": "thuiswijk",
        "hours_per_week": "uren_per_week",
        "target_hours": "doeluren",
        "planned_hours": "geplande_uren",
        "difference": "verschil",
        "nights": "nachten",
        "evenings": "avonden",
        "weekend_days": "weekenddagen",
        "sundays": "zondagen",
        "wishes_granted": "wensen_ingewilligd",
        "wishes_refused": "wensen_geweigerd",
        # Penalties [Afwijkingen]
        "rule": "regel",
        "amount": "hoeveelheid",
        "cost": "kosten",
        "reason": "reden",
        # Changes [Wijzigingen]
        "was": "was",
        "becomes": "wordt",
        "why": "waarom",
        "within_notice_period": "binnen_aankondigingstermijn",
        "was_times": "was_tijden",
        "becomes_times": "wordt_tijden",
        # Run
        "key": "sleutel",
        "value": "waarde",
    },
}


def column(name: str, lang: str | None) -> str:
    """The header of canonical column ``name`` in ``lang``."""
    return pick(COLUMNS, lang).get(name, name)


WORKBOOK: dict[str, dict[str, str]] = {
    "en": {
        "yes": "yes",
        "no": "no",
        "absent": "absent",
        "staff": "staff",
        "name": "name",
        "area": "area",
        "hours": "hours",
        "target": "target",
        "difference": "difference",
        "nights": "nights",
        "weekend_days": "weekend days",
        "sundays": "Sundays",
        "total": "total",
        "total_cost": "total cost",
        "checker_total": "recomputed total",
        "legend": "red: below minimum · orange: below target · green: covered "
        "(number = fewest people planned in that hour)",
        "passed": "passed",
        "failed": "failed",
        "none": "none",
        "hours_week": "hours wk",
        "on_duty": "on duty per area (where people work that day)",
        "on_duty_in": "on duty in {area}",
        "on_duty_total": "on duty city-wide",
        "legend_title": "legend",
        "legend_elsewhere": "CODE@AREA: works outside the home area",
        "legend_changed": "changed by the repair",
        "week": "week",
        "city_wide": "city-wide",
        "coordinator": "coordinator",
        "below_min": "below minimum",
        "below_target": "below target",
        "short": "short",
        "summary": "per rule family (largest first)",
        "family": "rule family",
        "deviations": "deviations",
        "points": "points",
        "share": "share",
        "areas_note": "per area and day: each shift that starts there with its times and who works "
        "it there (by where people work that day); the coordinator on duty; "
        "where staffing is below minimum (red) or target (orange)",
    },
    "nl": {
        "yes": "ja",
        "no": "nee",
        "absent": "afwezig",
        "staff": "medewerker",
        "name": "naam",
        "area": "wijk",
        "hours": "uren",
        "target": "doel",
        "difference": "verschil",
        "nights": "nachten",
        "weekend_days": "weekenddagen",
        "sundays": "zondagen",
        "total": "totaal",
        "total_cost": "totale kosten",
        "checker_total": "herberekend totaal",
        "legend": "rood: onder minimum · oranje: onder doel · groen: gedekt "
        "(getal = minste aantal mensen ingepland in dat uur)",
        "passed": "geslaagd",
        "failed": "mislukt",
        "none": "geen",
        "hours_week": "uren wk",
        "on_duty": "in dienst per wijk (waar men die dag werkt)",
        "on_duty_in": "in dienst in {area}",
        "on_duty_total": "in dienst in de hele stad",
        "legend_title": "legenda",
        "legend_elsewhere": "CODE@WIJK: werkt buiten de eigen wijk",
        "legend_changed": "gewijzigd bij de herplanning",
        "week": "week",
        "city_wide": "hele stad",
        "coordinator": "coördinator",
        "below_min": "onder minimum",
        "below_target": "onder doel",
        "short": "te weinig",
        "summary": "per regelfamilie (grootste eerst)",
        "family": "regelfamilie",
        "deviations": "afwijkingen",
        "points": "punten",
        "share": "aandeel",
        "areas_note": "per wijk en dag: elke dienst die daar begint, met tijden en wie hem daar "
        "werkt (naar waar men die dag werkt); de coördinator van dienst; waar de "
        "bezetting onder het minimum (rood) of het doel (oranje) blijft",
    },
}

REPORT: dict[str, dict[str, str]] = {
    "en": {
        "title": "Roster report",
        "horizon": "Horizon",
        "weeks": "weeks",
        "file": "Roster file",
        "generated": "Report made",
        "run": "Run",
        "status": "status",
        "objective": "objective",
        "bound": "best bound",
        "gap": "gap",
        "seconds": "seconds",
        "run_at": "run at",
        "version": "tool version",
        "profile": "rule profile",
        "input": "input file",
        "no_run": "This roster has no Run sheet (a hand-made roster): no solver figures.",
        "checker_total": "penalty total (checker)",
        "people": "people",
        "assignments": "assignments",
        "unmet": "unmet minimum",
        "person_hours": "person-hours",
        "none": "none",
        "violations": "Broken hard rules",
        "no_violations": "No hard rule is broken.",
        "violations_intro": "This roster breaks {n} hard rule(s); it must not be published as is.",
        "more": "… and {n} more",
        "coverage": "Coverage per area",
        "coverage_intro": "One column per date, one row per hour. Red: below the minimum; "
        "orange: below the target; blue: above the maximum; green: met. "
        "The number is the fewest people planned in that hour; hover for "
        "every requirement.",
        "area": "area",
        "all_areas": "all areas",
        "hours_required": "hours with a requirement",
        "short_min": "short of minimum (person-hours)",
        "short_target": "short of target (person-hours)",
        "over_max": "above maximum (person-hours)",
        "no_demand": "The Demand sheet asks for nothing.",
        "grid": "Roster",
        "staff": "staff",
        "name": "name",
        "absent": "absent",
        "grid_intro": "CODE@AREA: deployed outside the home area. Weekends and public holidays are shaded.",
        "fairness": "Fairness",
        "fairness_intro": "Per person the count (bar), the fair share — the team average "
        "scaled to the person's contract — (tick) and the ±1 band the rule "
        "allows (grey). Red: outside the band.",
        "nights": "Night shifts",
        "weekends": "Weekend days",
        "sundays": "Sundays",
        "evenings": "Evening shifts",
        "team_average": "team average",
        "per_fte": "per FTE",
        "spread": "spread",
        "fair_share": "fair share",
        "no_fairness": "No fairness figures.",
        "hours": "Hours against contract",
        "hours_intro": "Planned hours (bar), contract target (tick) and the allowed band "
        "(green). Red: outside the band.",
        "planned": "planned",
        "target": "target",
        "difference": "difference",
        "band": "band",
        "table": "Table",
        "penalties": "Penalties",
        "family": "rule family",
        "deviations": "deviations",
        "points": "points",
        "share": "share",
        "total": "total",
        "no_penalties": "No soft rule is broken: no penalty.",
        "top": "Largest deviations",
        "rule": "rule",
        "date": "date",
        "amount": "amount",
        "reason": "reason",
        "areas_day": "Who is where, per day",
        "areas_day_intro": "Per area and day each shift that starts there, with its times and "
        "who works it there (by where people work that day, not their home "
        "area); the coordinator on duty city-wide; red: below the minimum, "
        "orange: below the target, with the times and how many are short.",
        "coordinator": "coordinator",
        "week": "week",
        "key_min": "< min",
        "key_target": "< target",
        "key_max": "> max",
        "key_ok": "met",
        "status.OPTIMAL": "OPTIMAL",
        "status.FEASIBLE": "FEASIBLE",
        "status.INFEASIBLE": "INFEASIBLE",
        "status.UNKNOWN": "UNKNOWN",
    },
    "nl": {
        "title": "Roosterrapport",
        "horizon": "Periode",
        "weeks": "weken",
        "file": "Roosterbestand",
        "generated": "Rapport gemaakt",
        "run": "Run",
        "status": "status",
        "objective": "doelfunctie",
        "bound": "beste grens",
        "gap": "gat",
        "seconds": "seconden",
        "run_at": "gemaakt op",
        "version": "versie",
        "profile": "regelprofiel",
        "input": "invoerbestand",
        "no_run": "Dit rooster heeft geen Run-blad (handgemaakt rooster): geen solvercijfers.",
        "checker_total": "totaal afwijkingen (controle)",
        "people": "medewerkers",
        "assignments": "diensten",
        "unmet": "minimumbezetting niet gehaald",
        "person_hours": "persoonsuren",
        "none": "geen",
        "violations": "Harde regels overtreden",
        "no_violations": "Geen harde regel overtreden.",
        "violations_intro": "Dit rooster overtreedt {n} harde regel(s); publiceer het zo niet.",
        "more": "… en nog {n}",
        "coverage": "Bezetting per wijk",
        "coverage_intro": "Eén kolom per datum, één rij per uur. Rood: onder het minimum; "
        "oranje: onder het doel; blauw: boven het maximum; groen: gedekt. "
        "Het getal is het kleinste aantal mensen in dat uur; wijs aan voor "
        "elke eis.",
        "area": "wijk",
        "all_areas": "alle wijken",
        "hours_required": "uren met een eis",
        "short_min": "onder minimum (persoonsuren)",
        "short_target": "onder doel (persoonsuren)",
        "over_max": "boven maximum (persoonsuren)",
        "no_demand": "Het blad Bezetting vraagt niets.",
        "grid": "Rooster",
        "staff": "medewerker",
        "name": "naam",
        "absent": "afwezig",
        "grid_intro": "CODE@WIJK: ingezet buiten de eigen wijk. Weekenden en feestdagen zijn grijs.",
        "fairness": "Eerlijke verdeling",
        "fairness_intro": "Per persoon het aantal (balk), het eerlijke deel — het "
        "teamgemiddelde naar contract — (streep) en de marge van ±1 die de "
        "regel toestaat (grijs). Rood: buiten de marge.",
        "nights": "Nachtdiensten",
        "weekends": "Weekenddagen",
        "sundays": "Zondagen",
        "evenings": "Avonddiensten",
        "team_average": "teamgemiddelde",
        "per_fte": "per fte",
        "spread": "spreiding",
        "fair_share": "eerlijk deel",
        "no_fairness": "Geen cijfers.",
        "hours": "Uren tegenover contract",
        "hours_intro": "Ingeplande uren (balk), contractdoel (streep) en de toegestane marge "
        "(groen). Rood: buiten de marge.",
        "planned": "gepland",
        "target": "doel",
        "difference": "verschil",
        "band": "marge",
        "table": "Tabel",
        "penalties": "Afwijkingen",
        "family": "regelfamilie",
        "deviations": "afwijkingen",
        "points": "punten",
        "share": "aandeel",
        "total": "totaal",
        "no_penalties": "Geen zachte regel overtreden: geen afwijkingen.",
        "top": "Grootste afwijkingen",
        "rule": "regel",
        "date": "datum",
        "amount": "hoeveelheid",
        "reason": "reden",
        "areas_day": "Wie is waar, per dag",
        "areas_day_intro": "Per wijk en dag elke dienst die daar begint, met tijden en wie hem "
        "daar werkt (naar waar men die dag werkt, niet de eigen wijk); de "
        "coördinator van dienst; rood: onder het minimum, oranje: onder het "
        "doel, met de tijden en hoeveel mensen er te weinig zijn.",
        "coordinator": "coördinator",
        "week": "week",
        "key_min": "< min",
        "key_target": "< doel",
        "key_max": "> max",
        "key_ok": "gehaald",
        "status.OPTIMAL": "optimaal (beste mogelijke)",
        "status.FEASIBLE": "geldig rooster",
        "status.INFEASIBLE": "onhaalbaar",
        "status.UNKNOWN": "onbekend",
    },
}

BRIEFING: dict[str, dict[str, str]] = {
    "en": {
        "title": "Briefing",
        "coordinator": "Coordinator on duty (city-wide)",
        "none": "none",
        "shift": "Shift",
        "on_duty": "On duty",
        "hotspots": "Hotspots and events",
        "today": "Hotspots and events today",
        "gaps": "Below staffing",
        "below_min": "below minimum",
        "below_target": "below target",
        "short": "short",
        "reports": "Reports in the last {weeks} weeks ({first} – {last}) at this time of day",
        "reports_n": "{n} reports; busiest hour {hour}:00",
        "no_reports": "no reports",
        "nobody": "nobody on duty in this area",
        "city_wide": "city-wide",
        "min": "min",
        "target": "target",
        "people": "people on duty in this area today: {n}",
    },
    "nl": {
        "title": "Briefing",
        "coordinator": "Coördinator van dienst (hele stad)",
        "none": "geen",
        "shift": "Dienst",
        "on_duty": "In dienst",
        "hotspots": "Hotspots en evenementen",
        "today": "Hotspots en evenementen vandaag",
        "gaps": "Onderbezetting",
        "below_min": "onder minimum",
        "below_target": "onder doel",
        "short": "te weinig",
        "reports": "Meldingen in de afgelopen {weeks} weken ({first} – {last}) op dit tijdstip",
        "reports_n": "{n} meldingen; drukste uur {hour}:00",
        "no_reports": "geen meldingen",
        "nobody": "niemand in dienst in deze wijk",
        "city_wide": "hele stad",
        "min": "min",
        "target": "doel",
        "people": "in dienst in deze wijk vandaag: {n}",
    },
}

OUTCOME: dict[str, dict[str, str]] = {
    "en": {
        "met": "Minimum staffing met in every area.",
        "short_all_proven": "{x} person-hours below the minimum staffing; all of them cannot be met "
        "with this team (proven).",
        "short_proven": "{x} person-hours below the minimum staffing; at least {y} of them cannot be "
        "met with this team (proven); the other {z} might be with a longer run "
        "(--time-limit {n}).",
        "short_unproven": "{x} person-hours below the minimum staffing, not proven unavoidable: run "
        "longer (--time-limit {n}).",
        "where": "Short of the minimum:",
        "more": "... and {k} more places (see the Coverage sheet)",
        "hours_ok": "Everyone is within their contract-hours band.",
        "hours_out": "{k} of {n} people outside their contract-hours band ({below} below, {above} "
        "above): {ids}.",
        "city": "city-wide",
        "ph": "person-hours",
    },
    "nl": {
        "met": "Minimale bezetting gehaald in elke wijk.",
        "short_all_proven": "{x} persoonsuren onder de minimale bezetting; die zijn met dit team "
        "niet te halen (bewezen).",
        "short_proven": "{x} persoonsuren onder de minimale bezetting; minstens {y} daarvan zijn met "
        "dit team niet te halen (bewezen); de andere {z} misschien wel met een "
        "langere run (--time-limit {n}).",
        "short_unproven": "{x} persoonsuren onder de minimale bezetting, niet bewezen onvermijdelijk: "
        "laat langer rekenen (--time-limit {n}).",
        "where": "Onder de minimale bezetting:",
        "more": "... en nog {k} plaatsen (zie het blad Dekking)",
        "hours_ok": "Iedereen zit binnen de bandbreedte van de contracturen.",
        "hours_out": "{k} van {n} medewerkers buiten de bandbreedte van de contracturen ({below} "
        "eronder, {above} erboven): {ids}.",
        "city": "hele stad",
        "ph": "persoonsuren",
    },
}


# Readable People headers (the sheet is for people, not read back by the tool).
PEOPLE: dict[str, dict[str, str]] = {
    "en": {
        "staff": "staff",
        "name": "name",
        "home_area": "home area",
        "hours_per_week": "hours per week",
        "target_hours": "target hours",
        "planned_hours": "planned hours",
        "difference": "difference",
        "nights": "nights",
        "evenings": "evenings",
        "weekend_days": "weekend days",
        "sundays": "Sundays",
        "wishes_granted": "wishes granted",
        "wishes_refused": "wishes refused",
        "fair_share": "fair share of {cat}",
        "per_fte": "{cat} per FTE",
        "cat.nights": "nights",
        "cat.weekends": "weekend days",
        "cat.sundays": "Sundays",
        "cat.evenings": "evenings",
        "outlier": "orange/red: more than 1 / 2 away from the fair share (nights, weekend days, "
        "Sundays, evenings) or outside 10 % / 20 % of the target hours",
    },
    "nl": {
        "staff": "medewerker",
        "name": "naam",
        "home_area": "thuiswijk",
        "hours_per_week": "uren per week",
        "target_hours": "doeluren",
        "planned_hours": "geplande uren",
        "difference": "verschil",
        "nights": "nachten",
        "evenings": "avonden",
        "weekend_days": "weekenddagen",
        "sundays": "zondagen",
        "wishes_granted": "wensen ingewilligd",
        "wishes_refused": "wensen geweigerd",
        "fair_share": "eerlijk deel {cat}",
        "per_fte": "{cat} per fte",
        "cat.nights": "nachten",
        "cat.weekends": "weekenddagen",
        "cat.sundays": "zondagen",
        "cat.evenings": "avonden",
        "outlier": "oranje/rood: meer dan 1 / 2 van het eerlijke deel af (nachten, weekenddagen, "
        "zondagen, avonden) of buiten 10 % / 20 % van de doeluren",
    },
}


def people_header(key: str, lang: str | None) -> str:
    """A People column in words: ``fair_share_nights`` → ``fair share of nights``."""
    t = pick(PEOPLE, lang)
    if key in t:
        return t[key]
    for prefix, template in (("fair_share_", "fair_share"),):
        if key.startswith(prefix):
            cat = key.removeprefix(prefix)
            return t[template].format(cat=t.get(f"cat.{cat}", cat))
    if key.endswith("_per_fte"):
        cat = key.removesuffix("_per_fte")
        return t["per_fte"].format(cat=t.get(f"cat.{cat}", cat))
    return key.replace("_", " ")


REPAIR: dict[str, dict[str, str]] = {
    "en": {
        "fixed": "fixed in the input",
        "not_available": "not available",
        "not_employed": "not employed on this date",
        "law": "working-time law",
        "not_in_input": "no longer in the input",
        "no_longer_allowed": "no longer allowed ({why})",
        "takes_over": "takes over {shift} from {staff}, {who}",
        "who_absent": "who is absent",
        "who_unavailable": "who is not available",
        "keeps_rest": "moved so that {staff} keeps {hours} h rest",
        "keeps_rule": "moved so that {staff} keeps the {rule}",
        "keeps_min": "keeps the minimum staffing{skill} {where} {times}",
        "towards_target": "brings the staffing{skill} {where} {times} closer to its target",
        "contract": "moved so that {staff} stays within the contract hours",
        "other": "to fit other changes",
        "in": "in {area}",
        "city": "city-wide",
        "off": "off",
        "status": "Status {status}: objective {objective}",
        "bound": ", bound {bound}, gap {gap}",
        "after": "after {seconds} s",
        "changed": "{n} shift(s) changed for {people} person(s); {notice} within the notice period "
        "({days} days from {today}). Dates before {keep} kept as published.",
        "call": "People to call ({n}), first the earliest change:",
        "person": "{staff}: {n} change(s)",
        "person_notice": ", {n} within the notice period",
        "more": "… and {n} more people in the Changes sheet",
        "written": "Roster written to {path}",
    },
    "nl": {
        "fixed": "vastgelegd in de invoer",
        "not_available": "niet beschikbaar",
        "not_employed": "niet in dienst op deze datum",
        "law": "Arbeidstijdenwet",
        "not_in_input": "niet meer in de invoer",
        "no_longer_allowed": "niet meer toegestaan ({why})",
        "takes_over": "neemt {shift} over van {staff}, {who}",
        "who_absent": "die afwezig is",
        "who_unavailable": "die niet beschikbaar is",
        "keeps_rest": "verschoven zodat {staff} {hours} uur rust houdt",
        "keeps_rule": "verschoven zodat {staff} de {rule} houdt",
        "keeps_min": "houdt de minimale bezetting{skill} {where} {times}",
        "towards_target": "brengt de bezetting{skill} {where} {times} dichter bij het doel",
        "contract": "verschoven zodat {staff} binnen de contracturen blijft",
        "other": "past bij andere wijzigingen",
        "in": "in {area}",
        "city": "in de hele stad",
        "off": "vrij",
        "status": "Status {status}: doelfunctie {objective}",
        "bound": ", grens {bound}, gat {gap}",
        "after": "na {seconds} s",
        "changed": "{n} dienst(en) gewijzigd voor {people} medewerker(s); {notice} binnen de "
        "aankondigingstermijn ({days} dagen vanaf {today}). Data voor {keep} blijven "
        "zoals gepubliceerd.",
        "call": "Te bellen ({n}), de vroegste wijziging eerst:",
        "person": "{staff}: {n} wijziging(en)",
        "person_notice": ", {n} binnen de aankondigingstermijn",
        "more": "… en nog {n} medewerkers in het blad Wijzigingen",
        "written": "Rooster geschreven naar {path}",
    },
}

# The HR exports' texts for people (the iCalendar event description).
EXPORT: dict[str, dict[str, str]] = {
    "en": {
        "ics_description": "Shift {shift}, area {area}, paid hours {hours}",
        "ics_calendar": "Roster {person}",
    },
    "nl": {
        "ics_description": "Dienst {shift}, wijk {area}, betaalde uren {hours}",
        "ics_calendar": "Rooster {person}",
    },
}

# Hard rules in words, for the reasons of repair's changes.
RULE_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "daily_rest": "rest rule",
        "weekly_rest": "weekly rest rule",
        "night_work": "night-work rule",
        "week_hours": "working-hours limit",
        "shift_length": "shift length rule",
        "free_sundays": "free Sundays rule",
        "consecutive_days": "limit of days in a row",
        "staff_limits": "shift limit",
        "shift_sequence": "shift order rule",
        "pairs": "patrol in pairs",
        "contract_hours": "contract hours limit",
        "coverage": "minimum staffing",
        "one_shift_per_day": "one shift per day",
        "wishes": "availability",
    },
    "nl": {
        "daily_rest": "dagelijkse rust",
        "weekly_rest": "wekelijkse rust",
        "night_work": "regels voor nachtwerk",
        "week_hours": "grens van de arbeidstijd",
        "shift_length": "maximale dienstduur",
        "free_sundays": "vrije zondagen",
        "consecutive_days": "grens van dagen achtereen",
        "staff_limits": "dienstlimiet",
        "shift_sequence": "volgorde van diensten",
        "pairs": "surveilleren in tweetallen",
        "contract_hours": "grens van de contracturen",
        "coverage": "minimale bezetting",
        "one_shift_per_day": "één dienst per dag",
        "wishes": "beschikbaarheid",
    },
}

# Penalty reasons of the rule families (their ``penalty`` methods), with the words they use.
REASONS: dict[str, dict[str, str]] = {
    "en": {
        # fairness
        "fair": "{staff} works {count} {noun}; the fair share is {share} (±1 allowed), {excess} beyond",
        "noun.nights": "night shifts",
        "noun.weekends": "weekend days",
        "noun.sundays": "Sundays",
        "noun.evenings": "evening shifts",
        # home_area
        "home_area": "{staff} works {shift} in {area}, outside home area {home}",
        # change_from_published
        "published": "{staff} on {date}: {old} in the published roster, now {new}",
        "off": "off",
        # consecutive_days
        "consecutive": "{staff} works {days} days in a row from {date}, {beyond} more than "
        "max_consecutive_days {most}",
        # contract_hours
        "hours_over": "planned {got} h, upper band {upper} h ({why}): {above} h above the band",
        "hours_why": "contract target {target} h + {pct} %",
        "hours_under": "planned {got} h, lower band {lower} h (contract target {target} h − "
        "{pct} %): {below} h below the band",
        "hours_dev_below": "planned {got} h, contract target {target} h: {dev} h below",
        "hours_dev_above": "planned {got} h, contract target {target} h: {dev} h above",
        # coverage
        "coverage": "{place} on {when}: {planned} {duty}, {level} ({unit})",
        "on_duty": "on duty",
        "on_shift": "on {shift}",
        "day_shift": "{day}, shift {shift}",
        "level.min": "minimum {n}",
        "level.target": "target {n}",
        "level.max": "maximum {n}",
        "person_hour": "{n} person-hour",
        "person_hours": "{n} person-hours",
        "person": "{n} person",
        "people": "{n} people",
        "all_areas": "all areas",
        # rotation
        "backward": "{staff} works {shift} (from {start}) the day after {prev} (from "
        "{prev_start}): the next shift starts earlier (backward rotation)",
        "isolated_work": "{staff} works a single day between days off",
        "isolated_off": "{staff} has a single day off between working days",
        "split_sat": "{staff} works on Saturday but has Sunday off (split weekend)",
        "split_sun": "{staff} works on Sunday but has Saturday off (split weekend)",
        "night_series": "{staff} works {length} night shifts in a row, {excess} more than "
        "max_consecutive_nights = {limit}",
        # staff_limits
        "weekends": "{staff} works {n}, {beyond} more than max_weekends = {most} ({where})",
        "weekend_one": "1 weekend",
        "weekend_many": "{n} weekends",
        "staff_row": "Staff row {row}",
        "staff_sheet": "Staff",
        # wishes
        "wish": "{staff} {wish} on {date}{row} but {got}",
        "wish_row": " (Wishes row {row})",
        "wish_works": "works {shifts}",
        "wish_on": " on {date}",
        "wish_off": "is off",
        "prefer_off": "prefers a day off",
        "prefer_shift": "prefers to work {shift}",
        "prefer_window": "prefers to work within {window}",
        "prefer_work": "prefers to work",
        "avoid_off": "prefers not to have a day off",
        "avoid_shift": "prefers not to work {shift}",
        "avoid_window": "prefers not to work during {window}",
        "avoid_work": "prefers not to work",
        "pinned_off": "{staff} is pinned off on {date} (Fixed)",
        "pinned_to": "{staff} is pinned to {shift} on {date} (Fixed)",
        "must_wish": "a must-work wish for that day",
        "absent": "absent",
        "not_employed": "not employed on that date",
        "no_fit": "no shift fits inside the wished window",
        "history": "a shift before the horizon (History)",
        "needed_min": "needed for the minimum staffing of {place} at {times} ({planned} planned, "
        "minimum {need})",
        "needed_target": "needed for the target staffing of {place} at {times} ({planned} "
        "planned, target {need})",
        "reach_hours": "needed to reach the contract hours ({planned} h planned, at least {lower} h)",
        "exceed_hours": "working would exceed the contract hours ({planned} h planned, at most {upper} h)",
        # Problem.unavailable_reason: why a person may not work a shift
        "u.not_employed": "not employed on this date",
        "u.absent": "absent",
        "u.long": "works {work} h, more than max_shift_hours {most}",
        "u.night_long": "is a night shift of {work} h, more than max_night_shift_hours {most}",
        "u.night_age": "is a night shift and the person is under {age}",
        "u.fixed_off": "fixed off",
        "u.fixed_shift": "fixed on shift {shift}",
        "u.fixed_area": "fixed in area {area}",
        "u.not_used": "shift {shift} is not used on this day",
        "u.not_allowed": "shift {shift} is not among the person's allowed shifts",
        "u.no_nights": "does not work nights (no_nights)",
        "u.area": "may not be deployed in area {area}",
        "u.must": "must work {shift} on this day (wish)",
        "u.never": "never works {shift} on this day (wish)",
        "u.never_window": "not available in this window (wish)",
        "u.only_off": "only off on this day (wish)",
        "u.only": "only {shift} on this day (wish)",
        "u.only_window": "outside the person's availability window (wish)",
        # the families' check(): broken hard rules
        "v.unknown": "unknown staff id or shift code ({staff}, {shift})",
        "v.outside": "assignment outside the horizon",
        "v.unknown_area": "unknown area {area}",
        "v.not_allowed": "{shift} in {area} not allowed: {why}",
        "v.pinned_off": "is pinned off (Fixed) but works",
        "v.pinned_to": "is pinned to {shift} in {area} (Fixed) but the roster differs",
        "v.must_day": "must work on this day (wish) but is off",
        "v.must_shift": "must work {shift} (wish) but works {other}",
        "v.published": "is before the re-planning date and must stay {want} as published, but is {have}",
        "v.consecutive": "works {days} days in a row from {date}, more than max_consecutive_days {most}",
        "v.min_run": "has a run of {n} {what} from {first} to {last}, fewer than {rule} {least}",
        "v.working_days": "working days",
        "v.days_off": "days off",
        "v.hours_max": "planned {got} h, more than the maximum of {upper} h ({why})",
        "v.hours_min": "planned {got} h, less than the minimum of {lower} h (min_hours, {where})",
        "v.coverage": "{place} {when}: {planned} planned, minimum {min}",
        "v.date_shift": "{date} shift {shift}",
        "v.rest": "rest between {shift} on {date} and {next} on {next_date} is {rest}, needs at "
        "least {need}{why}",
        "v.night_0200": " (night ending after 02:00)",
        "v.rest_training": "rest between {shift} on {date} and training (working time) at {when} "
        "is {rest}, needs at least {need}",
        "v.free_sundays": "{free} free Sundays from {first} to {last}, needs {need}",
        "v.free_sunday": "{free} free Sunday from {first} to {last}, needs {need}",
        "v.night_run": "works {days} days in a row from {date} including a night shift, more "
        "than max_consecutive_shifts_with_night {most}",
        "v.night_age": "works night shift {shift} on {date} while under {age} (min_age_nights)",
        "v.night_series_rest": "rest after a series of {n} night shifts (last {shift} on {date}) "
        "until {next} on {next_date} is {rest}, needs at least {need}",
        "v.nights_16w": "works {n} night shifts ending after 02:00 in the 16-week period from "
        "{date}, more than max_nights_after_0200_16w {cap}",
        "v.two_shifts": "has {n} shifts on one day",
        "v.night_series": "works {n} night shifts in a row, more than max_consecutive_nights = {limit}",
        "v.shift_long": "{shift} on {date} is {work} of work, more than max_shift_hours {most} "
        "(ATW art. 5:7)",
        "v.night_long": "{shift} on {date} is a night shift of {work} of work, more than "
        "max_night_shift_hours {most} (ATW art. 5:8)",
        "v.break": "{shift} on {date} has a break of {have} min; {work} of work needs at least "
        "{need} min (ATW art. 5:4, min_break_minutes)",
        "v.sequence": "works {next} the day after {shift} on {date}{history}; shift {shift} may "
        "not be followed by {next} ({where}, not_followed_by)",
        "v.history": " (History)",
        "shifts_row": "Shifts row {row}",
        "shifts_sheet": "Shifts",
        "limits_row": "Limits row {row}",
        "limits_sheet": "Limits",
        "v.limit_max": "works shift {shift} {n}, more than the maximum of {most} ({where})",
        "v.limit_min": "works shift {shift} {n}, fewer than the minimum of {least} ({where})",
        "times_one": "1 time",
        "times_many": "{n} times",
        "v.weekends": "works {n} ({saturday} {dates}), more than max_weekends = {most} ({where})",
        "saturday_one": "Saturday",
        "saturday_many": "Saturdays",
        "v.week_hours": "week of {date}: {total} h of work, at most {cap} h",
        "v.period_hours": "{weeks} weeks from {date}: {total} h of work, at most {cap} h ({avg} h "
        "a week on average)",
        "v.night_hours": "16 weeks from {date}: {nights} night shifts and {total} h of work, at "
        "most {cap} h ({avg} h a week on average with {many} or more night "
        "shifts)",
        "v.rest_pair": "weeks of {date} and {date2}: rest in blocks of at least {block} h totals "
        "{total} h, needs {need} h",
        "v.rest_week": "week of {date}: longest rest is {longest} h, needs {need} h",
        "v.pairs": "{area} {when}: 1 on duty; people patrol in pairs (pairs = yes)",
    },
    "nl": {
        "fair": "{staff} werkt {count} {noun}; het eerlijke deel is {share} (±1 toegestaan), "
        "{excess} daarbuiten",
        "noun.nights": "nachtdiensten",
        "noun.weekends": "weekenddagen",
        "noun.sundays": "zondagen",
        "noun.evenings": "avonddiensten",
        "home_area": "{staff} werkt {shift} in {area}, buiten de eigen wijk {home}",
        "published": "{staff} op {date}: {old} in het gepubliceerde rooster, nu {new}",
        "off": "vrij",
        "consecutive": "{staff} werkt {days} dagen achter elkaar vanaf {date}, {beyond} meer dan "
        "max_consecutive_days {most}",
        "hours_over": "gepland {got} uur, bovengrens {upper} uur ({why}): {above} uur boven de marge",
        "hours_why": "contractdoel {target} uur + {pct} %",
        "hours_under": "gepland {got} uur, ondergrens {lower} uur (contractdoel {target} uur − "
        "{pct} %): {below} uur onder de marge",
        "hours_dev_below": "gepland {got} uur, contractdoel {target} uur: {dev} uur te weinig",
        "hours_dev_above": "gepland {got} uur, contractdoel {target} uur: {dev} uur te veel",
        "coverage": "{place} op {when}: {planned} {duty}, {level} ({unit})",
        "on_duty": "in dienst",
        "on_shift": "in dienst {shift}",
        "day_shift": "{day}, dienst {shift}",
        "level.min": "minimum {n}",
        "level.target": "doel {n}",
        "level.max": "maximum {n}",
        "person_hour": "{n} persoonsuur",
        "person_hours": "{n} persoonsuren",
        "person": "{n} persoon",
        "people": "{n} personen",
        "all_areas": "alle wijken",
        "backward": "{staff} werkt {shift} (vanaf {start}) de dag na {prev} (vanaf "
        "{prev_start}): de volgende dienst begint eerder (achterwaartse rotatie)",
        "isolated_work": "{staff} werkt één losse dag tussen vrije dagen",
        "isolated_off": "{staff} heeft één losse vrije dag tussen werkdagen",
        "split_sat": "{staff} werkt op zaterdag maar is zondag vrij (gesplitst weekend)",
        "split_sun": "{staff} werkt op zondag maar is zaterdag vrij (gesplitst weekend)",
        "night_series": "{staff} werkt {length} nachtdiensten achter elkaar, {excess} meer dan "
        "max_consecutive_nights = {limit}",
        "weekends": "{staff} werkt {n}, {beyond} meer dan max_weekends = {most} ({where})",
        "weekend_one": "1 weekend",
        "weekend_many": "{n} weekenden",
        "staff_row": "Medewerkers rij {row}",
        "staff_sheet": "Medewerkers",
        "wish": "{staff} {wish} op {date}{row}, maar {got}",
        "wish_row": " (Wensen rij {row})",
        "wish_works": "werkt {shifts}",
        "wish_on": " op {date}",
        "wish_off": "is vrij",
        "prefer_off": "wil graag een vrije dag",
        "prefer_shift": "wil graag {shift} werken",
        "prefer_window": "wil graag binnen {window} werken",
        "prefer_work": "wil graag werken",
        "avoid_off": "wil liever geen vrije dag",
        "avoid_shift": "wil liever geen {shift} werken",
        "avoid_window": "wil liever niet werken tijdens {window}",
        "avoid_work": "wil liever niet werken",
        "pinned_off": "{staff} staat op {date} vast als vrij (Vast)",
        "pinned_to": "{staff} staat op {date} vast op {shift} (Vast)",
        "must_wish": "een verplichte werkwens voor die dag",
        "absent": "afwezig",
        "not_employed": "niet in dienst op die datum",
        "no_fit": "geen dienst past binnen het gewenste tijdvak",
        "history": "een dienst voor de periode (Historie)",
        "needed_min": "nodig voor de minimale bezetting van {place} op {times} ({planned} "
        "gepland, minimum {need})",
        "needed_target": "nodig voor de doelbezetting van {place} op {times} ({planned} gepland, "
        "doel {need})",
        "reach_hours": "nodig om de contracturen te halen ({planned} uur gepland, minstens {lower} uur)",
        "exceed_hours": "werken zou de contracturen overschrijden ({planned} uur gepland, "
        "hoogstens {upper} uur)",
        "u.not_employed": "niet in dienst op deze datum",
        "u.absent": "afwezig",
        "u.long": "werkt {work} uur, meer dan max_shift_hours {most}",
        "u.night_long": "is een nachtdienst van {work} uur, meer dan max_night_shift_hours {most}",
        "u.night_age": "is een nachtdienst en de persoon is jonger dan {age}",
        "u.fixed_off": "vastgelegd als vrij",
        "u.fixed_shift": "vastgelegd op dienst {shift}",
        "u.fixed_area": "vastgelegd in wijk {area}",
        "u.not_used": "dienst {shift} wordt op deze dag niet gebruikt",
        "u.not_allowed": "dienst {shift} hoort niet bij de toegestane diensten van de persoon",
        "u.no_nights": "werkt geen nachten (no_nights)",
        "u.area": "mag niet worden ingezet in wijk {area}",
        "u.must": "moet op deze dag {shift} werken (wens)",
        "u.never": "werkt op deze dag nooit {shift} (wens)",
        "u.never_window": "niet beschikbaar in dit tijdvak (wens)",
        "u.only_off": "op deze dag alleen vrij (wens)",
        "u.only": "op deze dag alleen {shift} (wens)",
        "u.only_window": "buiten het beschikbaarheidsvenster van de persoon (wens)",
        "v.unknown": "onbekende medewerkercode of dienstcode ({staff}, {shift})",
        "v.outside": "dienst buiten de periode",
        "v.unknown_area": "onbekende wijk {area}",
        "v.not_allowed": "{shift} in {area} niet toegestaan: {why}",
        "v.pinned_off": "staat vast als vrij (Vast) maar werkt",
        "v.pinned_to": "staat vast op {shift} in {area} (Vast) maar het rooster wijkt af",
        "v.must_day": "moet op deze dag werken (wens) maar is vrij",
        "v.must_shift": "moet {shift} werken (wens) maar werkt {other}",
        "v.published": "ligt voor de herplandatum en moet {want} blijven zoals gepubliceerd, maar is {have}",
        "v.consecutive": "werkt {days} dagen achter elkaar vanaf {date}, meer dan "
        "max_consecutive_days {most}",
        "v.min_run": "heeft een reeks van {n} {what} van {first} tot {last}, minder dan {rule} {least}",
        "v.working_days": "werkdagen",
        "v.days_off": "vrije dagen",
        "v.hours_max": "gepland {got} uur, meer dan het maximum van {upper} uur ({why})",
        "v.hours_min": "gepland {got} uur, minder dan het minimum van {lower} uur (min_hours, {where})",
        "v.coverage": "{place} {when}: {planned} gepland, minimum {min}",
        "v.date_shift": "{date} dienst {shift}",
        "v.rest": "rust tussen {shift} op {date} en {next} op {next_date} is {rest}, nodig is "
        "minstens {need}{why}",
        "v.night_0200": " (nacht die na 02:00 eindigt)",
        "v.rest_training": "rust tussen {shift} op {date} en training (arbeidstijd) om {when} is "
        "{rest}, nodig is minstens {need}",
        "v.free_sundays": "{free} vrije zondagen van {first} tot {last}, nodig zijn er {need}",
        "v.free_sunday": "{free} vrije zondag van {first} tot {last}, nodig zijn er {need}",
        "v.night_run": "werkt {days} dagen achter elkaar vanaf {date} met een nachtdienst, meer "
        "dan max_consecutive_shifts_with_night {most}",
        "v.night_age": "werkt nachtdienst {shift} op {date} terwijl jonger dan {age} (min_age_nights)",
        "v.night_series_rest": "rust na een reeks van {n} nachtdiensten (laatste {shift} op "
        "{date}) tot {next} op {next_date} is {rest}, nodig is minstens "
        "{need}",
        "v.nights_16w": "werkt {n} nachtdiensten die na 02:00 eindigen in de periode van 16 weken "
        "vanaf {date}, meer dan max_nights_after_0200_16w {cap}",
        "v.two_shifts": "heeft {n} diensten op één dag",
        "v.night_series": "werkt {n} nachtdiensten achter elkaar, meer dan max_consecutive_nights = {limit}",
        "v.shift_long": "{shift} op {date} is {work} werk, meer dan max_shift_hours {most} (ATW art. 5:7)",
        "v.night_long": "{shift} op {date} is een nachtdienst van {work} werk, meer dan "
        "max_night_shift_hours {most} (ATW art. 5:8)",
        "v.break": "{shift} op {date} heeft {have} min pauze; {work} werk vraagt minstens {need} "
        "min (ATW art. 5:4, min_break_minutes)",
        "v.sequence": "werkt {next} de dag na {shift} op {date}{history}; op dienst {shift} mag "
        "{next} niet volgen ({where}, not_followed_by)",
        "v.history": " (Historie)",
        "shifts_row": "Diensten rij {row}",
        "shifts_sheet": "Diensten",
        "limits_row": "Limieten rij {row}",
        "limits_sheet": "Limieten",
        "v.limit_max": "werkt dienst {shift} {n}, meer dan het maximum van {most} ({where})",
        "v.limit_min": "werkt dienst {shift} {n}, minder dan het minimum van {least} ({where})",
        "times_one": "1 keer",
        "times_many": "{n} keer",
        "v.weekends": "werkt {n} ({saturday} {dates}), meer dan max_weekends = {most} ({where})",
        "saturday_one": "zaterdag",
        "saturday_many": "zaterdagen",
        "v.week_hours": "week van {date}: {total} uur werk, hoogstens {cap} uur",
        "v.period_hours": "{weeks} weken vanaf {date}: {total} uur werk, hoogstens {cap} uur "
        "(gemiddeld {avg} uur per week)",
        "v.night_hours": "16 weken vanaf {date}: {nights} nachtdiensten en {total} uur werk, "
        "hoogstens {cap} uur (gemiddeld {avg} uur per week bij {many} of meer "
        "nachtdiensten)",
        "v.rest_pair": "weken van {date} en {date2}: rust in blokken van minstens {block} uur is "
        "samen {total} uur, nodig is {need} uur",
        "v.rest_week": "week van {date}: langste rust is {longest} uur, nodig is {need} uur",
        "v.pairs": "{area} {when}: 1 in dienst; er wordt in tweetallen gesurveilleerd (pairs = ja)",
    },
}


def reason(key: str, lang: str | None, **values: object) -> str:
    """Text ``key`` of :data:`REASONS` in ``lang``, filled in with ``values``."""
    return pick(REASONS, lang)[key].format(**values)


# Terminal messages of roster solve, check, explain and export.
TERMINAL: dict[str, dict[str, str]] = {
    "en": {
        # solve
        "nothing_to_plan": "Nothing to plan: the Staff sheet is empty. Nothing was written.",
        "nothing_solved": "Nothing was solved and no roster was written.",
        "diagnosis_written": "Diagnosis written to {path}",
        "infeasible": "The hard rules cannot all be met; no roster was written. Looking for the conflict...",
        "no_roster": "No roster found within {limit} s ({status}); nothing was written. Try a "
        "longer --time-limit.",
        "internal": "internal error: the solver's roster breaks hard rules; it was NOT written:",
        "mismatch": "warning: recomputed penalties ({checked}) differ from the solver objective "
        "({objective}); please report this.",
        "status_gap": "Status {status}: objective {objective}, bound {bound}, gap {gap} after {seconds} s",
        "status": "Status {status}: objective {objective} after {seconds} s",
        "largest": "Largest penalties: {parts}",
        "warnings": "Pre-solve warnings: {n} (see above and the Run sheet).",
        "more": "  ... and {n} more",
        "written": "Roster written to {path}",
        "warning": "warning: {finding}",
        "cannot_all": "The hard rules cannot all be met:",
        # check
        "broken": "{n} broken hard rule(s):",
        "not_broken": "No hard rule broken ({n} assignments).",
        "cost_per_family": "Soft cost per rule family:",
        "total": "total",
        # export
        "export_broken": "warning: the roster breaks {n} hard rule(s); run `roster check` to see "
        "them. Exporting it as it is.",
        "exported_stdout": "Exported {n} assignments as json to standard output",
        "exported": "Exported {n} assignments: {parts} in {folder}",
        "file": "{n} {fmt} file",
        "files": "{n} {fmt} files",
        # explain
        "bad_staff": "--staff: {staff} is not a staff id of the input workbook",
        "outside": "--date: {date} lies outside the horizon {first} – {last}",
        "works": "{staff} works {shift} in {area} on {day}.",
        "own": "Penalties on this assignment:",
        "own_none": "No soft-rule penalty falls on this person and date.",
        "empty": "Leaving it empty: {total} points ({parts}).",
        "empty_breaks": "  and breaks a hard rule: {rule}",
        "best": "Best alternative: {staff} instead, {total} points ({parts}).",
        "then": "  then {staff}: {total} ({parts})",
        "nobody": "Nobody else who is off that day could legally take this shift.",
        "blocked": "Off that day but forbidden by a hard rule ({n}):",
        "no_change": "no change",
        "not_allowed": "not allowed",
        "state": "{staff} is {state} on {day}.",
        "absent": "absent",
        "off": "off",
        "no_shift": "No shift can be given that day: {reasons}",
        "forbidden": "  - {shift}: forbidden ({why})",
        "option": "  - {shift}: {total} points ({parts})",
        # repair, report
        "from_after": "--from {date} is after the horizon ({first} – {last}); nothing would be re-planned.",
        "repair_infeasible": "The hard rules cannot all be met with the dates before {date} kept "
        "as published; no roster was written.",
        "repair_internal": "internal error: the repaired roster breaks hard rules; it was NOT written:",
        "report_broken": "warning: the roster breaks {n} hard rule(s); they are listed at the top "
        "of the report.",
        "report_written": "Report written to {path} ({size} KB).",
    },
    "nl": {
        "nothing_to_plan": "Niets te plannen: het blad Medewerkers is leeg. Er is niets geschreven.",
        "nothing_solved": "Er is niets doorgerekend en geen rooster geschreven.",
        "diagnosis_written": "Diagnose geschreven naar {path}",
        "infeasible": "De harde regels zijn niet allemaal tegelijk te halen; er is geen rooster "
        "geschreven. Het conflict wordt gezocht...",
        "no_roster": "Geen rooster gevonden binnen {limit} s ({status}); er is niets geschreven. "
        "Probeer een langere --time-limit.",
        "internal": "interne fout: het rooster van de solver overtreedt harde regels; het is NIET "
        "geschreven:",
        "mismatch": "waarschuwing: de herberekende afwijkingen ({checked}) verschillen van de "
        "doelfunctie van de solver ({objective}); meld dit alstublieft.",
        "status_gap": "Status {status}: doelfunctie {objective}, grens {bound}, gat {gap} na {seconds} s",
        "status": "Status {status}: doelfunctie {objective} na {seconds} s",
        "largest": "Grootste afwijkingen: {parts}",
        "warnings": "Waarschuwingen vooraf: {n} (zie hierboven en het blad Run).",
        "more": "  ... en nog {n}",
        "written": "Rooster geschreven naar {path}",
        "warning": "waarschuwing: {finding}",
        "cannot_all": "De harde regels zijn niet allemaal tegelijk te halen:",
        "broken": "{n} harde regel(s) overtreden:",
        "not_broken": "Geen harde regel overtreden ({n} diensten).",
        "cost_per_family": "Afwijkingen per regelfamilie (punten):",
        "total": "totaal",
        "export_broken": "waarschuwing: het rooster overtreedt {n} harde regel(s); `roster check` "
        "toont ze. Het wordt geëxporteerd zoals het is.",
        "exported_stdout": "{n} diensten als json naar de standaarduitvoer geëxporteerd",
        "exported": "{n} diensten geëxporteerd: {parts} in {folder}",
        "file": "{n} {fmt}-bestand",
        "files": "{n} {fmt}-bestanden",
        "bad_staff": "--staff: {staff} is geen medewerkercode uit de invoerwerkmap",
        "outside": "--date: {date} ligt buiten de periode {first} – {last}",
        "works": "{staff} werkt {shift} in {area} op {day}.",
        "own": "Afwijkingen bij deze dienst:",
        "own_none": "Op deze persoon en datum valt geen afwijking van een zachte regel.",
        "empty": "Leeg laten: {total} punten ({parts}).",
        "empty_breaks": "  en overtreedt een harde regel: {rule}",
        "best": "Beste alternatief: {staff} in plaats daarvan, {total} punten ({parts}).",
        "then": "  dan {staff}: {total} ({parts})",
        "nobody": "Niemand anders die die dag vrij is, mag deze dienst volgens de regels overnemen.",
        "blocked": "Die dag vrij, maar uitgesloten door een harde regel ({n}):",
        "no_change": "geen verandering",
        "not_allowed": "niet toegestaan",
        "state": "{staff} is {state} op {day}.",
        "absent": "afwezig",
        "off": "vrij",
        "no_shift": "Die dag kan geen dienst worden gegeven: {reasons}",
        "forbidden": "  - {shift}: niet toegestaan ({why})",
        "option": "  - {shift}: {total} punten ({parts})",
        "from_after": "--from {date} ligt na de periode ({first} – {last}); er zou niets opnieuw "
        "gepland worden.",
        "repair_infeasible": "De harde regels zijn niet allemaal te halen als de data voor {date} "
        "blijven zoals gepubliceerd; er is geen rooster geschreven.",
        "repair_internal": "interne fout: het herplande rooster overtreedt harde regels; het is "
        "NIET geschreven:",
        "report_broken": "waarschuwing: het rooster overtreedt {n} harde regel(s); ze staan "
        "bovenaan het rapport.",
        "report_written": "Rapport geschreven naar {path} ({size} KB).",
    },
}


def say(key: str, lang: str | None, **values: object) -> str:
    """Terminal message ``key`` of :data:`TERMINAL` in ``lang``, filled in with ``values``."""
    return pick(TERMINAL, lang)[key].format(**values)


# The pre-solve findings (:mod:`roster_solver.diagnose`) and the infeasibility explanation
# (:mod:`roster_solver.explain`). Rule keys, sheet columns and the cells named stay as they are;
# ``kind`` and ``rule`` of a finding are machine fields and are not translated.
FINDINGS: dict[str, dict[str, str]] = {
    "en": {
        "fix": "{message} Fix: {fix}",
        "hours": "{h} h",
        "and_more": "{shown} and {n} more",
        "span": "{first} to {last}",
        "and": " and ",
        # what a person certainly works (pins, must wishes, History)
        "f.fixed": "fixed on {shift} on {day}",
        "f.fixed_is": "is fixed on {shift} on {day}",
        "f.fixed_again": "on {shift} on {day}",
        "f.must_shift": "must work {shift} on {day}",
        "f.must": "must work on {day}",
        "f.must_shift_again": "{shift} on {day}",
        "f.must_again": "on {day}",
        "f.worked": "worked {shift} on {day} (History)",
        "f.worked_again": "{shift} on {day} (History)",
        "pair": "{who} {a} ({a_ref}) and {b} ({b_ref})",
        "kind.must": "must",
        "kind.never": "never",
        "kind.only": "only",
        # availability
        "pin_vs_must": "{who} is fixed off on {day} ({at}), but a must wish ({wat}) says they work that day.",
        "pin_vs_must.fix": "remove the off pin or the must wish for that day.",
        "pin_night_age": "{who} is fixed on night shift {shift} on {day} ({at}), but is under "
        "{age} then ({bat}); the law forbids night work under {age} "
        "(min_age_nights).",
        "pin_night_age.fix": "pin a day or evening shift, or someone of age.",
        "pin_unworkable": "{who} is fixed on {shift} in {area} on {day} ({at}), but that cannot "
        "be worked: {reason}{by}.",
        "pin_unworkable.by": " ({kind} wish {wat})",
        "pin_unworkable.fix": "remove or move the pin, or the rule that blocks it.",
        "no_nights_pin": "{who} is fixed on night shift {shift} on {day} ({at}) although "
        "no_nights = yes ({nat}); the pin wins.",
        "no_nights_pin.fix": "check the pin; remove it if the person should not work nights.",
        "must_unworkable": "{who} must work {what} on {days} ({at}), but cannot work it that day{why}.",
        "must_unworkable.shift": "shift {shift}",
        "must_unworkable.any": "a shift",
        "must_unworkable.fix": "remove or change the must wish, or the rule or absence that blocks it.",
        # rest and series
        "rest.night": "the {need} rest after a night ending after 02:00 ({key})",
        "rest.daily": "the {need} daily rest ({key})",
        "rest": "{pair}: {rule} cannot hold (only {rest} between them).",
        "rest.fix": "move or remove one of these, or give History the true shift.",
        "rest.starts": "starts",
        "rest.ends": "ends",
        "rest_training": "{who} {a} ({a_ref}), but an absence that counts as working time "
        "{edge} at {time} on {day} ({at}): the {need} rest cannot hold (only "
        "{rest}).",
        "rest_training.fix": "move the pin or the must wish to another shift or day.",
        "night_series_rest": "{who} works nights from {first} to {last} ({rows}) and {later} "
        "({later_ref}): the {need} rest after a series of 3 or more nights "
        "(min_rest_after_night_series_hours) cannot hold (only {rest}).",
        "night_series_rest.fix": "shorten the night series, or move the later shift.",
        "consecutive_days": "{who} is pinned to work {n} days in a row, {span} ({rows}), but may "
        "work at most {most} days in a row (max_consecutive_days{where}).",
        "consecutive_days.fix": "free one of these days (a pin off or fewer must wishes).",
        "consecutive_night": "{who} is pinned to work {n} days in a row with a night among them, "
        "{span} ({rows}), but such a series may have at most {most} shifts "
        "(max_consecutive_shifts_with_night).",
        "consecutive_night.fix": "free one of these days or move the night.",
        "not_followed_by": "{pair}, but shift {shift} may not be followed by {next} the next day "
        "({at} not_followed_by).",
        "not_followed_by.fix": "move one of the two, or change not_followed_by.",
        # hours and limits
        "hours.why": "contract target {target} + {pct} %, hours_tolerance_pct",
        "hours.limits": "absence, employment dates, allowed shifts and days, max_week_hours, "
        "max_consecutive_days",
        "hours.absence": "; absence {rows}",
        "hours_band.min": "{who} has min_hours {lower} ({at}), more than the maximum of {upper} ({why}).",
        "hours_band.min.fix": "lower min_hours or raise the maximum.",
        "min_hours": "{who} must be planned at least {lower} (min_hours, {at}), but can work at "
        "most {most} in the horizon ({limits}{absence}).",
        "min_hours.fix": "lower min_hours to at most {most}, or shorten the absence.",
        "target_unreachable": "{who} can work at most {most} in the horizon ({limits}), less than "
        "the {lower} of the contract band; the shortfall is a soft cost.",
        "target_unreachable.fix": "check hours_per_week, absence credit (Absence hours) and allowed shifts.",
        "hours_band.pins": "the pins and must wishes of {who} add up to at least {least} "
        "({rows}{more}), more than the maximum of {upper} ({why}).",
        "hours_band.more": " and more",
        "hours_band.pins.fix": "remove some pins or must wishes, or raise the maximum.",
        "limits.min": "{who} must work shift {shift} at least {n} times ({at}), but can work it "
        "on only {possible} days of the horizon.",
        "limits.min.fix": "lower the minimum to {possible} or allow the shift on more days.",
        "limits.max": "{who} may work shift {shift} at most {n} times ({at}), but pins and must "
        "wishes ask for it {k} times ({rows}).",
        "limits.max.fix": "remove pins or raise the Limits max.",
        "limits.weekends": "{who} may work at most {n} weekends ({at}), but pins and must wishes "
        "ask for {k} (Saturdays {days}; {rows}).",
        "limits.weekends.fix": "remove weekend pins or raise max_weekends.",
        # minimum staffing
        "cov.forbid": "under shortage = forbid no roster can meet it",
        "cov.report": "it will be reported as unmet minimum staffing",
        "cov.more_one": "; the same holds at 1 other time",
        "cov.more_many": "; the same holds at {n} other times",
        "cov.person": "{n} person",
        "cov.people": "{n} people",
        "cov.no_shift": "{place} needs at least {need} on {when} ({at}), but no shift in the "
        "Shifts sheet spans that time{more}; {consequence}.",
        "cov.no_shift.fix": "add a shift that covers this window, or change the Demand window to "
        "fit a shift.",
        "cov.no_shift_day": "{place} needs at least {need} on {when} ({at}), but the shift(s) "
        "{shifts} that span this time may not be used on that day ({days} "
        "days){more}; {consequence}.",
        "cov.no_shift_day.fix": "allow a spanning shift on this day (Shifts days), or change the "
        "Demand days.",
        "cov.skill": "{place} needs at least {need} with skill {skill} on {when} ({at}), but "
        "nobody with that skill can work there then (absence, allowed areas and "
        "shifts){more}; {consequence}.",
        "cov.skill.fix": "give skill {skill} to someone available, allow a skilled person in "
        "{area}, or lower the minimum.",
        "cov.area": "{place} needs at least {need} on {when} ({at}), but only {n} could ever be "
        "there then (availability, absence, allowed areas, skills and "
        "shifts){more}; {consequence}.",
        "cov.area.fix": "lower the minimum, allow more people in this area (Staff areas), or move absence.",
        "req.no_day": "{place} needs at least {n} on shift {shift} on {day} ({at}), but shift "
        "{shift} may not be used on that day ({days} days); {consequence}.",
        "req.no_day.fix": "allow {shift} on this day (Shifts days), or change the Demand days.",
        "req.skill": "{place} needs at least {n} with skill {skill} on shift {shift} on {day} "
        "({at}), but nobody with that skill can work it then; {consequence}.",
        "req.skill.fix": "give skill {skill} to someone available, or lower the minimum.",
        "req.area": "{place} needs at least {n} on shift {shift} on {day} ({at}), but only {k} "
        "could ever work it then; {consequence}.",
        "req.area.fix": "lower the minimum or allow more people on this shift and area.",
        # the solver's conflict (explain)
        "x.build_failed": "Could not analyse the conflict: a rule family failed to build ({error}).",
        "x.all_met": "Every hard rule can be met in this analysis; the solver may have stopped "
        "early. Try a longer time limit.",
        "x.unnamed": "The hard rules cannot all be met, but no single rule could be named in "
        "time. Try a longer time limit.",
        "x.stopped": "(The analysis stopped at the time limit; the list above may name more "
        "than the smallest conflict.)",
        "x.one_rule": "This hard rule cannot be met: {rule}.",
        "x.rules": "These hard rules cannot all be met together: {rules}.",
        "x.rest_night": "the {need} rest after a night ending after 02:00 (min_rest_after_night_hours)",
        "x.rest_daily": "the {need} daily rest (min_daily_rest_hours)",
        "x.rest_both": "the {daily} daily rest and the {night} rest after a night ending after "
        "02:00 (min_daily_rest_hours, min_rest_after_night_hours)",
        "x.weekly_rest": "the {need} weekly rest (min_weekly_rest_hours)",
        "x.consecutive_days": "the limit on days in a row (max_consecutive_days, Staff "
        "min_consecutive_days(_off))",
        "x.night_work": "the {need} rest after 3 or more nights, at most {shifts} shifts in a "
        "series with a night and {nights} nights after 02:00 per 16 weeks "
        "(night_work)",
        "x.week_hours": "at most {cap} a week and the 4- and 16-week averages (max_week_hours, "
        "max_avg_week_hours_4w, max_avg_week_hours_16w)",
        "x.free_sundays": "the free Sundays (min_free_sundays_52w = {n})",
        "x.shared": "{rule}{place}{when}{see} cannot be met{tail}.",
        "x.in": " in {area}",
        "x.on": " on {days}",
        "x.tail": " together with the rules for the people below",
        "x.person_one": "{subject}: {rule} cannot hold{when}{see}.",
        "x.person_all": "{subject}: {rule} cannot all hold{when}{see}.",
        "x.see": "; see {rows}",
        "x.availability": "availability",
        # the rule families in words
        "family.availability": "availability, Fixed pins and must/never/only wishes",
        "family.one_shift_per_day": "one shift per day",
        "family.coverage": "minimum staffing (Demand sheet, shortage = forbid)",
        "family.contract_hours": "contract hours (hours_tolerance_pct, Staff min_hours/max_hours)",
        "family.staff_limits": "per-person limits (Limits sheet, Staff max_weekends)",
        "family.shift_sequence": "shift order (Shifts not_followed_by)",
        "family.shift_length": "shift length (max_shift_hours, max_night_shift_hours)",
        "family.daily_rest": "rest between shifts (min_daily_rest_hours, min_rest_after_night_hours)",
        "family.weekly_rest": "weekly rest (min_weekly_rest_hours)",
        "family.week_hours": "working hours per week and per 4/16 weeks (max_week_hours, "
        "max_avg_week_hours_*)",
        "family.night_work": "night work (rest after a night series, nights per 16 weeks, series length)",
        "family.free_sundays": "free Sundays (min_free_sundays_52w)",
        "family.consecutive_days": "days in a row (max_consecutive_days, Staff min_consecutive_days(_off))",
        "family.pairs": "working in pairs (pairs)",
        "family.rotation": "night series (max_consecutive_nights)",
        # the diagnosis file (solve/validate --report)
        "r.title": "Diagnosis of {name}",
        "r.result": "Result: {status}",
        "r.certain": "Certain collisions (no roster can meet every hard rule)",
        "r.conflict": "Conflict found by the solver",
        "r.warnings": "Warnings (the solve goes on)",
        "r.none": "No collision found before solving.",
        "r.fix": "Fix:",
        "r.sheet": "Diagnosis",
        "r.result_key": "result",
        "r.severity": "severity",
        "r.kind": "kind",
        "r.rule": "rule",
        "r.rows": "rows",
        "r.what": "what collides",
        "r.how": "what would fix it",
        "r.infeasible": "infeasible: the hard rules cannot all be met",
        "r.infeasible_before": "infeasible: the hard rules cannot all be met (found before solving)",
        "r.valid": "valid",
        "r.valid_warnings": "valid, {n} warning(s)",
        "r.solved": "solved ({status})",
    },
    "nl": {
        "fix": "{message} Oplossing: {fix}",
        "hours": "{h} uur",
        "and_more": "{shown} en nog {n}",
        "span": "{first} tot {last}",
        "and": " en ",
        "f.fixed": "staat vast op {shift} op {day}",
        "f.fixed_is": "staat vast op {shift} op {day}",
        "f.fixed_again": "op {shift} op {day}",
        "f.must_shift": "moet {shift} werken op {day}",
        "f.must": "moet werken op {day}",
        "f.must_shift_again": "{shift} op {day}",
        "f.must_again": "op {day}",
        "f.worked": "werkte {shift} op {day} (Historie)",
        "f.worked_again": "{shift} op {day} (Historie)",
        "pair": "{who} {a} ({a_ref}) en {b} ({b_ref})",
        "kind.must": "moet",
        "kind.never": "nooit",
        "kind.only": "alleen",
        "pin_vs_must": "{who} staat op {day} vast als vrij ({at}), maar een verplichte wens "
        "({wat}) zegt dat die dag gewerkt wordt.",
        "pin_vs_must.fix": "verwijder de vastlegging als vrij of de verplichte wens voor die dag.",
        "pin_night_age": "{who} staat vast op nachtdienst {shift} op {day} ({at}), maar is dan "
        "jonger dan {age} ({bat}); de wet verbiedt nachtwerk onder de {age} "
        "(min_age_nights).",
        "pin_night_age.fix": "leg een dag- of avonddienst vast, of iemand die oud genoeg is.",
        "pin_unworkable": "{who} staat vast op {shift} in {area} op {day} ({at}), maar die dienst "
        "kan niet gewerkt worden: {reason}{by}.",
        "pin_unworkable.by": " (wens {kind} {wat})",
        "pin_unworkable.fix": "verwijder of verplaats de vastlegging, of de regel die haar tegenhoudt.",
        "no_nights_pin": "{who} staat vast op nachtdienst {shift} op {day} ({at}) hoewel "
        "no_nights = ja ({nat}); de vastlegging gaat voor.",
        "no_nights_pin.fix": "controleer de vastlegging; verwijder haar als de persoon geen "
        "nachten hoort te werken.",
        "must_unworkable": "{who} moet {what} werken op {days} ({at}), maar kan die dag niet werken{why}.",
        "must_unworkable.shift": "dienst {shift}",
        "must_unworkable.any": "een dienst",
        "must_unworkable.fix": "verwijder of wijzig de verplichte wens, of de regel of "
        "afwezigheid die haar tegenhoudt.",
        "rest.night": "de {need} rust na een nacht die na 02:00 eindigt ({key})",
        "rest.daily": "de {need} dagelijkse rust ({key})",
        "rest": "{pair}: {rule} is niet te halen (maar {rest} ertussen).",
        "rest.fix": "verplaats of verwijder een van beide, of zet de echte dienst in Historie.",
        "rest.starts": "begint",
        "rest.ends": "eindigt",
        "rest_training": "{who} {a} ({a_ref}), maar een afwezigheid die als arbeidstijd telt "
        "{edge} om {time} op {day} ({at}): de {need} rust is niet te halen "
        "(maar {rest}).",
        "rest_training.fix": "verplaats de vastlegging of de verplichte wens naar een andere dienst of dag.",
        "night_series_rest": "{who} werkt nachten van {first} tot {last} ({rows}) en {later} "
        "({later_ref}): de {need} rust na een reeks van 3 of meer nachten "
        "(min_rest_after_night_series_hours) is niet te halen (maar {rest}).",
        "night_series_rest.fix": "maak de nachtreeks korter, of verplaats de latere dienst.",
        "consecutive_days": "{who} is vastgelegd op {n} werkdagen achter elkaar, {span} ({rows}), "
        "maar mag hoogstens {most} dagen achter elkaar werken "
        "(max_consecutive_days{where}).",
        "consecutive_days.fix": "geef een van deze dagen vrij (vastgelegd als vrij of minder "
        "verplichte wensen).",
        "consecutive_night": "{who} is vastgelegd op {n} werkdagen achter elkaar met een nacht "
        "ertussen, {span} ({rows}), maar zo'n reeks mag hoogstens {most} "
        "diensten hebben (max_consecutive_shifts_with_night).",
        "consecutive_night.fix": "geef een van deze dagen vrij of verplaats de nacht.",
        "not_followed_by": "{pair}, maar op dienst {shift} mag de volgende dag geen {next} volgen "
        "({at} not_followed_by).",
        "not_followed_by.fix": "verplaats een van de twee, of wijzig not_followed_by.",
        "hours.why": "contractdoel {target} + {pct} %, hours_tolerance_pct",
        "hours.limits": "afwezigheid, datum in en uit dienst, toegestane diensten en dagen, "
        "max_week_hours, max_consecutive_days",
        "hours.absence": "; afwezigheid {rows}",
        "hours_band.min": "{who} heeft min_hours {lower} ({at}), meer dan het maximum van {upper} ({why}).",
        "hours_band.min.fix": "verlaag min_hours of verhoog het maximum.",
        "min_hours": "{who} moet minstens {lower} worden ingepland (min_hours, {at}), maar kan in "
        "de periode hoogstens {most} werken ({limits}{absence}).",
        "min_hours.fix": "verlaag min_hours tot hoogstens {most}, of maak de afwezigheid korter.",
        "target_unreachable": "{who} kan in de periode hoogstens {most} werken ({limits}), minder "
        "dan de {lower} van de contractmarge; het tekort telt als "
        "afwijking.",
        "target_unreachable.fix": "controleer hours_per_week, de uren van afwezigheid "
        "(Afwezigheid, uren) en de toegestane diensten.",
        "hours_band.pins": "de vastleggingen en verplichte wensen van {who} komen samen op "
        "minstens {least} ({rows}{more}), meer dan het maximum van {upper} "
        "({why}).",
        "hours_band.more": " en meer",
        "hours_band.pins.fix": "verwijder enkele vastleggingen of verplichte wensen, of verhoog het maximum.",
        "limits.min": "{who} moet dienst {shift} minstens {n} keer werken ({at}), maar kan die "
        "dienst maar op {possible} dagen van de periode werken.",
        "limits.min.fix": "verlaag het minimum tot {possible} of sta de dienst op meer dagen toe.",
        "limits.max": "{who} mag dienst {shift} hoogstens {n} keer werken ({at}), maar "
        "vastleggingen en verplichte wensen vragen er {k} keer om ({rows}).",
        "limits.max.fix": "verwijder vastleggingen of verhoog het maximum in Limieten.",
        "limits.weekends": "{who} mag hoogstens {n} weekenden werken ({at}), maar vastleggingen "
        "en verplichte wensen vragen er {k} (zaterdagen {days}; {rows}).",
        "limits.weekends.fix": "verwijder vastleggingen in het weekend of verhoog max_weekends.",
        "cov.forbid": "met tekort = verbieden kan geen rooster dit halen",
        "cov.report": "dit wordt gemeld als niet gehaalde minimale bezetting",
        "cov.more_one": "; hetzelfde geldt op 1 ander moment",
        "cov.more_many": "; hetzelfde geldt op {n} andere momenten",
        "cov.person": "{n} persoon",
        "cov.people": "{n} personen",
        "cov.no_shift": "{place} vraagt minstens {need} op {when} ({at}), maar geen dienst in het "
        "blad Diensten valt over die tijd{more}; {consequence}.",
        "cov.no_shift.fix": "voeg een dienst toe die dit tijdvak dekt, of pas het tijdvak in "
        "Bezetting aan een dienst aan.",
        "cov.no_shift_day": "{place} vraagt minstens {need} op {when} ({at}), maar de dienst(en) "
        "{shifts} die over deze tijd vallen, mogen op die dag niet worden "
        "gebruikt ({days} dagen){more}; {consequence}.",
        "cov.no_shift_day.fix": "sta op deze dag een dienst toe die over deze tijd valt "
        "(Diensten, dagen), of wijzig de dagen in Bezetting.",
        "cov.skill": "{place} vraagt minstens {need} met vaardigheid {skill} op {when} ({at}), "
        "maar niemand met die vaardigheid kan daar dan werken (afwezigheid, "
        "toegestane wijken en diensten){more}; {consequence}.",
        "cov.skill.fix": "geef vaardigheid {skill} aan iemand die beschikbaar is, sta iemand met "
        "die vaardigheid toe in {area}, of verlaag het minimum.",
        "cov.area": "{place} vraagt minstens {need} op {when} ({at}), maar er kunnen dan "
        "hoogstens {n} zijn (beschikbaarheid, afwezigheid, toegestane wijken, "
        "vaardigheden en diensten){more}; {consequence}.",
        "cov.area.fix": "verlaag het minimum, sta meer mensen toe in deze wijk (Medewerkers, "
        "wijken), of verplaats afwezigheid.",
        "req.no_day": "{place} vraagt minstens {n} in dienst {shift} op {day} ({at}), maar dienst "
        "{shift} mag op die dag niet worden gebruikt ({days} dagen); {consequence}.",
        "req.no_day.fix": "sta {shift} op deze dag toe (Diensten, dagen), of wijzig de dagen in Bezetting.",
        "req.skill": "{place} vraagt minstens {n} met vaardigheid {skill} in dienst {shift} op "
        "{day} ({at}), maar niemand met die vaardigheid kan die dienst dan werken; "
        "{consequence}.",
        "req.skill.fix": "geef vaardigheid {skill} aan iemand die beschikbaar is, of verlaag het minimum.",
        "req.area": "{place} vraagt minstens {n} in dienst {shift} op {day} ({at}), maar hoogstens "
        "{k} kunnen die dienst dan werken; {consequence}.",
        "req.area.fix": "verlaag het minimum of sta meer mensen toe in deze dienst en wijk.",
        "x.build_failed": "Het conflict kon niet worden geanalyseerd: een regelfamilie kon niet "
        "worden opgebouwd ({error}).",
        "x.all_met": "In deze analyse zijn alle harde regels te halen; de solver is misschien te "
        "vroeg gestopt. Probeer een langere tijdslimiet.",
        "x.unnamed": "De harde regels zijn niet allemaal te halen, maar er kon op tijd geen "
        "afzonderlijke regel worden genoemd. Probeer een langere tijdslimiet.",
        "x.stopped": "(De analyse stopte bij de tijdslimiet; de lijst hierboven kan meer noemen "
        "dan het kleinste conflict.)",
        "x.one_rule": "Deze harde regel is niet te halen: {rule}.",
        "x.rules": "Deze harde regels zijn niet allemaal samen te halen: {rules}.",
        "x.rest_night": "de {need} rust na een nacht die na 02:00 eindigt (min_rest_after_night_hours)",
        "x.rest_daily": "de {need} dagelijkse rust (min_daily_rest_hours)",
        "x.rest_both": "de {daily} dagelijkse rust en de {night} rust na een nacht die na 02:00 "
        "eindigt (min_daily_rest_hours, min_rest_after_night_hours)",
        "x.weekly_rest": "de {need} wekelijkse rust (min_weekly_rest_hours)",
        "x.consecutive_days": "de grens van dagen achter elkaar (max_consecutive_days, "
        "Medewerkers min_consecutive_days(_off))",
        "x.night_work": "de {need} rust na 3 of meer nachten, hoogstens {shifts} diensten in een "
        "reeks met een nacht en {nights} nachten na 02:00 per 16 weken "
        "(night_work)",
        "x.week_hours": "hoogstens {cap} per week en de gemiddelden over 4 en 16 weken "
        "(max_week_hours, max_avg_week_hours_4w, max_avg_week_hours_16w)",
        "x.free_sundays": "de vrije zondagen (min_free_sundays_52w = {n})",
        "x.shared": "{rule}{place}{when}{see} is niet te halen{tail}.",
        "x.in": " in {area}",
        "x.on": " op {days}",
        "x.tail": " samen met de regels voor de mensen hieronder",
        "x.person_one": "{subject}: {rule} is niet te halen{when}{see}.",
        "x.person_all": "{subject}: {rule} zijn niet allemaal te halen{when}{see}.",
        "x.see": "; zie {rows}",
        "x.availability": "beschikbaarheid",
        "family.availability": "beschikbaarheid, vastleggingen (Vast) en wensen moet/nooit/alleen",
        "family.one_shift_per_day": "één dienst per dag",
        "family.coverage": "minimale bezetting (blad Bezetting, tekort = verbieden)",
        "family.contract_hours": "contracturen (hours_tolerance_pct, Medewerkers min_hours/max_hours)",
        "family.staff_limits": "limieten per persoon (blad Limieten, Medewerkers max_weekends)",
        "family.shift_sequence": "volgorde van diensten (Diensten not_followed_by)",
        "family.shift_length": "dienstduur (max_shift_hours, max_night_shift_hours)",
        "family.daily_rest": "rust tussen diensten (min_daily_rest_hours, min_rest_after_night_hours)",
        "family.weekly_rest": "wekelijkse rust (min_weekly_rest_hours)",
        "family.week_hours": "arbeidsuren per week en per 4/16 weken (max_week_hours, max_avg_week_hours_*)",
        "family.night_work": "nachtwerk (rust na een nachtreeks, nachten per 16 weken, lengte van een reeks)",
        "family.free_sundays": "vrije zondagen (min_free_sundays_52w)",
        "family.consecutive_days": "dagen achter elkaar (max_consecutive_days, Medewerkers "
        "min_consecutive_days(_off))",
        "family.pairs": "in tweetallen werken (pairs)",
        "family.rotation": "nachtreeks (max_consecutive_nights)",
        "r.title": "Diagnose van {name}",
        "r.result": "Uitkomst: {status}",
        "r.certain": "Zekere botsingen (geen rooster kan aan elke harde regel voldoen)",
        "r.conflict": "Conflict gevonden door de solver",
        "r.warnings": "Waarschuwingen (er wordt wel gepland)",
        "r.none": "Vooraf geen botsing gevonden.",
        "r.fix": "Oplossing:",
        "r.sheet": "Diagnose",
        "r.result_key": "uitkomst",
        "r.severity": "ernst",
        "r.kind": "soort",
        "r.rule": "regel",
        "r.rows": "cellen",
        "r.what": "wat botst",
        "r.how": "wat het oplost",
        "r.infeasible": "onhaalbaar: de harde regels zijn niet allemaal te halen",
        "r.infeasible_before": "onhaalbaar: de harde regels zijn niet allemaal te halen "
        "(gevonden vóór het plannen)",
        "r.valid": "geldig",
        "r.valid_warnings": "geldig, {n} waarschuwing(en)",
        "r.solved": "gepland ({status})",
    },
}


def finding(key: str, lang: str | None, /, **values: object) -> str:
    """Text ``key`` of :data:`FINDINGS` in ``lang``, filled in with ``values``."""
    return pick(FINDINGS, lang)[key].format(**values)


CATALOGUE: dict[str, dict[str, dict[str, str]]] = {
    "sheets": SHEETS,
    "columns": COLUMNS,
    "workbook": WORKBOOK,
    "report": REPORT,
    "briefing": BRIEFING,
    "outcome": OUTCOME,
    "repair": REPAIR,
    "people": PEOPLE,
    "rule_words": RULE_WORDS,
    "export": EXPORT,
    "reasons": REASONS,
    "terminal": TERMINAL,
    "bound_methods": BOUND_METHODS,
    "findings": FINDINGS,
}


def english_labels(min_length: int = 4) -> set[str]:
    """Every English text of the catalogue that differs from its Dutch counterpart (and is at
    least ``min_length`` characters long): what an nl run must never show."""
    out: set[str] = set()
    for name, table in CATALOGUE.items():
        if name == "columns":
            pairs = [(k, v) for k, v in table["nl"].items()]
        else:
            pairs = [(table["en"][k], table["nl"][k]) for k in table["en"]]
        for en, nl in pairs:
            if en != nl and len(en) >= min_length and "{" not in en:
                out.add(en)
    return out
