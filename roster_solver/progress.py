"""Live progress while solving: elapsed time, best objective, bound, gap, a bar against the limit."""

from __future__ import annotations

import threading
import time
from types import TracebackType

from rich.console import Console
from rich.live import Live
from rich.text import Text

from .engine.solve import Progress
from .roster import cost_points


class ProgressDisplay:
    """A one-line live display (stderr); silent when disabled or not attached to a terminal."""

    def __init__(self, time_limit: float, *, enabled: bool = True, console: Console | None = None) -> None:
        self.limit = max(time_limit, 0.1)
        self.console = console or Console(stderr=True)
        self.enabled = enabled and self.console.is_terminal
        self.last: Progress | None = None
        self.started = time.monotonic()
        self._live: Live | None = None
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    def __enter__(self) -> ProgressDisplay:
        self.started = time.monotonic()
        if self.enabled:
            self._live = Live(self._render(), console=self.console, refresh_per_second=4, transient=True)
            self._live.__enter__()
            self._ticker = threading.Thread(target=self._tick, daemon=True)
            self._ticker.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join(timeout=1)
        if self._live is not None:
            self._live.__exit__(exc_type, exc, tb)

    def _tick(self) -> None:
        while not self._stop.wait(0.25):
            if self._live is not None:
                self._live.update(self._render())

    def update(self, p: Progress) -> None:
        self.last = p

    def _render(self) -> Text:
        """The line, fitted to the terminal's width: the bar narrows first, then the roster
        count, the bound and the gap are left out, and only then is the text cut (with …)."""
        elapsed = time.monotonic() - self.started
        p = self.last
        optional: list[str] = []  # dropped from the end while the line is too wide
        if p is None or (p.objective is None and p.solutions == 0):
            core = "looking for a first roster…"
        elif p.objective is None:
            core = "first rosters found; filling staffing and contract hours…"
        else:
            obj = cost_points(p.objective)
            core = f"best {obj:,.2f}"
            if p.bound is None:  # the greedy start or the staffing warm-up: no bound yet
                optional = ["bound –", f"rosters {p.solutions}"]
            else:
                gap = 0.0 if p.objective == 0 else max(0.0, (p.objective - p.bound) / abs(p.objective))
                optional = [f"bound {cost_points(p.bound):,.2f}", f"gap {gap:.1%}", f"rosters {p.solutions}"]
        return Text(fit_line(elapsed, self.limit, core, optional, self.console.width - 1))


def fit_line(elapsed: float, limit: float, core: str, optional: list[str], width: int) -> str:
    """``solving ███░░ 3.0/60 s  best 10.00  bound 5.00  gap 50.0%  rosters 2`` in at most
    ``width`` characters (see :meth:`ProgressDisplay._render`)."""
    clock = f"{elapsed:5.1f}/{limit:g} s"
    text = ""
    for keep in range(len(optional), -1, -1):
        for bar_width in (24, 12, 6, 0):
            filled = min(bar_width, int(bar_width * elapsed / limit))
            bar = "█" * filled + "░" * (bar_width - filled)
            head = f"solving {bar} {clock}" if bar_width else f"solving {clock}"
            text = "  ".join([head, core, *optional[:keep]])
            if len(text) <= width:
                return text
    return text if width < 2 else text[: width - 1] + "…"
