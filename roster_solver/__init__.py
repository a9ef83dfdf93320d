"""roster: duty-roster optimisation for Dutch municipal enforcement teams."""

__version__ = "0.1.0"
