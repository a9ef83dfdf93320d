"""Rule profiles (TOML rulebooks) and the resolved rule set of one workbook.

A profile has one section per rule family; inside a section the keys are the keys of the rule
catalogue, docs/rules.md (``max_shift_hours``, ``weight.short_of_target``,
``hard.max_consecutive_nights``).
The workbook's Rules sheet (and Settings ``weight.<name>``) override them by the same key.
Law keys may only be made stricter unless ``allow_below_law`` is set.

Never imports the solver.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROFILE_SUFFIX = ".toml"
MAX_PROFILE_BYTES = 1_000_000  # a rulebook is a few kB; anything this large is another file
MAX_WEIGHT = 1_000_000  # the largest weight of a soft rule (see domain's sane ranges)
DEFAULT_SOFT_WEIGHT = 100  # an organisational hard rule made soft, per unit over (docs/rules.md)

# Law keys and the direction in which a value is stricter ("max": lower is stricter).
LAW_KEYS: dict[str, str] = {
    "max_shift_hours": "max",
    "max_night_shift_hours": "max",
    "min_daily_rest_hours": "min",
    "min_rest_after_night_hours": "min",
    "min_rest_after_night_series_hours": "min",
    "max_consecutive_shifts_with_night": "max",
    "min_weekly_rest_hours": "min",
    "max_week_hours": "max",
    "max_avg_week_hours_4w": "max",
    "max_avg_week_hours_16w": "max",
    "max_nights_after_0200_16w": "max",
    "min_free_sundays_52w": "min",
    "min_age_nights": "min",
    "max_avg_week_hours_16w_nights": "max",
    "min_break_minutes": "min",
    "weekly_rest_72_per_14_days": "bool_loosens",
}

# Rules that may be switched between hard and soft from the workbook (Rules sheet column
# `hard`), with the weight key used when soft. `max_consecutive_nights` is soft by default and
# `hard = yes` makes it hard; the organisational hard rules (docs/rules.md) become soft with
# `hard = no`: `hours_tolerance_pct` stands for the upper hours band. Any other `hard` value is
# refused, except `hard = yes` on a rule that is already hard (a no-op, with a warning).
SWITCHABLE: dict[str, str] = {
    "max_consecutive_nights": "weight.max_consecutive_nights",
    "max_consecutive_days": "weight.max_consecutive_days",
    "hours_tolerance_pct": "weight.hours_over",
    "max_weekends": "weight.max_weekends",
}
# Hard rules that are not law: hard unless switched off by `hard = no`.
ORGANISATION_HARD = ("max_consecutive_days", "hours_tolerance_pct", "max_weekends", "pairs")

# Keys whose value is yes/no.
BOOL_KEYS = frozenset({"allow_below_law", "pairs", "weekly_rest_72_per_14_days"})

# Sane values per numeric rule key: (lowest, highest, whole number only). Weights (`weight.*`)
# are whole numbers from 0 to MAX_WEIGHT. A key not listed here takes any number from 0 to
# MAX_WEIGHT (a custom profile may add keys).
RULE_RANGES: dict[str, tuple[float, float, bool]] = {
    "notice_days": (0, 366, True),
    "max_shift_hours": (0, 24, False),
    "max_night_shift_hours": (0, 24, False),
    "min_daily_rest_hours": (0, 168, False),
    "min_rest_after_night_hours": (0, 168, False),
    "min_rest_after_night_series_hours": (0, 168, False),
    "max_consecutive_shifts_with_night": (0, 366, True),
    "max_nights_after_0200_16w": (0, 112, True),
    "min_age_nights": (0, 100, True),
    "min_weekly_rest_hours": (0, 168, False),
    "max_week_hours": (0, 168, False),
    "max_avg_week_hours_4w": (0, 168, False),
    "max_avg_week_hours_16w": (0, 168, False),
    "max_avg_week_hours_16w_nights": (0, 168, False),
    "min_free_sundays_52w": (0, 52, True),
    "hours_tolerance_pct": (0, 100, False),
    "max_consecutive_days": (0, 366, True),
    "max_consecutive_nights": (0, 366, True),
}


def rule_range(key: str) -> tuple[float, float, bool]:
    """(lowest, highest, whole) for a numeric rule key."""
    if key.startswith("weight."):
        return 0, MAX_WEIGHT, True
    return RULE_RANGES.get(key, (0, MAX_WEIGHT, False))


def check_number(key: str, number: float) -> None:
    """Raise ValueError (worded to follow the value) when ``number`` is no sane value of ``key``."""
    lo, hi, whole = rule_range(key)
    if whole and not float(number).is_integer():
        raise ValueError("is not a whole number")
    if number < lo:
        raise ValueError(f"must be at least {_show(lo)}")
    if number > hi:
        raise ValueError(f"must be at most {_show(hi)}")


def _show(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else f"{number:g}"


# Non-family sections of a profile.
META_SECTIONS = {"general", "irregular_hours"}


def _profile_dirs() -> list[Path]:
    here = Path(__file__).resolve().parent
    # Installed wheel: constraints/ is shipped as roster_solver/profiles; source checkout and
    # editable install: the repository's top-level constraints/.
    return [here / "profiles", here.parent / "constraints"]


def available_profiles() -> list[str]:
    names: set[str] = set()
    for d in _profile_dirs():
        if d.is_dir():
            names.update(p.stem for p in d.glob(f"*{PROFILE_SUFFIX}"))
    return sorted(names)


def find_profile(name: str, base_dir: Path | None = None) -> Path:
    """A built-in profile by name, or a path (relative to ``base_dir``, the workbook's folder)."""
    candidate = Path(name)
    if candidate.suffix == PROFILE_SUFFIX or "/" in name or "\\" in name:
        path = candidate if candidate.is_absolute() or base_dir is None else base_dir / candidate
        if path.is_file():
            return path
        raise FileNotFoundError(f"rule profile file {name!r} not found")
    for d in _profile_dirs():
        path = d / f"{name}{PROFILE_SUFFIX}"
        if path.is_file():
            return path
    raise FileNotFoundError(
        f"rule profile {name!r} is not a built-in profile; choose one of: " + ", ".join(available_profiles())
    )


def _flatten(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in table.items():
        full = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, full + "."))
        else:
            out[full] = value
    return out


@dataclass(frozen=True)
class Profile:
    """A parsed rulebook: every key with its value and the family (section) it belongs to."""

    name: str
    description: str
    values: dict[str, Any]
    family_of: dict[str, str]
    irregular_hours: tuple[dict[str, str], ...] = ()
    path: Path | None = None


class ProfileError(ValueError):
    """A rule profile that cannot be used: every problem, each naming the file and line."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def load_profile(name: str = "atw", base_dir: Path | None = None) -> Profile:
    """Load and check a rule profile; raises FileNotFoundError or :class:`ProfileError`."""
    path = find_profile(name, base_dir)
    label = f"rule profile {path.name}"
    try:
        if path.stat().st_size > MAX_PROFILE_BYTES:
            raise ProfileError(
                [
                    f"{label}: is {path.stat().st_size:,} bytes, too large to be a rule "
                    "profile (a TOML file of a few kB)"
                ]
            )
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ProfileError([f"{label}: is not a text file (a rule profile is a TOML file)"]) from None
    except OSError as exc:
        raise ProfileError([f"{label}: cannot be read ({exc.strerror or exc})"]) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.fullmatch(r"(.*) \(at line (\d+), column \d+\)", str(exc))
        where, why = (f", line {m.group(2)}", m.group(1)) if m else ("", str(exc))
        raise ProfileError([f"{label}{where}: is not valid TOML ({why})"]) from None
    values: dict[str, Any] = {}
    family_of: dict[str, str] = {}
    problems: list[str] = []
    for section, content in data.items():
        if not isinstance(content, dict):
            continue
        for key, value in _flatten(content).items():
            if key in values:
                problems.append(
                    f"{label}, line {_line_of(text, section, key)}: key {key} appears twice (in two sections)"
                )
                continue
            values[key] = value
            family_of[key] = section
            problem = _value_problem(key, value)
            if problem:
                problems.append(f"{label}, line {_line_of(text, section, key)}: {key} = {value!r} {problem}")
    irregular = data.get("irregular_hours", [])
    if not isinstance(irregular, list) or not all(isinstance(w, dict) for w in irregular):
        problems.append(
            f"{label}, line {_line_of(text, None, 'irregular_hours')}: irregular_hours must "
            "be a list of [[irregular_hours]] tables"
        )
        irregular = []
    for k, window in enumerate(irregular, start=1):
        problem = _window_problem(window)
        if problem:
            problems.append(
                f"{label}, line {_line_of_table(text, 'irregular_hours', k)}: "
                f"[[irregular_hours]] number {k} {problem}"
            )
    if problems:
        raise ProfileError(problems)
    return Profile(
        name=str(data.get("name", path.stem)),
        description=str(data.get("description", "")),
        values=values,
        family_of=family_of,
        irregular_hours=tuple(irregular),
        path=path,
    )


def _value_problem(key: str, value: Any) -> str | None:
    """What is wrong with a profile value (None when it is fine)."""
    if key.startswith("hard.") or key in BOOL_KEYS:
        return None if isinstance(value, bool) else "must be true or false"
    if key == "min_break_minutes":
        ok = isinstance(value, list) and all(
            isinstance(pair, list)
            and len(pair) == 2
            and all(isinstance(x, int) and not isinstance(x, bool) and 0 <= x <= 1440 for x in pair)
            for pair in value
        )
        return None if ok else "must be a list of [minutes of work, minutes of break] pairs"
    if isinstance(value, bool) or not isinstance(value, int | float):
        if key.startswith("weight.") or key in RULE_RANGES:
            return "must be a number"
        return None  # a key of a custom profile that no rule reads
    try:
        check_number(key, value)
    except ValueError as exc:
        return str(exc)
    return None


def _window_problem(window: dict[str, Any]) -> str | None:
    from .calendar import parse_days, parse_time_text

    for key in ("name", "days", "from", "to"):
        if not isinstance(window.get(key), str):
            return f"needs {key} as text"
    try:
        parse_days(window["days"])
    except ValueError as exc:
        return f"days {window['days']!r} {exc}"
    for key in ("from", "to"):
        try:
            parse_time_text(window[key])
        except ValueError as exc:
            return f"{key} {window[key]!r} {exc}"
    return None


def _line_of(text: str, section: str | None, key: str) -> int | str:
    """The line on which ``key`` is set (inside ``[section]`` when given); "?" if not found."""
    leaf = key.split(".")
    pattern = re.compile(
        r"\s*" + r"\s*\.\s*".join(rf'(?:{re.escape(p)}|"{re.escape(p)}")' for p in leaf) + r"\s*="
    )
    current: str | None = None
    fallback: int | None = None
    for n, line in enumerate(text.splitlines(), start=1):
        header = re.match(r"\s*\[\[?\s*([^\]]+?)\s*\]", line)
        if header:
            current = header.group(1)
            continue
        if pattern.match(line):
            if section is None or current == section:
                return n
            fallback = fallback or n
    return fallback or "?"


def _line_of_table(text: str, name: str, k: int) -> int | str:
    """The line of the ``k``-th ``[[name]]`` table header."""
    seen = 0
    for n, line in enumerate(text.splitlines(), start=1):
        if re.match(rf"\s*\[\[\s*{re.escape(name)}\s*\]\]", line):
            seen += 1
            if seen == k:
                return n
    return "?"


@dataclass(frozen=True)
class RuleSet:
    """The rules in force for one workbook: profile values with the workbook's overrides applied."""

    profile: Profile
    values: dict[str, Any]
    overridden: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def minutes(self, key: str) -> int:
        """An hours value as whole minutes (0 when the rule is switched off)."""
        return round(float(self.values.get(key, 0) or 0) * 60)

    def weight(self, name: str) -> int:
        """``weight.<name>``; ``name`` may be given with or without the prefix."""
        key = name if name.startswith("weight.") else f"weight.{name}"
        return int(self.values.get(key, 0) or 0)

    def is_hard(self, key: str) -> bool:
        return bool(self.values.get(f"hard.{key}", True))

    def soft_weight(self, key: str) -> int | None:
        """The weight per unit over of a hard-by-default rule made soft (``hard.<key> = false``,
        from a Rules row with hard = no), or None while it is hard. Default 100
        (docs/rules.md#making-a-rule-stricter-looser-hard-or-soft)."""
        if self.is_hard(key):
            return None
        return int(self.values.get(SWITCHABLE.get(key, f"weight.{key}"), DEFAULT_SOFT_WEIGHT))

    @property
    def allow_below_law(self) -> bool:
        return bool(self.values.get("allow_below_law", False))


def resolve_rules(profile: Profile, overrides: dict[str, Any]) -> RuleSet:
    """Apply already-validated overrides (see the domain model for the checks)."""
    values = dict(profile.values)
    values.update(overrides)
    return RuleSet(profile=profile, values=values, overridden=dict(overrides))


def is_looser_than_law(key: str, value: Any, law_value: Any) -> bool:
    """True when ``value`` is less strict than the profile's ``law_value`` for a law key."""
    direction = LAW_KEYS.get(key)
    if direction is None:
        return False
    if direction == "bool_loosens":
        return bool(value) and not bool(law_value)
    if key == "min_break_minutes":
        return any(break_for(int(limit) + 1, value) < int(brk) for limit, brk in (law_value or []))
    try:
        v, law = float(value), float(law_value)
    except (TypeError, ValueError):
        return False
    if law == 0:  # the profile has the rule switched off
        return False
    if direction == "max":
        return v == 0 or v > law
    return v < law


def break_for(work_minutes: int, table: list[list[int]] | list[tuple[int, int]]) -> int:
    """The minimum break for a shift of ``work_minutes`` (ATW art. 5:4 style table)."""
    need = 0
    for limit, brk in table or []:
        if work_minutes > int(limit):
            need = max(need, int(brk))
    return need


def parse_break_table(text: str) -> list[list[int]]:
    """``"30 above 5.5 h, 45 above 10 h"`` (also ``boven``) → ``[[330, 30], [600, 45]]``."""
    import re

    pairs: list[list[int]] = []
    for part in re.split(r"[,;]", text):
        part = part.strip().lower()
        if not part:
            continue
        m = re.fullmatch(r"(\d+)\s*(?:min)?\s*(?:above|boven|>)\s*(\d+(?:[.,]\d+)?)\s*(?:h|u|uur)?", part)
        if m is None:
            raise ValueError("expected e.g. '30 above 5.5 h, 45 above 10 h'")
        pairs.append([round(float(m.group(2).replace(",", ".")) * 60), int(m.group(1))])
    return sorted(pairs)
