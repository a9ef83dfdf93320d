"""The rule-family contract (see STYLE.md): ``add_to_model``, ``check`` and ``penalty``.

Families are small stateless objects with a stable ``name`` equal to their section in the
rule profile. ``check`` and ``penalty`` are plain Python on a finished roster and never touch
solver variables, so the checker can verify any roster without building a model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from ..domain import Problem
from ..roster import Penalty, Roster, Violation

if TYPE_CHECKING:
    from ..engine.context import ModelContext


class Family:
    """Base class: a family with no hard rule and no soft cost unless it overrides them."""

    name: ClassVar[str] = ""
    #: Lexicographic stage of this family's soft terms (see engine.solve.STAGES).
    stage: ClassVar[str] = "comfort"
    #: True when the family adds only soft terms (no hard constraint): a weighted solve may
    #: first solve the model without such families and start the full one from that roster.
    soft_only: ClassVar[bool] = False

    def is_soft_only(self, problem: Problem) -> bool:
        return self.soft_only

    def add_to_model(self, ctx: ModelContext) -> None:  # pragma: no cover - overridden
        raise NotImplementedError

    def check(self, problem: Problem, roster: Roster) -> list[Violation]:
        return []

    def penalty(self, problem: Problem, roster: Roster) -> list[Penalty]:
        return []

    def __repr__(self) -> str:
        return f"<family {self.name}>"
