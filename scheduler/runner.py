"""The scheduled job: post each subscription's due period once, through the poster given.

`run_due` is a plain function: the database engine, the posters (by platform), the time and
the report builder are passed in, so tests control all four. Per subscription and run:

- the periods since its latest delivery (or its creation) up to `now` are listed;
- the latest one within the grace window is claimed (committed) and posted; every older
  one is recorded as missed (the next post lists them) — at most one post per run;
- a delivery a dead process left claimed is first looked for on the platform (its marker):
  found → sent; not found → posted if still due, else missed; on a platform that cannot be
  asked (Teams: CannotCheck) → failed, since it may have gone out;
- 429 → wait Retry-After and retry; 5xx or no connection → retry with backoff; an unclear
  outcome → look for the post, then retry; all bounded, then failed; a refusal → failed.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Collection, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from knowledge.models import Delivery, Subscription, utc_now
from scheduler import deliveries
from scheduler.errors import (
    CannotCheck,
    PermanentFailure,
    PostError,
    RateLimited,
    SchedulerError,
    UnclearOutcome,
)
from scheduler.poster import Poster
from scheduler.schedules import list_periods, parse_schedule, to_zone

if TYPE_CHECKING:
    from scheduler.reports import Report

logger = logging.getLogger(__name__)

BuildReport = Callable[[Session, Subscription, datetime, Sequence[Delivery]], "Report"]

# Who claims in this process: unique per process life, so that a restarted process (or the
# standby taking over) tells the claims of a dead one from its own ones in flight.
RUNNER_ID = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
# Periods older than this are not even listed (a minutely cron down for a year must not
# write half a million missed rows); they were long past any grace window.
MAX_LOOKBACK = timedelta(days=35)
# find_post looks for a delivery's message from this long before its period (clock skew).
FIND_SINCE_MARGIN = timedelta(minutes=5)
DEFAULT_WORKERS = 8
# A claim another runner holds is taken over once it is this old (it died mid-post); the
# leading scheduler passes LEADER_TAKE_OVER instead.
STALE_CLAIM = timedelta(minutes=10)
# What _post returns when it stopped before an attempt: the claim is left for a later run.
RELEASED = "released"
# How old another runner's claim must be before the leader takes it over. The previous leader
# stops before its next attempt once it sees it lost the lock (within a standby poll), but an
# attempt under way can last the client's timeout (30 s) plus its own waits for Retry-After
# (up to 3 × 30 s): a younger claim may still be posted by a leader cut off from the database.
LEADER_TAKE_OVER = timedelta(minutes=3)
# Delivery.error of periods recorded missed.
MISSED_LATE = "past the grace window"
MISSED_SUPERSEDED = "a newer period was due"
MISSED_UNFINISHED = "left unfinished, not found on the platform"
# Delivery.error of a left-over claim on a platform that cannot be asked whether it went out.
FAILED_UNCHECKABLE = "left unfinished, the platform cannot be asked whether it went out"


@dataclass(frozen=True)
class RetryPolicy:
    """How hard one run tries to get one post out."""

    max_attempts: int = 4  # posts tried per delivery and run, the first one included
    backoff: float = 1.0  # seconds before the 2nd attempt after a 5xx; doubles each time
    max_delay: float = 30.0  # cap of one wait (Retry-After included)


DEFAULT_RETRY = RetryPolicy()


@dataclass
class RunSummary:
    """What one run did, in numbers (for logs, tests and the benchmark)."""

    sent: int = 0
    skipped: int = 0  # nothing to report, quiet subscription
    missed: int = 0  # periods recorded missed in this run
    failed: int = 0
    busy: int = 0  # periods another runner owns
    released: int = 0  # left claimed for a later run (the platform could not be asked)
    deferred: int = 0  # not started: the process is stopping
    reconciled: int = 0  # unclear or orphaned posts found on the platform
    attempts: int = 0  # posts tried
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def add(self, name: str, count: int = 1) -> None:
        with self._lock:
            setattr(self, name, getattr(self, name) + count)


@dataclass(frozen=True)
class _Task:
    subscription: Subscription
    period: datetime
    leftover: Delivery | None = None  # a claim another runner left for this period
    post: bool = True  # False: only look for the left-over post, then sent or missed


def _default_build_report() -> BuildReport:
    from scheduler.reports import build_report

    return build_report


def run_due(
    db_engine: Engine,
    posters: Mapping[str, Poster],
    now: datetime,
    grace: timedelta,
    build_report: BuildReport | None = None,
    *,
    subscription_ids: Collection[int] | None = None,
    runner_id: str = RUNNER_ID,
    retry: RetryPolicy = DEFAULT_RETRY,
    sleep: Callable[[float], None] = time.sleep,
    workers: int = DEFAULT_WORKERS,
    take_over_after: timedelta = STALE_CLAIM,
    stop: threading.Event | None = None,
) -> RunSummary:
    """Posts what is due at `now` for the active subscriptions (all, or `subscription_ids`):
    at most one post per subscription, oldest period first, `workers` deliveries at a time.

    Safe to run in several threads or processes at once: a period is posted by whoever
    claims it. Claims another runner left are taken over once `take_over_after` old (the
    leading scheduler, see scheduler.leader, takes them over at once), after looking for
    their post on the platform. Once `stop` is set, deliveries not yet started are left
    for the next run (unclaimed, so still due within grace)."""
    build = build_report or _default_build_report()
    summary = RunSummary()
    with Session(db_engine, expire_on_commit=False) as session:
        query = select(Subscription).where(
            col(Subscription.removed_at).is_(None), col(Subscription.paused).is_(False)
        )
        if subscription_ids is not None:
            query = query.where(col(Subscription.id).in_(list(subscription_ids)))
        subscriptions = list(session.exec(query.order_by(col(Subscription.id))))
        ids = [s.id for s in subscriptions if s.id is not None]
        latest = deliveries.get_latest_periods(session, ids)
        leftovers: dict[int, list[Delivery]] = {}
        stale_before = utc_now() - take_over_after
        for delivery in deliveries.list_unfinished(session, ids):
            if delivery.claimed_by == "" or (
                delivery.claimed_by != runner_id and delivery.claimed_at <= stale_before
            ):
                leftovers.setdefault(delivery.subscription_id, []).append(delivery)
        tasks: list[_Task] = []
        for subscription in subscriptions:
            try:
                tasks += _plan(session, subscription, latest, leftovers, now, grace, summary)
            except SchedulerError as exc:  # a schedule or zone that no longer parses
                logger.error("subscription %s cannot be planned: %s", subscription.id, exc)
    tasks.sort(key=lambda t: t.period)

    def run_task(task: _Task) -> None:
        if stop is not None and stop.is_set():
            summary.add("deferred")
            return
        try:
            _run_task(
                db_engine, posters, build, task, now, grace, runner_id, retry, sleep, summary, stop
            )
        except Exception:  # one bad subscription must not stop the others
            logger.exception("delivery of subscription %s failed", task.subscription.id)
            summary.add("failed")

    if workers <= 1 or len(tasks) <= 1:
        for task in tasks:
            run_task(task)
    else:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="deliver") as pool:
            list(pool.map(run_task, tasks))
    if tasks or summary.missed:
        logger.info("run at %s: %s", now.isoformat(), summary)
    return summary


def _plan(
    session: Session,
    subscription: Subscription,
    latest: Mapping[int, datetime],
    leftovers: Mapping[int, list[Delivery]],
    now: datetime,
    grace: timedelta,
    summary: RunSummary,
) -> list[_Task]:
    assert subscription.id is not None
    start = max(subscription.created_at, now - MAX_LOOKBACK)
    if subscription.id in latest:
        start = max(start, latest[subscription.id])
    schedule = parse_schedule(subscription.schedule)
    periods = list_periods(schedule, to_zone(subscription.tz), start, now)
    due = [p for p in periods if now - p <= grace]
    late = [p for p in periods if now - p > grace]
    recorded = deliveries.record_missed(session, subscription.id, late, MISSED_LATE)
    recorded += deliveries.record_missed(session, subscription.id, due[:-1], MISSED_SUPERSEDED)
    summary.add("missed", recorded)
    left = leftovers.get(subscription.id, [])
    # Of the left-over claims only the newest may still be posted, and only if it is within
    # grace and no newer period is due; the others are only looked for (sent or missed).
    tasks = [_Task(subscription, d.period, d, post=False) for d in left]
    if left and not due and now - left[-1].period <= grace:
        tasks[-1] = _Task(subscription, left[-1].period, left[-1], post=True)
    elif due:
        tasks.append(_Task(subscription, due[-1]))
    return tasks


def _run_task(
    db_engine: Engine,
    posters: Mapping[str, Poster],
    build: BuildReport,
    task: _Task,
    now: datetime,
    grace: timedelta,
    runner_id: str,
    retry: RetryPolicy,
    sleep: Callable[[float], None],
    summary: RunSummary,
    stop: threading.Event | None,
) -> None:
    subscription = task.subscription
    assert subscription.id is not None
    with Session(db_engine, expire_on_commit=False) as session:
        if task.leftover is None:
            delivery = deliveries.claim_delivery(session, subscription.id, task.period, runner_id)
        else:
            delivery = deliveries.retake_delivery(session, task.leftover, runner_id)
        if delivery is None:
            summary.add("busy")
            return
        assert delivery.id is not None
        try:
            _settle_or_post(
                session, posters, build, task, delivery, now, retry, sleep, summary, stop
            )
        except Exception as exc:
            # Failed, not left claimed: a crash here is a bug, not a reason to post twice.
            session.rollback()
            deliveries.mark_failed(session, delivery.id, f"{type(exc).__name__}: {exc}", 0)
            raise


def _settle_or_post(
    session: Session,
    posters: Mapping[str, Poster],
    build: BuildReport,
    task: _Task,
    delivery: Delivery,
    now: datetime,
    retry: RetryPolicy,
    sleep: Callable[[float], None],
    summary: RunSummary,
    stop: threading.Event | None,
) -> None:
    subscription = task.subscription
    assert subscription.id is not None and delivery.id is not None
    poster = posters.get(subscription.platform)
    if poster is None:
        deliveries.mark_failed(session, delivery.id, f"no poster for {subscription.platform}", 0)
        summary.add("failed")
        return
    marker = deliveries.to_marker(subscription.id, task.period)
    since = task.period - FIND_SINCE_MARGIN
    if task.leftover is not None:
        # The runner that claimed it may have posted it before it died.
        try:
            ts = poster.find_post(subscription.channel, marker, since)
        except CannotCheck as exc:
            if task.leftover.claimed_by == "":
                # Released, not abandoned: a runner let it go before an attempt (it stopped),
                # and on such a platform every earlier attempt certainly failed (an unclear one
                # fails the delivery instead). Nothing went out; post it if still due.
                ts = None
            else:
                # A runner died with it: it may have gone out and never can be checked, so
                # posting again could double it.
                _fail_uncheckable(session, subscription, task, delivery, exc, summary)
                return
        except PostError as exc:
            deliveries.release_delivery(session, delivery.id, f"not checked: {exc.reason}")
            summary.add("released")
            return
        if ts is not None:
            deliveries.mark_sent(session, delivery.id, ts, delivery.attempts - 1)
            summary.add("reconciled")
            summary.add("sent")
            return
        if not task.post:
            deliveries.mark_missed(session, delivery.id, MISSED_UNFINISHED)
            summary.add("missed")
            return
    missed = deliveries.list_missed_since_last_post(session, subscription.id, task.period)
    report = build(session, subscription, now, missed)
    if report.is_empty and subscription.quiet_when_empty:
        deliveries.mark_skipped(session, delivery.id, "nothing to report")
        summary.add("skipped")
        return
    status, value, attempts = _post(
        poster, subscription.channel, report, marker, since, retry, sleep, summary, stop
    )
    attempts += delivery.attempts - 1
    if status == RELEASED:
        deliveries.release_delivery(session, delivery.id, value)
        summary.add("released")
        return
    if status == deliveries.SENT:
        deliveries.mark_sent(session, delivery.id, value, attempts)
        summary.add("sent")
    else:
        deliveries.mark_failed(session, delivery.id, value, attempts)
        summary.add("failed")
        logger.warning(
            "subscription %s, period %s: failed after %s attempts: %s",
            subscription.id,
            task.period.isoformat(),
            attempts,
            value,
        )


def _fail_uncheckable(
    session: Session,
    subscription: Subscription,
    task: _Task,
    delivery: Delivery,
    exc: CannotCheck,
    summary: RunSummary,
) -> None:
    assert delivery.id is not None
    error = f"{FAILED_UNCHECKABLE}: {exc.reason}"
    deliveries.mark_failed(session, delivery.id, error, delivery.attempts - 1)
    summary.add("failed")
    logger.warning(
        "subscription %s, period %s: %s",
        subscription.id,
        task.period.isoformat(),
        FAILED_UNCHECKABLE,
    )


def _post(
    poster: Poster,
    channel: str,
    report: Report,
    marker: str,
    since: datetime,
    retry: RetryPolicy,
    sleep: Callable[[float], None],
    summary: RunSummary,
    stop: threading.Event | None = None,
) -> tuple[str, str, int]:
    """(SENT, ts, attempts), (FAILED, error, attempts) or (RELEASED, reason, attempts)."""
    error = ""
    for attempt in range(1, retry.max_attempts + 1):
        if stop is not None and stop.is_set():
            # The lead is lost (or the process stops): the next leader takes this claim over
            # and looks for the post first; posting now could double it.
            return RELEASED, f"stopped before attempt {attempt}", attempt - 1
        summary.add("attempts")
        delay = min(retry.backoff * 2 ** (attempt - 1), retry.max_delay)
        try:
            return deliveries.SENT, poster.post(channel, report, marker), attempt
        except PermanentFailure as exc:
            return deliveries.FAILED, exc.reason, attempt
        except RateLimited as exc:
            error, delay = exc.reason, min(exc.retry_after, retry.max_delay)
        except UnclearOutcome as exc:
            error = exc.reason
            try:
                ts = poster.find_post(channel, marker, since)
            except PostError as find_error:
                # Neither sure it went out nor able to check: posting again could double it.
                return deliveries.FAILED, f"unclear, not checked: {find_error.reason}", attempt
            if ts is not None:
                summary.add("reconciled")
                return deliveries.SENT, ts, attempt
        except PostError as exc:  # TemporaryFailure and any other
            error = exc.reason
        if attempt < retry.max_attempts:
            sleep(delay)
    return deliveries.FAILED, error, retry.max_attempts
