import ast
import pickle
from datetime import date
from pathlib import Path

import pytest

from roster_solver import domain
from roster_solver.domain import Absence, Area, Problem, Settings, Shift, StaffMember
from roster_solver.errors import InputError
from tests.factories import make_problem, person, rules, shift


def test_night_shift_on_the_october_clock_change_lasts_nine_hours() -> None:
    pb = make_problem(start=date(2026, 10, 19), shifts=(shift("N", "22:00", "06:00"),))
    saturday = pb.instance("N", 5)
    assert saturday.date == date(2026, 10, 24)
    assert saturday.duration == 9 * 60
    assert saturday.work == 9 * 60 - 30
    assert pb.instance("N", 4).duration == 8 * 60


def test_night_shift_on_the_march_clock_change_lasts_seven_hours() -> None:
    pb = make_problem(start=date(2027, 3, 22), shifts=(shift("N", "22:00", "06:00"),))
    assert pb.instance("N", 5).duration == 7 * 60


@pytest.mark.parametrize(
    ("start", "end", "night", "after_0200", "evening"),
    [
        ("22:00", "06:00", True, True, False),
        ("23:00", "07:00", True, True, False),
        ("19:00", "02:00", True, False, False),  # 2 h in 00-06 but ends at 02:00 exactly
        ("18:00", "01:00", False, False, True),  # only 60 min in 00-06: not a night
        ("05:00", "13:00", False, False, False),  # 60 minutes before 06:00 is not "more than 60"
        ("04:00", "12:00", True, True, False),
        ("14:00", "22:00", False, False, True),  # 3 h after 19:00
        ("14:00", "20:30", False, False, False),  # only 1.5 h after 19:00
    ],
)
def test_night_and_evening_flags(start: str, end: str, night: bool, after_0200: bool, evening: bool) -> None:
    pb = make_problem(shifts=(shift("X", start, end),))
    inst = pb.instance("X", 0)
    assert (inst.night, inst.ends_after_0200, inst.evening) == (night, after_0200, evening)


def test_contract_target_after_credited_leave_and_holidays() -> None:
    # 2026-12-21 .. 2027-01-03: Christmas (Fri 25) and Boxing day (Sat 26) and New Year (Fri 1 Jan).
    leave = Absence(staff="a", start_date=date(2026, 12, 21), end_date=date(2026, 12, 27), type="leave")
    pb = make_problem(start=date(2026, 12, 21), staff=(person("a", hours=36),), absences=(leave,))
    p = pb.staff[0]
    # Mon–Thu are credited (Friday 25 Dec is a public holiday): 4 × 7.2 h.
    assert pb.credited_minutes(p) == round(4 * 7.2 * 60)
    assert pb.target_minutes(p) == round(72 * 60 - 4 * 7.2 * 60)


def test_contract_target_is_pro_rata_for_days_employed() -> None:
    pb = make_problem(staff=(person("a", hours=35, start_date=date(2026, 1, 12)),))
    assert pb.target_minutes(pb.staff[0]) == 35 * 60


def test_part_day_absence_credits_its_elapsed_hours() -> None:
    training = Absence(
        staff="a",
        start_date=date(2026, 1, 6),
        end_date=date(2026, 1, 6),
        start_minute=9 * 60,
        end_minute=13 * 60,
        type="training",
    )
    pb = make_problem(staff=(person("a"),), absences=(training,))
    assert pb.credited_minutes(pb.staff[0]) == 240


def test_absence_blocks_a_night_shift_running_into_it() -> None:
    leave = Absence(staff="a", start_date=date(2026, 1, 7), end_date=date(2026, 1, 8))
    pb = make_problem(staff=(person("a"),), absences=(leave,))
    days_with_night = {i.day for i, _ in pb.candidates["a"] if i.shift == "N"}
    assert 1 not in days_with_night  # Tue night ends Wed 07:00, inside the leave
    assert 0 in days_with_night


def test_cross_record_errors_are_all_reported() -> None:
    with pytest.raises(InputError) as exc:
        Problem(
            settings=Settings(start_date=date(2026, 1, 6), weeks=1),  # a Tuesday
            areas=(Area(code="CEN"),),
            shifts=(Shift(code="off", start=0, end=480, break_minutes=30),),
            staff=(
                StaffMember(id="a", home_area="XXX", hours_per_week=36),
                StaffMember(id="a", home_area="CEN", hours_per_week=36),
            ),
        )
    messages = [str(i) for i in exc.value.errors]
    assert len(messages) == 4
    assert any("must be a Monday" in m for m in messages)
    assert any("reserved word" in m for m in messages)
    assert any("not an area code" in m for m in messages)
    assert any("duplicate id" in m for m in messages)


def test_rules_may_only_be_stricter_than_the_law() -> None:
    with pytest.raises(InputError, match="less strict than the law"):
        make_problem(staff=(person("a"),), rules=rules(min_daily_rest_hours=8))
    pb = make_problem(staff=(person("a"),), rules=rules(min_daily_rest_hours=12))
    assert pb.ruleset["min_daily_rest_hours"] == 12
    allowed = make_problem(staff=(person("a"),), rules=rules(allow_below_law="yes", min_daily_rest_hours=8))
    assert allowed.ruleset["min_daily_rest_hours"] == 8


def test_unknown_rule_key_is_an_error() -> None:
    with pytest.raises(InputError, match="not a rule key"):
        make_problem(rules=rules(max_coffee_breaks=3))


def test_break_shorter_than_the_law_requires_is_an_error() -> None:
    with pytest.raises(InputError, match="break of at least 30 minutes"):
        make_problem(shifts=(shift("D", "08:00", "16:00", brk=15),))


def test_empty_problem_is_valid() -> None:
    pb = make_problem(shifts=())
    assert pb.staff == () and pb.n_days == 14


def _names_imported_from_domain() -> dict[str, str]:
    """Every name that a module of the package, the tests or the benchmarks imports from
    ``roster_solver.domain`` (absolute or relative), with one file that imports it."""
    root = Path(__file__).resolve().parent.parent
    found: dict[str, str] = {}
    for folder in ("roster_solver", "tests", "bench"):
        for path in sorted((root / folder).rglob("*.py")):
            if "domain" in path.relative_to(root).parts[:2]:
                continue  # the package itself
            package = path.relative_to(root).with_suffix("").parts[:-1]
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.ImportFrom):
                    continue
                base = package[: len(package) - node.level + 1] if node.level else ()
                module = ".".join([*base, node.module or ""]) if node.level else node.module
                if module == "roster_solver.domain":
                    for alias in node.names:
                        found.setdefault(alias.name, str(path.relative_to(root)))
    return found


def test_the_domain_package_exports_every_name_imported_from_it() -> None:
    found = _names_imported_from_domain()
    assert {"Problem", "StaffMember"} <= set(found)  # the scan finds imports at all
    missing = {name: where for name, where in found.items() if name not in domain.__all__}
    assert not missing
    assert all(hasattr(domain, name) for name in domain.__all__)


def test_a_problem_survives_pickling() -> None:
    # roster_solver.parallel sends problems to its workers pickled.
    pb = make_problem(staff=(person("a"), person("b", hours=24)))
    restored = pickle.loads(pickle.dumps(pb))
    assert type(restored) is Problem
    assert restored.model_dump() == pb.model_dump()
    assert restored.candidates == pb.candidates
    assert restored.target_minutes(restored.staff[1]) == pb.target_minutes(pb.staff[1])
