"""iCalendar export (RFC 5545): one ``.ics`` file per person, re-exportable.

Each file is a VCALENDAR with a VTIMEZONE for the workbook's time zone (Europe/Amsterdam by
default: CET/CEST with the yearly rules, computed from the system's tz database) and one
VEVENT per worked shift:

- ``DTSTART``/``DTEND`` in local time with ``TZID`` (a time on the October clock-change night
  that occurs for the second time is written in UTC instead, since a local time with TZID means
  its first occurrence);
- ``SUMMARY`` = shift code and area (``N · CEN``), ``LOCATION`` = the area's name,
  ``DESCRIPTION`` = shift name and paid hours, in the Settings language (``Dienst E, wijk
  CEN, betaalde uren 7,5`` in Dutch). Absence never appears (no event, no reason);
- ``UID`` = a hash of the calendar namespace, staff id and date, not of the shift, so a changed
  shift on a date updates the same event rather than adding one;
- ``SEQUENCE`` starts at 0 and goes up by one whenever the event's content changes between
  exports; ``DTSTAMP`` is when the content last changed (UTC).

Re-export: the previous file of the same name in the output folder is read first. An event
whose date lies inside the roster's horizon and that has no shift now is written again with
``STATUS:CANCELLED``, the same UID and a higher SEQUENCE (an already cancelled one is kept as
it is). Events of dates outside the horizon are carried over unchanged, so one folder can hold
the calendars of consecutive periods. Unchanged events keep their SEQUENCE and DTSTAMP, so
exporting the same roster twice writes identical files.

Namespace: ``--namespace`` if given, else the one recorded in the previous file
(``X-ROSTER-NAMESPACE``), else the team's area codes (``CEN+NRD+...``), which stay the same
from one planning period to the next. Changing it changes every UID: the old events are then
cancelled and new ones created.

File name: ``<staff id>.ics``, characters other than letters, digits, ``-``, ``_`` and ``.``
percent-encoded (``%2F`` for ``/``).

Lines are folded at 75 octets (never inside a UTF-8 character), end in CRLF, and TEXT values
escape ``\\``, ``;``, ``,`` and newlines. No third-party library is needed at run time.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from ..domain import Problem, StaffMember
from ..errors import InputError
from ..i18n import EXPORT, pick
from ..roster import Assignment, Roster
from .files import safe_name

PRODID = "-//roster//duty roster export//EN"
UID_DOMAIN = "roster"
# Properties that make up an event's content: a change in any of them raises SEQUENCE.
CONTENT_PROPS = ("DTSTART", "DTEND", "SUMMARY", "LOCATION", "DESCRIPTION", "STATUS")


# --------------------------------------------------------------------------- text and lines


def escape_text(value: str) -> str:
    """RFC 5545 TEXT escaping (3.3.11)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> bytes:
    """One content line as UTF-8, folded at 75 octets with CRLF + space (RFC 5545 3.1)."""
    data = line.encode("utf-8")
    chunks: list[bytes] = []
    limit = 75
    while len(data) > limit:
        cut = limit
        while cut > 0 and (data[cut] & 0xC0) == 0x80:  # never split a UTF-8 sequence
            cut -= 1
        chunks.append(data[:cut])
        data = data[cut:]
        limit = 74  # continuation lines start with a space
    chunks.append(data)
    return b"\r\n ".join(chunks) + b"\r\n"


def unfold(text: str) -> list[str]:
    """Content lines of an iCalendar text (CRLF or LF), continuation lines joined."""
    lines: list[str] = []
    for raw in text.replace("\r\n", "\n").split("\n"):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] += raw[1:]
        elif raw:
            lines.append(raw)
    return lines


def _split(line: str) -> tuple[str, str, str]:
    """(NAME, ;params, value) of a content line; params keep their leading ';'."""
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            head, value = line[:i], line[i + 1 :]
            name, _, params = head.partition(";")
            return name.upper(), (";" + params if params else ""), value
    raise ValueError(f"not a content line: {line[:40]!r}")


# --------------------------------------------------------------------------- time zone


def _offset(td: timedelta | None) -> str:
    minutes = int((td or timedelta(0)).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"


def _stamp(dt: datetime) -> str:
    return dt.strftime("%Y%m%dT%H%M%S")


@dataclass(frozen=True)
class _Transition:
    local: datetime  # naive local time just before the change (in the old offset)
    before: timedelta
    after: timedelta
    dst: bool
    name: str


def _transitions(tz: ZoneInfo, first_year: int, last_year: int) -> list[_Transition]:
    """Offset changes of ``tz`` from 1 Jan ``first_year`` to 31 Dec ``last_year`` (to the minute)."""
    out: list[_Transition] = []
    t = datetime(first_year, 1, 1, tzinfo=UTC)
    end = datetime(last_year + 1, 1, 1, tzinfo=UTC)
    step = timedelta(hours=6)
    while t < end:
        nxt = t + step
        a, b = t.astimezone(tz).utcoffset(), nxt.astimezone(tz).utcoffset()
        if a != b:
            lo, hi = t, nxt  # bisect to the minute of the change
            while hi - lo > timedelta(minutes=1):
                mid = lo + (hi - lo) / 2
                mid = mid.replace(second=0, microsecond=0)
                if mid <= lo:
                    mid = lo + timedelta(minutes=1)
                if mid.astimezone(tz).utcoffset() == a:
                    lo = mid
                else:
                    hi = mid
            after_local = hi.astimezone(tz)
            assert a is not None and b is not None
            out.append(
                _Transition(
                    (hi + a).replace(tzinfo=None), a, b, bool(after_local.dst()), after_local.tzname() or ""
                )
            )
        t = nxt
    return out


def _last_sunday(d: date) -> bool:
    return d.weekday() == 6 and (d + timedelta(days=7)).month != d.month


@lru_cache(maxsize=16)
def vtimezone(tzid: str, first_year: int, last_year: int) -> tuple[str, ...]:
    """VTIMEZONE lines for ``tzid`` valid from ``first_year`` to ``last_year`` (and beyond when
    the zone follows a last-Sunday rule, as Europe/Amsterdam does: then one STANDARD and one
    DAYLIGHT observance with a yearly RRULE)."""
    tz = ZoneInfo(tzid)
    lines = ["BEGIN:VTIMEZONE", f"TZID:{tzid}"]
    changes = _transitions(tz, first_year, last_year)
    if not changes:
        ref = datetime(first_year, 1, 1, tzinfo=tz)
        off = _offset(ref.utcoffset())
        return (
            *lines,
            "BEGIN:STANDARD",
            "DTSTART:19700101T000000",
            f"TZOFFSETFROM:{off}",
            f"TZOFFSETTO:{off}",
            f"TZNAME:{ref.tzname()}",
            "END:STANDARD",
            "END:VTIMEZONE",
        )
    groups: dict[tuple[timedelta, timedelta, bool, str], list[_Transition]] = defaultdict(list)
    for c in changes:
        groups[(c.before, c.after, c.dst, c.name)].append(c)
    for (before, after, dst, name), group in groups.items():
        kind = "DAYLIGHT" if dst else "STANDARD"
        yearly = (
            len({(c.local.month, c.local.time()) for c in group}) == 1
            and all(_last_sunday(c.local.date()) for c in group)
            and len({c.local.year for c in group}) == len(group)
        )
        heads = [group[0]] if yearly else group
        for c in heads:
            lines += [f"BEGIN:{kind}", f"DTSTART:{_stamp(c.local)}"]
            if yearly:
                lines.append(f"RRULE:FREQ=YEARLY;BYMONTH={c.local.month};BYDAY=-1SU")
            lines += [
                f"TZOFFSETFROM:{_offset(before)}",
                f"TZOFFSETTO:{_offset(after)}",
                f"TZNAME:{name}",
                f"END:{kind}",
            ]
    lines.append("END:VTIMEZONE")
    return tuple(lines)


def _datetime_prop(name: str, when: datetime, tzid: str) -> str:
    """``DTSTART;TZID=...:local``; UTC for the second occurrence of a repeated local time."""
    if when.fold:
        return f"{name}:{_stamp(when.astimezone(UTC))}Z"
    return f"{name};TZID={tzid}:{_stamp(when)}"


# --------------------------------------------------------------------------- events


@dataclass
class Event:
    """One VEVENT as ordered content lines (NAME;params, value), unfolded."""

    lines: list[tuple[str, str, str]] = field(default_factory=list)

    def get(self, name: str) -> str | None:
        return next((v for n, _, v in self.lines if n == name), None)

    def set(self, name: str, value: str, params: str = "") -> None:
        for i, (n, _, _) in enumerate(self.lines):
            if n == name:
                self.lines[i] = (name, params, value)
                return
        self.lines.append((name, params, value))

    @property
    def uid(self) -> str:
        return self.get("UID") or ""

    @property
    def sequence(self) -> int:
        try:
            return int(self.get("SEQUENCE") or 0)
        except ValueError:
            return 0

    @property
    def cancelled(self) -> bool:
        return (self.get("STATUS") or "").upper() == "CANCELLED"

    def date(self) -> date | None:
        """The roster date of the event: X-ROSTER-DATE, else the date of DTSTART."""
        text = self.get("X-ROSTER-DATE") or (self.get("DTSTART") or "")[:8]
        try:
            return datetime.strptime(text[:8], "%Y%m%d").date()
        except ValueError:
            return None

    def content(self) -> tuple[tuple[str, str, str], ...]:
        return tuple(sorted(line for line in self.lines if line[0] in CONTENT_PROPS))

    def render(self) -> list[str]:
        return ["BEGIN:VEVENT", *(f"{n}{p}:{v}" for n, p, v in self.lines), "END:VEVENT"]


@dataclass
class PreviousCalendar:
    namespace: str | None = None
    events: list[Event] = field(default_factory=list)


def read_previous(path: Path) -> PreviousCalendar:
    """The events of a previously exported ``.ics`` (empty when the file is not there).

    Raises InputError when the file exists but is not an iCalendar file.
    """
    if not path.exists():
        return PreviousCalendar()
    try:
        lines = unfold(path.read_text(encoding="utf-8-sig"))
        if not lines or lines[0].upper() != "BEGIN:VCALENDAR":
            raise ValueError("it does not start with BEGIN:VCALENDAR")
        cal = PreviousCalendar()
        current: Event | None = None
        for line in lines:
            name, params, value = _split(line)
            if name == "BEGIN" and value.upper() == "VEVENT":
                current = Event()
            elif name == "END" and value.upper() == "VEVENT":
                if current is not None:
                    cal.events.append(current)
                current = None
            elif current is not None:
                current.lines.append((name, params, value))
            elif name == "X-ROSTER-NAMESPACE":
                cal.namespace = value
        return cal
    except (UnicodeDecodeError, ValueError, OSError) as exc:
        raise InputError(
            f"{path}: the previous export cannot be read ({exc}); move it away or choose another --out"
        ) from None


def event_uid(namespace: str, staff: str, d: date, index: int = 0) -> str:
    """Stable per calendar namespace, person and date (a second shift on a date: index 1, ...)."""
    key = "\x1f".join([namespace, staff, d.isoformat(), *([str(index)] if index else [])])
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}@{UID_DOMAIN}"


def default_namespace(problem: Problem) -> str:
    """The team's area codes: the same from one planning period to the next."""
    return "+".join(sorted(a.code for a in problem.areas)) or "roster"


def file_name(staff: str) -> str:
    """``<staff id>.ics``, percent-encoded and shortened when long (:func:`.files.safe_name`)."""
    return safe_name(staff, ".ics")


def _new_events(
    problem: Problem, person: StaffMember, assignments: Sequence[Assignment], namespace: str
) -> list[Event]:
    tzid = problem.settings.timezone
    per_date: dict[date, int] = defaultdict(int)
    events = []
    for a in sorted(assignments):
        inst = problem.instance(a.shift, problem.day_index(a.date))
        shift = problem.shift_by_code[a.shift]
        area = problem.area_by_code.get(a.area)
        index = per_date[a.date]
        per_date[a.date] += 1
        ev = Event()
        ev.set("UID", event_uid(namespace, person.id, a.date, index))
        for prop in (
            _datetime_prop("DTSTART", problem.clock.local(inst.start), tzid),
            _datetime_prop("DTEND", problem.clock.local(inst.end), tzid),
        ):
            ev.lines.append(_split(prop))
        ev.set("SUMMARY", escape_text(f"{a.shift} · {a.area}"))
        ev.set("LOCATION", escape_text(area.name if area and area.name else a.area))
        label = f"{a.shift} ({shift.name})" if shift.name and shift.name != a.shift else a.shift
        hours = f"{inst.work / 60:g}"
        if problem.settings.language == "nl":
            hours = hours.replace(".", ",")
        text = pick(EXPORT, problem.settings.language)["ics_description"]
        ev.set("DESCRIPTION", escape_text(text.format(shift=label, area=a.area, hours=hours)))
        ev.set("STATUS", "CONFIRMED")
        ev.set("TRANSP", "OPAQUE")
        ev.set("X-ROSTER-DATE", a.date.strftime("%Y%m%d"))
        events.append(ev)
    return events


def _finish(ev: Event, sequence: int, stamp: str) -> Event:
    """``ev`` with SEQUENCE and DTSTAMP, in a fixed property order (UID, DTSTAMP, SEQUENCE first)."""
    rest = [line for line in ev.lines if line[0] not in ("UID", "DTSTAMP", "SEQUENCE")]
    return Event([("UID", "", ev.uid), ("DTSTAMP", "", stamp), ("SEQUENCE", "", str(sequence)), *rest])


def merge_events(
    problem: Problem, new: Iterable[Event], previous: Iterable[Event], now: datetime
) -> list[Event]:
    """The events of the re-export: new ones (SEQUENCE raised when changed), cancellations of
    vanished in-horizon events, and previous events outside the horizon unchanged."""
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    old = {ev.uid: ev for ev in previous}
    out: list[Event] = []
    seen: set[str] = set()
    for ev in new:
        seen.add(ev.uid)
        prev = old.get(ev.uid)
        if prev is None:
            out.append(_finish(ev, 0, stamp))
        elif prev.content() == ev.content():
            out.append(_finish(ev, prev.sequence, prev.get("DTSTAMP") or stamp))
        else:
            out.append(_finish(ev, prev.sequence + 1, stamp))
    for uid, prev in old.items():
        if uid in seen:
            continue
        d = prev.date()
        inside = d is not None and problem.start_date <= d <= problem.end_date
        if not inside or prev.cancelled:
            out.append(prev)  # another period's event, or already cancelled: keep as it is
        else:
            gone = Event(list(prev.lines))
            gone.set("STATUS", "CANCELLED")
            out.append(_finish(gone, prev.sequence + 1, stamp))
    out.sort(key=lambda ev: (ev.date() or date.min, ev.uid))
    return out


def render_calendar(problem: Problem, person: StaffMember, events: Sequence[Event], namespace: str) -> bytes:
    years = [ev.date() for ev in events]
    first = min([d.year for d in years if d] + [problem.start_date.year]) - 1
    last = max([d.year for d in years if d] + [problem.end_date.year]) + 1
    name = escape_text(
        pick(EXPORT, problem.settings.language)["ics_calendar"].format(person=person.name or person.id)
    )
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{name}",
        f"X-WR-TIMEZONE:{problem.settings.timezone}",
        f"X-ROSTER-NAMESPACE:{namespace}",
        *vtimezone(problem.settings.timezone, first, last),
    ]
    for ev in events:
        lines += ev.render()
    lines.append("END:VCALENDAR")
    return b"".join(fold(line) for line in lines)


def calendar_files(
    problem: Problem,
    roster: Roster,
    folder: Path,
    *,
    namespace: str | None = None,
    now: datetime | None = None,
) -> dict[str, bytes]:
    """File name → content of every person's calendar, merged with the previous files in ``folder``."""
    now = now or datetime.now(UTC)
    by_staff = roster.by_staff()
    files: dict[str, bytes] = {}
    for p in problem.staff:
        name = file_name(p.id)
        prev = read_previous(folder / name)
        ns = namespace or prev.namespace or default_namespace(problem)
        events = merge_events(problem, _new_events(problem, p, by_staff.get(p.id, []), ns), prev.events, now)
        files[name] = render_calendar(problem, p, events, ns)
    return files
