"""The scheduled job: post each subscription's due period once, through the poster given.

`run_due` is a plain function: the database engine, the posters (by platform), the time and
the report builder are passed in, so tests control all four. Per subscription and run:

- the periods since its latest delivery (or its creation) up to `now` are listed (those on
  a holiday of its calendar moved to the next working day, see scheduler.schedules);
- the latest one within the grace window is claimed (committed) and posted; every older
  one is recorded as missed (the next post lists them) — at most one post per run;
- a delivery a dead process left claimed is first looked for on the platform (its marker):
  found → sent; not found → posted if still due, else missed; on a platform that cannot be
  asked (Teams: CannotCheck) → failed, since it may have gone out;
- 429 → wait Retry-After and retry; 5xx or no connection → retry with backoff; an unclear
  outcome → look for the post, then retry; all bounded, then failed; a refusal → failed;
- before each attempt (the first and every retry) the claim is renewed in the database, and
  only if it is still this runner's and its lease has not run out (see deliveries): a runner
  that was frozen or cut off while it waited never sends after another one took over. The
  posters do not retry a post themselves, so no wait ends in a send that was not re-checked.
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
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from knowledge.store import Delivery, Subscription
from scheduler import deliveries
from scheduler.errors import (
    CannotCheck,
    PermanentFailure,
    PostError,
    RateLimited,
    SchedulerError,
    UnclearOutcome,
)
from scheduler.holidays import get_holiday_days
from scheduler.poster import Poster
from scheduler.schedules import list_periods, parse_schedule, to_zone
from scheduler.subscriptions import list_subscriptions

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
# How old another runner's claim must be before the leader takes it over; also how long a
# runner's own claim stays its own after each renewal (its lease). A claim is renewed right
# before each attempt and the attempt is one HTTP request (Slack's client gives up after
# 30 s, Teams' after 35 s): it is over long before anyone may take the claim over.
LEADER_TAKE_OVER = timedelta(minutes=3)
# Delivery.error of periods recorded missed.
MISSED_LATE = "past the grace window"
MISSED_SUPERSEDED = "a newer period was due"
MISSED_UNFINISHED = "left unfinished, not found on the platform"
# Delivery.error of a left-over claim on a platform that cannot be asked whether it went out.
FAILED_UNCHECKABLE = "left unfinished, the platform cannot be asked whether it went out"
# Why an attempt was not made: the claim is no longer (safely) this runner's.
CLAIM_LOST = "claim taken over or its lease run out"
CLAIM_NOT_RENEWED = "claim not renewed, store unavailable"


@dataclass(frozen=True)
class RetryPolicy:
    """How hard one run tries to get one post out."""

    max_attempts: int = 4  # failed posts (5xx, no connection, unclear) per delivery and run
    max_rate_limits: int = 12  # 429s waited out per delivery and run (each one a post tried)
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
    lost: int = 0  # left alone: another runner took the claim over meanwhile
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


@dataclass(frozen=True)
class _Run:
    """What every delivery of one run shares."""

    db_engine: Engine
    posters: Mapping[str, Poster]
    build: BuildReport
    now: datetime
    runner_id: str
    retry: RetryPolicy
    sleep: Callable[[float], None]
    lease: timedelta  # how long a claim stays this runner's after each renewal
    stale_before: datetime  # other runners' claims not renewed since are taken over
    summary: RunSummary
    stop: threading.Event | None

    def is_stopping(self) -> bool:
        return self.stop is not None and self.stop.is_set()


def default_build_report() -> BuildReport:
    """The report builder with each store's default knowledge cache."""
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
    leading scheduler, see scheduler.clock, passes LEADER_TAKE_OVER), after looking for
    their post on the platform; this runner's own claims stay its own for as long after each
    renewal, so every process on one store must use the same `take_over_after`. Once `stop`
    is set, deliveries not yet started are left for the next run (unclaimed, so still due
    within grace)."""
    if take_over_after <= timedelta(0):
        raise ValueError("take_over_after must be positive: it is also the claims' lease")
    summary = RunSummary()
    with Session(db_engine, expire_on_commit=False) as session:
        subscriptions = list_subscriptions(
            session, include_paused=False, subscription_ids=subscription_ids
        )
        ids = [s.id for s in subscriptions if s.id is not None]
        latest = deliveries.get_latest_periods(session, ids)
        leftovers: dict[int, list[Delivery]] = {}
        stale_before = deliveries.get_store_now(session) - take_over_after
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
    run = _Run(
        db_engine,
        posters,
        build_report or default_build_report(),
        now,
        runner_id,
        retry,
        sleep,
        take_over_after,
        stale_before,
        summary,
        stop,
    )

    def run_task(task: _Task) -> None:
        if run.is_stopping():
            summary.add("deferred")
            return
        try:
            _run_task(run, task)
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
    holidays = get_holiday_days(session, subscription.holidays)
    periods = list_periods(schedule, to_zone(subscription.tz), start, now, holidays)
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


def _run_task(run: _Run, task: _Task) -> None:
    subscription = task.subscription
    assert subscription.id is not None
    with Session(run.db_engine, expire_on_commit=False) as session:
        if task.leftover is None:
            delivery = deliveries.claim_delivery(
                session, subscription.id, task.period, run.runner_id
            )
        else:
            delivery = deliveries.retake_delivery(
                session, task.leftover, run.runner_id, run.stale_before
            )
        if delivery is None:
            run.summary.add("busy")
            return
        try:
            _settle_or_post(run, session, task, delivery)
        except Exception as exc:
            # Failed, not left claimed: a crash here is a bug, not a reason to post twice.
            session.rollback()
            deliveries.mark_failed(session, delivery, f"{type(exc).__name__}: {exc}", 0)
            raise


def _finish(run: _Run, task: _Task, recorded: bool, *counts: str) -> None:
    """Counts a delivery's outcome, if it was recorded (the claim was still this runner's)."""
    if not recorded:
        run.summary.add("lost")
        logger.warning(
            "subscription %s, period %s: claim taken over by another runner; outcome not kept",
            task.subscription.id,
            task.period.isoformat(),
        )
        return
    for name in counts:
        run.summary.add(name)


def _settle_or_post(run: _Run, session: Session, task: _Task, delivery: Delivery) -> None:
    subscription = task.subscription
    assert subscription.id is not None
    poster = run.posters.get(subscription.platform)
    if poster is None:
        error = f"no poster for {subscription.platform}"
        _finish(run, task, deliveries.mark_failed(session, delivery, error, 0), "failed")
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
                _fail_uncheckable(run, session, task, delivery, exc)
                return
        except PostError as exc:
            released = deliveries.release_delivery(session, delivery, f"not checked: {exc.reason}")
            _finish(run, task, released, "released")
            return
        if ts is not None:
            sent = deliveries.mark_sent(session, delivery, ts, delivery.attempts - 1)
            _finish(run, task, sent, "reconciled", "sent")
            return
        if not task.post:
            missed = deliveries.mark_missed(session, delivery, MISSED_UNFINISHED)
            _finish(run, task, missed, "missed")
            return
    missed_periods = deliveries.list_missed_since_last_post(session, subscription.id, task.period)
    report = run.build(session, subscription, run.now, missed_periods)
    if report.is_empty and subscription.quiet_when_empty:
        skipped = deliveries.mark_skipped(session, delivery, "nothing to report")
        _finish(run, task, skipped, "skipped")
        return

    def keep_claim() -> str | None:
        try:
            if deliveries.renew_claim(session, delivery, run.lease):
                return None
        except SQLAlchemyError as exc:
            session.rollback()
            logger.warning("claim not renewed: %s", str(exc).splitlines()[0])
            return CLAIM_NOT_RENEWED
        return CLAIM_LOST

    status, value, attempts = _post(
        run, poster, subscription.channel, report, marker, since, keep_claim
    )
    attempts += delivery.attempts - 1
    if status == RELEASED:
        _release(run, session, task, delivery, value)
    elif status == deliveries.SENT:
        if not deliveries.mark_sent(session, delivery, value, attempts):
            # Only a runner frozen between renewing its claim and the end of its request, for
            # longer than the take-over age, gets here: the taker may have posted it too.
            logger.error(
                "subscription %s, period %s: posted after the claim was taken over",
                subscription.id,
                task.period.isoformat(),
            )
        run.summary.add("sent")
    else:
        failed = deliveries.mark_failed(session, delivery, value, attempts)
        _finish(run, task, failed, "failed")
        logger.warning(
            "subscription %s, period %s: failed after %s attempts: %s",
            subscription.id,
            task.period.isoformat(),
            attempts,
            value,
        )


def _release(run: _Run, session: Session, task: _Task, delivery: Delivery, reason: str) -> None:
    """Leaves the claim for a later run, unless another runner has it already; a store that
    cannot be reached leaves it claimed, to be taken over once the take-over age passed."""
    try:
        released = deliveries.release_delivery(session, delivery, reason)
    except SQLAlchemyError as exc:
        session.rollback()
        logger.warning("claim not released: %s", str(exc).splitlines()[0])
        released = True
    if released:
        logger.info(
            "subscription %s, period %s: not posted, %s",
            task.subscription.id,
            task.period.isoformat(),
            reason,
        )
    _finish(run, task, released, "released")


def _fail_uncheckable(
    run: _Run, session: Session, task: _Task, delivery: Delivery, exc: CannotCheck
) -> None:
    error = f"{FAILED_UNCHECKABLE}: {exc.reason}"
    failed = deliveries.mark_failed(session, delivery, error, delivery.attempts - 1)
    _finish(run, task, failed, "failed")
    logger.warning(
        "subscription %s, period %s: %s",
        task.subscription.id,
        task.period.isoformat(),
        FAILED_UNCHECKABLE,
    )


def _post(
    run: _Run,
    poster: Poster,
    channel: str,
    report: Report,
    marker: str,
    since: datetime,
    keep_claim: Callable[[], str | None],
) -> tuple[str, str, int]:
    """(SENT, ts, attempts), (FAILED, error, attempts) or (RELEASED, reason, attempts).

    `keep_claim` is asked right before each attempt: None when the claim is still this
    runner's for one more attempt, else why not (then nothing is sent)."""
    retry = run.retry
    error = ""
    tried = failures = rate_limits = 0
    while True:
        if run.is_stopping():
            # The lead is lost (or the process stops): the next leader takes this claim over
            # and looks for the post first; posting now could double it.
            return RELEASED, f"stopped before attempt {tried + 1}", tried
        lost = keep_claim()
        if lost is not None:
            return RELEASED, f"{lost} before attempt {tried + 1}", tried
        tried += 1
        run.summary.add("attempts")
        try:
            return deliveries.SENT, poster.post(channel, report, marker), tried
        except PermanentFailure as exc:
            return deliveries.FAILED, exc.reason, tried
        except RateLimited as exc:
            # Not taken: wait as asked, then try again (after renewing the claim).
            error, rate_limits = exc.reason, rate_limits + 1
            if rate_limits > retry.max_rate_limits:
                return deliveries.FAILED, error, tried
            run.sleep(min(exc.retry_after, retry.max_delay))
            continue
        except UnclearOutcome as exc:
            error = exc.reason
            try:
                ts = poster.find_post(channel, marker, since)
            except PostError as find_error:
                # Neither sure it went out nor able to check: posting again could double it.
                return deliveries.FAILED, f"unclear, not checked: {find_error.reason}", tried
            if ts is not None:
                run.summary.add("reconciled")
                return deliveries.SENT, ts, tried
        except PostError as exc:  # TemporaryFailure and any other
            error = exc.reason
        failures += 1
        if failures >= retry.max_attempts:
            return deliveries.FAILED, error, tried
        run.sleep(min(retry.backoff * 2 ** (failures - 1), retry.max_delay))
