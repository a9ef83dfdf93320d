"""CP-SAT engine: the model context (variables and penalty ledger), build and solve."""

from .context import ModelContext, PenaltyTerm
from .solve import build_model, solve

__all__ = ["ModelContext", "PenaltyTerm", "build_model", "solve"]
