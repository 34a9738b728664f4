"""The delivery log: one row per (subscription, period), claimed before the post is sent.

The unique key (subscription_id, period) is what makes a post go out once: whoever inserts
the row first owns the period; everyone else gets an IntegrityError and leaves it. Each
function here commits, because a claim is only a claim once it is committed.

A claim is a lease: it is its runner's while `claimed_by` and `attempts` are as the runner
claimed it (a take-over changes both) and `claimed_at` is younger than the take-over age.
The runner renews it right before each post (`renew_claim`), so a runner that was frozen or
cut off sends nothing once another one took over; the outcome of a claim is recorded only
while it is still the runner's (`mark_*`, `release_delivery` return False otherwise).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, and_, func, or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from knowledge.store import Delivery, Subscription, utc_now

CLAIMED, SENT, FAILED, MISSED, SKIPPED = "claimed", "sent", "failed", "missed", "skipped"
# Delivery.error is 500 characters long.
_ERROR_LENGTH = 500
# `/kb schedule status` looks this far back by default.
STATUS_WINDOW = timedelta(days=14)
# A claim this old is shown by `status`: its post's outcome is not known yet.
STUCK_AFTER = timedelta(minutes=10)


def get_store_now(session: Session) -> datetime:
    """The time on the database's clock (PostgreSQL), else this machine's: leases are compared
    on one clock, so schedulers on hosts whose clocks differ cannot take each other's claims
    early."""
    if session.get_bind().dialect.name == "postgresql":
        now: datetime = session.exec(select(func.clock_timestamp())).one()
        return now.astimezone(UTC)
    return utc_now()


def to_marker(subscription_id: int, period: datetime) -> str:
    """The id the platform keeps with the message, to find it after an unclear outcome."""
    return f"staffbot:{subscription_id}:{period:%Y%m%dT%H%M%SZ}"


def get_latest_periods(session: Session, subscription_ids: Iterable[int]) -> dict[int, datetime]:
    """Each subscription's latest period with a delivery row (any status)."""
    ids = list(subscription_ids)
    if not ids:
        return {}
    rows = session.exec(
        select(Delivery.subscription_id, func.max(Delivery.period))
        .where(col(Delivery.subscription_id).in_(ids))
        .group_by(col(Delivery.subscription_id))
    )
    return {subscription_id: period for subscription_id, period in rows if period is not None}


def list_unfinished(session: Session, subscription_ids: Iterable[int]) -> list[Delivery]:
    """Deliveries still claimed: in flight here, released for a retry, or left by a process
    that died (possibly after the platform took the message)."""
    ids = list(subscription_ids)
    if not ids:
        return []
    query = select(Delivery).where(
        Delivery.status == CLAIMED, col(Delivery.subscription_id).in_(ids)
    )
    return list(session.exec(query.order_by(col(Delivery.period))))


def claim_delivery(
    session: Session, subscription_id: int, period: datetime, runner_id: str
) -> Delivery | None:
    """Inserts and commits the claim of a period (attempts = 1: a post may follow at once);
    None when the period is already someone else's."""
    delivery = Delivery(
        subscription_id=subscription_id,
        period=period,
        status=CLAIMED,
        claimed_by=runner_id,
        claimed_at=get_store_now(session),
        attempts=1,
    )
    session.add(delivery)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return None
    session.refresh(delivery)
    return delivery


def retake_delivery(
    session: Session, delivery: Delivery, runner_id: str, stale_before: datetime
) -> Delivery | None:
    """Takes over a claimed delivery another runner left, if it is still as read (compare and
    swap on claimed_by and attempts) and, unless released, still not renewed since
    `stale_before`; commits. None when someone else took it first or its runner renewed it."""
    conditions = [
        col(Delivery.id) == delivery.id,
        col(Delivery.status) == CLAIMED,
        col(Delivery.claimed_by) == delivery.claimed_by,
        col(Delivery.attempts) == delivery.attempts,
    ]
    if delivery.claimed_by != "":
        conditions.append(col(Delivery.claimed_at) <= stale_before)
    result = session.exec(
        update(Delivery)
        .where(*conditions)
        .values(
            claimed_by=runner_id,
            claimed_at=get_store_now(session),
            attempts=delivery.attempts + 1,
        )
    )
    session.commit()
    if result.rowcount != 1:
        return None
    return session.get(Delivery, delivery.id, populate_existing=True)


def _is_held(claim: Delivery) -> ColumnElement[bool]:
    """The claim's row is still as its runner claimed it: nobody took it over or ended it."""
    return and_(
        col(Delivery.id) == claim.id,
        col(Delivery.status) == CLAIMED,
        col(Delivery.claimed_by) == claim.claimed_by,
        col(Delivery.attempts) == claim.attempts,
    )


def renew_claim(session: Session, claim: Delivery, lease: timedelta) -> bool:
    """Right before a post: True when `claim` is still its runner's and its lease (claimed or
    last renewed less than `lease` ago) has not run out; the lease then starts again. Commits.
    False: another runner took it over, or may do so at any moment; nothing may be sent."""
    now = get_store_now(session)
    result = session.exec(
        update(Delivery)
        .where(_is_held(claim), col(Delivery.claimed_at) > now - lease)
        .values(claimed_at=now)
    )
    session.commit()
    return bool(result.rowcount == 1)


def _finish(session: Session, claim: Delivery, **values: object) -> bool:
    result = session.exec(update(Delivery).where(_is_held(claim)).values(**values))
    session.commit()
    return bool(result.rowcount == 1)


def mark_sent(session: Session, claim: Delivery, ts: str, attempts: int) -> bool:
    """The platform took the message; `ts` is its id (Slack's message ts). Like every mark_*
    function: False (nothing written) when the claim is no longer its runner's."""
    return _finish(
        session, claim, status=SENT, ts=ts, attempts=attempts, error="", finished_at=utc_now()
    )


def mark_failed(session: Session, claim: Delivery, error: str, attempts: int) -> bool:
    """Given up: the retries ran out or the platform refused for good."""
    return _finish(
        session,
        claim,
        status=FAILED,
        error=error[:_ERROR_LENGTH],
        attempts=attempts,
        finished_at=utc_now(),
    )


def mark_skipped(session: Session, claim: Delivery, reason: str) -> bool:
    """Nothing was posted on purpose (a quiet reminder with nothing to report)."""
    return _finish(session, claim, status=SKIPPED, error=reason, finished_at=utc_now())


def mark_missed(session: Session, claim: Delivery, reason: str) -> bool:
    """A claimed period that will not be posted any more (past the grace window, or a newer
    period superseded it) and was not found on the platform."""
    return _finish(session, claim, status=MISSED, error=reason, finished_at=utc_now())


def release_delivery(session: Session, claim: Delivery, error: str) -> bool:
    """Leaves a claimed delivery for a later run (its outcome could not be checked, or its
    runner stopped or let its lease run out before an attempt): any runner may take it."""
    return _finish(session, claim, claimed_by="", error=error[:_ERROR_LENGTH])


def record_missed(
    session: Session, subscription_id: int, periods: Sequence[datetime], reason: str
) -> int:
    """Records periods that will not be posted as missed (the next digest shows them);
    returns how many rows were new (a period someone else recorded is left as it is)."""
    inserted = 0
    now = utc_now()
    for period in periods:
        session.add(
            Delivery(
                subscription_id=subscription_id,
                period=period,
                status=MISSED,
                claimed_at=now,
                finished_at=now,
                error=reason,
            )
        )
        try:
            session.commit()
            inserted += 1
        except IntegrityError:
            session.rollback()
    return inserted


def list_missed_since_last_post(
    session: Session, subscription_id: int, before: datetime
) -> list[Delivery]:
    """The missed periods of a subscription since its last sent post, before `before`: what
    its next post should mention."""
    last_sent = session.exec(
        select(func.max(Delivery.period)).where(
            Delivery.subscription_id == subscription_id,
            Delivery.status == SENT,
            col(Delivery.period) < before,
        )
    ).one()
    query = select(Delivery).where(
        Delivery.subscription_id == subscription_id,
        Delivery.status == MISSED,
        col(Delivery.period) < before,
    )
    if last_sent is not None:
        query = query.where(col(Delivery.period) > last_sent)
    return list(session.exec(query.order_by(col(Delivery.period))))


@dataclass(frozen=True)
class DeliveryProblem:
    """A delivery that did not go out, with its subscription: for `/kb schedule status`."""

    delivery: Delivery
    subscription: Subscription


def list_status(
    session: Session,
    now: datetime | None = None,
    window: timedelta = STATUS_WINDOW,
    limit: int = 50,
) -> list[DeliveryProblem]:
    """Failed and missed deliveries of the last `window`, and claims unfinished for over
    STUCK_AFTER (a post whose outcome could not be checked yet), newest period first."""
    now = now or utc_now()
    rows = session.exec(
        select(Delivery, Subscription)
        .join(Subscription, col(Subscription.id) == col(Delivery.subscription_id))
        .where(
            col(Delivery.period) >= now - window,
            or_(
                col(Delivery.status).in_((FAILED, MISSED)),
                and_(
                    col(Delivery.status) == CLAIMED, col(Delivery.claimed_at) <= now - STUCK_AFTER
                ),
            ),
        )
        .order_by(col(Delivery.period).desc(), col(Delivery.id).desc())
        .limit(limit)
    )
    return [DeliveryProblem(delivery, subscription) for delivery, subscription in rows]


def list_deliveries(session: Session, subscription_id: int) -> list[Delivery]:
    """Every delivery of one subscription, oldest period first."""
    query = select(Delivery).where(Delivery.subscription_id == subscription_id)
    return list(session.exec(query.order_by(col(Delivery.period))))
