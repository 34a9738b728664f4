"""Time away: a person's dates off, when no personal reminder reaches them.

One row per person (platform and user id): setting new dates replaces the old ones. Dates are
calendar days, both ends included. `is_away` is the predicate every personal reminder asks
before it is sent; digests list who is away so that their KPIs read as away, not late.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import delete
from sqlmodel import Session, col, select

from knowledge.errors import KnowledgeError
from knowledge.store import models, utc_now

# The longest time away one command sets (a longer absence is set again when it ends).
MAX_AWAY_DAYS = 366


class AwayInvalid(KnowledgeError):
    """Dates away refused: `reason_key` "order" (the end before the start), "past" (it ended
    before today), "too_long" (more than MAX_AWAY_DAYS days)."""

    def __init__(self, reason_key: str, start: date, until: date) -> None:
        super().__init__(f"away {start}..{until}: {reason_key}")
        self.reason_key = reason_key
        self.start = start
        self.until = until


@dataclass(frozen=True)
class AwayPerson:
    """Someone away: who ("slack:U123", as the audit log writes actors) and until when."""

    actor: str
    start: date
    until: date


def set_away(
    session: Session,
    platform: str,
    user_id: str,
    until: date,
    start: date | None = None,
    *,
    today: date,
    now: datetime | None = None,
) -> models.Away:
    """Sets the person away from `start` (default `today`) to `until`, both included,
    replacing earlier dates; raises AwayInvalid. Flushes; the caller commits."""
    start = start or today
    if until < today:
        raise AwayInvalid("past", start, until)
    if until < start:
        raise AwayInvalid("order", start, until)
    if (until - start).days + 1 > MAX_AWAY_DAYS:
        raise AwayInvalid("too_long", start, until)
    away = get_away(session, platform, user_id)
    if away is None:
        away = models.Away(platform=platform, user_id=user_id, start=start, until=until)
    away.start, away.until, away.set_at = start, until, now or utc_now()
    session.add(away)
    session.flush()
    return away


def clear_away(session: Session, platform: str, user_id: str) -> bool:
    """The person is back: True when they had dates away. The caller commits."""
    result = session.exec(
        delete(models.Away).where(
            col(models.Away.platform) == platform, col(models.Away.user_id) == user_id
        )
    )
    return bool(result.rowcount)


def get_away(session: Session, platform: str, user_id: str) -> models.Away | None:
    """The person's dates away, if any were set (past ones included until replaced)."""
    return session.exec(
        select(models.Away).where(models.Away.platform == platform, models.Away.user_id == user_id)
    ).first()


def is_away(session: Session, user_id: str, day: date, platform: str = "slack") -> bool:
    """Whether the person is away on `day`: no personal reminder may reach them then."""
    away = get_away(session, platform, user_id)
    return away is not None and away.start <= day <= away.until


def list_away(session: Session, day: date, ahead_days: int = 0) -> list[AwayPerson]:
    """Who is away on `day`, and (with `ahead_days`) who goes away within that many days
    after it; by the day they are back, then by who."""
    query = (
        select(models.Away)
        .where(col(models.Away.until) >= day)
        .where(col(models.Away.start) <= day + timedelta(days=ahead_days))
        .order_by(col(models.Away.until), col(models.Away.platform), col(models.Away.user_id))
    )
    return [
        AwayPerson(f"{row.platform}:{row.user_id}", row.start, row.until)
        for row in session.exec(query)
    ]
