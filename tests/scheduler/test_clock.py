"""The clock: jobs mirror the subscription table; a catch-up run at start; a clean stop."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.background import BackgroundScheduler
from sqlalchemy.engine import Engine
from sqlmodel import Session

from knowledge.store import utc_now
from scheduler.clock import ClockConfig, PeriodTrigger, run_clock, sync_jobs
from scheduler.leader import ProcessLeaderLock
from scheduler.schedules import list_periods, parse_schedule, to_zone
from scheduler.subscriptions import create_subscription, pause_subscription, remove_subscription
from tests.scheduler.conftest import FakePoster, FakeReportBuilder


def _add(store: Engine, schedule: str, tz: str, created: datetime | None = None) -> int:
    with Session(store) as session:
        subscription = create_subscription(
            session, "U1", "digest", "C1", "all", schedule, tz, "en", now=created
        )
        session.commit()
        assert subscription.id is not None
        return subscription.id


def test_sync_jobs_follows_adds_pauses_and_removals(store: Engine) -> None:
    scheduler = BackgroundScheduler(timezone=UTC)
    first = _add(store, "mon 09:00", "Europe/Zurich")
    second = _add(store, "0 8 * * 0", "America/New_York")
    sync_jobs(scheduler, store, print)
    jobs = {job.id: job for job in scheduler.get_jobs()}
    assert set(jobs) == {f"subscription:{first}", f"subscription:{second}"}
    trigger = jobs[f"subscription:{second}"].trigger
    assert isinstance(trigger, PeriodTrigger) and trigger.zone_name == "America/New_York"
    assert jobs[f"subscription:{first}"].args == (first,)
    with Session(store) as session:
        pause_subscription(session, "U1", first)
        remove_subscription(session, "U1", second)
        session.commit()
    third = _add(store, "daily 18:00", "Asia/Shanghai")
    sync_jobs(scheduler, store, print)
    assert [job.id for job in scheduler.get_jobs()] == [f"subscription:{third}"]


def test_period_trigger_fires_once_in_the_repeated_hour() -> None:
    zone = "America/New_York"
    trigger = PeriodTrigger(parse_schedule("30 * * * *"), zone)
    now = datetime(2026, 11, 1, 4, tzinfo=UTC)  # 00:00 EDT on the fall-back day
    fired: list[datetime] = []
    previous = None
    while len(fired) < 24:
        found = trigger.get_next_fire_time(previous, now)
        assert found is not None
        fired.append(found.astimezone(UTC))
        previous = found
    assert fired == list_periods(
        parse_schedule("30 * * * *"), to_zone(zone), now, fired[-1] + timedelta(seconds=1)
    )
    assert len(set(fired)) == 24


def test_run_clock_catches_up_at_start_and_stops_cleanly(store: Engine) -> None:
    # Due a minute ago: the catch-up run at start posts it.
    period = (utc_now() - timedelta(minutes=1)).replace(second=0, microsecond=0)
    sid = _add(store, f"{period.minute} {period.hour} * * *", "UTC", period - timedelta(hours=1))
    poster, reports, stop = FakePoster(), FakeReportBuilder(), threading.Event()
    config = ClockConfig(grace=timedelta(hours=1), sync_seconds=0.1, standby_poll_seconds=0.05)
    thread = threading.Thread(
        target=run_clock,
        args=(store, {"slack": poster}, config, stop, reports, ProcessLeaderLock()),
    )
    thread.start()
    deadline = time.monotonic() + 10
    while not poster.posts:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    stop.set()
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert [marker for marker in poster.markers()] == [f"staffbot:{sid}:{period:%Y%m%dT%H%M%SZ}"]
