"""Rule profiles (TOML rulebooks) and the resolved rule set of one workbook.

A profile has one section per rule family; inside a section the keys are the keys of
RULES.md (``max_shift_hours``, ``weight.short_of_target``, ``hard.max_consecutive_nights``).
The workbook's Rules sheet (and Settings ``weight.<name>``) override them by the same key.
Law keys may only be made stricter unless ``allow_below_law`` is set.

Never imports the solver.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROFILE_SUFFIX = ".toml"

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

# Rules that may be switched between hard and soft from the workbook, with the weight key used
# when soft. Any other `hard` value in the Rules sheet is refused with a clear message.
SWITCHABLE: dict[str, str] = {
    "max_consecutive_nights": "weight.max_consecutive_nights",
}

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
        f"rule profile {name!r} is not a built-in profile; choose one of: "
        + ", ".join(available_profiles())
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


def load_profile(name: str = "atw", base_dir: Path | None = None) -> Profile:
    path = find_profile(name, base_dir)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"rule profile {path.name} is not valid TOML: {exc}") from exc
    values: dict[str, Any] = {}
    family_of: dict[str, str] = {}
    for section, content in data.items():
        if not isinstance(content, dict):
            continue
        for key, value in _flatten(content).items():
            if key in values:
                raise ValueError(f"rule profile {path.name}: key {key!r} appears twice")
            values[key] = value
            family_of[key] = section
    return Profile(
        name=str(data.get("name", path.stem)),
        description=str(data.get("description", "")),
        values=values,
        family_of=family_of,
        irregular_hours=tuple(data.get("irregular_hours", [])),
        path=path,
    )


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
        return any(
            break_for(int(limit) + 1, value) < int(brk) for limit, brk in (law_value or [])
        )
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
