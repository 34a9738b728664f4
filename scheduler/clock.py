"""The clock process: APScheduler 3 wakes `run_due` for each subscription on its schedule.

The project's tables are the source of truth; APScheduler keeps only its default in-memory
job store (its FAQ: job stores must never be shared between schedulers). Jobs are rebuilt
from the Subscription table by a sync job every few seconds: one job per subscription, id
"subscription:ID", fired in the subscription's time zone by `PeriodTrigger`, plus a
catch-up run over every subscription at start (and on taking over) and then every minute —
the runner's grace window, not APScheduler's misfire handling, decides what is still due.
The catch-up run also delivers snoozed reminders that are due (scheduler.snoozes).
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.base import BaseTrigger
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from knowledge.store import utc_now
from scheduler.errors import SchedulerError
from scheduler.holidays import get_holiday_days
from scheduler.leader import LeaderLock, build_leader_lock, wait_for_leadership
from scheduler.poster import Poster
from scheduler.runner import (
    DEFAULT_RETRY,
    DEFAULT_WORKERS,
    LEADER_TAKE_OVER,
    RUNNER_ID,
    BuildReport,
    RetryPolicy,
    RunSummary,
    default_build_report,
    run_due,
)
from scheduler.schedules import NO_HOLIDAYS, Schedule, next_fire_time, parse_schedule, to_zone
from scheduler.snoozes import run_due_snoozes
from scheduler.subscriptions import list_subscriptions

logger = logging.getLogger(__name__)

JOB_PREFIX = "subscription:"
SYNC_JOB_ID = "sync"
CATCH_UP_JOB_ID = "catch-up"


@dataclass(frozen=True)
class ClockConfig:
    """How the clock process runs (intervals in seconds)."""

    grace: timedelta
    sync_seconds: float = 5.0  # how soon an added, paused or removed subscription is noticed
    catch_up_seconds: float = 60.0  # a run over every subscription, as a safety net
    standby_poll_seconds: float = 2.0  # how often a standby tries to take over
    workers: int = DEFAULT_WORKERS
    retry: RetryPolicy = field(default=DEFAULT_RETRY)
    # Claims another process holds are taken over once this old, and this process's own
    # claims stay its own for as long after each renewal (see LEADER_TAKE_OVER): every
    # scheduler on one store must use the same value.
    take_over_after: timedelta = LEADER_TAKE_OVER
    # Told what each run did and when this process starts or stops leading (metrics).
    on_run: Callable[[RunSummary], None] | None = None
    on_lead: Callable[[bool], None] | None = None
    # Told the operation that found the store unavailable ("run", "snoozes", "sync").
    on_store_error: Callable[[str], None] | None = None


def _tell(observer: Callable[[str], None] | None, operation: str) -> None:
    if observer is not None:
        observer(operation)


class PeriodTrigger(BaseTrigger):
    """Fires at a schedule's periods in its time zone (see scheduler.schedules for DST)."""

    def __init__(
        self, schedule: Schedule, zone_name: str, holidays: frozenset[date] = NO_HOLIDAYS
    ) -> None:
        self.schedule = schedule
        self.zone_name = zone_name
        self.zone = to_zone(zone_name)
        self.holidays = holidays

    def get_next_fire_time(
        self, previous_fire_time: datetime | None, now: datetime
    ) -> datetime | None:
        after = previous_fire_time or now - timedelta(microseconds=1)
        found = next_fire_time(self.schedule, self.zone, after, self.holidays)
        return found.astimezone(self.zone) if found is not None else None

    def __str__(self) -> str:
        return f"period[{self.schedule.text} {self.zone_name}]"


def to_job_id(subscription_id: int) -> str:
    return f"{JOB_PREFIX}{subscription_id}"


def sync_jobs(
    scheduler: BackgroundScheduler, db_engine: Engine, run_one: Callable[[int], Any]
) -> None:
    """Makes the scheduler's subscription jobs match the active subscriptions."""
    with Session(db_engine) as session:
        calendars: dict[str, frozenset[date]] = {}
        wanted = {}
        for s in list_subscriptions(session, include_paused=False):
            if s.id is None:
                continue
            if s.holidays not in calendars:
                calendars[s.holidays] = get_holiday_days(session, s.holidays)
            wanted[to_job_id(s.id)] = (s.id, s.schedule, s.tz, calendars[s.holidays])
    for job in scheduler.get_jobs():
        if job.id.startswith(JOB_PREFIX) and job.id not in wanted:
            scheduler.remove_job(job.id)
            logger.info("job %s removed", job.id)
    for job_id, (subscription_id, schedule_text, tz, holidays) in wanted.items():
        # A re-imported calendar changes the signature, so the job is rebuilt with its days.
        signature = f"{schedule_text} | {tz}"
        if holidays:
            days = ",".join(sorted(d.isoformat() for d in holidays))
            signature += f" | holidays {hashlib.sha1(days.encode()).hexdigest()[:12]}"
        job = scheduler.get_job(job_id)
        if job is not None and job.name == signature:
            continue
        try:
            trigger = PeriodTrigger(parse_schedule(schedule_text), tz, holidays)
        except SchedulerError as exc:
            logger.error("subscription %s has no valid schedule: %s", subscription_id, exc)
            continue
        scheduler.add_job(
            run_one,
            trigger,
            args=(subscription_id,),
            id=job_id,
            name=signature,
            replace_existing=True,
        )
        logger.info("job %s scheduled: %s", job_id, signature)


class _JobsInProgress:
    """Counts the clock's jobs under way (`with jobs:`), so that losing the lead can wait
    for them without holding any of APScheduler's locks."""

    def __init__(self) -> None:
        self._count = 0
        self._idle = threading.Condition()

    def __enter__(self) -> None:
        with self._idle:
            self._count += 1

    def __exit__(self, *_exc: object) -> None:
        with self._idle:
            self._count -= 1
            self._idle.notify_all()

    def wait_until_idle(self) -> None:
        with self._idle:
            self._idle.wait_for(lambda: self._count == 0)


def _lead(
    db_engine: Engine,
    posters: Mapping[str, Poster],
    config: ClockConfig,
    build_report: BuildReport | None,
    lock: LeaderLock,
    stop: threading.Event,
) -> None:
    """Runs the scheduler while this process leads; returns on stop or when the lead is lost."""

    def run(subscription_ids: list[int] | None) -> None:
        with in_progress:
            _run(subscription_ids)

    def _run(subscription_ids: list[int] | None) -> None:
        try:
            summary = run_due(
                db_engine,
                posters,
                utc_now(),
                config.grace,
                build_report,
                subscription_ids=subscription_ids,
                retry=config.retry,
                workers=config.workers,
                take_over_after=config.take_over_after,
                stop=stopping,
                # A wait (Retry-After, backoff) ends when the process stops: the post is
                # released at once, for the standby, rather than after up to 30 s.
                sleep=wait,
            )
        except SQLAlchemyError as exc:
            logger.error("run failed, store unavailable: %s", str(exc).splitlines()[0])
            _tell(config.on_store_error, "scheduler_run")
        else:
            if config.on_run is not None:
                config.on_run(summary)
        if subscription_ids is None and not stopping.is_set():
            # The catch-up run also delivers the snoozed reminders that are due.
            try:
                run_due_snoozes(
                    db_engine,
                    posters,
                    utc_now(),
                    build_report or default_build_report(),
                    runner_id=RUNNER_ID,
                    take_over_after=config.take_over_after,
                )
            except SQLAlchemyError as exc:
                logger.error("snoozes not run, store unavailable: %s", str(exc).splitlines()[0])
                _tell(config.on_store_error, "scheduler_snoozes")

    def wait(seconds: float) -> None:
        stopping.wait(seconds)

    def run_one(subscription_id: int) -> None:
        run([subscription_id])

    def sync() -> None:
        with in_progress:
            if stopping.is_set():
                return
            try:
                sync_jobs(scheduler, db_engine, run_one)
            except SQLAlchemyError as exc:
                logger.error("sync failed, store unavailable: %s", str(exc).splitlines()[0])
                _tell(config.on_store_error, "scheduler_sync")

    # Set on stop or on losing the lead: runs in progress start no further posts.
    stopping = threading.Event()
    in_progress = _JobsInProgress()
    scheduler = BackgroundScheduler(
        timezone=UTC,
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
    )
    sync()
    now = datetime.now(UTC)
    scheduler.add_job(sync, "interval", seconds=config.sync_seconds, id=SYNC_JOB_ID)
    scheduler.add_job(
        run,
        "interval",
        args=(None,),
        seconds=config.catch_up_seconds,
        next_run_time=now,
        id=CATCH_UP_JOB_ID,
    )
    scheduler.start()
    logger.info("became the leader: %s subscription jobs", len(scheduler.get_jobs()) - 2)
    if config.on_lead is not None:
        config.on_lead(True)
    try:
        while not stop.wait(config.standby_poll_seconds):
            if not lock.is_held():
                logger.error("lost the lead; stopping the jobs")
                break
    finally:
        stopping.set()
        # Not shutdown(wait=True): it holds APScheduler's job store lock while it waits, and a
        # sync job under way that asks for the jobs would then wait for ever.
        scheduler.shutdown(wait=False)
        in_progress.wait_until_idle()
        if config.on_lead is not None:
            config.on_lead(False)


def run_clock(
    db_engine: Engine,
    posters: Mapping[str, Poster],
    config: ClockConfig,
    stop: threading.Event,
    build_report: BuildReport | None = None,
    lock: LeaderLock | None = None,
) -> None:
    """`staffbot scheduler`: waits for the lead (or refuses: SchedulerAlreadyRunning on
    SQLite), schedules and posts while leading, and returns once `stop` is set."""
    lock = lock or build_leader_lock(db_engine)
    try:
        while not stop.is_set():
            if not wait_for_leadership(lock, stop, config.standby_poll_seconds):
                break
            _lead(db_engine, posters, config, build_report, lock, stop)
            lock.release()
    finally:
        lock.release()
