from rich.console import Console

from roster_solver.engine.solve import Progress
from roster_solver.progress import ProgressDisplay


def render(p: Progress | None) -> str:
    display = ProgressDisplay(60, enabled=False, console=Console(force_terminal=False))
    if p is not None:
        display.update(p)
    return display._render().plain


def test_before_the_first_roster() -> None:
    assert "looking for a first roster" in render(None)


def test_without_a_bound_no_gap_is_claimed() -> None:
    text = render(Progress(3.0, 600, None, 1))
    assert "best 10.00" in text and "bound –" in text and "gap" not in text


def test_with_a_bound_the_gap_is_shown() -> None:
    text = render(Progress(3.0, 600, 300, 2))
    assert "bound 5.00" in text and "gap 50.0%" in text


def test_while_solving_the_core_model_no_objective_is_claimed() -> None:
    text = render(Progress(3.0, None, None, 2))
    assert "first rosters found" in text and "best" not in text


def test_the_line_fits_the_terminal_width() -> None:
    p = Progress(3.0, 600, 300, 2)
    for width in (120, 80, 60, 40, 30):
        display = ProgressDisplay(60, enabled=False, console=Console(force_terminal=False, width=width))
        display.update(p)
        text = display._render().plain
        assert len(text) <= width - 1, (width, text)
        assert "best 10.00" in text or text.endswith("…")
    wide = ProgressDisplay(60, enabled=False, console=Console(force_terminal=False, width=120))
    wide.update(p)
    line = wide._render().plain
    assert "rosters 2" in line and "gap 50.0%" in line and "░" * 20 in line  # the full bar
    narrow = ProgressDisplay(60, enabled=False, console=Console(force_terminal=False, width=60))
    narrow.update(p)
    text = narrow._render().plain
    assert "best 10.00" in text and "bound 5.00" in text and "rosters" not in text
