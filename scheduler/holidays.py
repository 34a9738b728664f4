"""Holiday calendars: read from a YAML list or an iCalendar file, kept in the store by name.

A YAML file names its calendar and lists its days:

    calendar: un-geneva
    holidays:
      - {date: 2026-12-25, name_en: Christmas Day, name_zh: 圣诞节}

An iCalendar file (.ics) gives each all-day event's days (DTSTART up to DTEND, exclusive,
as RFC 5545 says), named by its SUMMARY; its calendar name is given on import. Importing a
calendar replaces all its days (in the caller's transaction).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import delete, func
from sqlmodel import Session, col, select

from knowledge.store.models import Holiday
from scheduler.errors import HolidayFileInvalid, UnknownCalendar
from scheduler.schedules import NO_HOLIDAYS

# A calendar's name: a short word ("un-geneva", "itu_2027").
CALENDAR_NAME = re.compile(r"[a-z0-9][a-z0-9_.-]{0,39}")
# An event longer than this is not a holiday (a mistyped DTEND): refused.
MAX_EVENT_DAYS = 31


@dataclass(frozen=True)
class HolidayDay:
    day: date
    name_en: str
    name_zh: str


@dataclass(frozen=True)
class CalendarSummary:
    """A stored calendar: its name, how many days, its first and last day."""

    name: str
    days: int
    first: date
    last: date


def to_calendar_name(text: str, file: str = "") -> str:
    name = text.strip().lower()
    if not CALENDAR_NAME.fullmatch(name):
        raise HolidayFileInvalid(file, "name", text)
    return name


def _to_date(value: Any, file: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise HolidayFileInvalid(file, "date", str(value)) from exc


def read_yaml_holidays(text: str, file: str = "") -> tuple[str | None, list[HolidayDay]]:
    """(the calendar's name if the file gives one, its days) from a YAML holiday list."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise HolidayFileInvalid(file, "format", type(exc).__name__) from exc
    except ValueError as exc:  # YAML reads 2026-13-01 as a date, and fails
        raise HolidayFileInvalid(file, "date", str(exc)) from exc
    if not isinstance(data, dict) or not isinstance(data.get("holidays"), list):
        raise HolidayFileInvalid(file, "format", "holidays")
    days = []
    for item in data["holidays"]:
        if not isinstance(item, dict) or "date" not in item:
            raise HolidayFileInvalid(file, "format", str(item)[:80])
        name_en = str(item.get("name_en") or item.get("name") or "")
        name_zh = str(item.get("name_zh") or name_en)
        days.append(HolidayDay(_to_date(item["date"], file), name_en, name_zh))
    name = data.get("calendar")
    return (str(name) if name is not None else None), days


def read_ics_holidays(content: bytes, file: str = "") -> list[HolidayDay]:
    """The days of an iCalendar file's events (all-day or timed: the day they start on)."""
    # Imported here: only an import of an .ics file needs the parser.
    import icalendar

    try:
        calendar = icalendar.Calendar.from_ical(content)
    except ValueError as exc:
        raise HolidayFileInvalid(file, "format", "iCalendar") from exc
    days: list[HolidayDay] = []
    for event in calendar.walk("VEVENT"):
        start_prop = event.get("DTSTART")
        if start_prop is None:
            continue
        start = _to_date(start_prop.dt, file)
        end_prop = event.get("DTEND")
        if end_prop is not None:
            end = _to_date(end_prop.dt, file)
        elif event.get("DURATION") is not None:
            end = start + max(event.get("DURATION").dt, timedelta(days=1))
        else:
            end = start + timedelta(days=1)
        if (end - start).days > MAX_EVENT_DAYS:
            raise HolidayFileInvalid(file, "date", f"{start}..{end}")
        name = str(event.get("SUMMARY") or "")
        day = start
        while day < end or day == start:
            days.append(HolidayDay(day, name, name))
            day += timedelta(days=1)
    return days


def read_holiday_file(path: Path) -> tuple[str | None, list[HolidayDay]]:
    """A holiday file by its suffix: .ics is iCalendar, anything else YAML."""
    file = str(path)
    if path.suffix.lower() in (".ics", ".ical", ".ifb"):
        return None, read_ics_holidays(path.read_bytes(), file)
    return read_yaml_holidays(path.read_text(encoding="utf-8"), file)


def import_holidays(
    session: Session, calendar: str, days: Iterable[HolidayDay], file: str = ""
) -> int:
    """Replaces the calendar's days with `days` (a day given twice is kept once, with its
    first name); returns how many days it has. Flushes; the caller commits."""
    name = to_calendar_name(calendar, file)
    unique: dict[date, HolidayDay] = {}
    for day in days:
        unique.setdefault(day.day, day)
    if not unique:
        raise HolidayFileInvalid(file, "empty")
    session.exec(delete(Holiday).where(col(Holiday.calendar) == name))
    for day in sorted(unique.values(), key=lambda d: d.day):
        session.add(
            Holiday(
                calendar=name,
                day=day.day,
                name_en=day.name_en[:200],
                name_zh=(day.name_zh or day.name_en)[:200],
            )
        )
    session.flush()
    return len(unique)


def list_calendars(session: Session) -> list[CalendarSummary]:
    rows = session.exec(
        select(Holiday.calendar, func.count(), func.min(Holiday.day), func.max(Holiday.day))
        .group_by(col(Holiday.calendar))
        .order_by(col(Holiday.calendar))
    )
    return [CalendarSummary(name, count, first, last) for name, count, first, last in rows]


def check_calendar(session: Session, calendar: str) -> str:
    """The calendar's stored name ("" for none); UnknownCalendar when none was imported."""
    name = calendar.strip().lower()
    if name in ("", "none", "-", "无"):
        return ""
    known = [c.name for c in list_calendars(session)]
    if name not in known:
        raise UnknownCalendar(calendar, known)
    return name


def get_holiday_days(session: Session, calendar: str) -> frozenset[date]:
    """The days of a calendar (none for "" or an unknown name)."""
    if not calendar:
        return NO_HOLIDAYS
    rows = session.exec(select(Holiday).where(col(Holiday.calendar) == calendar))
    return frozenset(row.day for row in rows)


def list_holidays(session: Session, calendar: str, since: date, until: date) -> list[Holiday]:
    """A calendar's days from `since` to `until`, both included, in order."""
    query = (
        select(Holiday)
        .where(col(Holiday.calendar) == calendar)
        .where(col(Holiday.day) >= since, col(Holiday.day) <= until)
        .order_by(col(Holiday.day))
    )
    return list(session.exec(query))
