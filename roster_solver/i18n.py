"""The message catalogue: every label the tool writes for people, in English and Dutch.

One plain table per place where words are shown, each ``{"en": {key: text}, "nl": {key: text}}``
with the same keys in both languages (a test checks it):

- :data:`SHEETS`: output sheet names; :data:`COLUMNS`: the output sheets' column headers;
- :data:`WORKBOOK`: the output workbook's other words (Roster grid, legends, Areas by day);
- :data:`REPORT`: the HTML report; :data:`BRIEFING`: ``roster briefing``;
- :data:`OUTCOME`: the solve summary's statements (:mod:`roster_solver.outcome`);
- :data:`REPAIR`: the reasons of ``roster repair``'s Changes sheet and its terminal lines.

Messages are ``str.format`` templates where they take values. Codes (shift, area, staff ids),
rule-family names and the Run sheet's keys are data and stay as they are in both languages.
Nothing here imports anything of the package, so every module can use it.
"""

from __future__ import annotations

LANGS = ("en", "nl")


def pick(table: dict[str, dict[str, str]], lang: str | None) -> dict[str, str]:
    """The ``lang`` part of a table (English for anything else)."""
    return table["nl" if lang == "nl" else "en"]


SHEETS: dict[str, dict[str, str]] = {
    "en": {"Roster": "Roster", "Assignments": "Assignments", "Coverage": "Coverage",
           "People": "People", "Penalties": "Penalties", "Run": "Run",
           "Areas by day": "Areas by day", "Changes": "Changes"},
    "nl": {"Roster": "Rooster", "Assignments": "Inzet", "Coverage": "Dekking",
           "People": "Personen", "Penalties": "Afwijkingen", "Run": "Run",
           "Areas by day": "Wijken per dag", "Changes": "Wijzigingen"},
}

# Column headers of the output sheets: canonical (English) name -> header in that language.
# The reader accepts the Dutch Assignments headers as aliases (medewerker, datum, dienst, wijk).
COLUMNS: dict[str, dict[str, str]] = {
    "en": {},
    "nl": {
        # Assignments [Inzet]
        "staff": "medewerker", "name": "naam", "date": "datum", "shift": "dienst", "area": "wijk",
        "start": "begin", "end": "eind", "paid_hours": "betaalde_uren", "night_hours": "nachturen",
        "weekend": "weekend", "holiday": "feestdag",
        # Coverage [Dekking]
        "skill": "vaardigheid", "slot_start": "vak_begin", "slot_end": "vak_eind", "min": "min",
        "target": "doel", "planned": "gepland", "short_of_min": "tekort_minimum",
        "short_of_target": "tekort_doel", "over_max": "boven_maximum",
        # People [Personen]
        "home_area": "thuiswijk", "hours_per_week": "uren_per_week", "target_hours": "doeluren",
        "planned_hours": "geplande_uren", "difference": "verschil", "nights": "nachten",
        "evenings": "avonden", "weekend_days": "weekenddagen", "sundays": "zondagen",
        "wishes_granted": "wensen_ingewilligd", "wishes_refused": "wensen_geweigerd",
        # Penalties [Afwijkingen]
        "rule": "regel", "amount": "hoeveelheid", "cost": "kosten", "reason": "reden",
        # Changes [Wijzigingen]
        "was": "was", "becomes": "wordt", "why": "waarom",
        "within_notice_period": "binnen_aankondigingstermijn", "was_times": "was_tijden",
        "becomes_times": "wordt_tijden",
        # Run
        "key": "sleutel", "value": "waarde",
    },
}


def column(name: str, lang: str | None) -> str:
    """The header of canonical column ``name`` in ``lang``."""
    return pick(COLUMNS, lang).get(name, name)


WORKBOOK: dict[str, dict[str, str]] = {
    "en": {
        "yes": "yes", "no": "no", "absent": "absent", "staff": "staff", "name": "name",
        "area": "area", "hours": "hours", "target": "target", "difference": "difference",
        "nights": "nights", "weekend_days": "weekend days", "sundays": "Sundays",
        "total": "total", "total_cost": "total cost", "checker_total": "recomputed total",
        "legend": "red: below minimum · orange: below target · green: covered "
                  "(number = fewest people planned in that hour)",
        "passed": "passed", "failed": "failed", "none": "none",
        "hours_week": "hours wk", "on_duty": "on duty per area (where people work that day)",
        "on_duty_in": "on duty in {area}", "on_duty_total": "on duty city-wide",
        "legend_title": "legend", "legend_elsewhere": "CODE@AREA: works outside the home area",
        "legend_changed": "changed by the repair",
        "week": "week", "city_wide": "city-wide", "coordinator": "coordinator",
        "below_min": "below minimum", "below_target": "below target", "short": "short",
        "summary": "per rule family (largest first)", "family": "rule family",
        "deviations": "deviations", "points": "points", "share": "share",
        "areas_note": "per area and day: each shift that starts there with its times and who works "
                      "it there (by where people work that day); the coordinator on duty; "
                      "where staffing is below minimum (red) or target (orange)",
    },
    "nl": {
        "yes": "ja", "no": "nee", "absent": "afwezig", "staff": "medewerker", "name": "naam",
        "area": "wijk", "hours": "uren", "target": "doel", "difference": "verschil",
        "nights": "nachten", "weekend_days": "weekenddagen", "sundays": "zondagen",
        "total": "totaal", "total_cost": "totale kosten", "checker_total": "herberekend totaal",
        "legend": "rood: onder minimum · oranje: onder doel · groen: gedekt "
                  "(getal = minste aantal mensen ingepland in dat uur)",
        "passed": "geslaagd", "failed": "mislukt", "none": "geen",
        "hours_week": "uren wk", "on_duty": "in dienst per wijk (waar men die dag werkt)",
        "on_duty_in": "in dienst in {area}", "on_duty_total": "in dienst in de hele stad",
        "legend_title": "legenda", "legend_elsewhere": "CODE@WIJK: werkt buiten de eigen wijk",
        "legend_changed": "gewijzigd bij de herplanning",
        "week": "week", "city_wide": "hele stad", "coordinator": "coördinator",
        "below_min": "onder minimum", "below_target": "onder doel", "short": "te weinig",
        "summary": "per regelfamilie (grootste eerst)", "family": "regelfamilie",
        "deviations": "afwijkingen", "points": "punten", "share": "aandeel",
        "areas_note": "per wijk en dag: elke dienst die daar begint, met tijden en wie hem daar "
                      "werkt (naar waar men die dag werkt); de coördinator van dienst; waar de "
                      "bezetting onder het minimum (rood) of het doel (oranje) blijft",
    },
}

REPORT: dict[str, dict[str, str]] = {
    "en": {
        "title": "Roster report", "horizon": "Horizon", "weeks": "weeks", "file": "Roster file",
        "generated": "Report made", "run": "Run", "status": "status", "objective": "objective",
        "bound": "best bound", "gap": "gap", "seconds": "seconds", "run_at": "run at",
        "version": "tool version", "profile": "rule profile", "input": "input file",
        "no_run": "This roster has no Run sheet (a hand-made roster): no solver figures.",
        "checker_total": "penalty total (checker)", "people": "people",
        "assignments": "assignments", "unmet": "unmet minimum", "person_hours": "person-hours",
        "none": "none",
        "violations": "Broken hard rules", "no_violations": "No hard rule is broken.",
        "violations_intro": "This roster breaks {n} hard rule(s); it must not be published as is.",
        "more": "… and {n} more",
        "coverage": "Coverage per area",
        "coverage_intro": "One column per date, one row per hour. Red: below the minimum; "
                          "orange: below the target; blue: above the maximum; green: met. "
                          "The number is the fewest people planned in that hour; hover for "
                          "every requirement.",
        "area": "area", "all_areas": "all areas", "hours_required": "hours with a requirement",
        "short_min": "short of minimum (person-hours)",
        "short_target": "short of target (person-hours)", "over_max": "above maximum (person-hours)",
        "no_demand": "The Demand sheet asks for nothing.",
        "grid": "Roster", "staff": "staff", "name": "name", "absent": "absent",
        "grid_intro": "CODE@AREA: deployed outside the home area. Weekends and public holidays "
                      "are shaded.",
        "fairness": "Fairness",
        "fairness_intro": "Per person the count (bar), the fair share — the team average "
                          "scaled to the person's contract — (tick) and the ±1 band the rule "
                          "allows (grey). Red: outside the band.",
        "nights": "Night shifts", "weekends": "Weekend days", "sundays": "Sundays",
        "evenings": "Evening shifts", "team_average": "team average", "per_fte": "per FTE",
        "spread": "spread", "fair_share": "fair share", "no_fairness": "No fairness figures.",
        "hours": "Hours against contract",
        "hours_intro": "Planned hours (bar), contract target (tick) and the allowed band "
                       "(green). Red: outside the band.",
        "planned": "planned", "target": "target", "difference": "difference", "band": "band",
        "table": "Table",
        "penalties": "Penalties", "family": "rule family", "deviations": "deviations",
        "points": "points", "share": "share", "total": "total",
        "no_penalties": "No soft rule is broken: no penalty.",
        "top": "Largest deviations", "rule": "rule", "date": "date", "amount": "amount",
        "reason": "reason",
        "areas_day": "Who is where, per day",
        "areas_day_intro": "Per area and day each shift that starts there, with its times and "
                           "who works it there (by where people work that day, not their home "
                           "area); the coordinator on duty city-wide; red: below the minimum, "
                           "orange: below the target, with the times and how many are short.",
        "coordinator": "coordinator", "week": "week",
        "key_min": "< min", "key_target": "< target", "key_max": "> max", "key_ok": "met",
        "status.OPTIMAL": "OPTIMAL", "status.FEASIBLE": "FEASIBLE",
        "status.INFEASIBLE": "INFEASIBLE", "status.UNKNOWN": "UNKNOWN",
    },
    "nl": {
        "title": "Roosterrapport", "horizon": "Periode", "weeks": "weken", "file": "Roosterbestand",
        "generated": "Rapport gemaakt", "run": "Run", "status": "status", "objective": "doelfunctie",
        "bound": "beste grens", "gap": "gat", "seconds": "seconden", "run_at": "gemaakt op",
        "version": "versie", "profile": "regelprofiel", "input": "invoerbestand",
        "no_run": "Dit rooster heeft geen Run-blad (handgemaakt rooster): geen solvercijfers.",
        "checker_total": "totaal afwijkingen (controle)", "people": "medewerkers",
        "assignments": "diensten", "unmet": "minimumbezetting niet gehaald",
        "person_hours": "persoonsuren", "none": "geen",
        "violations": "Harde regels overtreden", "no_violations": "Geen harde regel overtreden.",
        "violations_intro": "Dit rooster overtreedt {n} harde regel(s); publiceer het zo niet.",
        "more": "… en nog {n}",
        "coverage": "Bezetting per wijk",
        "coverage_intro": "Eén kolom per datum, één rij per uur. Rood: onder het minimum; "
                          "oranje: onder het doel; blauw: boven het maximum; groen: gedekt. "
                          "Het getal is het kleinste aantal mensen in dat uur; wijs aan voor "
                          "elke eis.",
        "area": "wijk", "all_areas": "alle wijken", "hours_required": "uren met een eis",
        "short_min": "onder minimum (persoonsuren)", "short_target": "onder doel (persoonsuren)",
        "over_max": "boven maximum (persoonsuren)",
        "no_demand": "Het blad Bezetting vraagt niets.",
        "grid": "Rooster", "staff": "medewerker", "name": "naam", "absent": "afwezig",
        "grid_intro": "CODE@WIJK: ingezet buiten de eigen wijk. Weekenden en feestdagen zijn "
                      "grijs.",
        "fairness": "Eerlijke verdeling",
        "fairness_intro": "Per persoon het aantal (balk), het eerlijke deel — het "
                          "teamgemiddelde naar contract — (streep) en de marge van ±1 die de "
                          "regel toestaat (grijs). Rood: buiten de marge.",
        "nights": "Nachtdiensten", "weekends": "Weekenddagen", "sundays": "Zondagen",
        "evenings": "Avonddiensten", "team_average": "teamgemiddelde", "per_fte": "per fte",
        "spread": "spreiding", "fair_share": "eerlijk deel", "no_fairness": "Geen cijfers.",
        "hours": "Uren tegenover contract",
        "hours_intro": "Ingeplande uren (balk), contractdoel (streep) en de toegestane marge "
                       "(groen). Rood: buiten de marge.",
        "planned": "gepland", "target": "doel", "difference": "verschil", "band": "marge",
        "table": "Tabel",
        "penalties": "Afwijkingen", "family": "regelfamilie", "deviations": "afwijkingen",
        "points": "punten", "share": "aandeel", "total": "totaal",
        "no_penalties": "Geen zachte regel overtreden: geen afwijkingen.",
        "top": "Grootste afwijkingen", "rule": "regel", "date": "datum", "amount": "hoeveelheid",
        "reason": "reden",
        "areas_day": "Wie is waar, per dag",
        "areas_day_intro": "Per wijk en dag elke dienst die daar begint, met tijden en wie hem "
                           "daar werkt (naar waar men die dag werkt, niet de eigen wijk); de "
                           "coördinator van dienst; rood: onder het minimum, oranje: onder het "
                           "doel, met de tijden en hoeveel mensen er te weinig zijn.",
        "coordinator": "coördinator", "week": "week",
        "key_min": "< min", "key_target": "< doel", "key_max": "> max", "key_ok": "gehaald",
        "status.OPTIMAL": "optimaal (beste mogelijke)", "status.FEASIBLE": "geldig rooster",
        "status.INFEASIBLE": "onhaalbaar", "status.UNKNOWN": "onbekend",
    },
}

BRIEFING: dict[str, dict[str, str]] = {
    "en": {
        "title": "Briefing", "coordinator": "Coordinator on duty (city-wide)", "none": "none",
        "shift": "Shift", "on_duty": "On duty", "hotspots": "Hotspots and events",
        "today": "Hotspots and events today", "gaps": "Below staffing",
        "below_min": "below minimum", "below_target": "below target", "short": "short",
        "reports": "Reports in the last {weeks} weeks ({first} – {last}) at this time of day",
        "reports_n": "{n} reports; busiest hour {hour}:00", "no_reports": "no reports",
        "nobody": "nobody on duty in this area", "city_wide": "city-wide", "min": "min",
        "target": "target", "people": "people on duty in this area today: {n}",
    },
    "nl": {
        "title": "Briefing", "coordinator": "Coördinator van dienst (hele stad)", "none": "geen",
        "shift": "Dienst", "on_duty": "In dienst", "hotspots": "Hotspots en evenementen",
        "today": "Hotspots en evenementen vandaag", "gaps": "Onderbezetting",
        "below_min": "onder minimum", "below_target": "onder doel", "short": "te weinig",
        "reports": "Meldingen in de afgelopen {weeks} weken ({first} – {last}) op dit tijdstip",
        "reports_n": "{n} meldingen; drukste uur {hour}:00", "no_reports": "geen meldingen",
        "nobody": "niemand in dienst in deze wijk", "city_wide": "hele stad", "min": "min",
        "target": "doel", "people": "in dienst in deze wijk vandaag: {n}",
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
        "staff": "staff", "name": "name", "home_area": "home area", "hours_per_week": "hours per week",
        "target_hours": "target hours", "planned_hours": "planned hours", "difference": "difference",
        "nights": "nights", "evenings": "evenings", "weekend_days": "weekend days",
        "sundays": "Sundays", "wishes_granted": "wishes granted", "wishes_refused": "wishes refused",
        "fair_share": "fair share of {cat}", "per_fte": "{cat} per FTE",
        "cat.nights": "nights", "cat.weekends": "weekend days", "cat.sundays": "Sundays",
        "cat.evenings": "evenings",
        "outlier": "orange/red: more than 1 / 2 away from the fair share (nights, weekend days, "
                   "Sundays, evenings) or outside 10 % / 20 % of the target hours",
    },
    "nl": {
        "staff": "medewerker", "name": "naam", "home_area": "thuiswijk",
        "hours_per_week": "uren per week", "target_hours": "doeluren",
        "planned_hours": "geplande uren", "difference": "verschil", "nights": "nachten",
        "evenings": "avonden", "weekend_days": "weekenddagen", "sundays": "zondagen",
        "wishes_granted": "wensen ingewilligd", "wishes_refused": "wensen geweigerd",
        "fair_share": "eerlijk deel {cat}", "per_fte": "{cat} per fte",
        "cat.nights": "nachten", "cat.weekends": "weekenddagen", "cat.sundays": "zondagen",
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
        "fixed": "fixed in the input", "not_available": "not available",
        "not_employed": "not employed on this date", "law": "working-time law",
        "not_in_input": "no longer in the input", "no_longer_allowed": "no longer allowed ({why})",
        "takes_over": "takes over {shift} from {staff}, {who}", "who_absent": "who is absent",
        "who_unavailable": "who is not available", "keeps_rest": "moved so that {staff} keeps {hours} h rest",
        "keeps_rule": "moved so that {staff} keeps the {rule}",
        "keeps_min": "keeps the minimum staffing{skill} {where} {times}",
        "towards_target": "brings the staffing{skill} {where} {times} closer to its target",
        "contract": "moved so that {staff} stays within the contract hours",
        "other": "to fit other changes", "in": "in {area}", "city": "city-wide", "off": "off",
        "status": "Status {status}: objective {objective}",
        "bound": ", bound {bound}, gap {gap}", "after": "after {seconds} s",
        "changed": "{n} shift(s) changed for {people} person(s); {notice} within the notice period "
                   "({days} days from {today}). Dates before {keep} kept as published.",
        "call": "People to call ({n}), first the earliest change:",
        "person": "{staff}: {n} change(s)", "person_notice": ", {n} within the notice period",
        "more": "… and {n} more people in the Changes sheet", "written": "Roster written to {path}",
    },
    "nl": {
        "fixed": "vastgelegd in de invoer", "not_available": "niet beschikbaar",
        "not_employed": "niet in dienst op deze datum", "law": "Arbeidstijdenwet",
        "not_in_input": "niet meer in de invoer", "no_longer_allowed": "niet meer toegestaan ({why})",
        "takes_over": "neemt {shift} over van {staff}, {who}", "who_absent": "die afwezig is",
        "who_unavailable": "die niet beschikbaar is",
        "keeps_rest": "verschoven zodat {staff} {hours} uur rust houdt",
        "keeps_rule": "verschoven zodat {staff} de {rule} houdt",
        "keeps_min": "houdt de minimale bezetting{skill} {where} {times}",
        "towards_target": "brengt de bezetting{skill} {where} {times} dichter bij het doel",
        "contract": "verschoven zodat {staff} binnen de contracturen blijft",
        "other": "past bij andere wijzigingen", "in": "in {area}", "city": "in de hele stad",
        "off": "vrij",
        "status": "Status {status}: doelfunctie {objective}",
        "bound": ", grens {bound}, gat {gap}", "after": "na {seconds} s",
        "changed": "{n} dienst(en) gewijzigd voor {people} medewerker(s); {notice} binnen de "
                   "aankondigingstermijn ({days} dagen vanaf {today}). Data voor {keep} blijven "
                   "zoals gepubliceerd.",
        "call": "Te bellen ({n}), de vroegste wijziging eerst:",
        "person": "{staff}: {n} wijziging(en)", "person_notice": ", {n} binnen de aankondigingstermijn",
        "more": "… en nog {n} medewerkers in het blad Wijzigingen",
        "written": "Rooster geschreven naar {path}",
    },
}

# The HR exports' texts for people (the iCalendar event description).
EXPORT: dict[str, dict[str, str]] = {
    "en": {"ics_description": "Shift {shift}, area {area}, paid hours {hours}",
           "ics_calendar": "Roster {person}"},
    "nl": {"ics_description": "Dienst {shift}, wijk {area}, betaalde uren {hours}",
           "ics_calendar": "Rooster {person}"},
}

# Hard rules in words, for the reasons of repair's changes.
RULE_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "daily_rest": "rest rule", "weekly_rest": "weekly rest rule",
        "night_work": "night-work rule", "week_hours": "working-hours limit",
        "shift_length": "shift length rule", "free_sundays": "free Sundays rule",
        "consecutive_days": "limit of days in a row", "staff_limits": "shift limit",
        "shift_sequence": "shift order rule", "pairs": "patrol in pairs",
        "contract_hours": "contract hours limit", "coverage": "minimum staffing",
        "one_shift_per_day": "one shift per day", "wishes": "availability",
    },
    "nl": {
        "daily_rest": "dagelijkse rust", "weekly_rest": "wekelijkse rust",
        "night_work": "regels voor nachtwerk", "week_hours": "grens van de arbeidstijd",
        "shift_length": "maximale dienstduur", "free_sundays": "vrije zondagen",
        "consecutive_days": "grens van dagen achtereen", "staff_limits": "dienstlimiet",
        "shift_sequence": "volgorde van diensten", "pairs": "surveilleren in tweetallen",
        "contract_hours": "grens van de contracturen", "coverage": "minimale bezetting",
        "one_shift_per_day": "één dienst per dag", "wishes": "beschikbaarheid",
    },
}

CATALOGUE: dict[str, dict[str, dict[str, str]]] = {
    "sheets": SHEETS, "columns": COLUMNS, "workbook": WORKBOOK, "report": REPORT,
    "briefing": BRIEFING, "outcome": OUTCOME, "repair": REPAIR, "people": PEOPLE,
    "rule_words": RULE_WORDS, "export": EXPORT,
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
