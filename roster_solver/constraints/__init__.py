"""Rule families, one module each; ``FAMILIES`` is the explicit, ordered list the engine builds."""

from __future__ import annotations

from .availability import Availability
from .base import Family
from .one_shift_per_day import OneShiftPerDay

FAMILIES: tuple[Family, ...] = (
    OneShiftPerDay(),
    Availability(),
)

FAMILY_BY_NAME: dict[str, Family] = {f.name: f for f in FAMILIES}

__all__ = ["FAMILIES", "FAMILY_BY_NAME", "Family"]
