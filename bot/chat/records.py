"""What chat adapters write to the store: work claimed once, votes, evidence from use, declined
questions, chats."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlmodel import Session, select

from bot.text_render import render_answer_text
from knowledge.answering import Answer, AnswerService, TurnContext
from knowledge.errors import StoreUnavailable
from knowledge.records import (
    CLAIM_RETENTION,
    claim_event,
    contexts,
    conversations,
    create_declined,
    create_evidence,
    create_feedback,
    delete_claim,
    delete_claims_before,
    evidence,
)
from knowledge.store import (
    STORE_CALL_TIMEOUT_S,
    ConversationRef,
    Subscription,
    deadline,
    to_store_unavailable,
    utc_now,
)
from knowledge.store.models import Snooze
from scheduler.errors import SubscriptionNotFound
from scheduler.schedules import to_zone
from scheduler.snoozes import create_snooze

logger = logging.getLogger(__name__)

# Each process forgets claims older than CLAIM_RETENTION at most this often (seconds).
PRUNE_INTERVAL = 600.0


@dataclass(frozen=True)
class Snoozed:
    """A stored snooze as the chat says it: when it comes back (local time, in the
    subscription's zone `tz`), in the reminder's language; `channel` "" when the person has
    no DM with the bot to send it to (Teams: they never opened a chat with it)."""

    due_text: str
    tz: str
    lang: str
    channel: str


def to_snooze_value(value: str) -> int | None:
    """The subscription id a "remind me later" button carries; None if it is not ours."""
    text = value.strip()
    return int(text) if text.isdigit() and 0 < len(text) <= 12 else None


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
        """Store the vote; an answer voted helpful that came from one record is also
        evidence that the question means that record (a declined question never is)."""
        with self._session() as session:
            if helpful and answer.answered and answer.record is not None:
                create_evidence(
                    session,
                    question=question,
                    lang=answer.lang,
                    record=answer.record,
                    kind=evidence.HELPFUL,
                    platform=platform,
                    user_id=user_id,
                )
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

    def create_click_evidence(
        self, *, platform: str, user_id: str, question: str, lang: str, record: str
    ) -> None:
        """A "did you mean" suggestion standing for `record` was clicked after `question`."""
        with self._session() as session:
            create_evidence(
                session,
                question=question,
                lang=lang,
                record=record,
                kind=evidence.SUGGESTION,
                platform=platform,
                user_id=user_id,
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

    def create_snooze(
        self, *, platform: str, user_id: str, subscription_id: int, when: str, source: str
    ) -> Snoozed | None:
        """Stores the person's snooze of a reminder (see scheduler.snoozes); None when the
        subscription is gone. The DM goes to the Slack user id, or to the person's personal
        chat with the bot on Teams. A double click stores it once."""
        with self._session() as session:
            subscription = session.get(Subscription, subscription_id)
            if subscription is None or subscription.removed_at is not None:
                return None
            channel = user_id
            if platform != "slack":
                personal = conversations.find_personal(session, platform, user_id)
                if personal is None:
                    return Snoozed("", subscription.tz, subscription.lang, "")
                channel = personal.conversation_id
            try:
                snooze = create_snooze(
                    session,
                    platform=platform,
                    user_id=user_id,
                    channel=channel,
                    subscription_id=subscription_id,
                    source=source,
                    when=when,
                )
                session.commit()
            except IntegrityError:  # the same click, a moment earlier, in another process
                session.rollback()
                snooze = session.exec(
                    select(Snooze).where(
                        Snooze.platform == platform,
                        Snooze.user_id == user_id,
                        Snooze.source == source[:120],
                    )
                ).one()
            except SubscriptionNotFound:
                return None
            local = snooze.due_at.astimezone(to_zone(subscription.tz))
            return Snoozed(
                local.strftime("%Y-%m-%d %H:%M"), subscription.tz, subscription.lang, channel
            )

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
