"""Schedules: the written forms, cron's day numbers, zones, and daylight-saving weeks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from scheduler.errors import BadSchedule, UnknownTimeZone
from scheduler.schedules import (
    latest_period,
    list_periods,
    next_fire_time,
    next_fire_times,
    parse_schedule,
    to_zone,
    to_zone_name,
)

ZURICH = to_zone("Europe/Zurich")
NEW_YORK = to_zone("America/New_York")


def _local(periods: list[datetime], zone: object) -> list[str]:
    return [p.astimezone(zone).strftime("%a %Y-%m-%d %H:%M %Z") for p in periods]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "days", "hour", "minute"),
    [
        ("mon 09:00", ["mon"], 9, 0),
        ("Mon,Wed 09:00", ["mon", "wed"], 9, 0),
        ("mon, wed, fri 9:15", ["mon", "wed", "fri"], 9, 15),
        ("weekdays 08:30", ["mon", "tue", "wed", "thu", "fri"], 8, 30),
        ("mon-fri 08:30", ["mon", "tue", "wed", "thu", "fri"], 8, 30),
        ("daily 18:00", ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], 18, 0),
        ("周一 09:00", ["mon"], 9, 0),
        ("每周三 9:00", ["wed"], 9, 0),
        ("周一、周四 10:30", ["mon", "thu"], 10, 30),
        ("工作日 08:30", ["mon", "tue", "wed", "thu", "fri"], 8, 30),
        ("每天18:00", ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], 18, 0),
    ],
)
def test_parse_day_and_time_forms(text: str, days: list[str], hour: int, minute: int) -> None:
    schedule = parse_schedule(text)
    assert schedule.kind == "at"
    assert schedule.to_weekday_names() == days
    assert (set(schedule.hours), set(schedule.minutes)) == ({hour}, {minute})


@pytest.mark.parametrize(
    ("cron", "days"),
    [
        ("0 9 * * 0", ["sun"]),  # cron's 0 is Sunday (APScheduler 3's 0 would be Monday)
        ("0 9 * * 7", ["sun"]),
        ("0 9 * * 1", ["mon"]),
        ("0 9 * * 1-5", ["mon", "tue", "wed", "thu", "fri"]),
        ("0 9 * * 5-7", ["fri", "sat", "sun"]),
        ("0 9 * * sun,wed", ["wed", "sun"]),
        ("0 9 * * mon-fri", ["mon", "tue", "wed", "thu", "fri"]),
        ("0 9 * * */2", ["tue", "thu", "sat", "sun"]),
    ],
)
def test_cron_day_of_week_is_standard_cron(cron: str, days: list[str]) -> None:
    schedule = parse_schedule(cron)
    assert schedule.kind == "cron" and schedule.to_weekday_names() == days


def test_cron_sunday_fires_on_a_sunday() -> None:
    after = datetime(2026, 11, 18, tzinfo=UTC)  # a Wednesday
    fired = next_fire_time(parse_schedule("30 8 * * 0"), ZURICH, after)
    assert fired is not None and fired.astimezone(ZURICH).strftime("%a %H:%M") == "Sun 08:30"


def test_cron_fields_steps_ranges_and_months() -> None:
    schedule = parse_schedule("*/20 8-10 1,15 jan-mar *")
    assert sorted(schedule.minutes) == [0, 20, 40] and sorted(schedule.hours) == [8, 9, 10]
    assert schedule.days == {1, 15} and schedule.months == {1, 2, 3} and schedule.weekdays is None


def test_cron_day_of_month_or_day_of_week_as_cron_does() -> None:
    schedule = parse_schedule("0 9 1 * mon")
    periods = list_periods(
        schedule, ZURICH, datetime(2026, 6, 1, tzinfo=UTC), datetime(2026, 7, 1, tzinfo=UTC)
    )
    # 1 June is a Monday; then every Monday: 8, 15, 22, 29 June.
    assert [p.astimezone(ZURICH).day for p in periods] == [1, 8, 15, 22, 29]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("mon 25:00", "bad_time"),
        ("mon 09:60", "bad_time"),
        ("someday 09:00", "bad_day"),
        ("fri-mon 09:00", "bad_day"),
        ("0 9 * *", "cron_fields"),
        ("0 9 * * 8", "cron_value"),
        ("61 9 * * *", "cron_value"),
        ("0 9 * foo *", "cron_value"),
        ("0 9 * * 5-1", "cron_value"),
        ("*/0 9 * * *", "cron_value"),
        ("0 0 30 2 *", "never"),
        ("tomorrow", "bad_time"),
    ],
)
def test_bad_schedules_say_why(text: str, reason: str) -> None:
    with pytest.raises(BadSchedule) as caught:
        parse_schedule(text)
    assert caught.value.reason_key == reason and caught.value.text == text


def test_time_zone_names_are_checked_and_spelled_as_iana() -> None:
    assert to_zone_name(" europe/zurich ") == "Europe/Zurich"
    with pytest.raises(UnknownTimeZone) as caught:
        to_zone_name("Europe/Zurih")
    assert caught.value.name == "Europe/Zurih" and "Europe/Zurich" in caught.value.suggestions
    with pytest.raises(UnknownTimeZone):
        to_zone("Mars/Olympus")


# -- daylight saving: neither skipped nor doubled -----------------------------------------


def test_zurich_spring_forward_week_daily_0230_posts_every_day_once() -> None:
    # 29 March 2026: 02:00 CET → 03:00 CEST, so 02:30 does not exist that day.
    periods = list_periods(
        parse_schedule("daily 02:30"),
        ZURICH,
        datetime(2026, 3, 26, 12, tzinfo=UTC),
        datetime(2026, 4, 1, 12, tzinfo=UTC),
    )
    assert _local(periods, ZURICH) == [
        "Fri 2026-03-27 02:30 CET",
        "Sat 2026-03-28 02:30 CET",
        "Sun 2026-03-29 03:30 CEST",  # the skipped time, posted an hour later
        "Mon 2026-03-30 02:30 CEST",
        "Tue 2026-03-31 02:30 CEST",
        "Wed 2026-04-01 02:30 CEST",
    ]


def test_zurich_fall_back_week_repeated_hour_posts_once() -> None:
    # 25 October 2026: 03:00 CEST → 02:00 CET, so 02:30 happens twice that day.
    periods = list_periods(
        parse_schedule("sun 02:30"),
        ZURICH,
        datetime(2026, 10, 19, tzinfo=UTC),
        datetime(2026, 10, 26, tzinfo=UTC),
    )
    assert _local(periods, ZURICH) == ["Sun 2026-10-25 02:30 CEST"]
    weekly_9 = list_periods(
        parse_schedule("mon 09:00"),
        ZURICH,
        datetime(2026, 10, 18, tzinfo=UTC),
        datetime(2026, 11, 3, tzinfo=UTC),
    )
    assert [p.isoformat() for p in weekly_9] == [
        "2026-10-19T07:00:00+00:00",  # CEST
        "2026-10-26T08:00:00+00:00",  # CET: the same 09:00 on the wall clock
        "2026-11-02T08:00:00+00:00",
    ]


def test_new_york_spring_forward_0230_is_posted_at_0330() -> None:
    # 8 March 2026: 02:00 EST → 03:00 EDT.
    periods = list_periods(
        parse_schedule("0 2-3 * * *"),
        NEW_YORK,
        datetime(2026, 3, 7, 12, tzinfo=UTC),
        datetime(2026, 3, 9, 12, tzinfo=UTC),
    )
    assert _local(periods, NEW_YORK) == [
        "Sun 2026-03-08 03:00 EDT",  # 02:00 (skipped) and 03:00 are one instant: one post
        "Mon 2026-03-09 02:00 EDT",
        "Mon 2026-03-09 03:00 EDT",
    ]
    sunday = list_periods(
        parse_schedule("sun 02:30"),
        NEW_YORK,
        datetime(2026, 3, 2, tzinfo=UTC),
        datetime(2026, 3, 10, tzinfo=UTC),
    )
    assert _local(sunday, NEW_YORK) == ["Sun 2026-03-08 03:30 EDT"]


def test_new_york_fall_back_hourly_cron_has_no_duplicate() -> None:
    # 1 November 2026: 02:00 EDT → 01:00 EST; 01:30 happens twice.
    day_start = datetime(2026, 11, 1, 4, tzinfo=UTC)  # 00:00 EDT
    periods = list_periods(
        parse_schedule("30 * * * *"), NEW_YORK, day_start, day_start + timedelta(hours=25)
    )
    local = _local(periods, NEW_YORK)
    assert len(periods) == len(set(periods)) == 24
    assert local.count("Sun 2026-11-01 01:30 EDT") == 1
    assert "Sun 2026-11-01 01:30 EST" not in local
    once = list_periods(
        parse_schedule("daily 01:30"), NEW_YORK, day_start, day_start + timedelta(days=1)
    )
    assert _local(once, NEW_YORK) == ["Sun 2026-11-01 01:30 EDT"]


def test_next_fire_times_step_over_dst_like_list_periods() -> None:
    schedule = parse_schedule("daily 02:30")
    start = datetime(2026, 10, 22, tzinfo=UTC)
    following = next_fire_times(schedule, ZURICH, start, 6)
    assert following == list_periods(schedule, ZURICH, start, following[-1])
    assert len(set(following)) == 6


def test_latest_period_is_at_or_before() -> None:
    schedule = parse_schedule("mon 09:00")
    monday_9 = datetime(2026, 11, 16, 8, tzinfo=UTC)  # 09:00 CET
    assert latest_period(schedule, ZURICH, monday_9) == monday_9
    assert latest_period(schedule, ZURICH, monday_9 - timedelta(seconds=1)) == monday_9 - timedelta(
        days=7
    )
