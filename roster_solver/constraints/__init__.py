"""Rule families, one module each; ``FAMILIES`` is the explicit, ordered list the engine builds.

Order: structure first (one shift per day, availability), then the law (Arbeidstijdenwet
chapter 5), then the organisation's hard rules, then the soft quality rules.
"""

from __future__ import annotations

from .availability import Availability
from .base import Family
from .change_from_published import ChangeFromPublished
from .consecutive_days import ConsecutiveDays
from .contract_hours import ContractHours
from .coverage import Coverage
from .daily_rest import DailyRest
from .fairness import Fairness
from .free_sundays import FreeSundays
from .home_area import HomeArea
from .night_work import NightWork
from .one_shift_per_day import OneShiftPerDay
from .pairs import Pairs
from .rotation import Rotation
from .shift_length import ShiftLength
from .shift_sequence import ShiftSequence
from .staff_limits import StaffLimits
from .week_hours import WeekHours
from .weekly_rest import WeeklyRest
from .wishes import Wishes

FAMILIES: tuple[Family, ...] = (
    OneShiftPerDay(),
    Availability(),
    # law
    ShiftLength(),
    DailyRest(),
    NightWork(),
    WeeklyRest(),
    WeekHours(),
    FreeSundays(),
    # organisation, hard
    ConsecutiveDays(),
    StaffLimits(),
    ShiftSequence(),
    Pairs(),
    # coverage and contract
    Coverage(),
    ContractHours(),
    # quality, soft
    Fairness(),
    Wishes(),
    Rotation(),
    HomeArea(),
    # re-planning (active only with a published roster)
    ChangeFromPublished(),
)

FAMILY_BY_NAME: dict[str, Family] = {f.name: f for f in FAMILIES}

__all__ = ["FAMILIES", "FAMILY_BY_NAME", "Family"]
