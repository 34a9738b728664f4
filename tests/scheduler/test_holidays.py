"""Holiday calendars: reading YAML and iCalendar files, and periods moved off holidays once."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from scheduler import deliveries
from scheduler.errors import HolidayFileInvalid, UnknownCalendar
from scheduler.holidays import (
    HolidayDay,
    get_holiday_days,
    import_holidays,
    list_calendars,
    read_holiday_file,
    read_ics_holidays,
    read_yaml_holidays,
)
from scheduler.runner import LEADER_TAKE_OVER, run_due
from scheduler.schedules import (
    list_periods,
    next_fire_time,
    parse_schedule,
    to_working_day,
    to_zone,
)
from scheduler.subscriptions import create_subscription, get_next_run, set_holidays
from tests.scheduler.conftest import FakePoster, FakeReportBuilder

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "docs" / "holidays" / "un-geneva-sample-2026-2027.yaml"
ZURICH = to_zone("Europe/Zurich")
# Easter 2027: Good Friday 26 March, Easter Monday 29 March; Zurich moves from CET (UTC+1)
# to CEST (UTC+2) on Sunday 28 March, between the two.
EASTER_2027 = frozenset({date(2027, 3, 26), date(2027, 3, 29)})
GRACE = timedelta(hours=6)


def _utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_a_working_day_stays_and_a_holiday_moves_past_the_weekend() -> None:
    assert to_working_day(date(2027, 3, 25), EASTER_2027) == date(2027, 3, 25)
    assert to_working_day(date(2027, 3, 26), EASTER_2027) == date(2027, 3, 30)
    assert to_working_day(date(2027, 3, 29), EASTER_2027) == date(2027, 3, 30)


def test_a_friday_holiday_moves_across_the_dst_change_at_the_same_local_time() -> None:
    schedule = parse_schedule("fri 09:00")
    periods = list_periods(schedule, ZURICH, _utc(2027, 3, 20), _utc(2027, 4, 3), EASTER_2027)
    # Without holidays: Friday 26 March 09:00 CET = 08:00 UTC. Moved: Tuesday 30 March,
    # 09:00 CEST = 07:00 UTC; the next Friday is as usual.
    assert periods == [_utc(2027, 3, 30, 7), _utc(2027, 4, 2, 7)]
    assert list_periods(schedule, ZURICH, _utc(2027, 3, 20), _utc(2027, 4, 3)) == [
        _utc(2027, 3, 26, 8),
        _utc(2027, 4, 2, 7),
    ]


def test_a_moved_period_landing_on_a_scheduled_one_is_posted_once() -> None:
    schedule = parse_schedule("weekdays 09:00")
    periods = list_periods(
        schedule, ZURICH, _utc(2027, 3, 24, 12), _utc(2027, 3, 31, 12), EASTER_2027
    )
    # Friday and Monday both move to Tuesday, which has its own post: one post that day.
    assert periods == [_utc(2027, 3, 25, 8), _utc(2027, 3, 30, 7), _utc(2027, 3, 31, 7)]


def test_the_next_fire_time_skips_the_holiday() -> None:
    schedule = parse_schedule("mon 09:00")
    found = next_fire_time(schedule, ZURICH, _utc(2027, 3, 27), EASTER_2027)
    assert found == _utc(2027, 3, 30, 7)


def test_the_sample_calendar_reads_and_imports(store: Engine) -> None:
    name, days = read_holiday_file(SAMPLE)
    assert name == "un-geneva-sample"
    assert {d.day for d in days} >= EASTER_2027 | {date(2026, 12, 25), date(2026, 9, 10)}
    with Session(store) as session:
        assert import_holidays(session, name, days) == 14
        session.commit()
        (summary,) = list_calendars(session)
        assert (summary.name, summary.days) == ("un-geneva-sample", 14)
        assert summary.first == date(2026, 1, 1) and summary.last == date(2027, 12, 25)
        # Importing again replaces the days.
        import_holidays(session, name, [HolidayDay(date(2027, 3, 26), "Good Friday", "")])
        session.commit()
        assert get_holiday_days(session, name) == {date(2027, 3, 26)}


def test_an_icalendar_file_gives_every_day_of_its_events() -> None:
    content = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
        b"BEGIN:VEVENT\r\nUID:1\r\nDTSTART;VALUE=DATE:20261224\r\n"
        b"DTEND;VALUE=DATE:20261227\r\nSUMMARY:End of year clo\r\n sure\r\nEND:VEVENT\r\n"
        b"BEGIN:VEVENT\r\nUID:2\r\nDTSTART;VALUE=DATE:20270101\r\nSUMMARY:New Year\r\n"
        b"END:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    days = read_ics_holidays(content)
    assert [d.day for d in days] == [
        date(2026, 12, 24),
        date(2026, 12, 25),
        date(2026, 12, 26),
        date(2027, 1, 1),
    ]
    assert days[0].name_en == "End of year closure"  # a folded line, unfolded


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("holidays: [{date: 2026-13-01}]", "date"),
        ("- 2026-01-01", "format"),
        ("holidays: [{name: x}]", "format"),
    ],
)
def test_a_bad_yaml_file_is_refused_with_its_reason(text: str, reason: str) -> None:
    with pytest.raises(HolidayFileInvalid) as caught:
        read_yaml_holidays(text, "f.yaml")
    assert caught.value.reason_key == reason


def _import_easter(store: Engine) -> None:
    with Session(store) as session:
        import_holidays(session, "geneva", [HolidayDay(d, "", "") for d in EASTER_2027])
        session.commit()


def test_a_subscription_with_an_unknown_calendar_is_refused(store: Engine) -> None:
    with Session(store) as session, pytest.raises(UnknownCalendar) as caught:
        create_subscription(
            session, "U1", "reminder", "C1", "P1", "fri 09:00", "Europe/Zurich", "en",
            holidays="nowhere",
        )  # fmt: skip
    assert caught.value.name == "nowhere"


def test_the_runner_posts_a_holiday_period_once_on_the_next_working_day(store: Engine) -> None:
    _import_easter(store)
    with Session(store) as session:
        subscription = create_subscription(
            session, "U1", "reminder", "C1", "P1", "fri 09:00", "Europe/Zurich", "en",
            now=_utc(2027, 3, 20), holidays="geneva",
        )  # fmt: skip
        session.commit()
        sid = subscription.id
        assert sid is not None
        assert get_next_run(subscription, _utc(2027, 3, 20), EASTER_2027) == _utc(2027, 3, 30, 7)
    poster, reports = FakePoster(), FakeReportBuilder()

    def run(now: datetime) -> None:
        run_due(store, {"slack": poster}, now, GRACE, reports, take_over_after=LEADER_TAKE_OVER)

    run(_utc(2027, 3, 26, 8, 1))  # Good Friday, at the usual time: nothing
    run(_utc(2027, 3, 29, 7, 1))  # Easter Monday: nothing
    assert poster.posts == []
    run(_utc(2027, 3, 30, 7, 1))  # Tuesday, 09:01 CEST: posted
    run(_utc(2027, 3, 30, 9))  # again in the same grace window: not again
    assert poster.markers() == [deliveries.to_marker(sid, _utc(2027, 3, 30, 7))]
    with Session(store) as session:
        rows = deliveries.list_deliveries(session, sid)
    # No Friday period was recorded as missed: it moved, it was not skipped.
    assert [(d.period, d.status) for d in rows] == [(_utc(2027, 3, 30, 7), "sent")]


def test_a_calendar_set_on_an_existing_subscription_is_audited(store: Engine) -> None:
    _import_easter(store)
    with Session(store) as session:
        subscription = create_subscription(
            session, "U1", "digest", "C1", "P1", "mon 09:00", "Europe/Zurich", "en"
        )
        session.flush()
        assert subscription.id is not None
        changed = set_holidays(session, "U2", subscription.id, "Geneva")
        assert changed.holidays == "geneva" and changed.version == 2
        assert set_holidays(session, "U2", subscription.id, "none").holidays == ""
        session.commit()
