"""Votes on answers, and the record of chat events already handled (for retried deliveries)."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from knowledge import models

MAX_STORED_QUESTION = 4000


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
    """True for the first process to claim the event; False when it was handled already.

    Commits at once: the claim must be visible to every other process before the work starts.
    """
    session.add(models.HandledEvent(event_id=event_id))
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        return False
    return True
