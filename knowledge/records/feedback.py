"""Votes on answers, declined questions and their review, and once-only claims of chat work."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from knowledge.answering import normalize
from knowledge.store import models

MAX_STORED_QUESTION = 4000
# How many rows of each kind the review reads at most (newest first) before grouping.
REVIEW_SCAN_LIMIT = 5000
NOT_HELPFUL = "not_helpful"
DECLINED = "declined"
# How long a claim is kept: far longer than a platform redelivers (Slack retries an event
# three times within minutes) or accepts a replayed signed request (Slack's: 5 minutes).
CLAIM_RETENTION = timedelta(hours=1)


def create_feedback(
    session: Session,
    *,
    user_id: str,
    channel: str,
    question: str,
    answer_text: str,
    intent: str,
    lang: str,
    answered: bool,
    helpful: bool,
) -> models.Feedback:
    """Store one vote; the caller commits."""
    feedback = models.Feedback(
        user_id=user_id,
        channel=channel,
        question=question[:MAX_STORED_QUESTION],
        answer_text=answer_text,
        intent=intent,
        lang=lang,
        answered=answered,
        helpful=helpful,
    )
    session.add(feedback)
    return feedback


def claim_event(session: Session, event_id: str) -> bool:
    """True for the first process to claim the key; False when it was claimed already.

    The key is any string that names one piece of work done once, whatever the platform
    (an event, a command, an answer posted to a channel). Commits at once: the claim must be
    visible to every other process before the work starts.
    """
    session.add(models.HandledEvent(event_id=event_id))
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return False
    return True


def delete_claim(session: Session, event_id: str) -> None:
    """Gives a claim up (the work failed and may be tried again); commits."""
    session.exec(delete(models.HandledEvent).where(col(models.HandledEvent.event_id) == event_id))
    session.commit()


def delete_claims_before(session: Session, before: datetime) -> int:
    """Forgets claims made before `before`; commits; returns how many."""
    result = session.exec(delete(models.HandledEvent).where(col(models.HandledEvent.at) < before))
    session.commit()
    return int(result.rowcount or 0)


def create_declined(
    session: Session, platform: str, user_id: str, question: str, lang: str, intent: str
) -> models.DeclinedQuestion:
    """Keep a question the bot could not answer, for the admins' review; the caller commits."""
    declined = models.DeclinedQuestion(
        platform=platform,
        user_id=user_id,
        question=question[:MAX_STORED_QUESTION],
        lang=lang,
        intent=intent,
    )
    session.add(declined)
    return declined


@dataclass(frozen=True)
class ReviewItem:
    """One question (as people wrote it, grouped by its normalised text) to review."""

    question: str  # the latest wording asked
    key: str  # the normalised text the group shares
    count: int
    kinds: tuple[str, ...]  # "declined" and/or "not_helpful", in that order
    last_asked_at: datetime
    lang: str  # the language of the latest asking


def to_review_key(question: str) -> str:
    """Questions that differ only in case, spacing or script (traditional/simplified) match."""
    return normalize(question).casefold()


def list_review(session: Session, since: datetime | None, limit: int) -> list[ReviewItem]:
    """Questions marked not helpful and questions declined, most frequent first."""
    asked: list[tuple[str, datetime, str, str]] = []  # question, at, lang, kind
    feedback = select(models.Feedback).where(col(models.Feedback.helpful).is_(False))
    declined = select(models.DeclinedQuestion)
    if since is not None:
        feedback = feedback.where(col(models.Feedback.at) >= since)
        declined = declined.where(col(models.DeclinedQuestion.at) >= since)
    feedback = feedback.order_by(col(models.Feedback.at).desc()).limit(REVIEW_SCAN_LIMIT)
    declined = declined.order_by(col(models.DeclinedQuestion.at).desc()).limit(REVIEW_SCAN_LIMIT)
    asked += [(f.question, f.at, f.lang, NOT_HELPFUL) for f in session.exec(feedback)]
    asked += [(d.question, d.at, d.lang, DECLINED) for d in session.exec(declined)]
    groups: dict[str, list[tuple[str, datetime, str, str]]] = {}
    for row in sorted(asked, key=lambda r: r[1], reverse=True):
        key = to_review_key(row[0])
        if key:
            groups.setdefault(key, []).append(row)
    items = [
        ReviewItem(
            question=rows[0][0],
            key=key,
            count=len(rows),
            kinds=tuple(k for k in (DECLINED, NOT_HELPFUL) if any(r[3] == k for r in rows)),
            last_asked_at=rows[0][1],
            lang=rows[0][2],
        )
        for key, rows in groups.items()
    ]
    items.sort(key=lambda item: (-item.count, -item.last_asked_at.timestamp(), item.key))
    return items[: max(limit, 0)]
