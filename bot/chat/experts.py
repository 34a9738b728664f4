"""Ask an expert: a question the bot could not answer goes to a person, and back to its asker.

Platform-neutral, like the chat flow: plain values in (a question, user ids, channel ids, a
question's id), plain results out (a `Ticket`, the question as the experts' card shows it,
or a `Told`, a sentence for one person); store calls run off the event loop, and a store
that cannot be reached is a `Told` too. The chat adapters post the card, open the answer
form and deliver the answer; whether a person is a member of the experts' channel is the
platform's to say, through the `MemberCheck` an adapter passes in.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from bot.kb.dispatcher import KbService
from bot.kb.replies import KbReply
from bot.text_render import render_answer_text
from knowledge.answering import AnswerService, detect_lang, detect_script
from knowledge.editing import Actor, expert_channels, expert_questions
from knowledge.errors import InvalidValue, RecordChanged, StoreUnavailable, UnknownCode
from knowledge.store import STORE_CALL_TIMEOUT_S, deadline, models, to_store_unavailable

logger = logging.getLogger(__name__)

# (channel, user id) → whether the user is a member of that channel; None: cannot tell.
MemberCheck = Callable[[str, str], Awaitable[bool | None]]


@dataclass(frozen=True)
class Ticket:
    """A question handed to the experts, as its card and its answer show it. User ids are the
    platform's own (no "platform:" prefix)."""

    id: int
    platform: str
    asker_id: str
    question: str
    lang: str
    script: str
    bot_answer: str
    reason: str  # "declined" | "not_helpful"
    scope: str  # "all" or a priority or enabler code
    origin_channel: str  # "" when the asker is answered in a direct message
    origin_thread: str
    expert_channel: str
    card_id: str
    status: str  # "open" | "claimed" | "answered"
    claimed_by: str = ""
    answer: str = ""
    answered_by: str = ""
    faq_key: str = ""


@dataclass(frozen=True)
class Told:
    """A sentence for the one person who acted: `key` names it (each platform has a
    template), in `lang` and `script`, with `parts` (plain values, escaped by the adapter)."""

    key: str
    lang: str
    script: str = ""
    parts: dict[str, Any] = field(default_factory=dict)


def _user(audit_text: str) -> str:
    return Actor.from_audit(audit_text).user_id if audit_text else ""


def to_ticket(row: models.ExpertQuestion) -> Ticket:
    assert row.id is not None
    return Ticket(
        id=row.id,
        platform=row.platform,
        asker_id=row.asker_id,
        question=row.question,
        lang=row.lang,
        script=row.script,
        bot_answer=row.bot_answer,
        reason=row.reason,
        scope=row.scope,
        origin_channel=row.origin_channel,
        origin_thread=row.origin_thread,
        expert_channel=row.expert_channel,
        card_id=row.card_id,
        status=row.status,
        claimed_by=_user(row.claimed_by),
        answer=row.answer,
        answered_by=_user(row.answered_by),
        faq_key=row.faq_key,
    )


def read_ticket_id(value: str) -> int | None:
    """A question's id as a button carries it; None when the value is not ours."""
    value = value.strip()
    return int(value) if value.isdigit() and 0 < len(value) <= 12 else None


def to_untranslated_fields(question: str, answer: str) -> list[str]:
    """The FAQ fields an entry made from an expert's answer holds untranslated: the
    question and the answer are each written in one language (detect_lang), and copied as
    written into the other's fields too (an FAQ entry needs both), which `/kb faq edit`
    should then translate."""
    fields = []
    for name, text in (("question", question), ("answer", answer)):
        other = "en" if detect_lang(text) == "zh" else "zh"
        fields.append(f"{name}_{other}")
    return fields


def _told_from_invalid(exc: InvalidValue, lang: str, script: str) -> Told:
    """The refusals of the questions' rules, as sentences."""
    if exc.reason_key in ("already_claimed", "already_answered"):
        return Told(f"expert_{exc.reason_key}", lang, script, {"user": _user(str(exc.value))})
    if exc.reason_key in ("empty", "too_long"):
        return Told("expert_answer_invalid", lang, script, {"reason_key": exc.reason_key})
    return Told("expert_not_possible", lang, script)


class ExpertDesk:
    """The "ask an expert" flows; the answer service, the store and the `/kb` commands (for
    the edit that makes an answer an FAQ entry) are passed in."""

    def __init__(
        self,
        service: AnswerService,
        db_engine: Engine,
        kb: KbService,
        call_timeout: float = STORE_CALL_TIMEOUT_S,
    ) -> None:
        self.service = service
        self.db_engine = db_engine
        self.kb = kb
        self.call_timeout = call_timeout

    @contextmanager
    def _session(self) -> Iterator[Session]:
        try:
            with (
                deadline(self.db_engine, self.call_timeout),
                Session(self.db_engine, expire_on_commit=False) as session,
            ):
                yield session
        except SQLAlchemyError as exc:
            raise to_store_unavailable(self.db_engine, exc) from exc

    async def _call(
        self, lang: str, script: str, work: Callable[[], Ticket | Told]
    ) -> Ticket | Told:
        try:
            return await asyncio.to_thread(work)
        except StoreUnavailable as exc:
            logger.warning("store unavailable: %s", exc.reason)
            return Told("unavailable", lang, script)

    # -- the asker ------------------------------------------------------------------------

    async def ask_expert(
        self,
        *,
        platform: str,
        user_id: str,
        question: str,
        reason: str,
        origin_channel: str = "",
        origin_thread: str = "",
    ) -> Ticket | Told:
        """The question goes to the experts' channel of its scope (the subject the engine
        names; else the default channel), kept as open; `Told` "expert_no_channel" when the
        platform has no experts' channel for it (nothing is kept: the asker is told so)."""
        lang, script = detect_lang(question), detect_script(question)

        def work() -> Ticket | Told:
            answer = self.service.answer(question)
            scope = expert_questions.to_answer_scope(answer) or expert_channels.SCOPE_ALL
            with self._session() as session:
                channel = expert_channels.find_expert_channel(session, platform, scope)
                if channel is None:
                    logger.info("ask an expert: no experts' channel for %s on %s", scope, platform)
                    return Told("expert_no_channel", answer.lang, answer.script)
                row = expert_questions.create_expert_question(
                    session,
                    platform=platform,
                    asker_id=user_id,
                    question=question,
                    lang=answer.lang,
                    script=answer.script,
                    bot_answer=render_answer_text(answer),
                    reason=reason,
                    scope=scope,
                    expert_channel=channel.channel,
                    origin_channel=origin_channel,
                    origin_thread=origin_thread,
                )
                session.commit()
                return to_ticket(row)

        return await self._call(lang, script, work)

    async def set_card(self, ticket: Ticket, card_id: str) -> Ticket:
        """The card's message id in the experts' channel (to update it later); the ticket as
        it was when the store cannot be written (the card then stays as posted)."""

        def work() -> Ticket:
            with self._session() as session:
                row = expert_questions.set_card(session, ticket.id, card_id)
                session.commit()
                return to_ticket(row)

        try:
            return await asyncio.to_thread(work)
        except StoreUnavailable as exc:
            logger.warning("store unavailable, card id not kept: %s", exc.reason)
            return ticket

    async def get_ticket(self, ticket_id: int) -> Ticket | None:
        """The question; None when it is unknown or the store cannot be reached."""

        def work() -> Ticket:
            with self._session() as session:
                return to_ticket(expert_questions.get_expert_question(session, ticket_id))

        try:
            return await asyncio.to_thread(work)
        except (UnknownCode, StoreUnavailable) as exc:
            logger.info("expert question %s not read: %s", ticket_id, type(exc).__name__)
            return None

    # -- the experts ----------------------------------------------------------------------

    async def _check_member(
        self, ticket: Ticket, user_id: str, is_member: MemberCheck
    ) -> Told | None:
        """None when `user_id` is a member of the question's experts' channel."""
        member = await is_member(ticket.expert_channel, user_id)
        if member:
            return None
        logger.info("expert action refused: not a member of the experts' channel (%s)", member)
        return Told("expert_not_member", ticket.lang, ticket.script)

    async def _get_member_ticket(
        self, ticket_id: int, user_id: str, is_member: MemberCheck
    ) -> Ticket | Told:
        """The question, if it exists and `user_id` is a member of its experts' channel; else
        what to tell them."""
        ticket = await self.get_ticket(ticket_id)
        if ticket is None:
            return Told("expert_not_possible", "en")
        refused = await self._check_member(ticket, user_id, is_member)
        return ticket if refused is None else refused

    async def claim(
        self, *, platform: str, ticket_id: int, user_id: str, is_member: MemberCheck
    ) -> Ticket | Told:
        """A member of the experts' channel takes the question on."""
        ticket = await self._get_member_ticket(ticket_id, user_id, is_member)
        if isinstance(ticket, Told):
            return ticket
        expert = Actor(platform, user_id).to_audit()

        def work() -> Ticket | Told:
            with self._session() as session:
                try:
                    row = expert_questions.claim_expert_question(session, ticket_id, expert)
                except InvalidValue as exc:
                    return _told_from_invalid(exc, ticket.lang, ticket.script)
                except RecordChanged:
                    return Told("expert_not_possible", ticket.lang, ticket.script)
                session.commit()
                return to_ticket(row)

        return await self._call(ticket.lang, ticket.script, work)

    async def can_answer(
        self, ticket_id: int, user_id: str, is_member: MemberCheck
    ) -> Ticket | Told:
        """Whether `user_id` may open the answer form: a member of the experts' channel, the
        question not answered yet, and not claimed by another member."""
        ticket = await self._get_member_ticket(ticket_id, user_id, is_member)
        if isinstance(ticket, Told):
            return ticket
        if ticket.status == expert_questions.ANSWERED:
            return Told(
                "expert_already_answered", ticket.lang, ticket.script, {"user": ticket.answered_by}
            )
        if ticket.status == expert_questions.CLAIMED and ticket.claimed_by not in ("", user_id):
            return Told(
                "expert_already_claimed", ticket.lang, ticket.script, {"user": ticket.claimed_by}
            )
        return ticket

    async def answer(
        self, *, platform: str, ticket_id: int, user_id: str, text: str, is_member: MemberCheck
    ) -> Ticket | Told:
        """A member's answer: kept, the question answered; the adapter then delivers it to
        the asker, marked as answered by `user_id`."""
        ticket = await self._get_member_ticket(ticket_id, user_id, is_member)
        if isinstance(ticket, Told):
            return ticket
        expert = Actor(platform, user_id).to_audit()

        def work() -> Ticket | Told:
            with self._session() as session:
                try:
                    row = expert_questions.answer_expert_question(session, ticket_id, expert, text)
                except InvalidValue as exc:
                    return _told_from_invalid(exc, ticket.lang, ticket.script)
                except RecordChanged:
                    return Told("expert_not_possible", ticket.lang, ticket.script)
                session.commit()
                return to_ticket(row)

        return await self._call(ticket.lang, ticket.script, work)

    async def make_faq(
        self, *, platform: str, ticket_id: int, user_id: str, lang: str
    ) -> tuple[KbReply | None, Ticket | None]:
        """The question and its answer as an FAQ entry, through `/kb faq add`'s edit: the
        reply (None: the store is unavailable) and the question as it is now."""
        actor = Actor(platform, user_id)

        def edit(session: Session, perms: Any) -> models.AuditEntry:
            return expert_questions.add_faq_from_answer(session, perms, ticket_id)

        ticket = await self.get_ticket(ticket_id)
        note = None
        if ticket is not None:
            note = {"translate": to_untranslated_fields(ticket.question, ticket.answer)}
        reply = await self.kb.run_for_edit(actor, lang, "faq.add", edit, note)
        return reply, await self.get_ticket(ticket_id)
