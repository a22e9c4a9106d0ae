"""Opening hours: the short OpenStreetMap-like syntax of the sources, and "open now".

``Mo-Fr 09:00-17:00; Sa 10:00-13:00`` → weekly intervals. Times are local to the place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta

DAY_CODES = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
RRULE_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
MINUTES_PER_DAY = 24 * 60
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY
EXAMPLE = "Mo-Fr 09:00-17:00"

_RULE = re.compile(r"^\s*(?P<days>[A-Za-z,\- ]+?)\s+(?P<times>\d.*)$")
_SPAN = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


@dataclass(frozen=True, order=True)
class OpeningInterval:
    weekday: int  # 0 = Monday
    opens: time
    closes: time  # 00:00 means midnight at the end of the day

    @property
    def start_minute(self) -> int:
        return self.weekday * MINUTES_PER_DAY + self.opens.hour * 60 + self.opens.minute

    @property
    def end_minute(self) -> int:
        end = self.closes.hour * 60 + self.closes.minute
        if end <= self.opens.hour * 60 + self.opens.minute:
            end += MINUTES_PER_DAY
        return self.weekday * MINUTES_PER_DAY + end


def _parse_days(text: str) -> list[int]:
    days: list[int] = []
    for part in text.replace(" ", "").split(","):
        if "-" in part:
            first, _, last = part.partition("-")
            start, end = _day_index(first), _day_index(last)
            span = range(start, end + 1) if start <= end else [*range(start, 7), *range(end + 1)]
            days.extend(span)
        else:
            days.append(_day_index(part))
    return days


def _day_index(code: str) -> int:
    normalised = code[:1].upper() + code[1:2].lower()
    if normalised not in DAY_CODES or len(code) != 2:
        raise ValueError(f"'{code}' is not a day; use {', '.join(DAY_CODES)}")
    return DAY_CODES.index(normalised)


def _parse_time(hours: str, minutes: str) -> time:
    h, m = int(hours), int(minutes)
    if h == 24 and m == 0:
        return time(0, 0)
    if not (0 <= h <= 23 and 0 <= m <= 59):
        raise ValueError(f"{hours}:{minutes} is not a time of day")
    return time(h, m)


def parse_hours(text: str) -> list[OpeningInterval]:
    """Parse ``text``; raise ValueError with a message a maintainer can act on."""
    intervals: list[OpeningInterval] = []
    if text.strip() == "24/7":  # OpenStreetMap's spelling of a line that never closes
        text = "Mo-Su 00:00-24:00"
    for rule in filter(None, (r.strip() for r in text.split(";"))):
        match = _RULE.match(rule)
        if not match:
            raise ValueError(f"'{rule}' is not understood; write e.g. '{EXAMPLE}'")
        try:
            days = _parse_days(match["days"])
            spans = []
            for span in match["times"].split(","):
                times = _SPAN.match(span)
                if not times:
                    raise ValueError(f"'{span.strip()}' is not a time range like 09:00-17:00")
                opens, closes = _parse_time(*times.groups()[:2]), _parse_time(*times.groups()[2:])
                whole_day = times.group(3) == "24"  # 00:00-24:00: round the clock
                if opens == closes and not whole_day:
                    raise ValueError(f"'{span.strip()}' opens and closes at the same time")
                spans.append((opens, closes))
        except ValueError as error:
            raise ValueError(f"'{rule}' is not understood ({error}); write e.g. '{EXAMPLE}'") \
                from None
        intervals.extend(OpeningInterval(day, o, c) for day in days for o, c in spans)
    return sorted(intervals)


def week_minute(moment: datetime) -> int:
    return moment.weekday() * MINUTES_PER_DAY + moment.hour * 60 + moment.minute


def is_open(intervals: list[OpeningInterval] | tuple[OpeningInterval, ...],
            moment: datetime) -> bool:
    minute = week_minute(moment)
    for interval in intervals:
        start, end = interval.start_minute, interval.end_minute
        # An interval past Sunday midnight wraps to Monday morning.
        if start <= minute < end or start <= minute + MINUTES_PER_WEEK < end:
            return True
    return False


def next_opening(intervals: list[OpeningInterval] | tuple[OpeningInterval, ...],
                 moment: datetime) -> datetime | None:
    """When the place next opens after ``moment`` (None when it has no hours)."""
    if not intervals:
        return None
    minute = week_minute(moment)
    waits = [(interval.start_minute - minute) % MINUTES_PER_WEEK for interval in intervals]
    wait = min(w for w in waits) or MINUTES_PER_WEEK
    return (moment + timedelta(minutes=wait)).replace(second=0, microsecond=0)


def to_schedule_rows(intervals: list[OpeningInterval]) -> list[dict[str, str]]:
    """Group intervals into HSDS schedule rows: one per (opens, closes) with its days."""
    grouped: dict[tuple[time, time], list[int]] = {}
    for interval in intervals:
        grouped.setdefault((interval.opens, interval.closes), []).append(interval.weekday)
    return [
        {
            "freq": "WEEKLY",
            "byday": ",".join(RRULE_DAYS[d] for d in sorted(set(days))),
            "opens_at": opens.strftime("%H:%M"),
            "closes_at": closes.strftime("%H:%M"),
        }
        for (opens, closes), days in sorted(grouped.items(), key=lambda kv: (min(kv[1]), kv[0]))
    ]


def from_schedule_row(byday: str | None, opens_at: str | None,
                      closes_at: str | None) -> list[OpeningInterval]:
    """Weekly intervals from an HSDS schedule row; rows without days or times give none."""
    if not byday or not opens_at or not closes_at:
        return []
    opens = _parse_time(*opens_at.split(":")[:2])
    closes = _parse_time(*closes_at.split(":")[:2])
    days = [RRULE_DAYS.index(code.strip()[-2:].upper()) for code in byday.split(",")
            if code.strip()[-2:].upper() in RRULE_DAYS]
    return [OpeningInterval(day, opens, closes) for day in days]


def merged(intervals: list[OpeningInterval] | tuple[OpeningInterval, ...]
           ) -> list[OpeningInterval]:
    """One interval per stretch of opening on each day: the services' overlapping hours
    (8:30–12:30, 9:00–17:00, 13:30–17:00) read as one (8:30–17:00)."""
    by_day: dict[int, list[tuple[int, int]]] = {}
    for interval in intervals:
        start = interval.opens.hour * 60 + interval.opens.minute
        end = interval.end_minute - interval.weekday * MINUTES_PER_DAY
        by_day.setdefault(interval.weekday, []).append((start, end))
    out: list[OpeningInterval] = []
    for day, spans in sorted(by_day.items()):
        spans.sort()
        joined = [list(spans[0])]
        for start, end in spans[1:]:
            if start <= joined[-1][1]:
                joined[-1][1] = max(joined[-1][1], end)
            else:
                joined.append([start, end])
        for start, end in joined:
            closes = time(0, 0) if end >= MINUTES_PER_DAY else time(end // 60, end % 60)
            out.append(OpeningInterval(day, time(start // 60, start % 60), closes))
    return out


def closes_at(intervals: list[OpeningInterval] | tuple[OpeningInterval, ...],
              moment: datetime) -> datetime | None:
    """When the stretch of opening that holds ``moment`` ends (None when closed)."""
    minute = week_minute(moment)
    ends = [interval.end_minute - minute for interval in merged(intervals)
            if interval.start_minute <= minute < interval.end_minute]
    if not ends:
        return None
    return (moment + timedelta(minutes=max(ends))).replace(second=0, microsecond=0)
