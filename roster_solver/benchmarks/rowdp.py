"""One employee's row by dynamic programming, without a solver: a fast first row for big instances.

A Curtois & Qu employee's hard rules all concern their own row, so given a linear cost per
(day, shift) (their requests plus the marginal cover cost against the people already placed),
a cheap valid row can be built in two dynamic programmes over the days:

1. **Work pattern** (:func:`_pattern`): which days are worked. The state is the current run
   (work or off), its length (capped where the rules stop caring) and whether it started on
   day 0 (runs touching an edge are exempt from the minimum lengths); the resource is the
   number of days worked, kept exactly (one array over 0…n per state). Days off, Max/Min
   consecutive shifts and MinConsecutiveDaysOff hold by construction. A worked weekend costs a
   multiplier ``λ``, raised until MaxWeekends holds (a Lagrangian relaxation: exact for the
   count it gives, never trusted blindly). A worked day costs its cheapest allowed shift.
2. **Shift types** (:func:`_shifts`) for the chosen work days: the state is the class of the
   previous day's shift (shifts with the same forbidden successors), the resource is the
   minutes worked, kept exactly in units of the gcd of the shift lengths, so forbidden
   successions and Min/MaxTotalMinutes hold by construction. MaxShifts per type is relaxed with
   a multiplier per type, raised until every limit holds.

Several work-day counts are tried, best pattern cost first, and the first valid row is taken.
Every row returned has been checked by the independent evaluator's
:func:`~.evaluate.employee_violations`; when no valid row is found the caller falls back to a
CP-SAT model of the person (:mod:`.fast`).

On Instance24 (a year, 32 shift types) one row takes some tens of milliseconds against 0.2-1 s
for the CP-SAT model's first solution, and the tightly bounded people of Instance22 (yearly
minutes in a 960-minute window) are no harder than the others.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import reduce

import numpy as np

from .curtois import CurtoisInstance, Employee
from .evaluate import employee_violations

INF = np.inf
PATTERNS_TRIED = 3  # work-day counts tried per multiplier, best pattern cost first
MIX_STEPS = 4  # work-day counts tried between the all-longest and all-shortest shifts
WEEKEND_ROUNDS = 12  # multiplier doublings for MaxWeekends
WEEKEND_HALVINGS = 3  # bisection steps for the smallest multiplier that keeps MaxWeekends
LIMIT_ROUNDS = 10  # multiplier raises for MaxShifts


@dataclass(frozen=True)
class Person:
    """One employee's data arranged for the programmes (built once, reused for every cost)."""

    employee: Employee
    horizon: int
    shifts: tuple[str, ...]  # allowed shift ids (MaxShifts > 0), in file order
    units: np.ndarray  # length of each allowed shift in multiples of ``unit`` minutes
    unit: int
    limits: np.ndarray  # MaxShifts per allowed shift
    klass: np.ndarray  # class of each allowed shift (same forbidden successors, allowed ones)
    may_follow: np.ndarray  # [class, shift]: the shift may follow a shift of that class
    can_work: np.ndarray  # bool per day: not a day off and some shift is allowed

    @classmethod
    def of(cls, inst: CurtoisInstance, e: Employee) -> Person:
        length = {s.id: s.length for s in inst.shifts}
        forbidden = {s.id: set(s.forbidden) for s in inst.shifts}
        allowed = tuple(s for s, k in e.max_shifts if k > 0 and s in length)
        unit = reduce(math.gcd, (length[s] for s in allowed), 0) or 1
        keys: dict[frozenset[str], int] = {}
        klass = []
        for s in allowed:
            key = frozenset(forbidden[s] & set(allowed))
            klass.append(keys.setdefault(key, len(keys)))
        may = np.ones((len(keys), len(allowed)), dtype=bool)
        for key, k in keys.items():
            for j, s in enumerate(allowed):
                may[k, j] = s not in key
        can = np.full(inst.horizon, bool(allowed))
        for d in inst.days_off.get(e.id, ()):
            if 0 <= d < inst.horizon:
                can[d] = False
        return cls(
            e,
            inst.horizon,
            allowed,
            np.array([length[s] // unit for s in allowed], dtype=np.int64),
            unit,
            np.array([min(e.limit(s), inst.horizon) for s in allowed], dtype=np.int64),
            np.array(klass, dtype=np.int64),
            may,
            can,
        )


def build_row(
    inst: CurtoisInstance, person: Person, cost: np.ndarray, *, mixes: bool = True
) -> list[str] | None:
    """A valid row for ``person`` of low total ``cost`` (``cost[d, j]``: working allowed
    shift ``j`` on day ``d``), or None when none was found. Checked by the evaluator.

    ``mixes`` also tries work-day counts between the all-longest and all-shortest shifts
    (better rows when shift lengths differ, about twice the time)."""
    e = person.employee
    if not person.shifts:
        row = [""] * person.horizon
        return row if not employee_violations(inst, e, row) else None
    can_work = person.can_work
    if e.max_weekends == 0:  # no weekend day at all
        can_work = can_work.copy()
        can_work[[d for d in range(person.horizon) if d % 7 in (5, 6)]] = False
        person = replace(person, can_work=can_work)
    cost = np.where(can_work[:, None], cost, INF)
    min_units = int(person.units.min())
    max_units = int(person.units.max())
    n_cap = min(person.horizon, e.max_minutes // (min_units * person.unit))
    day_cost = cost.min(axis=1)
    scale = float(np.abs(cost[np.isfinite(cost)]).max(initial=1.0)) or 1.0
    # Work-day counts at which the minutes window is met with shifts of one length each: the
    # pattern's day costs are optimistic (any shift type, any length), so the count it likes
    # best can force the shortest shifts only, while cover is short on the long ones.
    low_units = -(-e.min_minutes // person.unit)
    pure = sorted({-(-low_units // int(u)) for u in set(person.units.tolist())})
    # and counts between those, where the lengths mix
    steps = MIX_STEPS if mixes else 1
    regimes = sorted({pure[0] + (pure[-1] - pure[0]) * k // steps for k in range(steps + 1)} | set(pure))

    # Every weekend tends to be worth the same to the pattern (a short cover row on each day),
    # so one multiplier would drop all of them at once; a fixed spread of ±40 % per weekend
    # (seeded by the person, so reproducible) lets the count fall one weekend at a time.
    spread = 1.0 + 0.8 * (np.random.default_rng(_seed(e.id)).random(person.horizon // 7 + 1) - 0.5)

    memo: dict[float, tuple[np.ndarray, Trace, list[int]]] = {}

    def patterns(lam: float) -> tuple[np.ndarray, Trace, list[int]]:
        if lam not in memo:
            finals, trace = _pattern(person, day_cost, lam * spread, n_cap)
            order = [
                int(n)
                for n in np.argsort(finals, kind="stable")
                if np.isfinite(finals[n]) and n * max_units * person.unit >= e.min_minutes
            ]
            memo[lam] = (finals, trace, order)
        return memo[lam]

    def too_many(lam: float) -> bool:
        _, trace, order = patterns(lam)
        return bool(order) and _weekends(trace(order[0])) > e.max_weekends

    # The weekend multiplier: the smallest (within a few halvings) for which the favourite
    # pattern keeps MaxWeekends. Raising it blindly drops every weekend at once.
    lam = 0.0
    if too_many(0.0):
        low, high = 0.0, scale
        while too_many(high) and high < scale * 2**WEEKEND_ROUNDS:
            low, high = high, 2 * high
        for _ in range(WEEKEND_HALVINGS):
            mid = (low + high) / 2
            low, high = (mid, high) if too_many(mid) else (low, mid)
        lam = high
    for _ in range(WEEKEND_ROUNDS):
        finals, trace, order = patterns(lam)
        if not order:
            return None
        best: tuple[float, list[str]] | None = None
        weekends_ok = True
        candidates = order[:PATTERNS_TRIED]
        for n in [*candidates, *(n for n in regimes if n < len(finals) and np.isfinite(finals[n]))]:
            if best is not None and n in candidates:
                continue  # the pattern's favourites: the first valid one only
            work = trace(n)
            if _weekends(work) > e.max_weekends:
                weekends_ok = False
                continue
            got = _shifts(person, cost, work)
            if got is None:
                continue
            row = [person.shifts[j] if j >= 0 else "" for j in got]
            if employee_violations(inst, e, row):  # the evaluator has the last word
                continue
            total = float(sum(cost[d, j] for d, j in enumerate(got) if j >= 0))
            if best is None or total < best[0]:
                best = (total, row)
        if best is not None:
            return best[1]
        if weekends_ok:
            return None
        lam = scale if lam == 0 else 2 * lam
    return None


def _weekends(work: np.ndarray) -> int:
    h = len(work)
    return sum(1 for w in range(h // 7) if work[7 * w + 5] or work[7 * w + 6])


def _seed(text: str) -> int:
    return sum((i + 1) * ord(c) for i, c in enumerate(text))


Trace = Callable[[int], np.ndarray]


def _pattern(person: Person, day_cost: np.ndarray, lam: np.ndarray, n_cap: int) -> tuple[np.ndarray, Trace]:
    """The work-pattern programme. Returns (cheapest cost per number of days worked, a
    function giving the work flags of the cheapest pattern with that many days). ``lam[w]``
    is what working weekend ``w`` costs."""
    e = person.employee
    h = person.horizon
    cmax = max(1, min(e.max_consecutive, h))
    cmin = e.min_consecutive
    omin = max(1, e.min_consecutive_off)
    size = n_cap + 1
    # States: work runs (r, f) with r = 1..cmax days so far, off runs (o, f) with o = 1..omin
    # (omin meaning "at least omin"); f = 1 when the run started on day 0 (exempt from the
    # minimum lengths). Each state holds an array over the number of days worked so far.
    states = [("w", r, f) for f in (0, 1) for r in range(1, cmax + 1)] + [
        ("o", o, f) for f in (0, 1) for o in range(1, omin + 1)
    ]
    index = {s: i for i, s in enumerate(states)}
    works = np.array([s[0] == "w" for s in states])
    # predecessors of each state (a run's first day has f = 0: runs from day 0 start there)
    preds: list[list[int]] = []
    for kind, n, f in states:
        if kind == "w":
            if n == 1:
                preds.append(
                    []
                    if f
                    else [index[("o", o, g)] for (_, o, g) in states[cmax * 2 :] if g == 1 or o == omin]
                )
            else:
                preds.append([index[("w", n - 1, f)]])
        else:
            got = []
            if n == 1 and f == 0:
                got += [index[("w", r, g)] for (_, r, g) in states[: cmax * 2] if g == 1 or r >= cmin]
            if n > 1:
                got.append(index[("o", n - 1, f)])
            if n == omin:
                got.append(index[("o", n, f)])
            preds.append(got)
    pred_arrays = [np.asarray(p, dtype=np.int64) for p in preds]
    cur = np.full((len(states), size), INF)
    if person.can_work[0] and size > 1:
        cur[index[("w", 1, 1)], 1] = day_cost[0]
    cur[index[("o", 1, 1)], 0] = 0.0
    columns = np.arange(size)
    back: list[dict[int, np.ndarray]] = []
    single = [i for i, p in enumerate(preds) if len(p) == 1]
    work_dst = np.asarray([i for i in single if works[i]], dtype=np.int64)
    work_src = np.asarray([preds[i][0] for i in single if works[i]], dtype=np.int64)
    off_dst = np.asarray([i for i in single if not works[i]], dtype=np.int64)
    off_src = np.asarray([preds[i][0] for i in single if not works[i]], dtype=np.int64)
    multi = [i for i, p in enumerate(preds) if len(p) > 1]
    for d in range(1, h):
        prev = cur
        cur = np.full((len(states), size), INF)
        picks: dict[int, np.ndarray] = {}
        saturday, sunday = d % 7 == 5, d % 7 == 6
        can = bool(person.can_work[d])
        if can and len(work_dst):
            # runs going on: a worked Saturday counts the weekend (a Sunday after a worked
            # Saturday does not count it again)
            cur[work_dst, 1:] = prev[work_src, :-1] + (day_cost[d] + (lam[d // 7] if saturday else 0.0))
        if len(off_dst):
            cur[off_dst] = prev[off_src]
        for i in multi:
            if works[i] and not can:
                continue
            p = pred_arrays[i]
            block = prev[p]
            arg = block.argmin(axis=0)
            picks[i] = p[arg]
            if works[i]:  # a run's first day: a Saturday or Sunday starts a worked weekend
                extra = lam[d // 7] if saturday or sunday else 0.0
                cur[i, 1:] = block[arg, columns][:-1] + (day_cost[d] + extra)
            else:
                cur[i] = block[arg, columns]
        back.append(picks)
    final_state = cur.argmin(axis=0)
    finals = cur[final_state, columns]

    def trace(n: int) -> np.ndarray:
        work = np.zeros(h, dtype=bool)
        state = int(final_state[n])
        for d in range(h - 1, -1, -1):
            work[d] = bool(works[state])
            if d == 0:
                break
            pick = back[d - 1].get(state)
            if works[state]:
                n -= 1  # a worked day: the predecessor had one day fewer (picks are by its count)
            state = int(pred_arrays[state][0]) if pick is None else int(pick[n])
        return work

    return finals, trace


def _shifts(person: Person, cost: np.ndarray, work: np.ndarray) -> np.ndarray | None:
    """Shift index per day (−1 off) for the work days ``work``: forbidden successions and the
    minutes window exact, MaxShifts by multipliers. None when no assignment was found."""
    e = person.employee
    n_shifts = len(person.shifts)
    size = e.max_minutes // person.unit + 1
    low = -(-e.min_minutes // person.unit)
    if low >= size:
        return None
    days = np.flatnonzero(work)
    if len(days) == 0:
        return np.full(person.horizon, -1, dtype=np.int64) if low <= 0 else None
    penalty = np.zeros(n_shifts)
    scale = float(np.abs(cost[np.isfinite(cost)]).max(initial=1.0)) or 1.0
    for _ in range(LIMIT_ROUNDS):
        got = _shift_pass(person, cost + penalty, days, size, low)
        if got is None:
            return None
        counts = np.bincount(got[got >= 0], minlength=n_shifts)
        over = counts > person.limits
        if not over.any():
            return got
        fixed = _repair_limits(person, cost, got, low, size - 1)
        if fixed is not None:
            return fixed
        penalty = penalty + np.where(over, scale * (1 + counts - person.limits), 0.0)
    return None


def _repair_limits(
    person: Person, cost: np.ndarray, got: np.ndarray, low: int, high: int
) -> np.ndarray | None:
    """``got`` with every shift type over its MaxShifts replaced on its cheapest days by
    another allowed shift: successions and the minutes window kept, no other limit broken.
    Greedy, one day at a time (the cheapest change in cost first). None when stuck.

    Reducing a type by a multiplier moves every day the person was indifferent about (many
    cover rows cost the same), so the type drops far below its limit; this takes only the
    excess away."""
    got = got.copy()
    h = person.horizon
    n_shifts = len(person.shifts)
    units = person.units
    follows = person.may_follow[person.klass]  # [j1, j2]: j2 may follow j1 the next day
    counts = np.bincount(got[got >= 0], minlength=n_shifts)
    total = int(units[got[got >= 0]].sum())
    finite = np.isfinite(cost)
    for s in np.flatnonzero(counts > person.limits):
        while counts[s] > person.limits[s]:
            where = np.flatnonzero(got == s)
            prev = np.where(where > 0, got[np.maximum(where - 1, 0)], -1)
            nxt = np.where(where < h - 1, got[np.minimum(where + 1, h - 1)], -1)
            ok = finite[where] & (counts < person.limits)[None, :]
            ok &= np.where(prev[:, None] >= 0, follows[np.maximum(prev, 0)], True)
            ok &= np.where(nxt[:, None] >= 0, follows[:, np.maximum(nxt, 0)].T, True)
            after = total - int(units[s]) + units
            ok &= ((after >= low) & (after <= high))[None, :]
            ok[:, s] = False
            if not ok.any():
                return None
            delta = np.where(ok, cost[where] - cost[where, s][:, None], INF)
            i, j = np.unravel_index(int(delta.argmin()), delta.shape)
            got[where[i]] = j
            counts[s] -= 1
            counts[j] += 1
            total += int(units[j]) - int(units[s])
    return got


def _shift_pass(person: Person, cost: np.ndarray, days: np.ndarray, size: int, low: int) -> np.ndarray | None:
    """One pass of the shift programme with fixed costs (see :func:`_shifts`)."""
    units = person.units
    n_class = person.may_follow.shape[0]
    # Shifts that behave alike (same allowed predecessor classes, own class and length) form a
    # group; on each day only the group's cheapest shift matters.
    masks: dict[bytes, int] = {}
    groups: dict[tuple[int, int, int], list[int]] = {}
    for j in range(len(person.shifts)):
        mid = masks.setdefault(person.may_follow[:, j].tobytes(), len(masks))
        groups.setdefault((mid, int(person.klass[j]), int(units[j])), []).append(j)
    mask_rows = np.array([np.frombuffer(key, dtype=bool) for key in masks])  # [mask, class]
    group_keys = list(groups)
    n_groups = len(group_keys)
    group_cost = np.empty((n_groups, person.horizon))
    group_pick = np.empty((n_groups, person.horizon), dtype=np.int64)
    for g, key in enumerate(group_keys):
        js = np.asarray(groups[key])
        sub = cost[:, js]
        arg = sub.argmin(axis=1)
        group_cost[g] = sub[np.arange(person.horizon), arg]
        group_pick[g] = js[arg]
    g_mask = np.array([k[0] for k in group_keys])
    g_class = np.array([k[1] for k in group_keys])
    g_units = np.array([k[2] for k in group_keys])
    # each group's slot among its class's groups, for one [class, slot, m] table per day
    g_slot = np.zeros(n_groups, dtype=np.int64)
    seen: dict[int, int] = {}
    for g in range(n_groups):
        g_slot[g] = seen.get(int(g_class[g]), 0)
        seen[int(g_class[g])] = int(g_slot[g]) + 1
    slots = max(seen.values())
    slot_group = np.full((n_class, slots), -1, dtype=np.int16)
    slot_group[g_class, g_slot] = np.arange(n_groups)
    min_u, max_u = int(units.min()), int(units.max())
    total = len(days)
    pad = max_u  # bases carry ``pad`` infinite columns on the left: index m − u never < 0
    # value[k, m]: cheapest so far with the last worked shift of class k and m units worked;
    # only the band [lo, hi] of m that can still end inside the minutes window is computed
    value = np.full((n_class, size), INF)
    pick = np.full((total, n_class, size), -1, dtype=np.int16)  # group chosen
    came = np.full((total, len(mask_rows), size), -1, dtype=np.int8)  # predecessor class
    start = np.full((len(mask_rows), size + pad), INF)
    start[:, pad] = 0.0
    prev_lo = prev_hi = 0
    masked = np.where(mask_rows, 0.0, INF)[:, :, None]  # [mask, class, 1]: 0 allowed, else ∞
    for i, d in enumerate(days):
        consecutive = i > 0 and d == days[i - 1] + 1
        if i == 0:
            bases = start
        else:
            band = value[:, prev_lo : prev_hi + 1]
            bases = np.full((len(mask_rows), size + pad), INF)
            if consecutive:
                # per mask: the cheapest allowed predecessor class, per minute count
                block = band[None, :, :] + masked
                arg = block.argmin(axis=1)
                came[i, :, prev_lo : prev_hi + 1] = arg
                bases[:, pad + prev_lo : pad + prev_hi + 1] = np.take_along_axis(
                    block, arg[:, None, :], axis=1
                )[:, 0, :]
            else:  # a day off in between: any shift may follow
                arg = band.argmin(axis=0)
                came[i, :, prev_lo : prev_hi + 1] = arg[None, :]
                bases[:, pad + prev_lo : pad + prev_hi + 1] = band[arg, np.arange(prev_hi - prev_lo + 1)][
                    None, :
                ]
        left = total - i - 1
        lo = max(low - left * max_u, (i + 1) * min_u, 0)
        hi = min(size - 1 - left * min_u, (i + 1) * max_u, size - 1)
        if lo > hi:
            return None
        width = hi - lo + 1
        idx = (pad + lo - g_units)[:, None] + np.arange(width)[None, :]
        cand = bases[g_mask[:, None], idx] + group_cost[:, d][:, None]  # [group, m]
        table = np.full((n_class, slots, width), INF)
        table[g_class, g_slot] = cand
        arg = table.argmin(axis=1)  # [class, m]: slot
        new = np.full((n_class, size), INF)
        new[:, lo : hi + 1] = np.take_along_axis(table, arg[:, None, :], axis=1)[:, 0, :]
        pick[i, :, lo : hi + 1] = np.take_along_axis(slot_group, arg, axis=1)
        value = new
        prev_lo, prev_hi = lo, hi
    end_arg = value.argmin(axis=0)
    end = value[end_arg, np.arange(size)]
    if not np.isfinite(end[low:]).any():
        return None
    m = low + int(end[low:].argmin())
    k = int(end_arg[m])
    out = np.full(person.horizon, -1, dtype=np.int64)
    for i in range(total - 1, -1, -1):
        g = int(pick[i, k, m])
        if g < 0:
            return None  # not expected: an infinite cell was traced
        d = int(days[i])
        out[d] = int(group_pick[g, d])
        m -= int(g_units[g])
        k = int(came[i, g_mask[g], m])
    return out
