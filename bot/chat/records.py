"""What chat adapters write to the store: work claimed once, votes, declined questions, chats."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlmodel import Session

from bot.text_render import render_answer_text
from knowledge.answering import Answer, AnswerService, TurnContext
from knowledge.errors import StoreUnavailable
from knowledge.records import (
    CLAIM_RETENTION,
    claim_event,
    contexts,
    conversations,
    create_declined,
    create_feedback,
    delete_claim,
    delete_claims_before,
)
from knowledge.store import (
    STORE_CALL_TIMEOUT_S,
    ConversationRef,
    deadline,
    to_store_unavailable,
    utc_now,
)

logger = logging.getLogger(__name__)

# Each process forgets claims older than CLAIM_RETENTION at most this often (seconds).
PRUNE_INTERVAL = 600.0


class ChatRecords:
    """Synchronous store calls for the chat adapters; database errors become StoreUnavailable,
    and so does a call the store does not answer within `call_timeout`."""

    def __init__(self, db_engine: Engine, call_timeout: float = STORE_CALL_TIMEOUT_S) -> None:
        self.db_engine = db_engine
        self._pruned_at: float | None = None
        self._prune_lock = threading.Lock()
        self.call_timeout = call_timeout

    @contextmanager
    def _session(self) -> Iterator[Session]:
        try:
            with deadline(self.db_engine, self.call_timeout), Session(self.db_engine) as session:
                yield session
        except SQLAlchemyError as exc:
            raise to_store_unavailable(self.db_engine, exc) from exc

    def claim_event(self, key: str) -> bool:
        """True when this process is the first, in any process, to claim `key`: a string
        naming one piece of work to do once (an event, a command, an answer posted)."""
        with self._session() as session:
            claimed = claim_event(session, key)
        self._prune_claims()
        return claimed

    def release_claim(self, key: str) -> None:
        """Gives up the claim on `key`: the work failed before it was done and may be tried
        again."""
        with self._session() as session:
            delete_claim(session, key)

    def _prune_claims(self) -> None:
        """Claims older than CLAIM_RETENTION are forgotten, at most every PRUNE_INTERVAL."""
        now = time.monotonic()
        with self._prune_lock:
            if self._pruned_at is not None and now - self._pruned_at < PRUNE_INTERVAL:
                return
            self._pruned_at = now
        try:
            with self._session() as session:
                removed = delete_claims_before(session, utc_now() - CLAIM_RETENTION)
        except StoreUnavailable as exc:
            # The claim itself is made; forgetting old ones can wait for the next interval.
            logger.warning("store unavailable, old claims not pruned: %s", exc.reason)
            return
        if removed:
            logger.info("pruned %s claims older than %s", removed, CLAIM_RETENTION)

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

    def vote_on_answer(
        self, service: AnswerService, *, platform: str, user_id: str, question: str, helpful: bool
    ) -> Answer:
        """A vote on the answer `question` gets now (the one the voter saw, unless the
        knowledge changed since), stored with it; returns that answer."""
        answer = service.answer(question)
        self.create_vote(
            platform=platform,
            user_id=user_id,
            question=question,
            answer=answer,
            answer_text=render_answer_text(answer),
            helpful=helpful,
        )
        return answer

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

    def save_conversation(
        self,
        *,
        platform: str,
        conversation_id: str,
        service_url: str,
        tenant_id: str = "",
        kind: str,
        title: str = "",
        user_id: str = "",
        bot_id: str = "",
    ) -> ConversationRef:
        """Keep (or bring up to date) where the bot may post unasked; committed.

        Raises InvalidValue for a value the store refuses (see knowledge.records.conversations)."""
        values = {
            "platform": platform,
            "conversation_id": conversation_id,
            "service_url": service_url,
            "tenant_id": tenant_id,
            "kind": kind,
            "title": title,
            "user_id": user_id,
            "bot_id": bot_id,
        }
        with self._session() as session:
            try:
                conversation = conversations.save_conversation(session, **values)
                session.commit()
            except IntegrityError:
                # Another process saved the same new conversation at once (an installation
                # event and a first message): its row is committed now, so update that.
                session.rollback()
                conversation = conversations.save_conversation(session, **values)
                session.commit()
            session.refresh(conversation)
            session.expunge(conversation)
            return conversation

    def get_conversation(self, platform: str, conversation_id: str) -> ConversationRef | None:
        """The conversation, or None when the bot was never told of it or was removed."""
        with self._session() as session:
            conversation = conversations.get_conversation(session, platform, conversation_id)
            if conversation is not None:
                session.expunge(conversation)
            return conversation

    def has_conversation(self, platform: str, conversation_id: str) -> bool:
        """Whether the bot may post there unasked (a schedule's channel check)."""
        return self.get_conversation(platform, conversation_id) is not None

    def remove_conversation(self, platform: str, conversation_id: str) -> bool:
        """Forget the conversation (the bot was uninstalled); False when it was not known."""
        with self._session() as session:
            removed = conversations.remove_conversation(session, platform, conversation_id)
            session.commit()
            return removed

    # -- conversation contexts ----------------------------------------------------------

    def get_context(self, platform: str, key: str, max_age: timedelta) -> TurnContext | None:
        """What the conversation's last answered turn left, if younger than `max_age`."""
        with self._session() as session:
            return contexts.get_context(session, platform, key, max_age)

    def has_context(self, platform: str, key: str, max_age: timedelta) -> bool:
        """Whether the bot answered in the conversation within `max_age`."""
        with self._session() as session:
            return contexts.has_context(session, platform, key, max_age)

    def save_context(self, platform: str, key: str, context: TurnContext) -> None:
        """Keep what this turn leaves for the next; committed. Raises InvalidValue for a key
        the store cannot keep."""
        with self._session() as session:
            try:
                contexts.save_context(session, platform, key, context)
                session.commit()
            except IntegrityError:
                # Two turns of a new conversation at once, in two processes: the later wins.
                session.rollback()
                contexts.save_context(session, platform, key, context)
                session.commit()
