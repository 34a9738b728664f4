"""What chat adapters write to the store: handled events, votes and declined questions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from knowledge.answer import Answer
from knowledge.db import to_store_unavailable
from knowledge.feedback import claim_event, create_declined, create_feedback


class ChatRecords:
    """Synchronous store calls for the chat adapters; database errors become StoreUnavailable."""

    def __init__(self, db_engine: Engine) -> None:
        self.db_engine = db_engine

    @contextmanager
    def _session(self) -> Iterator[Session]:
        try:
            with Session(self.db_engine) as session:
                yield session
        except SQLAlchemyError as exc:
            raise to_store_unavailable(self.db_engine, exc) from exc

    def claim_event(self, event_id: str) -> bool:
        """True when this process is the first to handle the event, in any process."""
        with self._session() as session:
            return claim_event(session, event_id)

    def create_vote(
        self,
        *,
        platform: str,
        user_id: str,
        question: str,
        answer: Answer,
        answer_text: str,
        helpful: bool,
    ) -> None:
        with self._session() as session:
            create_feedback(
                session,
                user_id=user_id,
                channel=platform,
                question=question,
                answer_text=answer_text,
                intent=answer.intent,
                lang=answer.lang,
                answered=answer.answered,
                helpful=helpful,
            )
            session.commit()

    def create_declined(
        self, *, platform: str, user_id: str, question: str, answer: Answer
    ) -> None:
        """Keep a question the bot declined, for the admins' `/kb feedback` review."""
        with self._session() as session:
            create_declined(
                session,
                platform=platform,
                user_id=user_id,
                question=question,
                lang=answer.lang,
                intent=answer.intent,
            )
            session.commit()
