"""Live progress while solving: elapsed time, best objective, bound, gap, a bar against the limit."""

from __future__ import annotations

import threading
import time
from types import TracebackType

from rich.console import Console
from rich.live import Live
from rich.text import Text

from .engine.solve import Progress
from .roster import COST_SCALE


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
        elapsed = time.monotonic() - self.started
        width = 24
        filled = min(width, int(width * elapsed / self.limit))
        bar = "█" * filled + "░" * (width - filled)
        text = f"solving {bar} {elapsed:5.1f}/{self.limit:g} s"
        p = self.last
        if p is None or (p.objective is None and p.solutions == 0):
            text += "  looking for a first roster…"
        elif p.objective is None:
            text += "  first rosters found; filling staffing and contract hours…"
        else:
            obj = p.objective / COST_SCALE
            if p.bound is None:  # the greedy start or the staffing warm-up: no bound yet
                text += f"  best {obj:,.2f}  bound –  rosters {p.solutions}"
            else:
                gap = 0.0 if p.objective == 0 else max(0.0, (p.objective - p.bound) / abs(p.objective))
                text += (f"  best {obj:,.2f}  bound {p.bound / COST_SCALE:,.2f}  gap {gap:.1%}"
                         f"  rosters {p.solutions}")
        return Text(text)
