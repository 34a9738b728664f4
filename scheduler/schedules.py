"""Schedules: "mon 09:00", "weekdays 08:30", "周一 09:00" or a cron line, and their periods.

A period is the instant (aware UTC) a post is for. Periods are computed on the local wall
clock of the subscription's IANA time zone, with two daylight-saving rules that make a
change neither skip nor double a post:

- a local time that does not exist (inside the hour skipped in spring) is posted at the
  same distance after the change (02:30 → 03:30 new time);
- a local time that happens twice (the hour repeated in autumn) is posted once, at its
  first occurrence.

With a holiday calendar, a period whose local day is a holiday moves to the next working
day (neither a holiday nor a Saturday or Sunday) at the same wall-clock time, computed again
on that day's offset (a holiday before a daylight-saving change moves across it). It moves
once: a moved period that lands on one the schedule has anyway is the same period, posted
once, and the period is the moved instant (the delivery log's key).

APScheduler 3's own CronTrigger is not used to compute them: it fires twice in the repeated
hour, and its numeric `day_of_week` starts on Monday where cron's starts on Sunday.
"""

from __future__ import annotations

import calendar
import difflib
import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from scheduler.errors import BadSchedule, UnknownTimeZone

# Day names in Python's weekday() order: 0 = Monday … 6 = Sunday.
WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_ALL_WEEKDAYS = frozenset(range(7))
_DAY_WORDS: dict[str, frozenset[int]] = {
    **{name: frozenset({i}) for i, name in enumerate(WEEKDAY_NAMES)},
    **{
        word: frozenset({i})
        for i, words in enumerate(
            (
                ("monday", "周一", "星期一", "礼拜一"),
                ("tues", "tuesday", "周二", "星期二", "礼拜二"),
                ("wednesday", "周三", "星期三", "礼拜三"),
                ("thur", "thurs", "thursday", "周四", "星期四", "礼拜四"),
                ("friday", "周五", "星期五", "礼拜五"),
                ("saturday", "周六", "星期六", "礼拜六"),
                ("sunday", "周日", "周天", "星期日", "星期天", "礼拜日", "礼拜天"),
            )
        )
        for word in words
    },
    **dict.fromkeys(("weekdays", "weekday", "workdays", "工作日"), frozenset(range(5))),
    **dict.fromkeys(("weekends", "weekend", "周末"), frozenset({5, 6})),
    **dict.fromkeys(("daily", "everyday", "day", "days", "每天", "每日", "天天"), _ALL_WEEKDAYS),
}
_TIME = re.compile(r"(\d{1,2})[:：.](\d{2})")
_DAY_SEPARATORS = re.compile(r"[,，、/\s]+")
# Cron's field ranges, and its names (day of week in cron's numbering: 0 and 7 = Sunday).
_CRON_FIELDS = (
    ("minute", 0, 59),
    ("hour", 0, 23),
    ("day", 1, 31),
    ("month", 1, 12),
    ("day_of_week", 0, 7),
)
_MONTH_NAMES = {
    name: i
    for i, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_CRON_DOW_NAMES = {
    name: i for i, name in enumerate(("sun", "mon", "tue", "wed", "thu", "fri", "sat"))
}
_CRON_MACROS = {
    "@hourly": "0 * * * *",
    "@daily": "0 0 * * *",
    "@midnight": "0 0 * * *",
    "@weekly": "0 0 * * 0",
    "@monthly": "0 0 1 * *",
}
# A reminder or a digest reports on a week (progress in the last 7 days, the week's changes):
# a second post the same day would repeat the first. A new subscription posts at most this
# often; two times a day take two subscriptions, a deliberate choice each.
MAX_POSTS_PER_DAY = 1
# How far ahead `next_fire_time` looks before it concludes a schedule never fires (leap days
# on a given weekday repeat within 28 years).
_LOOKAHEAD_DAYS = (8, 64, 800, 366 * 29)
# The longest run of days off a holiday-moved period is carried across (a calendar that
# closes for longer is taken as closed no further: the period lands on the day after).
MAX_HOLIDAY_SHIFT_DAYS = 21
NO_HOLIDAYS: frozenset[date] = frozenset()


@dataclass(frozen=True)
class Schedule:
    """A parsed schedule: the sets of wall-clock values it fires on."""

    text: str  # as written
    kind: str  # "at" (a day-and-time form) | "cron"
    minutes: frozenset[int]
    hours: frozenset[int]
    days: frozenset[int] | None  # days of the month; None: any
    months: frozenset[int]
    weekdays: frozenset[int] | None  # 0 = Monday … 6 = Sunday; None: any
    # Cron's rule: when neither day field starts with "*", either one matching is enough.
    either_day: bool = False

    def is_on(self, day: date) -> bool:
        """Whether the schedule fires on this local date."""
        if day.month not in self.months:
            return False
        by_day = self.days is None or day.day in self.days
        by_weekday = self.weekdays is None or day.weekday() in self.weekdays
        return (by_day or by_weekday) if self.either_day else (by_day and by_weekday)

    def to_weekday_names(self) -> list[str]:
        """The days of the week it fires on, as names ("mon" …), never as numbers."""
        days = _ALL_WEEKDAYS if self.weekdays is None else self.weekdays
        return [WEEKDAY_NAMES[i] for i in sorted(days)]


# -- parsing ------------------------------------------------------------------------------


def parse_schedule(text: str) -> Schedule:
    """A schedule from "mon 09:00", "mon,wed 09:00", "weekdays 08:30", "daily 18:00",
    "周一 09:00", "工作日 8:30" or a 5-field cron line ("30 8 * * 1-5"; day of week 0 and 7
    are Sunday, as in cron). Raises BadSchedule."""
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned:
        raise BadSchedule(text, "empty")
    cleaned = _CRON_MACROS.get(cleaned, cleaned)
    fields = cleaned.split(" ")
    if len(fields) == 5 and not _TIME.fullmatch(fields[-1]):
        schedule = _parse_cron(text, fields)
    else:
        schedule = _parse_at(text, cleaned)
    if not _can_fire(schedule):
        raise BadSchedule(text, "never")
    return schedule


def _parse_at(text: str, cleaned: str) -> Schedule:
    # Chinese needs no spaces: "周一09:00", "每周一 9:00", "每天18:00".
    match = re.fullmatch(r"(.*?)\s*(\d{1,2}[:：.]\d{2})", cleaned)
    if match is None:
        if re.search(r"\d", cleaned) and len(cleaned.split(" ")) > 2:
            raise BadSchedule(text, "cron_fields")
        raise BadSchedule(text, "bad_time")
    days_text, time_text = match.groups()
    time_match = _TIME.fullmatch(time_text)
    assert time_match is not None
    hour, minute = int(time_match.group(1)), int(time_match.group(2))
    if hour > 23 or minute > 59:
        raise BadSchedule(text, "bad_time", time_text)
    weekdays: set[int] = set()
    words = [w for w in _DAY_SEPARATORS.split(days_text) if w and w not in ("every", "on", "at")]
    for word in words or ["daily"]:
        weekdays |= _to_weekdays(text, word)
    return Schedule(
        text=text.strip(),
        kind="at",
        minutes=frozenset({minute}),
        hours=frozenset({hour}),
        days=None,
        months=frozenset(range(1, 13)),
        weekdays=None if weekdays == _ALL_WEEKDAYS else frozenset(weekdays),
    )


def _to_weekdays(text: str, word: str) -> frozenset[int]:
    # "每周一" and "每天" are "周一" and "天" with "every" in front.
    for candidate in (word, word.removeprefix("每"), "周" + word.removeprefix("每周")):
        if candidate in _DAY_WORDS:
            return _DAY_WORDS[candidate]
    first, dash, last = word.partition("-")
    if dash and len(_DAY_WORDS.get(first, ())) == 1 and len(_DAY_WORDS.get(last, ())) == 1:
        (start,), (end,) = _DAY_WORDS[first], _DAY_WORDS[last]
        if start <= end:
            return frozenset(range(start, end + 1))
    raise BadSchedule(text, "bad_day", word)


def _parse_cron(text: str, fields: list[str]) -> Schedule:
    values: dict[str, frozenset[int] | None] = {}
    for field_text, (name, low, high) in zip(fields, _CRON_FIELDS, strict=True):
        names = (
            _MONTH_NAMES if name == "month" else _CRON_DOW_NAMES if name == "day_of_week" else {}
        )
        parsed = _parse_cron_field(text, name, field_text, low, high, names)
        values[name] = None if field_text == "*" and name in ("day", "day_of_week") else parsed
    cron_weekdays = values["day_of_week"]
    # Cron counts days of the week from Sunday (0, and 7 again); Python from Monday.
    weekdays = None if cron_weekdays is None else frozenset((n - 1) % 7 for n in cron_weekdays)
    months = values["month"]
    minutes, hours = values["minute"], values["hour"]
    assert months is not None and minutes is not None and hours is not None
    return Schedule(
        text=text.strip(),
        kind="cron",
        minutes=minutes,
        hours=hours,
        days=values["day"],
        months=months,
        weekdays=weekdays,
        either_day=not fields[2].startswith("*") and not fields[4].startswith("*"),
    )


def _parse_cron_field(
    text: str, name: str, field_text: str, low: int, high: int, names: dict[str, int]
) -> frozenset[int]:
    def to_number(token: str) -> int:
        if token in names:
            return names[token]
        if not token.isdigit():
            raise BadSchedule(text, "cron_value", f"{name}={field_text}")
        number = int(token)
        if not low <= number <= high:
            raise BadSchedule(text, "cron_value", f"{name}={field_text}")
        return number

    result: set[int] = set()
    for item in field_text.split(","):
        base, slash, step_text = item.partition("/")
        step = 1
        if slash:
            if not step_text.isdigit() or int(step_text) == 0:
                raise BadSchedule(text, "cron_value", f"{name}={field_text}")
            step = int(step_text)
        if base == "*":
            start, end = low, high
        elif "-" in base:
            first, _, last = base.partition("-")
            start, end = to_number(first), to_number(last)
            if start > end:
                raise BadSchedule(text, "cron_value", f"{name}={field_text}")
        else:
            start = to_number(base)
            end = high if slash else start
        result.update(range(start, end + 1, step))
    return frozenset(result)


def count_posts_per_day(schedule: Schedule) -> int:
    """How many times the schedule fires on a day it fires at all."""
    return len(schedule.hours) * len(schedule.minutes)


def check_frequency(schedule: Schedule) -> None:
    """BadSchedule ("too_often", detail: posts a day) when it fires more than
    MAX_POSTS_PER_DAY times a day. For new subscriptions only: stored ones keep posting."""
    posts = count_posts_per_day(schedule)
    if posts > MAX_POSTS_PER_DAY:
        raise BadSchedule(schedule.text, "too_often", str(posts))


def is_same_timing(first: Schedule, second: Schedule) -> bool:
    """Whether the two fire at the same wall-clock times ("mon 09:00" and "0 9 * * 1" do)."""

    def timing(schedule: Schedule) -> tuple[object, ...]:
        return (
            schedule.minutes,
            schedule.hours,
            schedule.days,
            schedule.months,
            schedule.weekdays,
            schedule.either_day,
        )

    return timing(first) == timing(second)


def _can_fire(schedule: Schedule) -> bool:
    if schedule.days is None or schedule.either_day:
        return True
    return any(
        day <= (29 if month == 2 else calendar.monthrange(2001, month)[1])
        for month in schedule.months
        for day in schedule.days
    )


# -- time zones ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _zone_names() -> dict[str, str]:
    return {name.lower(): name for name in available_timezones()}


def to_zone_name(name: str) -> str:
    """The IANA name as the database spells it ("europe/zurich" → "Europe/Zurich");
    raises UnknownTimeZone with up to three close names."""
    cleaned = name.strip()
    canonical = _zone_names().get(cleaned.lower())
    if canonical is None or cleaned.lower() == "localtime":
        close = difflib.get_close_matches(cleaned.lower(), list(_zone_names()), 3, 0.6)
        raise UnknownTimeZone(cleaned, [_zone_names()[c] for c in close])
    return canonical


@lru_cache(maxsize=512)
def to_zone(name: str) -> ZoneInfo:
    """The zone of a (canonical) IANA name; raises UnknownTimeZone."""
    try:
        return ZoneInfo(to_zone_name(name))
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise UnknownTimeZone(name) from exc


# -- periods ------------------------------------------------------------------------------


def to_period(day: date, hour: int, minute: int, zone: ZoneInfo) -> datetime:
    """The UTC instant of a local wall-clock time, by the two daylight-saving rules above.

    `fold=0` gives both: for a repeated time the first occurrence; for a skipped time the
    offset in force before the change, which lands as far after the change as the time was
    after the start of the gap."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone).astimezone(UTC)


def to_working_day(day: date, holidays: Collection[date]) -> date:
    """`day` when it is no holiday; else the next day that is neither a holiday nor a
    Saturday or Sunday (at most MAX_HOLIDAY_SHIFT_DAYS later)."""
    if day not in holidays:
        return day
    moved = day + timedelta(days=1)
    limit = day + timedelta(days=MAX_HOLIDAY_SHIFT_DAYS)
    while moved < limit and (moved in holidays or moved.weekday() >= 5):
        moved += timedelta(days=1)
    return moved


def list_periods(
    schedule: Schedule,
    zone: ZoneInfo,
    start: datetime,
    end: datetime,
    holidays: Collection[date] = NO_HOLIDAYS,
) -> list[datetime]:
    """The periods (aware UTC, oldest first) with start < period <= end; with `holidays`
    (local dates), those on a holiday moved to the next working day."""
    if end <= start:
        return []
    # A period moved by holidays comes from a day up to MAX_HOLIDAY_SHIFT_DAYS earlier.
    back = 1 + (MAX_HOLIDAY_SHIFT_DAYS if holidays else 0)
    first_day = start.astimezone(zone).date() - timedelta(days=back)
    last_day = end.astimezone(zone).date() + timedelta(days=1)
    times = sorted((h, m) for h in schedule.hours for m in schedule.minutes)
    found: set[datetime] = set()
    day = first_day
    while day <= last_day:
        if schedule.is_on(day):
            post_day = to_working_day(day, holidays) if holidays else day
            for hour, minute in times:
                period = to_period(post_day, hour, minute, zone)
                if start < period <= end:
                    found.add(period)
        day += timedelta(days=1)
    return sorted(found)


def next_fire_time(
    schedule: Schedule,
    zone: ZoneInfo,
    after: datetime,
    holidays: Collection[date] = NO_HOLIDAYS,
) -> datetime | None:
    """The first period strictly after `after`, or None if there is none within 29 years."""
    start = after
    for days in _LOOKAHEAD_DAYS:
        end = start + timedelta(days=days)
        periods = list_periods(schedule, zone, start, end, holidays)
        if periods:
            return periods[0]
        start = end
    return None


def next_fire_times(
    schedule: Schedule,
    zone: ZoneInfo,
    after: datetime,
    count: int,
    holidays: Collection[date] = NO_HOLIDAYS,
) -> list[datetime]:
    """The next `count` periods strictly after `after` (fewer if the schedule stops)."""
    result: list[datetime] = []
    current = after
    while len(result) < count:
        found = next_fire_time(schedule, zone, current, holidays)
        if found is None:
            break
        result.append(found)
        current = found
    return result


def latest_period(
    schedule: Schedule,
    zone: ZoneInfo,
    at: datetime,
    holidays: Collection[date] = NO_HOLIDAYS,
) -> datetime | None:
    """The most recent period at or before `at` (within the last 400 days), if any."""
    periods = list_periods(schedule, zone, at - timedelta(days=400), at, holidays)
    return periods[-1] if periods else None
