"""Snoozed reminders: "remind me tomorrow / on Monday" for the person who clicked, by DM, once.

A click stores a Snooze (one per person and reminder message; a second click while it waits
moves its time). The leading scheduler's catch-up run delivers the due ones: each is claimed
with a compare and swap on its status, `claimed_by` and `attempts` (committed) before it is
sent, and its outcome is recorded only while the claim is still the runner's, as deliveries
do. A claim left by a process that died is taken over once `take_over_after` old, after
looking for its post on the platform (Teams cannot be asked: such a snooze fails rather than
risk a second DM). A person away on the day it is due gets nothing: the snooze is skipped.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import and_, or_, update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from knowledge.records import is_away
from knowledge.store import Subscription, utc_now
from knowledge.store.models import Snooze
from scheduler.errors import (
    CannotCheck,
    InvalidChoice,
    PermanentFailure,
    PostError,
    SubscriptionNotFound,
    UnclearOutcome,
)
from scheduler.holidays import get_holiday_days
from scheduler.poster import Poster
from scheduler.reports import Reminder, keep_owned
from scheduler.runner import BuildReport
from scheduler.schedules import to_period, to_working_day, to_zone
from scheduler.subscriptions import AUDIENCE_OWNERS

logger = logging.getLogger(__name__)

TOMORROW, MONDAY = "tomorrow", "monday"
WHEN = (TOMORROW, MONDAY)
PENDING, CLAIMED, SENT, FAILED, SKIPPED = "pending", "claimed", "sent", "failed", "skipped"
# The local time (the subscription's zone) a snoozed reminder comes back at.
SNOOZE_HOUR = 9
# Tries per snooze (a 5xx, a 429, no connection) before it is given up as failed.
MAX_ATTEMPTS = 5
# A post is looked for from this long before the snooze was due (clock skew).
FIND_SINCE_MARGIN = timedelta(minutes=5)
SKIPPED_AWAY = "the person is away"
SKIPPED_EMPTY = "nothing to report any more"
SKIPPED_REMOVED = "the subscription was removed"


@dataclass
class SnoozeSummary:
    sent: int = 0
    skipped: int = 0
    failed: int = 0
    retried: int = 0  # left pending for the next run
    busy: int = 0  # claimed by another runner first


def to_snooze_time(
    when: str, zone: ZoneInfo, now: datetime, holidays: frozenset[date] = frozenset()
) -> datetime:
    """When a reminder snoozed at `now` comes back (aware UTC): SNOOZE_HOUR local time
    tomorrow (the weekend skipped: Monday), or on the next Monday (a week on, on a Monday);
    a holiday moves it to the next working day."""
    today = now.astimezone(zone).date()
    if when == TOMORROW:
        day = today + timedelta(days=1)
        if day.weekday() >= 5:  # "tomorrow" on a Friday (or a weekend day) is Monday
            day += timedelta(days=7 - day.weekday())
    elif when == MONDAY:
        day = today + timedelta(days=(7 - today.weekday()) % 7 or 7)
    else:
        raise InvalidChoice("when", when, WHEN)
    return to_period(to_working_day(day, holidays), SNOOZE_HOUR, 0, zone)


def create_snooze(
    session: Session,
    *,
    platform: str,
    user_id: str,
    channel: str,
    subscription_id: int,
    source: str,
    when: str,
    now: datetime | None = None,
) -> Snooze:
    """Stores (or moves, while it waits) the person's snooze of the reminder message
    `source`; `channel` is where their DM goes. SubscriptionNotFound for a removed or
    unknown subscription, InvalidChoice for a `when` not in WHEN. Flushes; the caller
    commits (a concurrent double click loses on the unique key: IntegrityError)."""
    now = now or utc_now()
    subscription = session.get(Subscription, subscription_id)
    if subscription is None or subscription.removed_at is not None:
        raise SubscriptionNotFound(subscription_id)
    holidays = get_holiday_days(session, subscription.holidays)
    due = to_snooze_time(when, to_zone(subscription.tz), now, holidays)
    snooze = session.exec(
        select(Snooze).where(
            Snooze.platform == platform, Snooze.user_id == user_id, Snooze.source == source
        )
    ).first()
    if snooze is None:
        snooze = Snooze(
            platform=platform,
            user_id=user_id,
            channel=channel,
            subscription_id=subscription_id,
            source=source[:120],
            owner=f"{platform}:{user_id}" if subscription.audience == AUDIENCE_OWNERS else "",
            due_at=due,
            status=PENDING,
            created_at=now,
        )
    elif snooze.status == PENDING:
        snooze.due_at = due
    session.add(snooze)
    session.flush()
    return snooze


def to_marker(snooze_id: int) -> str:
    """The id a snoozed reminder's DM carries, to find it again after an unclear outcome."""
    return f"staffbot:snooze:{snooze_id}"


def list_due(session: Session, now: datetime, stale_before: datetime) -> list[Snooze]:
    """Snoozes due and waiting, and claims another runner left before `stale_before`."""
    query = select(Snooze).where(
        or_(
            and_(col(Snooze.status) == PENDING, col(Snooze.due_at) <= now),
            and_(col(Snooze.status) == CLAIMED, col(Snooze.claimed_at) <= stale_before),
        )
    )
    return list(session.exec(query.order_by(col(Snooze.due_at), col(Snooze.id))))


def _held(snooze: Snooze) -> list[object]:
    return [
        col(Snooze.id) == snooze.id,
        col(Snooze.status) == snooze.status,
        col(Snooze.claimed_by) == snooze.claimed_by,
        col(Snooze.attempts) == snooze.attempts,
    ]


def claim_snooze(session: Session, snooze: Snooze, runner_id: str, now: datetime) -> bool:
    """Takes the snooze as read (compare and swap); commits. False: someone else has it."""
    result = session.exec(
        update(Snooze)
        .where(*_held(snooze))  # type: ignore[arg-type]
        .values(status=CLAIMED, claimed_by=runner_id, claimed_at=now, attempts=snooze.attempts + 1)
    )
    session.commit()
    return bool(result.rowcount == 1)


def _finish(session: Session, claim: Snooze, **values: object) -> bool:
    """Records the outcome while the claim (status CLAIMED, this runner, these attempts) is
    still held; commits."""
    result = session.exec(
        update(Snooze)
        .where(*_held(claim))  # type: ignore[arg-type]
        .values(**values)
    )
    session.commit()
    return bool(result.rowcount == 1)


def run_due_snoozes(
    db_engine: Engine,
    posters: Mapping[str, Poster],
    now: datetime,
    build: BuildReport,
    *,
    runner_id: str,
    take_over_after: timedelta,
) -> SnoozeSummary:
    """Delivers the snoozed reminders due at `now`, each once, one after the other."""
    summary = SnoozeSummary()
    with Session(db_engine, expire_on_commit=False) as session:
        for snooze in list_due(session, now, now - take_over_after):
            leftover = snooze.status == CLAIMED
            if not claim_snooze(session, snooze, runner_id, now):
                summary.busy += 1
                continue
            claim = session.get(Snooze, snooze.id, populate_existing=True)
            assert claim is not None
            try:
                _deliver(session, posters, claim, leftover, now, build, summary)
            except Exception:  # one bad snooze must not stop the others
                session.rollback()
                logger.exception("snooze %s failed", claim.id)
                _finish(session, claim, status=FAILED, error="crashed")
                summary.failed += 1
    if summary.sent or summary.failed or summary.skipped:
        logger.info("snoozes at %s: %s", now.isoformat(), summary)
    return summary


def _deliver(
    session: Session,
    posters: Mapping[str, Poster],
    claim: Snooze,
    leftover: bool,
    now: datetime,
    build: BuildReport,
    summary: SnoozeSummary,
) -> None:
    assert claim.id is not None
    poster = posters.get(claim.platform)
    if poster is None:
        _finish(session, claim, status=FAILED, error=f"no poster for {claim.platform}")
        summary.failed += 1
        return
    marker = to_marker(claim.id)
    since = claim.due_at - FIND_SINCE_MARGIN
    if leftover:
        # The runner that claimed it may have sent it before it died.
        try:
            ts = poster.find_post(claim.channel, marker, since)
        except CannotCheck:
            _finish(session, claim, status=FAILED, error="left unfinished, cannot be checked")
            summary.failed += 1
            return
        except PostError as exc:
            _finish(session, claim, status=PENDING, claimed_by="", error=exc.reason[:500])
            summary.retried += 1
            return
        if ts is not None:
            _finish(session, claim, status=SENT, ts=ts, error="")
            summary.sent += 1
            return
    subscription = session.get(Subscription, claim.subscription_id)
    if subscription is None or subscription.removed_at is not None:
        _finish(session, claim, status=SKIPPED, error=SKIPPED_REMOVED)
        summary.skipped += 1
        return
    today = now.astimezone(to_zone(subscription.tz)).date()
    if is_away(session, claim.user_id, today, claim.platform):
        _finish(session, claim, status=SKIPPED, error=SKIPPED_AWAY)
        summary.skipped += 1
        return
    report = build(session, subscription, now, ())
    if isinstance(report, Reminder):
        report = replace(report, snoozed=True)
        if claim.owner:  # a personal reminder: the owner's KPIs only, as it was posted
            themes = tuple(keep_owned(report.themes, claim.owner))
            report = replace(report, themes=themes, owner=claim.owner)
    if report.is_empty:
        _finish(session, claim, status=SKIPPED, error=SKIPPED_EMPTY)
        summary.skipped += 1
        return
    try:
        ts = poster.post(claim.channel, report, marker)
    except UnclearOutcome as exc:
        try:
            found = poster.find_post(claim.channel, marker, since)
        except PostError:
            _finish(session, claim, status=FAILED, error=f"unclear: {exc.reason}"[:500])
            summary.failed += 1
            return
        if found is not None:
            _finish(session, claim, status=SENT, ts=found, error="")
            summary.sent += 1
            return
        _retry_or_fail(session, claim, exc.reason, summary)
        return
    except PermanentFailure as exc:
        _finish(session, claim, status=FAILED, error=exc.reason[:500])
        summary.failed += 1
        return
    except PostError as exc:  # 429, 5xx, no connection: certainly not sent
        _retry_or_fail(session, claim, exc.reason, summary)
        return
    _finish(session, claim, status=SENT, ts=ts, error="")
    summary.sent += 1


def _retry_or_fail(session: Session, claim: Snooze, reason: str, summary: SnoozeSummary) -> None:
    if claim.attempts >= MAX_ATTEMPTS:
        _finish(session, claim, status=FAILED, error=reason[:500])
        summary.failed += 1
        return
    _finish(session, claim, status=PENDING, claimed_by="", error=reason[:500])
    summary.retried += 1
